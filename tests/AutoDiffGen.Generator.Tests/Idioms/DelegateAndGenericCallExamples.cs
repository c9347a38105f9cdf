namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// Delegate locals holding a lambda (inlined at each call), and generic → generic calls between generic-math methods
/// (<see cref="DelegateAndGenericCallTests"/>).
/// </summary>
public static class DelegateAndGenericCallExamples
{
    public const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Lambdas
        {
            // x² + y².
            [Differentiable(Forward = true)]
            public static double Squares(double x, double y)
            {
                Func<double, double> sq = v => v * v;
                return sq(x) + sq(y);
            }

            // The lambda captures y; called in a loop: Σᵢ (x + i)·y for i < 3, plus 2y.
            [Differentiable]
            public static double Captures(double x, double y)
            {
                Func<double, double> f = v => v * y;
                double s = 0;
                for (int i = 0; i < 3; i++) s += f(x + i);
                return s + f(2);
            }

            // Two parameters, a block body: sin(x)·y · sin(y)·2 + (x² + x).
            [Differentiable]
            public static double TwoAndBlock(double x, double y)
            {
                Func<double, double, double> h = (a, b) => Math.Sin(a) * b;
                Func<double, double> g = v => { var t = v * v; return t + v; };
                return h(x, y) * h(y, 2.0) + g(x);
            }
        }

        public static partial class Generic
        {
            [Differentiable(Forward = true)]
            public static T Sq<T>(T x) where T : IFloatingPointIeee754<T> => x * x;

            [Differentiable(Forward = true)]
            public static T Mul<T>(T a, T b) where T : IFloatingPointIeee754<T> => a * b;

            // x² + sin x, through Sq.
            [Differentiable(Forward = true)]
            public static T SqPlusSin<T>(T x) where T : IFloatingPointIeee754<T> => Sq(x) + T.Sin(x);

            // (x²·y)·x through two generic callees, one of them generic → generic → generic.
            [Differentiable]
            public static T Chain<T>(T x, T y) where T : IFloatingPointIeee754<T> => Mul(SqPlusSin(x) - T.Sin(x), y) * x;

            // A double method calling a generic one: x⁴ + sin(2x) + 4x².
            [Differentiable]
            public static double FromDouble(double x) => Sq(Sq(x)) + SqPlusSin(x * 2);
        }
        """;
}
