namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>if/else, early return, a switch statement and a switch expression.</summary>
    public static class Branches
    {
        public const string Source = """
            using System;
            using AutoDiffGen;

            namespace Golden.Branches
            {
                public static partial class Piecewise
                {
                    /// if / else if / else assigning one local that is read after the branch.
                    [Differentiable]
                    public static double IfElse(double x, double y)
                    {
                        double r;
                        if (x > 1)
                        {
                            r = x * y;
                        }
                        else if (x < -1)
                        {
                            r = Math.Exp(y) * x;
                        }
                        else
                        {
                            r = x * x + y;
                        }
                        return r + y;
                    }

                    /// Early return: the Huber loss with a constant threshold.
                    [Differentiable]
                    public static double Huber(double r, [NoDiff] double delta)
                    {
                        double a = Math.Abs(r);
                        if (a <= delta)
                        {
                            return 0.5 * r * r;
                        }
                        return delta * (a - 0.5 * delta);
                    }

                    /// A switch statement over an int selector: shared labels and a default, every section ending in break.
                    [Differentiable]
                    public static double Activation(double x, int kind)
                    {
                        double y;
                        switch (kind)
                        {
                            case 0:
                                y = Math.Tanh(x);
                                break;
                            case 1:
                            case 2:
                                y = 1 / (1 + Math.Exp(-x));
                                break;
                            default:
                                y = Math.Max(0, x);
                                break;
                        }
                        return 2 * y;
                    }

                    /// A switch expression with constant, relational and when patterns.
                    [Differentiable]
                    public static double Smooth(double x, int order) => order switch
                    {
                        0 => x,
                        1 => x * x / 2,
                        < 0 => Math.Exp(x),
                        _ when x > 0 => Math.Pow(x, order) / order,
                        _ => 0,
                    };
                }
            }
            """;
    }
}
