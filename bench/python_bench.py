#!/usr/bin/env python3
"""Pages per second of winnow.extract() from Python, on one thread and on a
thread pool (the module releases the GIL, so a pool should scale with cores).

    cmake -S . -B build -DWINNOW_PYTHON=ON && cmake --build build -j2
    python3 bench/python_bench.py [--pages DIR] [--runs 5] [--threads 2,4]

Pages are read into memory first (as bytes, the way a scraper holds them), so
only extraction and building the result dict are timed. Every figure is the
median of --runs runs over all pages, with the min and max beside it;
cpu/wall is the process's CPU time over wall time (about 1 on one thread,
up to the pool size when threads run in parallel and cores are free), and
pages/cpu-s the pages done per CPU second, which a busy machine disturbs
less than wall-clock rates.
"""

import argparse
import collections
import concurrent.futures
import os
import statistics
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def parse_args():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--pages", default=os.path.join(ROOT, "..", "shared", "bench", "scrapinghub", "html"),
                   help="directory of pages (default: the scrapinghub benchmark HTML)")
    p.add_argument("--module-dir", default=os.path.join(ROOT, "build", "python"),
                   help="directory holding the built winnow module (default: build/python)")
    p.add_argument("--runs", type=int, default=5, help="timed runs per setting (default 5)")
    p.add_argument("--threads", default=None,
                   help="comma-separated pool sizes (default: the number of cores, and twice that)")
    p.add_argument("--favor", default="balanced", choices=["balanced", "precision", "recall"])
    return p.parse_args()


def load_pages(directory):
    names = sorted(n for n in os.listdir(directory) if not n.startswith("."))
    pages = []
    for name in names:
        with open(os.path.join(directory, name), "rb") as f:
            pages.append(f.read())
    return pages


def timed_runs(runs, work):
    """Wall seconds of each run, and the process's CPU seconds per wall
    second over all runs (above 1 only when threads really run at once)."""
    seconds = []
    cpu_start = time.process_time()
    for _ in range(runs):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return seconds, (time.process_time() - cpu_start) / sum(seconds)


def report(label, pages, total_bytes, timing, baseline=None):
    seconds, cpu_per_wall = timing
    rates = sorted(len(pages) / s for s in seconds)
    median = statistics.median(rates)
    mb_s = median * total_bytes / len(pages) / 1e6
    # Pages per CPU second: what one core does, even when the machine is busy.
    per_cpu = len(pages) * len(seconds) / (sum(seconds) * cpu_per_wall)
    line = "%-20s %8.1f pages/s  (min %.1f, max %.1f)  %6.1f MB/s  cpu/wall %.2f  %.1f pages/cpu-s" % (
        label, median, rates[0], rates[-1], mb_s, cpu_per_wall, per_cpu)
    if baseline:
        line += "  x%.2f vs 1 thread" % (median / baseline)
    print(line)
    return median


def main():
    args = parse_args()
    sys.path.insert(0, args.module_dir)
    import winnow  # noqa: E402  (found through --module-dir)

    if not os.path.isdir(args.pages):
        sys.exit("no pages at %s (give --pages DIR)" % args.pages)
    pages = load_pages(args.pages)
    if not pages:
        sys.exit("no pages in %s" % args.pages)
    total_bytes = sum(len(p) for p in pages)
    cores = os.cpu_count() or 1
    pool_sizes = ([int(t) for t in args.threads.split(",")] if args.threads
                  else sorted({cores, 2 * cores}))

    def extract(page):
        return winnow.extract(page, favor=args.favor)

    statuses = collections.Counter(extract(p)["status"] for p in pages)  # also warms up
    print("winnow %s, %d pages, %.1f MB, %d cores, favor=%s, %d runs each" % (
        winnow.__version__, len(pages), total_bytes / 1e6, cores, args.favor, args.runs))
    print("statuses: " + ", ".join("%s %d" % kv for kv in sorted(statuses.items())))
    if statuses.get("ok", 0) < len(pages):
        print("note: pages not ok were refused early and cost little; the figures "
              "measure only what this build does with them")

    def sequential():
        for p in pages:
            extract(p)

    one = report("1 thread", pages, total_bytes, timed_runs(args.runs, sequential))
    for size in pool_sizes:
        with concurrent.futures.ThreadPoolExecutor(max_workers=size) as pool:
            def pooled():
                for _ in pool.map(extract, pages):
                    pass
            report("pool of %d threads" % size, pages, total_bytes,
                   timed_runs(args.runs, pooled), baseline=one)


if __name__ == "__main__":
    main()
