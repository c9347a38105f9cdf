namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Methods written as people write them: assignments, ++ and -- inside expressions, tuple deconstruction and swaps,
/// local functions. Each is compiled with the generator and checked by hand and against central differences.
/// </summary>
public static class WrittenExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Written
        {
            // x^n by a countdown; after the loop n is -1, which the result reads.
            [Differentiable]
            public static double PowerDown(double x, int n)
            {
                double p = 1;
                while (n-- > 0) p *= x;
                return p + n;
            }

            // Σ w·x[m]²: m++ inside the index, and x[m - 1] reads the incremented m.
            [Differentiable]
            public static double SumIndexed(double[] x, double w)
            {
                double s = 0;
                int m = 0;
                while (m < x.Length) s += x[m++] * w * x[m - 1];
                return s;
            }

            // Σ x[k]³ through a local read with i++ in a loop body.
            [Differentiable]
            public static double Cubes(double[] x)
            {
                double s = 0;
                int i = 0;
                while (i < x.Length)
                {
                    double v = x[i++];
                    s += v * v * x[i - 1];
                }
                return s;
            }

            // A running value that depends on the last one, with two taped counters moving opposite ways.
            [Differentiable]
            public static double Opposite(double[] x, double[] y)
            {
                double s = 0;
                int i = 0, j = y.Length - 1;
                for (int k = 0; k < x.Length; k++) s = s * Math.Sin(s + 1) + x[i++] * y[j--];
                return s + i - j;
            }

            // a = b = c: (xy)² + xy.
            [Differentiable]
            public static double Chain(double x, double y)
            {
                double a, b;
                a = b = x * y;
                return a * b + a;
            }

            // if ((t = f(x)) > 0): t·x where sin x > 0, else −t.
            [Differentiable]
            public static double AssignInTest(double x)
            {
                double t;
                if ((t = Math.Sin(x)) > 0) return t * x;
                return -t;
            }

            // (s += y) * s = (x + y)²; ++t * t-- = (x + 1)², after which t is x again.
            [Differentiable]
            public static double CompoundInside(double x, double y)
            {
                double s = x;
                double r = (s += y) * s;
                double t = x;
                double u = ++t * t--;
                return r + u + t;
            }

            // for (int i = 0; i++ < n;): x^n, and i is n + 1 after the loop.
            [Differentiable]
            public static double ForTestIncrements(double x, int n)
            {
                double p = 1;
                int i = 0;
                for (; i++ < n;) p *= x;
                return p + i;
            }

            // do … while (--n > 0) with a break in the body: the test does not run after the break.
            [Differentiable]
            public static double DoWhileBreak(double x, int n)
            {
                double t = x;
                do
                {
                    if (t > 5) break;
                    t = t * t * 0.5 + x;
                } while (--n > 0);
                return t + n;
            }

            // while ((t = t * x) < limit): the test's assignment carries the gradient.
            [Differentiable]
            public static double GrowUntil(double x, double limit)
            {
                double t = 1;
                int steps = 0;
                while ((t = t * x) < limit) steps++;
                return t + steps;
            }

            // (a, b) = (b, a + b) four times: a·b = (2x + 3y)(3x + 5y).
            [Differentiable]
            public static double Fibonacci(double x, double y)
            {
                double a = x, b = y;
                for (int i = 0; i < 4; i++) (a, b) = (b, a + b);
                return a * b;
            }

            // Swap, declaration deconstruction, and (a, b) = (a + b, a - b) reading the old a and b.
            [Differentiable]
            public static double Swaps(double x, double y)
            {
                double a = x, b = y;
                (a, b) = (b, a);
                var (p, q) = (x * y, x + y);
                (a, b) = (a + b, a - b);
                return a * b + p / q + a;
            }

            // Parameters deconstructed, with a discard and an int counter among them.
            [Differentiable]
            public static double ParameterSwap(double x, double y, int k)
            {
                (x, y, _, k) = (y * k, x, x * 3, k + 1);
                return x * x * y + k;
            }

            // t varies only after the assignment that a discrete part of the expression holds: x² + truncated x².
            [Differentiable]
            public static double AssignedInsideACut(double x)
            {
                double t = 0;
                double y = Math.Floor(t = x * x) + t;
                return y;
            }

            // continue in a loop whose test decrements: the odd n below 5 (3 and 1), so 4x − 1.
            [Differentiable]
            public static double SkipEven(double x, int n)
            {
                double s = 0;
                while (n-- > 0)
                {
                    if (n % 2 == 0) continue;
                    s += x * n;
                }
                return s + n;
            }

            // An int literal among the values: the tuple is typed by its targets, so a is 2.0; 2x².
            [Differentiable]
            public static double LiteralTuple(double x)
            {
                double a, b;
                (a, b) = (2, x * x);
                return a * b;
            }

            // A ref local aliasing a local: s = xy + x, and the result (xy + x)².
            [Differentiable]
            public static double RefAlias(double x, double y)
            {
                double s = x;
                ref double r = ref s;
                r *= y;
                r += x;
                return s * r;
            }

            // A ref local written in a loop and in a branch: 2x^n (x^(n+1) where x > 1).
            [Differentiable]
            public static double RefInLoop(double x, int n)
            {
                double acc = 1;
                ref double r = ref acc;
                for (int i = 0; i < n; i++) r *= x;
                if (x > 1) r *= x;
                return acc + r;
            }

            // A ref local aliasing a parameter: x².
            [Differentiable]
            public static double RefParameter(double x)
            {
                ref double r = ref x;
                r = r * r;
                return x;
            }

            // A static local function: x² + (xy)².
            [Differentiable]
            public static double StaticHelper(double x, double y)
            {
                static double Sq(double t) => t * t;
                return Sq(x) + Sq(x * y);
            }

            // A local function that reads the caller's k = 2y, with a local of its own: 4x²y² + 4y².
            [Differentiable]
            public static double Captures(double x, double y)
            {
                double k = y * 2;
                double Scaled(double t)
                {
                    double u = t * k;
                    return u * u;
                }
                return Scaled(x) + Scaled(1.0);
            }

            // Local functions called in a loop, one computing an index: Σ sin(x[i])·x[(i + 1) % n].
            [Differentiable]
            public static double InLoop(double[] x)
            {
                double s = 0;
                int Next(int i) => (i + 1) % x.Length;
                double Term(double a, double b) => Math.Sin(a) * b;
                for (int i = 0; i < x.Length; i++) s += Term(x[i], x[Next(i)]);
                return s;
            }

            // A local function calling another, declared after its use.
            [Differentiable]
            public static double Nested(double x)
            {
                return Outer(x) * 2;
                double Outer(double t) => Inner(t) + t;
                double Inner(double t) => Math.Exp(t) * t;
            }
        }
        """;
}
