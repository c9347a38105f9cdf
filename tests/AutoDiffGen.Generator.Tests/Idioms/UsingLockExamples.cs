namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// <c>using</c> statements and declarations around a computation, and <c>lock</c> bodies (issue 13, idioms11;
/// <see cref="UsingLockTests"/>). <c>Scope</c> counts what it sees, so the tests check each resource is created and
/// disposed once per forward sweep, in order, and never by the reverse sweep.
/// </summary>
public static class UsingLockExamples
{
    public const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public sealed class Scope : IDisposable
        {
            public static readonly List<string> Log = new List<string>();
            private readonly string _name;
            public Scope(string name) { _name = name; Log.Add("open " + name); }
            public void Dispose() => Log.Add("close " + _name);
        }

        public static partial class Guarded
        {
            private static readonly object Gate = new object();

            // (x·y + sin x)², the body in a using statement.
            [Differentiable(Forward = true, Hessian = true)]
            public static double InUsing(double x, double y)
            {
                double r;
                using (var scope = new Scope("a"))
                {
                    r = x * y + Math.Sin(x);
                }
                return r * r;
            }

            // x²·y + x under a using declaration: the rest of the block, its return too.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Declared(double x, double y)
            {
                using var _ = new Scope("b");
                double t = x * x;
                return t * y + x;
            }

            // Σᵢ (x + i)·y over i < 3, each iteration in a scope of its own, and an inner lock.
            [Differentiable(Forward = true)]
            public static double InLoop(double x, double y)
            {
                double s = 0;
                for (int i = 0; i < 3; i++)
                {
                    using (new Scope("loop"))
                    {
                        lock (Gate)
                        {
                            s += (x + i) * y;
                        }
                    }
                }
                return s;
            }

            // exp(x)·y under a lock, returning from inside it.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Locked(double x, double y)
            {
                lock (Gate)
                {
                    double e = Math.Exp(x);
                    return e * y;
                }
            }

            // Two resources, disposed in reverse order; a loop with a break inside the body: x·(1 + 2 + 3) + y.
            [Differentiable(Forward = true)]
            public static double TwoResources(double x, double y)
            {
                double s = y;
                using (Scope first = new Scope("c1"), second = new Scope("c2"))
                {
                    for (int k = 1; k < 10; k++)
                    {
                        if (k > 3) break;
                        s += k * x;
                    }
                }
                return s;
            }
        }
        """;
}
