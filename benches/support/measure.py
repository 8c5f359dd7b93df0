#!/usr/bin/env python3
"""Median wall seconds and largest peak RSS (KiB) of RUNS runs of a command,
printed as "WALL PEAK"; PREPARE (a shell command, or "") runs before each run,
untimed. The command's output is discarded; a failing run stops with its
command line. Shared by benches/build-vs-mdbook.sh and benches/scaling.sh.

    measure.py RUNS PREPARE CMD [ARG...]
"""
import os, subprocess, sys, time

runs, prepare, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
times, peak = [], 0
for _ in range(runs):
    if prepare:
        subprocess.run(prepare, shell=True, check=True)
    t = time.perf_counter()
    pid = os.fork()
    if pid == 0:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, 1); os.dup2(devnull, 2)
        os.execvp(cmd[0], cmd)
    _, status, ru = os.wait4(pid, 0)
    times.append(time.perf_counter() - t)
    peak = max(peak, ru.ru_maxrss)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(cmd)}")
times.sort()
print(times[len(times) // 2], peak)
