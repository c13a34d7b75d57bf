#!/usr/bin/env bash
# Install winnow into a fresh prefix, then build and run small consumer
# programs against that prefix only: with find_package (shared and static
# library) and with pkg-config (a C and a C++ program).
#   run.sh BUILD_DIR WORK_DIR LIBDIR VERSION CC CXX
set -euo pipefail
build=$1 work=$2 libdir=$3 version=$4 cc=$5 cxx=$6
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$work"
prefix=$work/prefix
cmake --install "$build" --prefix "$prefix" >/dev/null

expect_version() {  # program...
  local out
  out=$("$@")
  if [ "$out" != "$version" ]; then
    echo "FAIL: $* printed '$out', expected '$version'" >&2
    exit 1
  fi
  echo "ok: $*"
}

echo "== find_package(winnow)"
cmake -S "$here/cmake" -B "$work/cmake-build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$cxx" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/cmake-build" >/dev/null
expect_version "$work/cmake-build/consumer_shared"
expect_version "$work/cmake-build/consumer_static"
# The shared consumer must use the installed library, not the build tree's.
libs=$(ldd "$work/cmake-build/consumer_shared")
grep -F "$prefix/$libdir/libwinnow.so" <<<"$libs" >/dev/null || {
  echo "FAIL: consumer_shared does not load libwinnow from $prefix" >&2
  exit 1
}

echo "== pkg-config winnow"
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
pkg-config --exists --print-errors "winnow = $version"
rpath="-Wl,-rpath,$prefix/$libdir"
# shellcheck disable=SC2046
"$cc" -std=c11 -Wall -Werror -o "$work/consumer_c" "$here/consumer.c" $(pkg-config --cflags --libs winnow) "$rpath"
# shellcheck disable=SC2046
"$cxx" -std=c++20 -Wall -Werror -o "$work/consumer_cpp" "$here/consumer.cpp" $(pkg-config --cflags --libs winnow) "$rpath"
expect_version "$work/consumer_c"
expect_version "$work/consumer_cpp"

echo "== the examples of docs/api.md"
examples=$work/doc-examples
mkdir -p "$examples"
python3 - "$here/../../docs/api.md" "$examples" <<'PY'
import os, re, sys
text = open(sys.argv[1], encoding="utf-8").read()
wanted = {"article.cpp", "CMakeLists.txt", "article.c", "article.py"}
for block in re.finditer(r"^```\w*\n(.*?)^```", text, re.S | re.M):
    body = block.group(1)
    name = re.match(r"\s*(?://|#|/\*)\s*file:\s*(\S+?)\s*(?:\*/)?\s*$", body.split("\n", 1)[0])
    if name:
        with open(os.path.join(sys.argv[2], name.group(1)), "w", encoding="utf-8") as f:
            f.write(body)
        wanted.discard(name.group(1))
if wanted:
    sys.exit("docs/api.md lacks the examples " + ", ".join(sorted(wanted)))
PY
page=$(ls "$here"/../../samples/*.txt | head -n 1)
expect_article() {  # program...
  local out
  out=$("$@" "$page" 2>"$work/stderr") || { cat "$work/stderr" >&2; echo "FAIL: $*" >&2; exit 1; }
  [ -n "$out" ] || { echo "FAIL: $* printed nothing" >&2; exit 1; }
  echo "ok: $*"
}
cmake -S "$examples" -B "$examples/build" -DCMAKE_PREFIX_PATH="$prefix" \
  -DCMAKE_CXX_COMPILER="$cxx" >/dev/null
cmake --build "$examples/build" >/dev/null
expect_article "$examples/build/article"
# shellcheck disable=SC2046
"$cc" -Wall -Werror -o "$examples/article_c" "$examples/article.c" $(pkg-config --cflags --libs winnow) "$rpath"
expect_article "$examples/article_c"
if [ -n "${WINNOW_PYTHON_SITE:-}" ]; then
  PYTHONPATH="$prefix/$WINNOW_PYTHON_SITE" expect_article "${WINNOW_PYTHON_EXECUTABLE:-python3}" "$examples/article.py"
fi
