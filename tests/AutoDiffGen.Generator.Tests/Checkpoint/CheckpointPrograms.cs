namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>
/// Loops of every shape a checkpointed loop can take, written once and compiled twice: as <c>Plain</c> with
/// <c>[Differentiable]</c> and as <c>Ckpt</c> with <c>[Differentiable(Checkpoint = true)]</c>.
/// </summary>
internal static class CheckpointPrograms
{
    public const string Body = """
            // a long scalar recurrence (one carried double, one counter)
            [Differentiable]
            public static double Recurrence(double x, double a, int n)
            {
                double y = x;
                for (int i = 0; i < n; i++) y = y * a + 0.01 * Math.Sin(y);
                return y;
            }

            // do/while: the condition after the body; a carried float and a long counter
            [Differentiable]
            public static double DoWhile(double x, double a, int n)
            {
                double s = 0;
                float f = 1f;
                long k = 0;
                do { s += Math.Exp(-0.001 * k * a) * x; f = f * 0.999f; k++; } while (k < n);
                return s * f;
            }

            // break when a threshold is passed; a branch inside (values hoisted out of it)
            [Differentiable]
            public static double BreakAndBranch(double x, double a, int n)
            {
                double s = x;
                double t = 0;
                for (int i = 0; i < n; i++)
                {
                    double u;
                    if (i % 3 == 0) { u = Math.Sin(s) * a; } else { u = s * 0.5 + a; }
                    t += u * 0.001;
                    if (t > 1e9) break;
                    s = Math.Tanh(s + u * 0.1);
                }
                return s + t;
            }

            // an early return from inside the loop
            [Differentiable]
            public static double EarlyReturn(double x, double a, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++)
                {
                    s = s * 0.999 + a * 0.001;
                    if (s > 100) return s * 2;
                }
                return s;
            }

            // nested loops; reads a parameter array with an index from both counters; a bool carried
            [Differentiable]
            public static double Nested(double x, double a, int n)
            {
                double total = 0;
                bool flip = false;
                for (int p = 0; p < n; p++)
                {
                    double s = x;
                    for (int j = 0; j < 7; j++) s = s * Math.Exp(a * 0.01 * ((p * 7 + j) % 5 - 2));
                    total += flip ? Math.Log(1 + s * s) : s * 0.5;
                    flip = !flip;
                }
                return total / (n + 1);
            }

            // continue skips part of some iterations
            [Differentiable]
            public static double Continue(double x, double a, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++)
                {
                    s = s * 0.998 + 0.001;
                    if (i % 4 == 1) continue;
                    s += a * Math.Cos(s) * 0.001;
                }
                return s;
            }

            // two loops at the top level, both checkpointed; the second starts from the first's result
            [Differentiable]
            public static double TwoLoops(double x, double a, int n)
            {
                double y = x;
                for (int i = 0; i < n; i++) y = Math.Cos(y) * a + 0.5;
                double z = 0;
                int m = 0;
                while (m < n) { z += y * Math.Sin(m * 0.1 + a); m++; }
                return y + z;
            }
        """;

    public static string Source => """
        using System;
        using AutoDiffGen;

        public static partial class Plain
        {
        """ + Body + """
        }

        public static partial class Ckpt
        {
        """ + Body.Replace("[Differentiable]", "[Differentiable(Checkpoint = true)]") + """
        }
        """;

    public static readonly string[] Names = { "Recurrence", "DoWhile", "BreakAndBranch", "EarlyReturn", "Nested", "Continue", "TwoLoops" };
}
