namespace AutoDiffGen.Generator.Tests.GraphView;

/// <summary>Methods with [Differentiable(Graph = true)]: the lecture's neuron, a loop, a branch and a call.</summary>
public static class GraphExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;

        namespace Graphs
        {
            public static partial class Drawn
            {
                [Differentiable(Graph = true)]
                public static double Neuron(double w0, double x0, double w1, double x1, double w2)
                {
                    double dot = w0 * x0 + w1 * x1 + w2;
                    double f = 1.0 / (1.0 + Math.Exp(-dot));
                    return f;
                }

                [Differentiable(Graph = true)]
                public static double Simple(double x, double y, double z)
                {
                    double q = x + y;
                    double f = q * z;
                    return f;
                }

                [Differentiable(Graph = true)]
                public static double AddMulMax(double x, double y, double z, double w)
                {
                    double xy = x * y;
                    double m = Math.Max(z, w);
                    double s = xy + m;
                    return 2.0 * s;
                }

                [Differentiable(Graph = true)]
                public static double PowerLoop(double x, int n)
                {
                    double p = 1.0;
                    int i = 0;
                    while (i < n)
                    {
                        p = p * x;
                        i++;
                    }
                    return p;
                }

                [Differentiable(Graph = true)]
                public static double Branchy(double x, double y)
                {
                    double r;
                    if (x > 0)
                    {
                        r = x * y;
                    }
                    else
                    {
                        r = Math.Exp(y);
                    }
                    return r + 1.0;
                }

                [Differentiable(Graph = true)]
                public static double Caller(double a, double b)
                {
                    double s = Shapes.Square(a + b);
                    return s * a;
                }
            }

            // Another class: a small helper of Drawn itself would be inlined into Caller, which draws a call as one node.
            public static partial class Shapes
            {
                [Differentiable]
                public static double Square(double v) => v * v;
            }
        }
        """;
}
