namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// Instance methods of user structs of reals, opted in with <c>[Differentiable(WithRespectToThis = true)]</c>, called on
/// struct values from other [Differentiable] methods: <c>p.Norm()</c>, <c>a.Dot(b)</c>, <c>v.Scale(k)</c> (a struct result),
/// a call on <c>this</c> inside the struct, a record struct's method, in loops and branches.
/// </summary>
internal static class StructMethodExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace StructMethods
        {
            public partial struct V2
            {
                public double X;
                public double Y;

                [Differentiable(WithRespectToThis = true)]
                public double Norm() => Math.Sqrt(X * X + Y * Y);

                [Differentiable(WithRespectToThis = true)]
                public double Dot(V2 o) => X * o.X + Y * o.Y;

                [Differentiable(WithRespectToThis = true)]
                public V2 Scale(double k) => new V2 { X = X * k, Y = Y * k };

                /// A call on this, to another method that opts in: its Backward takes the caller's ref dThis.
                [Differentiable(WithRespectToThis = true)]
                public double Twice() => 2 * Norm();
            }

            public partial record struct P(double X, double Y)
            {
                [Differentiable(WithRespectToThis = true)]
                public double Cross(P o) => X * o.Y - Y * o.X;
            }

            public static partial class Uses
            {
                [Differentiable]
                public static double NormOf(double x, double y)
                {
                    var p = new V2 { X = x, Y = y };
                    return p.Norm();
                }

                [Differentiable]
                public static double DotOf(V2 a, V2 b) => a.Dot(b);

                [Differentiable]
                public static double Chain(V2 a, double k) => a.Scale(k).Norm() + a.Twice();

                /// A constant receiver, a varied argument.
                [Differentiable]
                public static double Against(V2 b)
                {
                    var unit = new V2 { X = 0.6, Y = 0.8 };
                    return unit.Dot(b);
                }

                [Differentiable]
                public static double Area(P a, P b) => 0.5 * a.Cross(b);

                [Differentiable]
                public static V2 Scaled(V2 a, double k) => a.Scale(k * k);

                [Differentiable]
                public static double Branch(V2 a, double t) => t > 0 ? a.Norm() * t : a.Dot(a);

                [Differentiable]
                public static double Loop(double[] xs, double w)
                {
                    double s = 0;
                    var acc = new V2 { X = w, Y = 1 };
                    for (int i = 0; i < xs.Length; i++)
                    {
                        var p = new V2 { X = xs[i], Y = w };
                        s += p.Scale(xs[i]).Dot(acc);
                        acc = acc.Scale(0.5 + p.Norm() * 0.1);
                    }
                    return s + acc.Norm();
                }
            }
        }
        """;
}
