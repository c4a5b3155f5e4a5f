#!/usr/bin/env python3
"""Sums a libtorch / PyTorch profiler Chrome trace by operator: self time (time in the operator minus
the operators it called), total time and call count, largest self time first.
Usage: profile-summary.py TRACE.json [STEPS] [TOP]   (STEPS divides the times: per-step figures)"""
import collections, json, sys


def main():
    path = sys.argv[1]
    steps = float(sys.argv[2]) if len(sys.argv) > 2 else 1.0
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    with open(path) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    ops = [e for e in events if e.get("ph") == "X" and "dur" in e]
    # Self time: an event's duration minus its direct children's on the same thread.
    by_thread = collections.defaultdict(list)
    for e in ops:
        by_thread[(e.get("pid"), e.get("tid"))].append(e)
    self_time = collections.Counter()
    total = collections.Counter()
    calls = collections.Counter()
    for evs in by_thread.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []
        for e in evs:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and float(stack[-1]["ts"]) + float(stack[-1]["dur"]) <= start:
                stack.pop()
            if stack:
                self_time[stack[-1]["name"]] -= dur
            self_time[e["name"]] += dur
            total[e["name"]] += dur
            calls[e["name"]] += 1
            stack.append(e)
    whole = sum(self_time.values())
    print(f"{'operator':48s} {'self ms':>10s} {'share':>6s} {'total ms':>10s} {'calls':>7s}   (per step, {steps:g} steps)")
    for name, t in self_time.most_common(top):
        print(f"{name[:48]:48s} {t / 1000 / steps:10.1f} {t / whole:6.1%} {total[name] / 1000 / steps:10.1f} {calls[name] / steps:7.0f}")
    print(f"{'all operators (self)':48s} {whole / 1000 / steps:10.1f}")


if __name__ == "__main__":
    main()
