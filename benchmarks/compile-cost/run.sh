#!/usr/bin/env bash
# Issue 6 item 3: what the generator adds to a build. Generates a throwaway project with 1,000 [Differentiable]
# methods of mixed size (benchmarks/compile-cost/generate.py), builds it with and without the generator, and
# prints the seconds it adds, plus an incremental rebuild after editing one method.
#   with    = the sources + Callers.cs (calls three generated *Backward methods) + the generator as an Analyzer
#   without = the same sources, AutoDiffGen.dll referenced (so [Differentiable] resolves), no analyzer, no Callers.cs
# Timing: `dotnet build --no-restore` wall time, best of $REPS (default 3) after one warm-up build per variant;
# full builds use --no-incremental (recompile everything, warm compiler server); the incremental build follows a
# one-character edit of one method (S0 in Methods00.cs). Usage: benchmarks/compile-cost/run.sh [N=1000] [OUT=/tmp/adg-compile-cost]
# GEN=path/to/AutoDiffGen.Generator.dll measures another build of the generator (e.g. an older commit's, built elsewhere);
# give each build its own path: the compiler server keeps an analyzer it has loaded from a path.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
N=${1:-1000}
OUT=${2:-/tmp/adg-compile-cost}   # outside the repo: no Directory.Build.props / central package management
REPS=${REPS:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building AutoDiffGen and the generator (Release)"
dotnet build -c Release src/AutoDiffGen/AutoDiffGen.csproj -v q -nologo >/dev/null
GEN=${GEN:-$ROOT/generator/AutoDiffGen.Generator/bin/Release/netstandard2.0/AutoDiffGen.Generator.dll}
LIB=$ROOT/src/AutoDiffGen/bin/Release/net10.0/AutoDiffGen.dll
[ -f "$GEN" ] && [ -f "$LIB" ]

echo "== generator: $GEN; machine load at start $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$OUT" && mkdir -p "$OUT"
/usr/bin/python3 benchmarks/compile-cost/generate.py "$OUT" "$N"

project() { # $1 = name, $2 = extra items
  mkdir -p "$OUT/$1"
  cat > "$OUT/$1/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>disable</ImplicitUsings>
    <AllowUnsafeBlocks>true</AllowUnsafeBlocks>
    <EnableDefaultCompileItems>false</EnableDefaultCompileItems>
  </PropertyGroup>
  <ItemGroup>
    <Compile Include="../src/Methods*.cs" />
    <Reference Include="AutoDiffGen"><HintPath>$LIB</HintPath></Reference>
$2
  </ItemGroup>
</Project>
XML
}
project with "    <Compile Include=\"../src/Callers.cs\" />
    <Analyzer Include=\"$GEN\" />"
project without ""

now() { date +%s.%N; }
best_of() { # prints the best wall time (s) of $REPS runs of "$@"; each run's time goes to stderr
  local times=() t0 t
  for _ in $(seq "$REPS"); do
    t0=$(now); "$@" >/dev/null; t=$(awk -v a="$t0" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }')
    times+=("$t"); echo "   $t s" >&2
  done
  printf '%s\n' "${times[@]}" | sort -g | head -1
}
edit() { # flips the constant of S0 between 0.5 and 0.75: a change to one method's body
  if grep -q '/\*EDIT\*/ 0.5;' "$OUT/src/Methods00.cs"; then sed -i '0,/\/\*EDIT\*\/ 0.5;/s//\/*EDIT*\/ 0.75;/' "$OUT/src/Methods00.cs"
  else sed -i '0,/\/\*EDIT\*\/ 0.75;/s//\/*EDIT*\/ 0.5;/' "$OUT/src/Methods00.cs"; fi
}
incremental() { edit; dotnet build -c Release --no-restore -nologo -v q "$1"; }

declare -A full inc
for v in with without; do
  dotnet restore "$OUT/$v" -v q -nologo >/dev/null
  echo "== $v: warm-up build"
  dotnet build -c Release --no-restore -nologo -v q "$OUT/$v" >/dev/null
done
# Interleave the variants so a change in machine load hits both.
for v in with without; do
  echo "== $v: full builds (--no-incremental)"
  full[$v]=$(best_of dotnet build -c Release --no-restore --no-incremental -nologo -v q "$OUT/$v")
done
for v in with without; do
  echo "== $v: incremental builds after editing one method"
  inc[$v]=$(best_of incremental "$OUT/$v")
done

# The generator's own time as Roslyn reports it (-p:ReportAnalyzer=true), from one more full build.
gen_report=$(dotnet build -c Release --no-restore --no-incremental -nologo -v d -p:ReportAnalyzer=true "$OUT/with" 2>/dev/null \
  | grep -E 'Total (analyzer|generator) execution time|^ *[0-9.]+ +[0-9]+ +AutoDiffGen\.Generator\.' | sed 's/^ *//' | sort -u || true)

methods=$(grep -c '\[Differentiable\]' "$OUT"/src/Methods*.cs | awk -F: '{s += $2} END {print s}')
printf '\n%s [Differentiable] methods; machine load %s\n' "$methods" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| build (best of %s, dotnet build --no-restore) | with generator | without | added |\n|---|---|---|---|\n' "$REPS"
printf '| full (--no-incremental) | %.2f s | %.2f s | %.2f s |\n' "${full[with]}" "${full[without]}" "$(awk -v a="${full[with]}" -v b="${full[without]}" 'BEGIN { print a - b }')"
printf '| incremental, one method edited | %.2f s | %.2f s | %.2f s |\n' "${inc[with]}" "${inc[without]}" "$(awk -v a="${inc[with]}" -v b="${inc[without]}" 'BEGIN { print a - b }')"
[ -n "$gen_report" ] && printf 'Roslyn ReportAnalyzer (one more full build, with generator):\n%s\n' "$gen_report"
echo "goal: added full-build time <= 2 s"
