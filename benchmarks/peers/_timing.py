"""Shared timing helper for the peer scripts: warm up, then the median and the best of many timed calls."""
import time


def measure(fn, warmup_s=0.5, run_s=2.0, min_runs=20):
    """Returns (median_seconds, best_seconds) of fn() over about run_s seconds after warmup_s of warm-up."""
    t_end = time.perf_counter() + warmup_s
    while time.perf_counter() < t_end:
        fn()
    times = []
    t_end = time.perf_counter() + run_s
    while time.perf_counter() < t_end or len(times) < min_runs:
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    times.sort()
    return times[len(times) // 2], times[0]
