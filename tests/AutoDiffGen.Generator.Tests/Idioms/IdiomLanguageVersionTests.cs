using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// The idioms (ref locals to elements and members, tuple locals, delegate locals, struct operators) compile without
/// errors or warnings from C# 7.3 up, with and without nullable; positional record structs with operators from C# 10.
/// </summary>
public class IdiomLanguageVersionTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public partial struct Q
        {
            public double X, Y;
            public static Q operator +(Q a, Q b) { return new Q { X = a.X + b.X, Y = a.Y + b.Y }; }
            public static double operator *(Q a, Q b) { return a.X * b.X + a.Y * b.Y; }
        }

        public static partial class Idioms
        {
            [Differentiable(Forward = true)]
            public static double RefElement(double x, double y)
            {
                var a = new double[2];
                a[0] = x; a[1] = y;
                for (int i = 0; i < 2; i++) { ref double r = ref a[i]; r *= x; }
                ref readonly double s = ref a[1];
                return a[0] + s;
            }

            [Differentiable]
            public static double RefMember(Q q, double k)
            {
                ref double r = ref q.X;
                r *= k;
                return q.X * q.Y;
            }

            [Differentiable(Forward = true)]
            public static double TupleLocal(double x, double y)
            {
                (double a, double b) t = (x, y * x);
                var u = t;
                u.a += t.b;
                var (c, d) = u;
                return c * d + t.Item1;
            }

            [Differentiable(Forward = true)]
            public static double Lambda(double x, double y)
            {
                Func<double, double> sq = v => v * v;
                return sq(x) + sq(y);
            }

            [Differentiable(Forward = true)]
            public static double Operators(Q a, Q b)
            {
                return (a + b) * a;
            }
        }
        """;

    private const string Records = """
        using System;
        using AutoDiffGen;

        public record struct Ball(double X, double V)
        {
            public static Ball operator +(Ball a, Ball b) => new Ball(a.X + b.X, a.V + b.V);
        }

        public static partial class Balls
        {
            [Differentiable]
            public static double Energy(Ball b, double dt)
            {
                var next = b + new Ball(b.V * dt, 0);
                next = next with { V = next.V * 0.9 };
                return next.X * next.X + next.V * next.V;
            }
        }
        """;

    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.CSharp9, true },
        { LanguageVersion.CSharp10, true },
        { LanguageVersion.Latest, true },
        { LanguageVersion.Latest, false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(5, result.Generated.Count);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp10, true)]
    [InlineData(LanguageVersion.Latest, false)]
    public void RecordStructsWithOperators_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Records);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Single(result.Generated);
    }
}
