#!/usr/bin/env python3
"""Aggregates a speedscope file (from `dotnet-trace convert --format Speedscope`) into inclusive/self time per frame.

usage: speedscope_top.py FILE.speedscope.json [--under SUBSTRING] [--top N] [--filter SUBSTRING]
  --under   only count time in stacks that contain a frame matching SUBSTRING (e.g. DifferentiableGenerator or
            MethodAnalyzer.Analyze); percentages are of that time
  --filter  only print frames matching SUBSTRING
  --callers print the frames that call the innermost frame matching SUBSTRING, by time
  --callees print the frames that the innermost frame matching SUBSTRING calls, by time
  --cpu     only count time whose innermost frame is CPU_TIME (dotnet-sampled-thread-time marks a running thread so),
            over all threads: leaves out threads blocked in waits, e.g. the compiler's main thread waiting for workers"""
import json
import sys
from collections import defaultdict

args = sys.argv[1:]
path = args[0]
under = None
top = 60
filt = None
callers_of = None
callees_of = None
cpu_only = False
i = 1
while i < len(args):
    if args[i] == "--under": under = args[i + 1]; i += 2
    elif args[i] == "--top": top = int(args[i + 1]); i += 2
    elif args[i] == "--filter": filt = args[i + 1]; i += 2
    elif args[i] == "--callers": callers_of = args[i + 1]; i += 2
    elif args[i] == "--callees": callees_of = args[i + 1]; i += 2
    elif args[i] == "--cpu": cpu_only = True; i += 1
    else: raise SystemExit("unknown argument " + args[i])

data = json.load(open(path))
frames = [f["name"] for f in data["shared"]["frames"]]
inclusive = defaultdict(float)
self_time = defaultdict(float)
callers = defaultdict(float)
callees = defaultdict(float)
total = 0.0
for profile in data["profiles"]:
    stack = []
    last = None
    for ev in profile["events"]:
        t = ev["at"]
        if last is not None and stack and t > last:
            dt = t - last
            names = [frames[f] for f in stack]
            if (under is None or any(under in n for n in names)) and (not cpu_only or names[-1] == "CPU_TIME"):
                total += dt
                for n in set(names):
                    inclusive[n] += dt
                self_time[names[-1]] += dt
                if callees_of is not None:
                    for k in range(len(names) - 1, -1, -1):
                        if callees_of in names[k]:
                            callees[names[k + 1] if k + 1 < len(names) else "(self)"] += dt
                            break
                if callers_of is not None:
                    for k in range(len(names) - 1, 0, -1):
                        if callers_of in names[k]:
                            callers[names[k - 1]] += dt
                            break
        last = t
        if ev["type"] == "O":
            stack.append(ev["frame"])
        else:
            # close the matching frame (speedscope events are well nested)
            if stack and stack[-1] == ev["frame"]:
                stack.pop()
            elif ev["frame"] in stack:
                del stack[len(stack) - 1 - stack[::-1].index(ev["frame"])]

unit = data["profiles"][0].get("unit", "?")
print(f"total {total:.1f} {unit}" + (f" in stacks under '{under}'" if under else ""))
print("--- inclusive")
for n, v in sorted(inclusive.items(), key=lambda kv: -kv[1])[:top]:
    if filt is None or filt in n:
        print(f"{v:10.1f} {100 * v / total:5.1f}%  {n[:200]}")
print("--- self")
for n, v in sorted(self_time.items(), key=lambda kv: -kv[1])[:top]:
    if filt is None or filt in n:
        print(f"{v:10.1f} {100 * v / total:5.1f}%  {n[:200]}")
if callers_of is not None:
    print(f"--- callers of '{callers_of}' (innermost match)")
    for n, v in sorted(callers.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{v:10.1f} {100 * v / total:5.1f}%  {n[:200]}")
if callees_of is not None:
    print(f"--- callees of '{callees_of}' (innermost match)")
    for n, v in sorted(callees.items(), key=lambda kv: -kv[1])[:top]:
        print(f"{v:10.1f} {100 * v / total:5.1f}%  {n[:200]}")
