#!/usr/bin/env python3
"""Summarizes alternating A/B runs: lines 'round config requests/s p50 p99' (wrk's units) on stdin.

Prints a Markdown table: per configuration the median and range of throughput, p50 and p99, and the median
over rounds of each round's ratio to the baseline (the first configuration), which cancels slow drifts of a
shared machine better than a ratio of medians."""
import statistics
import sys


def ms(v):
    if v.endswith("us"):
        return float(v[:-2]) / 1000
    if v.endswith("ms"):
        return float(v[:-2])
    if v.endswith("s"):
        return float(v[:-1]) * 1000
    return float(v)


rows = [line.split() for line in sys.stdin if line.strip() and not line.startswith("#")]
order = []
data = {}
for r, name, rps, p50, p99 in rows:
    if name not in data:
        order.append(name)
        data[name] = {}
    data[name][r] = (float(rps), ms(p50), ms(p99))
base = order[0]


def med(xs):
    return statistics.median(xs) if xs else float("nan")


print("| configuration | runs | requests/s, median (min–max) | ratio | p50 | p50 ratio | p99, median (min–max) | p99 ratio |")
print("|---|---|---|---|---|---|---|---|")
for name in order:
    runs = data[name]
    rps = [v[0] for v in runs.values()]
    p50 = [v[1] for v in runs.values()]
    p99 = [v[2] for v in runs.values()]
    common = [r for r in runs if r in data[base]]
    ratio = med([runs[r][0] / data[base][r][0] for r in common])
    r50 = med([runs[r][1] / data[base][r][1] for r in common])
    r99 = med([runs[r][2] / data[base][r][2] for r in common])
    print(f"| {name} | {len(runs)} | {med(rps):.0f} ({min(rps):.0f}–{max(rps):.0f}) | {ratio:.3f} | "
          f"{med(p50):.2f} ms | {r50:.2f} | {med(p99):.2f} ms ({min(p99):.2f}–{max(p99):.2f}) | {r99:.2f} |")
