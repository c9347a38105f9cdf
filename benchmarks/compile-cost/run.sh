#!/usr/bin/env bash
# Issue 6 item 3: what the generator adds to a build. Generates a throwaway project with 1,000 [Differentiable]
# methods of mixed size (benchmarks/compile-cost/generate.py), builds it with and without the generator, and
# prints the seconds it adds, plus an incremental rebuild after editing one method.
#   with    = the sources + Callers.cs (calls three generated *Backward methods) + the generator as an Analyzer
#   without = the same sources, AutoDiffGen.dll referenced (so [Differentiable] resolves), no analyzer, no Callers.cs
# Timing: `dotnet build --no-restore` wall time, best of $REPS (default 3) after one warm-up build per variant;
# full builds use --no-incremental (recompile everything, warm compiler server); the incremental build follows a
# one-character edit of one method (S0 in Methods00.cs). Variants are interleaved within each repetition, so a
# change in machine load hits all of them. Usage: benchmarks/compile-cost/run.sh [N=1000] [OUT=/tmp/adg-compile-cost]
# GENS="name=path/to/AutoDiffGen.Generator.dll ..." compares several builds of the generator (e.g. an older
# commit's, built elsewhere) side by side; the default is this tree's. Each is copied to a path named after its
# hash first: the compiler server keeps an analyzer it has loaded from a path.
# SHARED=1 builds through the compiler server (-p:UseSharedCompilation=true), as a developer machine does by default;
# without it the environment decides (this project's machines set UseSharedCompilation=false: every build starts a
# cold csc process, which JIT-compiles the generator anew). With SHARED=1 the server started is shut down at the end.
# For where the time goes inside the generator, see profile/ (in-process, per step, dotnet-trace).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
N=${1:-1000}
OUT=${2:-/tmp/adg-compile-cost}   # outside the repo: no Directory.Build.props / central package management
REPS=${REPS:-3}
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

echo "== building AutoDiffGen and the generator (Release)"
dotnet build -c Release src/AutoDiffGen/AutoDiffGen.csproj -v q -nologo >/dev/null
GENS=${GENS:-this=$ROOT/generator/AutoDiffGen.Generator/bin/Release/netstandard2.0/AutoDiffGen.Generator.dll}
LIB=$ROOT/src/AutoDiffGen/bin/Release/net10.0/AutoDiffGen.dll
[ -f "$LIB" ]

echo "== machine load at start $(cut -d' ' -f1-3 /proc/loadavg)"
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
variants=(without)
project without ""
for spec in $GENS; do
  name=${spec%%=*}; dll=${spec#*=}
  [ -f "$dll" ] || { echo "no generator at $dll" >&2; exit 1; }
  copy="$OUT/generators/$(md5sum "$dll" | cut -c1-12)"
  mkdir -p "$copy" && cp "$dll" "$copy/"
  echo "== generator '$name': $dll (as $copy/AutoDiffGen.Generator.dll)"
  project "with-$name" "    <Compile Include=\"../src/Callers.cs\" />
    <Analyzer Include=\"$copy/AutoDiffGen.Generator.dll\" />"
  variants+=("with-$name")
done

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.3f", b - a }'; }
edit() { # flips the constant of S0 between 0.5 and 0.75: a change to one method's body
  if grep -q '/\*EDIT\*/ 0.5;' "$OUT/src/Methods00.cs"; then sed -i '0,/\/\*EDIT\*\/ 0.5;/s//\/*EDIT*\/ 0.75;/' "$OUT/src/Methods00.cs"
  else sed -i '0,/\/\*EDIT\*\/ 0.75;/s//\/*EDIT*\/ 0.5;/' "$OUT/src/Methods00.cs"; fi
}
SERVER_ARGS=()
[ "${SHARED:-0}" = 1 ] && SERVER_ARGS=(-p:UseSharedCompilation=true)
build() { dotnet build -c Release --no-restore -nologo -v q "${SERVER_ARGS[@]}" "$@" >/dev/null; }
servers_before=$(pgrep -f "Roslyn/bincore/VBCSCompiler" | sort || true)

declare -A full inc
for v in "${variants[@]}"; do
  dotnet restore "$OUT/$v" -v q -nologo >/dev/null
  echo "== $v: warm-up build"
  build "$OUT/$v"
  full[$v]=""; inc[$v]=""
done
# The compiler server the warm-up builds started (if any): the one to end at the end.
my_servers=$(comm -13 <(echo "$servers_before") <(pgrep -f "Roslyn/bincore/VBCSCompiler" | sort || true) | tr '\n' ' ')
for r in $(seq "$REPS"); do
  echo "== repetition $r (load $(cut -d' ' -f1 /proc/loadavg))"
  for v in "${variants[@]}"; do
    t0=$(now); build --no-incremental "$OUT/$v"; t=$(elapsed "$t0"); full[$v]+="$t "
    edit; t0=$(now); build "$OUT/$v"; i=$(elapsed "$t0"); inc[$v]+="$i "
    echo "   $v: full $t s, incremental $i s"
  done
done
best() { tr ' ' '\n' <<<"$1" | grep . | sort -g | head -1; }

# The generator's own time as Roslyn reports it (-p:ReportAnalyzer=true), from one more full build per generator.
reports=""
for v in "${variants[@]}"; do
  [ "$v" = without ] && continue
  r=$(dotnet build -c Release --no-restore --no-incremental -nologo -v d -p:ReportAnalyzer=true "${SERVER_ARGS[@]}" "$OUT/$v" 2>/dev/null \
    | grep -E 'Total (analyzer|generator) execution time|^ *[0-9.]+ +[0-9]+ +AutoDiffGen\.Generator\.' | sed 's/^ *//' | sort -u | tr '\n' ';' || true)
  reports+="$v: $r"$'\n'
done

methods=$(grep -c '\[Differentiable\]' "$OUT"/src/Methods*.cs | awk -F: '{s += $2} END {print s}')
printf '\n%s [Differentiable] methods; machine load at the end %s\n' "$methods" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '| build (best of %s, dotnet build --no-restore) | full (--no-incremental) | added | incremental, one method edited | added |\n|---|---|---|---|---|\n' "$REPS"
fw=$(best "${full[without]}"); iw=$(best "${inc[without]}")
for v in "${variants[@]}"; do
  f=$(best "${full[$v]}"); i=$(best "${inc[$v]}")
  printf '| %s | %.2f s | %s | %.2f s | %s |\n' "$v" "$f" "$([ "$v" = without ] && echo - || awk -v a="$f" -v b="$fw" 'BEGIN { printf "%.2f s", a - b }')" \
    "$i" "$([ "$v" = without ] && echo - || awk -v a="$i" -v b="$iw" 'BEGIN { printf "%.2f s", a - b }')"
done
printf 'Roslyn ReportAnalyzer (one more full build each):\n%s' "$reports"
echo "goal: added full-build time <= 2 s; compiler server: $([ "${SHARED:-0}" = 1 ] && echo yes || echo "${UseSharedCompilation:-default}")"
if [ "${SHARED:-0}" = 1 ]; then # end the compiler server this script started (only that one, by its id)
  for pid in $my_servers; do kill "$pid" 2>/dev/null || true; done
fi
