#!/usr/bin/env python3
"""Writes the compile-cost test project's sources: N [Differentiable] methods of mixed size, split over files.

usage: generate.py OUT_DIR [N=1000] [--modes]
  OUT_DIR/src/Methods*.cs   the methods (shared by both variants, they only need the [Differentiable] attribute)
  OUT_DIR/src/Callers.cs    calls to a few generated *Backward methods (only the with-generator variant compiles it)
Mix, by i % 10: 0-3 straight-line (4..19 gates), 4-6 branches (if/else-if/else, ternary, early return),
7-9 loops over double[] (for, while, nested, accumulators overwritten per iteration)."""
import os
import sys

# --modes: every method also asks for MForward, MHessian and MHessianVector (and gets MBackwardTangent), the corpus of
# the size12 measurement of the other modes' text (docs/performance.md); Profile counts "[Differentiable" either way.
modes = "--modes" in sys.argv
args = [a for a in sys.argv[1:] if a != "--modes"]
out = args[0]
n = int(args[1]) if len(args) > 1 else 1000
per_file = 50
os.makedirs(os.path.join(out, "src"), exist_ok=True)
FUNCS = ["Math.Sin", "Math.Cos", "Math.Tanh", "Math.Exp", "Math.Sqrt", "Math.Log"]


def straight(i):
    gates = 4 + (i * 7) % 16
    lines = [f"        public static double S{i}(double x, double y, double z)", "        {",
             f"            double t0 = x * y + /*EDIT*/ {0.5 + i % 13}; "]
    for g in range(1, gates):
        prev = f"t{g - 1}"
        kind = (i + g) % 6
        if kind == 0:
            rhs = f"{prev} * x + {g}.25"
        elif kind == 1:
            rhs = f"Math.Sin({prev}) * z"
        elif kind == 2:
            rhs = f"{prev} - y * {prev}"
        elif kind == 3:
            rhs = f"Math.Tanh({prev} + z)"
        elif kind == 4:
            rhs = f"{prev} / (1.0 + x * x)"
        else:
            rhs = f"Math.Sqrt({prev} * {prev} + 1.0) + t{max(0, g - 3)}"
        lines.append(f"            double t{g} = {rhs};")
    lines.append(f"            return t{gates - 1} * y;")
    lines.append("        }")
    return lines


def branches(i):
    f1, f2 = FUNCS[i % 6], FUNCS[(i + 2) % 6]
    safe = lambda f, e: f"{f}({e} * {e} + 1.0)" if f in ("Math.Sqrt", "Math.Log") else f"{f}({e})"
    return [
        f"        public static double B{i}(double x, double y)",
        "        {",
        "            double r;",
        f"            if (x > {i % 5 - 2}.0)",
        "            {",
        f"                r = x * y + {safe(f1, 'x')};",
        "            }",
        "            else if (y < 0.0)",
        "            {",
        f"                r = {safe(f2, 'x - y')} * y;",
        "            }",
        "            else",
        "            {",
        "                r = x / (1.0 + y * y);",
        "            }",
        "",
        "            double q = r > 1.0 ? r * r : r + x;",
        f"            if (q < -{i % 7 + 1}.0)",
        "            {",
        "                return q * x;",
        "            }",
        "",
        f"            return Math.Max(q, y) * {1 + i % 3}.0 + Math.Abs(x - q);",
        "        }",
    ]


def loops(i):
    kind = i % 3
    if kind == 0:  # dot product through a nonlinearity
        body = [
            "            double acc = b;",
            "            for (int j = 0; j < w.Length; j++)",
            "            {",
            f"                double t = w[j] * v[j] + {0.25 * (i % 4)};",
            "                acc += Math.Tanh(t) * b;",
            "            }",
            "",
            "            return acc;",
        ]
    elif kind == 1:  # Horner-like: the accumulator is overwritten every iteration
        body = [
            "            double acc = 0.0;",
            "            int j = w.Length - 1;",
            "            while (j >= 0)",
            "            {",
            "                acc = acc * b + w[j] * v[j];",
            "                j--;",
            "            }",
            "",
            "            return acc;",
        ]
    else:  # nested loops and a branch inside
        body = [
            "            double acc = 0.0;",
            "            for (int j = 0; j < w.Length; j++)",
            "            {",
            "                double s = w[j];",
            f"                for (int r = 0; r < {2 + i % 3}; r++)",
            "                {",
            "                    s = s * b + v[j];",
            "                }",
            "",
            "                if (s > 0.0)",
            "                {",
            "                    acc += s * s;",
            "                }",
            "                else",
            "                {",
            "                    acc -= s;",
            "                }",
            "            }",
            "",
            "            return acc;",
        ]
    return [f"        public static double L{i}(double[] w, double[] v, double b)", "        {"] + body + ["        }"]


def method(i):
    kind = i % 10
    lines = ["        [Differentiable(Forward = true, Hessian = true)]" if modes else "        [Differentiable]"]
    lines += straight(i) if kind < 4 else branches(i) if kind < 7 else loops(i)
    return lines


for f in range((n + per_file - 1) // per_file):
    lines = ["using System;", "using AutoDiffGen;", "", "namespace CompileCost", "{",
             f"    public static partial class Methods{f}", "    {"]
    for i in range(f * per_file, min(n, (f + 1) * per_file)):
        lines += method(i) + [""]
    lines[-1:] = ["    }", "}", ""]
    with open(os.path.join(out, "src", f"Methods{f:02}.cs"), "w") as fh:
        fh.write("\n".join(lines))

callers = """namespace CompileCost
{
    /// <summary>Only in the with-generator variant: proves the generated methods exist and compile against callers.</summary>
    public static class Callers
    {
        public static double Run()
        {
            double dx = 0, dy = 0, dz = 0, db = 0;
            double[] w = { 1, 2 }, v = { 3, 4 }, dw = new double[2], dv = new double[2];
            double s = Methods0.S0Backward(1, 2, 3, ref dx, ref dy, ref dz);
            double b = Methods0.B4Backward(1, 2, ref dx, ref dy);
            double l = Methods0.L7Backward(w, v, 0.5, dw, dv, ref db);
            return s + b + l + dx + dy + dz + db + dw[0] + dv[1];
        }
    }
}
"""
with open(os.path.join(out, "src", "Callers.cs"), "w") as fh:
    fh.write(callers)
