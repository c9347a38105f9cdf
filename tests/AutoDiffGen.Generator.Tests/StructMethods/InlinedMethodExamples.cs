namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Instance methods of structs of reals as people write them, not marked [Differentiable]: inlined where they are called
/// (<see cref="InlinedMethodTests"/>). A readonly struct's members cannot be added into one by one, so these are its way to
/// methods; a mutable struct's one-expression methods are inlined the same way.
/// </summary>
internal static class InlinedMethodExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Inlined
        {
            public readonly struct V
            {
                public double X { get; }
                public double Y { get; }
                public V(double x, double y) { X = x; Y = y; }
                public double Dot(V o) => X * o.X + Y * o.Y;
                public double Norm2() { return Dot(this); }
                public double Length() => Math.Sqrt(Norm2());
                public V Scaled(double k) => new V(k * X, k * Y);
                public V Plus(in V o) => new V(X + o.X, Y + o.Y);
                public double Cross(V o) => X * o.Y - Y * o.X;
                public double Soft(double t) => X > t ? X - t : Y * t;
                public double Long() { double t = X * X; return t + Y; }
                public double Twice(ref double k) => 2 * k * X;
            }

            // C# 10: begin
            public readonly record struct R(double A, double B)
            {
                public double Area() => A * B;
                public R Grown(double by) => new R(A + by, B + by);
            }
            // C# 10: end

            public struct M
            {
                public double P;
                public double Q;
                public double Energy(double k) => 0.5 * k * (P * P + Q * Q);
            }

            public static partial class Uses
            {
                [Differentiable]
                public static double DotAndNorm(V a, V b) => a.Dot(b) + a.Norm2() * b.Length();

                [Differentiable]
                public static double Chain(double x, double y)
                {
                    var a = new V(x, y);
                    var b = a.Scaled(x).Plus(a);
                    return b.Cross(a) + b.Dot(a.Scaled(2));
                }

                [Differentiable]
                public static double InLoop(V a, int n)
                {
                    var p = a;
                    double s = 0;
                    for (int i = 0; i < n; i++)
                    {
                        s += p.Dot(a);
                        p = p.Scaled(0.5).Plus(a);
                    }
                    return s;
                }

                [Differentiable]
                public static double Branchy(V a, double t) => a.Soft(t) * a.Soft(-t);

                // C# 10: begin
                [Differentiable]
                public static double Record(R r, double by) => r.Grown(by).Area() + r.Area();
                // C# 10: end

                [Differentiable]
                public static double Mutable(M m, double k) => m.Energy(k);

                [Differentiable]
                public static float Floats(float x, float y)
                {
                    var a = new V(x, y);
                    return (float)a.Length();
                }
            }
        }
        """;

    /// <summary>Forms that stay diagnosed: a body of more than one statement, a ref parameter, a struct method calling itself.</summary>
    public const string Diagnosed = """
        using System;
        using AutoDiffGen;

        public readonly struct W
        {
            public double X { get; }
            public W(double x) { X = x; }
            public double Long() { int i = 0; double t = X; again: t *= X; if (++i < 2) goto again; return t; }
            public double Twice(ref double k) => 2 * k * X;
            public double Loop(int n) => n <= 0 ? X : Loop(n - 1) * X;
        }

        public static partial class Bad
        {
            [Differentiable]
            public static double LongBody(W w) => w.Long();

            [Differentiable]
            public static double RefParameter(W w, double k) => w.Twice(ref k);

            [Differentiable]
            public static double Recursive(W w) => w.Loop(2);
        }
        """;
}
