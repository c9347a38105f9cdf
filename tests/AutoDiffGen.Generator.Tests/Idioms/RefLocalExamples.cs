namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Ref locals bound to an array element or a struct member, as people write them (<c>ref double r = ref a[i]; r += x;</c>),
/// also declared inside loops. Checked by <see cref="RefLocalTests"/> by hand and against central differences.
/// </summary>
public static class RefLocalExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public partial struct P { public double X; public double Y; }

        public static partial class RefLocals
        {
            // a = (x, y, xy); each element e becomes e·x + 1 through a ref local declared in the loop; then a[1] += y².
            [Differentiable(Forward = true)]
            public static double ScaleInLoop(double x, double y)
            {
                var a = new double[3];
                a[0] = x; a[1] = y; a[2] = x * y;
                for (int i = 0; i < 3; i++) { ref double r = ref a[i]; r *= x; r += 1; }
                ref double s = ref a[1];
                s += y * y;
                return a[0] + a[1] * a[2] + s;
            }

            // The index is bound where the ref local is declared: r stays a[0] after i changes. (x+1)² + 2x.
            [Differentiable(Forward = true)]
            public static double IndexBoundOnce(double x)
            {
                var a = new double[2];
                a[0] = x; a[1] = 2 * x;
                int i = 0;
                ref double r = ref a[i];
                i = 1;
                r++;
                return r * a[0] + a[i];
            }

            // Writes into the caller's array through a ref local: w[i] ← w[i]·x + 1; result w[0]·w[n-1].
            [Differentiable]
            public static double WriteParameter(double[] w, double x)
            {
                for (int i = 0; i < w.Length; i++) { ref double r = ref w[i]; r = r * x + 1; }
                return w[0] * w[w.Length - 1];
            }

            // Read-only binding of a parameter's element: x[1]² + x[0].
            [Differentiable(Forward = true)]
            public static double ReadOnlyElement(double[] x)
            {
                ref readonly double r = ref x[1];
                return r * r + x[0];
            }

            // A struct member: X·k·Y + X·k.
            [Differentiable(Forward = true)]
            public static double StructMember(P p, double k)
            {
                ref double r = ref p.X;
                r *= k;
                return p.X * p.Y + r;
            }

            // A struct member through a ref local declared in a loop: Y·Xⁿ.
            [Differentiable]
            public static double MemberInLoop(P p, int n)
            {
                for (int i = 0; i < n; i++) { ref double r = ref p.Y; r = r * p.X; }
                return p.Y;
            }

            // A ref local to a local, declared inside the loop: x·yⁿ.
            [Differentiable(Forward = true)]
            public static double LocalInLoop(double x, double y, int n)
            {
                double s = x;
                for (int i = 0; i < n; i++) { ref double r = ref s; r *= y; }
                return s;
            }

            // A Vector2 member: X·k·Y.
            [Differentiable]
            public static float VectorMember(Vector2 v, float k)
            {
                ref float r = ref v.X;
                r *= k;
                return r * v.Y;
            }

            // float elements: (x·2 + y)·y.
            [Differentiable]
            public static float Floats(float x, float y)
            {
                var a = new float[2];
                a[0] = x; a[1] = y;
                ref float r = ref a[0];
                r = r * 2 + a[1];
                return r * a[1];
            }
        }
        """;
}
