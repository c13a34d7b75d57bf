#!/usr/bin/env bash
# Install the Debian packages winnow needs to build and test, skipping those
# already present. Needs root (or sudo) on Debian 12 or newer.
set -euo pipefail

packages=(
  cmake make g++ pkg-config python3
  libgumbo-dev libutf8proc-dev libcli11-dev
  libgtest-dev libbenchmark-dev
  clang-14 libclang-rt-14-dev
  zlib1g-dev unicode-data bzip2 nlohmann-json3-dev
  libsimdjson-dev parallel time gzip
)

# The Python module (-DWINNOW_PYTHON=ON, which scripts/test.sh sets).
packages+=(python3-dev python3-pybind11 pybind11-dev)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}" >&2
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
