#!/usr/bin/env bash
# Issue 6: ours (BenchmarkDotNet, tests/AutoDiffGen.Benchmarks) and theirs (numpy/OpenBLAS, PyTorch) back-to-back,
# then one table of ratios. Usage: ./bench.sh [BenchmarkDotNet args, e.g. --filter '*Neuron*']
# Default filter: every benchmark. Results: artifacts/bench/ (BenchmarkDotNet reports, peers.txt, table.md).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
PY=/usr/bin/python3   # Debian's python3 (python3-numpy, python3-torch), not a pyenv shim
OUT=artifacts/bench
rm -rf "$OUT" && mkdir -p "$OUT"

if ! "$PY" -c "import numpy, torch" 2>/dev/null; then
  echo "== installing python3-numpy python3-torch libopenblas0-pthread"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-numpy python3-torch libopenblas0-pthread >/dev/null
fi

args=("$@")
[ ${#args[@]} -eq 0 ] && args=(--filter '*')
echo "== BenchmarkDotNet (short job, in-process) ${args[*]}"
dotnet build -c Release tests/AutoDiffGen.Benchmarks -v q -nologo
# In-process: BenchmarkDotNet would otherwise rebuild the project per job (minutes on a busy 2-core machine).
dotnet run -c Release --no-build --project tests/AutoDiffGen.Benchmarks -- \
  --job short --iterationCount 7 --inProcess --artifacts "$OUT/bdn" "${args[@]}" | tee "$OUT/bdn.log" | grep -E '^\| |^// \*\*\*\*\* BenchmarkRunner: (Start|End)' || true

echo "== peers (Debian python3: numpy $("$PY" -c 'import numpy; print(numpy.__version__)'), torch $("$PY" -c 'import torch; print(torch.__version__)'))"
: > "$OUT/peers.txt"
(
  cd benchmarks/peers
  # OpenBLAS: these two together must be unset, or it picks a wrong kernel/blocking for this CPU.
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" numpy_step.py
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE "$PY" sgemm.py
  "$PY" torch_step.py
  "$PY" torch_sigmoid.py
) | tee -a "$OUT/peers.txt"

"$PY" benchmarks/peers/summarize.py "$OUT/bdn/results" "$OUT/peers.txt" | tee "$OUT/table.md"
echo "== machine: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
