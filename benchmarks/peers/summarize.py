"""Reads BenchmarkDotNet's CSV reports and the peer scripts' `name value` lines; prints the ratio table
that docs/performance.md quotes. Usage: summarize.py <bdn results dir> <peers output file>."""
import csv
import glob
import os
import re
import sys

results_dir, peers_file = sys.argv[1], sys.argv[2]
UNITS = {"ns": 1e-9, "us": 1e-6, "μs": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0}
SIZES = {"B": 1, "KB": 1024, "MB": 1024 ** 2, "GB": 1024 ** 3}


def seconds(text):
    m = re.match(r"([\d.,]+)\s*(\S+)", text.strip())
    return float(m.group(1).replace(",", "")) * UNITS[m.group(2)] if m else None


def size_bytes(text):
    if text.strip() == "-":
        return 0.0
    m = re.match(r"([\d.,]+)\s*(\S+)", text.strip())
    return float(m.group(1).replace(",", "")) * SIZES[m.group(2)] if m else None


rows = {}  # (class, method, threads) -> (mean_s, allocated_bytes)
for path in glob.glob(os.path.join(results_dir, "*-report.csv")):
    cls = os.path.basename(path).split("-report")[0].split(".")[-1]
    with open(path, newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            # The third key is the benchmark's parameter: Threads (kernels, step) or Instance (Gaussian mixture).
            key = (cls, r["Method"], r.get("Threads") or r.get("Instance") or "")
            rows[key] = (seconds(r["Mean"]), size_bytes(r.get("Allocated", "")))

peers = {}
with open(peers_file, encoding="utf-8") as f:
    for line in f:
        parts = line.split()
        if len(parts) == 2:
            try:
                peers[parts[0]] = float(parts[1])
            except ValueError:
                pass


def get(cls, method, threads=""):
    return rows.get((cls, method, threads), (None, None))


def fmt_t(s):
    if s is None:
        return "n/a"
    return f"{s * 1e9:.2f} ns" if s < 1e-6 else f"{s * 1e6:.2f} µs" if s < 1e-3 else f"{s * 1e3:.3f} ms"


def ratio(a, b):
    return f"{a / b:.3g}×" if a and b else "n/a"


def alloc(b):
    return "n/a" if b is None else f"{b:.0f} B"


print("\n## Scalar gradients (baseline: hand-written; goals: generated ≤ 1.1× hand-written, ≤ 3× primal, 0 B)\n")
print("| scenario | primal | hand-written | generated | central diff. | gen/hand | gen/primal | gen alloc | hand alloc |")
print("|---|---|---|---|---|---|---|---|---|")
for cls, name in [("NeuronBenchmarks", "sigmoid neuron"), ("RosenbrockBenchmarks", "Rosenbrock 2-D"),
                  ("Gates20Benchmarks", "20-gate expression"), ("HornerBenchmarks", "Horner, 64 coefficients")]:
    p, _ = get(cls, "Primal")
    h, ha = get(cls, "HandWritten")
    g, ga = get(cls, "Generated")
    c, _ = get(cls, "CentralDifferences")
    print(f"| {name} | {fmt_t(p)} | {fmt_t(h)} | {fmt_t(g)} | {fmt_t(c)} | {ratio(g, h)} | {ratio(g, p)} | {alloc(ga)} | {alloc(ha)} |")
if "torch_sigmoid_us" in peers:
    g, _ = get("NeuronBenchmarks", "Generated")
    t = peers["torch_sigmoid_us"] * 1e-6
    print(f"\nSigmoid neuron through PyTorch scalar autograd: {fmt_t(t)} per gradient; generated Backward is "
          f"{ratio(g, t)} of it ({t / g:.0f}× faster).\n" if g else "")

print("\n## Gaussian-mixture objective (ADBench's GMM, N = 1,000; goal: generated ≤ 1.3× hand-written)\n")
print("| instance | primal | hand-written | generated | gen/hand | gen/primal | hand/primal | gen alloc | hand alloc |")
print("|---|---|---|---|---|---|---|---|---|")
for instance in ["d2_K5", "d10_K25"]:
    p, _ = get("GaussianMixtureBenchmarks", "Primal", instance)
    h, ha = get("GaussianMixtureBenchmarks", "HandWritten", instance)
    g, ga = get("GaussianMixtureBenchmarks", "Generated", instance)
    print(f"| {instance} | {fmt_t(p)} | {fmt_t(h)} | {fmt_t(g)} | {ratio(g, h)} | {ratio(g, p)} | {ratio(h, p)} | {alloc(ga)} | {alloc(ha)} |")

print("\n## MatMul kernels (GFLOPS = 2·m·k·n / mean)\n")
print("| kernel | m×k·k×n | 1 thread | 2 threads | alloc |")
print("|---|---|---|---|---|")
shapes = {"MatMul_64x784x100": (64, 784, 100), "MatMulTransposeA_784x64x100": (784, 64, 100),
          "MatMulTransposeB_64x100x784": (64, 100, 784), "MatMul_512x512x512": (512, 512, 512)}
gflops = {}
for method, (m, k, n) in shapes.items():
    cells = []
    for t in ("1", "2"):
        mean, a = get("MatMulBenchmarks", method, t)
        gf = 2.0 * m * k * n / mean / 1e9 if mean else None
        gflops[(method, t)] = gf
        cells.append(f"{gf:.1f} ({fmt_t(mean)})" if gf else "n/a")
    print(f"| {method.split('_')[0]} | {m}×{k}·{k}×{n} | {cells[0]} | {cells[1]} | {alloc(get('MatMulBenchmarks', method, '2')[1])} |")
ob = peers.get("sgemm512_gflops")
if ob:
    ours = gflops.get(("MatMul_512x512x512", "2"))
    print(f"\nOpenBLAS (numpy) sgemm 512³: {ob:.1f} GFLOPS (median). Ours on 2 threads: "
          f"{ours and f'{ours:.1f}'} GFLOPS = {ratio(ours, ob)} of OpenBLAS (goal ≥ 0.7×).")

print("\n## 2-layer SGD step (batch 64, 784-100-10, float32; baseline: hand-written backward)\n")
print("| threads | primal (loss only) | hand-written step | generated step | gen/hand | gen alloc | hand alloc |")
print("|---|---|---|---|---|---|---|")
for t in ("1", "2"):
    p, _ = get("TwoLayerStepBenchmarks", "Primal", t)
    h, ha = get("TwoLayerStepBenchmarks", "HandWritten", t)
    g, ga = get("TwoLayerStepBenchmarks", "Generated", t)
    print(f"| {t} | {fmt_t(p)} | {fmt_t(h)} | {fmt_t(g)} | {ratio(g, h)} | {alloc(ga)} | {alloc(ha)} |")

g2, _ = get("TwoLayerStepBenchmarks", "Generated", "2")
print("\n## Ours vs peers\n")
print("| comparison | ours | theirs | ratio (ours/theirs) | goal |")
print("|---|---|---|---|---|")
if "numpy_step_ms" in peers:
    t = peers["numpy_step_ms"] * 1e-3
    print(f"| 2-layer step vs numpy/OpenBLAS | {fmt_t(g2)} | {fmt_t(t)} | {ratio(g2, t)} | ≤ 1.0× |")
if "torch_step_ms" in peers:
    t = peers["torch_step_ms"] * 1e-3
    print(f"| 2-layer step vs PyTorch autograd | {fmt_t(g2)} | {fmt_t(t)} | {ratio(g2, t)} | ≤ 0.1× |")
if ob:
    ours = gflops.get(("MatMul_512x512x512", "2"))
    print(f"| sgemm 512³ GFLOPS (2 threads) | {ours and f'{ours:.1f}'} | {ob:.1f} | {ratio(ours, ob)} | ≥ 0.7× |")
if "torch_sigmoid_us" in peers:
    g, _ = get("NeuronBenchmarks", "Generated")
    t = peers["torch_sigmoid_us"] * 1e-6
    print(f"| sigmoid-neuron gradient vs PyTorch scalar autograd | {fmt_t(g)} | {fmt_t(t)} | {ratio(g, t)} | (none) |")
