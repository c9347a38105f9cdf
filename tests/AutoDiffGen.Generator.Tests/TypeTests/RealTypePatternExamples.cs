namespace AutoDiffGen.Generator.Tests.TypeTests;

/// <summary>
/// Type and declaration patterns on a differentiated real (issue 13, idioms11): the test is statically true and the
/// pattern's variable is the value, gradient and all (<see cref="RealTypePatternTests"/>).
/// </summary>
public static class RealTypePatternExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Patterns
        {
            // x²y.
            [Differentiable(Forward = true, Hessian = true)]
            public static double IsDouble(double x, double y)
            {
                if (x is double d) return d * d * y;
                return 0;
            }

            // t = xy: sin t where t > 0, else t².
            [Differentiable(Forward = true, Hessian = true)]
            public static double IsVar(double x, double y)
            {
                double t = x * y;
                return t is var v && v > 0 ? Math.Sin(v) : v * v;
            }

            // ln x for x > 1, else x²y.
            [Differentiable(Forward = true, Hessian = true)]
            public static double SwitchCase(double x, double y)
            {
                switch (x)
                {
                    case double v when v > 1:
                        return Math.Log(v);
                    case double v:
                        return v * v * y;
                }
            }

            // −x·y for x < 0, else x·y + y.
            [Differentiable(Forward = true, Hessian = true)]
            public static double SwitchArm(double x, double y) => x switch
            {
                double v when v < 0 => -v * y,
                double v => v * y + y,
            };

            // The negated form leaves d assigned after the early return: (x + y)·y.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Negated(double x, double y)
            {
                double s = x + y;
                if (!(s is double d)) return 0;
                return d * y;
            }

            // A float: f³.
            [Differentiable(Forward = true)]
            public static float OnFloat(float f)
            {
                return f is float g ? g * g * g : 0f;
            }

            // In a loop, the variable rebound each iteration: Σᵢ (x + i)² for i < 3.
            [Differentiable(Forward = true, Hessian = true)]
            public static double InLoop(double x)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                {
                    double t = x + i;
                    if (t is double u) s += u * u;
                }
                return s;
            }
        }
        """;
}
