#!/usr/bin/env bash
# Time the CLI on each hostile input (generated here) and compare its CPU time
# per MB with that of normal pages: the robustness target is within 10x.
# Also shows peak RSS and the exit status (1 = refused with a message).
#
#   bench/hostile.sh [NORMAL_HTML_DIR]
#
# NORMAL_HTML_DIR (default ../shared/bench/scrapinghub/html, if present)
# holds normal web pages for the HTML baseline; samples/ is the text one.
# Needs build/winnow (scripts/setup.sh). RUNS=N sets runs per input (median
# reported, default 5). Results are CPU time (user+sys), so a busy machine
# matters less than for wall time.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${WINNOW:-build/winnow}
[ -x "$bin" ] || { echo "build $bin first (scripts/setup.sh)" >&2; exit 1; }
html_dir=${1:-../shared/bench/scrapinghub/html}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The inputs are written by one process and timed from another, whose own
# small footprint is all that a child's peak RSS can inherit from it.
python3 - "$work" <<'PY'
import os, sys

work = sys.argv[1]
MB = 1024 * 1024
sentence = b"The council met on Tuesday to discuss the new budget. "

def fill(unit, size, head=b"", tail=b""):
    return head + unit * max(1, (size - len(head) - len(tail)) // len(unit)) + tail

inputs = {  # name -> (bytes, mode)
    "nested-divs-100k": (b"<div>" * 100000 + b"<p>" + sentence + b"</p>" + b"</div>" * 100000, "html"),
    "unclosed-a-100k": (b"<p>" + sentence + b"</p>" + b'<a href="/x">x ' * 100000, "html"),
    "unclosed-b-100k": (b"<p>" + sentence + b"</p>" + b"<b>x " * 100000, "html"),
    "unclosed-table-100k": (b"<p>" + sentence + b"</p>" + b"<table>x " * 100000, "html"),
    "unclosed-mixed-100k": (b"<p>" + sentence + b"</p>" + b"<a><b><table><td>x " * 100000, "html"),
    "line-50mb": (fill(sentence, 50 * MB, tail=b"\n"), "text"),
    "attribute-10mb": (b'<html><body><p title="' + b"a" * (10 * MB) + b'">' + sentence + b"</p></body></html>", "html"),
    "nul-bytes-5mb": (fill(sentence * 3 + b"\0", 5 * MB), "text"),
    "invalid-utf8-5mb": (fill(b"ok \xc0\xaf \xed\xa0\x80 \xf4\x90\x80\x80 \xe2\x82 \xf0\x9f\x98 \xff\xfe \x80\n", 5 * MB), "text"),
    "utf16-no-bom-5mb": (fill(("<p>" + sentence.decode() + "</p>\n").encode("utf-16-le"), 5 * MB), "auto"),
    "png-5mb": (fill(b"\x7f\x00\x13", 5 * MB, head=b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), "auto"),
    "gzip-5mb": (fill(b"\xcbH\xcd\xc9\xc9\x07\x00", 5 * MB, head=b"\x1f\x8b\x08\0\0\0\0\0\0\x03"), "auto"),
    "empty": (b"", "auto"),
    "only-script-5mb": (fill(b"var x = '<p>not text</p>';\n", 5 * MB, head=b"<html><head><script>", tail=b"</script></head><body></body></html>"), "html"),
    "svg-template-5mb": (fill(b"<svg><template><p>x</p>", 5 * MB, head=b"<p>" + sentence + b"</p>"), "html"),
    "colspan-5mb": (fill(b'<tr><td colspan="9007199254740991">cell</td></tr>', 5 * MB, head=b"<table>", tail=b"</table>"), "html"),
}
for i, (name, (data, mode)) in enumerate(inputs.items()):
    with open(os.path.join(work, f"{i:02d}.{mode}.{name}"), "wb") as f:
        f.write(data)
PY

python3 - "$bin" "$work" "$html_dir" "${RUNS:-5}" <<'PY'
import glob, os, statistics, subprocess, sys

binary, work, html_dir, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
MB = 1024 * 1024

def run(args):
    """Median CPU seconds of `runs` runs, peak RSS MiB, exit status."""
    times, rss, code = [], 0, 0
    for _ in range(runs):
        p = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        times.append(usage.ru_utime + usage.ru_stime)
        rss, code = max(rss, usage.ru_maxrss / 1024), os.waitstatus_to_exitcode(status)
    return statistics.median(times), rss, code

def baseline(name, files, mode):
    size = sum(os.path.getsize(f) for f in files)
    t, _, _ = run([binary, "--mode", mode, "-o", os.path.join(work, "out-" + name)] + files)
    return t / (size / MB), size

normal = {}
texts = sorted(glob.glob("samples/*.txt")) * 40  # one process, startup amortized
normal["text"], text_size = baseline("text", texts, "text")
pages = sorted(glob.glob(os.path.join(html_dir, "*.html")))
if pages:
    normal["html"], html_size = baseline("html", pages, "html")
print(f"normal text: {normal['text']:.3f} CPU s/MB ({text_size / MB:.1f} MB of samples/)")
if "html" in normal:
    print(f"normal HTML: {normal['html']:.3f} CPU s/MB ({len(pages)} pages, {html_size / MB:.1f} MB)")
print()
print(f"| input | MB | CPU s (median of {runs}) | s/MB | x normal | peak RSS MiB | exit |")
print("|---|---:|---:|---:|---:|---:|---:|")
worst = (0, "")
for path in sorted(glob.glob(os.path.join(work, "[0-9]*"))):
    _, mode, name = os.path.basename(path).split(".", 2)
    t, rss, code = run([binary, "--mode", mode, path])
    mb = os.path.getsize(path) / MB
    per_mb = t / mb if mb else float("nan")
    ref = normal.get("text" if mode == "text" else "html", normal["text"])
    ratio = per_mb / ref if mb else float("nan")
    if mb >= 1 and ratio > worst[0]:
        worst = (ratio, name)
    print(f"| {name} | {mb:.1f} | {t:.3f} | {per_mb:.3f} | {ratio:.1f} | {rss:.0f} | {code} |")
print()
print(f"worst: {worst[1]} at {worst[0]:.1f}x the normal time per MB")
PY
