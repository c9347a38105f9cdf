using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.StructMethods;

/// <summary>
/// <c>[Differentiable(WithRespectToThis = true)]</c> on a readonly struct (issue 13 item 6): <c>ref S dThis</c> is built whole,
/// its members summed in locals and <c>dThis</c> rebuilt through the constructor that takes every member (a <c>[NoDiff]</c>
/// member keeps what <c>dThis</c> held). Checked by hand and against central differences, called directly and from another
/// method on a struct value; a property test draws readonly structs and bodies, and structs just outside (a constructor that
/// computes), which must get ADG0003 at the member's read and no code.
/// </summary>
public class ReadonlyThisTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        namespace RO
        {
            public readonly partial struct P2
            {
                public double X { get; }
                public double Y { get; }
                [NoDiff] public double W { get; }
                public P2(double x, double y, double w) { X = x; Y = y; W = w; }

                [Differentiable(WithRespectToThis = true)]
                public double Norm2(double k) => k * (X * X + Y * Y) + W * X;
            }

            public static partial class Uses
            {
                [Differentiable]
                public static double Use(double x, double y)
                {
                    var p = new P2(x, y, 2);
                    double s = 0;
                    for (int i = 0; i < 3; i++) s += p.Norm2(i + 1);
                    return s;
                }
            }
        }
        """;

    private const string Record = """
        using AutoDiffGen;
        public readonly partial record struct R2(double A, float B)
        {
            [Differentiable(WithRespectToThis = true)]
            public double Prod(double k) => k * A * B + A * A;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Fact]
    public void DThis_IsAddedIntoWhole_ByHandAndByCentralDifferences()
    {
        var type = Compiled.Value.GetType("RO.P2")!;
        var backward = type.GetMethod("Norm2Backward")!;
        var norm = type.GetMethod("Norm2")!;
        double x = 0.7, y = -1.3, w = 2.5, k = 1.5;
        object p = Activator.CreateInstance(type, x, y, w)!;
        // dThis comes in holding (1, 2, 9): the gradient is added to X and Y; W, [NoDiff], keeps its 9.
        var args = new object[] { k, 0.0, Activator.CreateInstance(type, 1.0, 2.0, 9.0)!, 1.0 };
        double value = (double)backward.Invoke(p, args)!;
        Assert.Equal((double)norm.Invoke(p, new object[] { k })!, value);
        var dThis = args[2];
        double Get(object o, string m) => (double)type.GetProperty(m)!.GetValue(o)!;
        Tolerance.AssertFormula(1 + (2 * k * x) + w, Get(dThis, "X"), "∂/∂X");
        Tolerance.AssertFormula(2 + (2 * k * y), Get(dThis, "Y"), "∂/∂Y");
        Assert.Equal(9.0, Get(dThis, "W"));
        Tolerance.AssertFormula((x * x) + (y * y), (double)args[1], "∂/∂k");
        const double h = 1e-6;
        double F(double a, double b) => (double)norm.Invoke(Activator.CreateInstance(type, a, b, w), new object[] { k })!;
        Tolerance.AssertCentral((F(x + h, y) - F(x - h, y)) / (2 * h), Get(dThis, "X") - 1, Math.Abs(value), "∂/∂X");
        Tolerance.AssertCentral((F(x, y + h) - F(x, y - h)) / (2 * h), Get(dThis, "Y") - 2, Math.Abs(value), "∂/∂Y");
    }

    [Fact]
    public void ACallOnAStructValue_MatchesCentralDifferences_AndTheHandValue()
    {
        var r = CentralDifferenceRunner.Check(Compiled.Value.GetType("RO.Uses")!.GetMethod("Use")!, null, new object[] { 0.4, -0.9 });
        // Σ_{k=1..3} k (x² + y²) + 2x: ∂/∂x = 12x + 6, ∂/∂y = 12y.
        Tolerance.AssertFormula((12 * 0.4) + 6, r.Gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(12 * -0.9, r.Gradient[1]![0], "∂/∂y");
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void CompilesWithoutWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(2, result.Generated.Count);
    }

    [Fact]
    public void AReadonlyRecordStruct_WithAFloatMember_ByHand()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.Latest, true, null, Record);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("R2")!;
        object p = Activator.CreateInstance(type, 0.5, 2f)!;
        var args = new object[] { 3.0, 0.0, Activator.CreateInstance(type, 0.0, 0f)!, 1.0 };
        type.GetMethod("ProdBackward")!.Invoke(p, args);
        Tolerance.AssertFormula((3 * 2) + 1.0, (double)type.GetProperty("A")!.GetValue(args[2])!, "∂/∂A");
        Assert.Equal(1.5f, (float)type.GetProperty("B")!.GetValue(args[2])!);
    }

    /// <summary>
    /// Random readonly structs of 2–3 double members (one maybe [NoDiff]) with random expression bodies over the members and a
    /// parameter: dThis against central differences on the constructor's arguments. Every fourth struct's constructor computes
    /// (X = 2 * x): just outside support, it must get ADG0003 at the first read of a member, and no code.
    /// </summary>
    [Fact]
    public void RandomReadonlyStructs_MatchCentralDifferences_OrAreDiagnosedAtTheRead()
    {
        var random = new Random(20261202);
        string[] names = { "A", "B", "C" };
        for (int program = 0; program < 24; program++)
        {
            int n = 2 + random.Next(2);
            int noDiff = random.Next(4) == 0 ? n - 1 : -1;
            bool computes = program % 4 == 3;
            string Term() => random.Next(4) switch
            {
                0 => names[random.Next(n)] + " * " + names[random.Next(n)],
                1 => "Math.Sin(" + names[random.Next(n)] + ") * k",
                2 => "Math.Exp(0.3 * " + names[random.Next(n)] + ")",
                _ => names[random.Next(n)] + " / (1 + k * k)",
            };
            string body = string.Join(" + ", Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Term())) + " + A";
            var s = new StringBuilder("using System;\nusing AutoDiffGen;\npublic readonly partial struct S\n{\n");
            for (int i = 0; i < n; i++) s.AppendLine("    " + (i == noDiff ? "[NoDiff] " : "") + "public double " + names[i] + " { get; }");
            s.AppendLine("    public S(" + string.Join(", ", names.Take(n).Select(m => "double " + m.ToLowerInvariant())) + ") { "
                + string.Concat(names.Take(n).Select(m => m + " = " + (computes && m == "A" ? "2 * " : "") + m.ToLowerInvariant() + "; ")) + "}");
            s.AppendLine("    [Differentiable(WithRespectToThis = true)]\n    public double F(double k) => " + body + ";\n}");
            string source = s.ToString();
            var result = GeneratorHarness.RunForLoad(source);
            Assert.True(result.Exceptions.IsEmpty, source + result.Dump());
            if (computes)
            {
                var error = Assert.Single(result.GeneratorDiagnostics.Where(d => d.Id == "ADG0003").Take(1));
                int firstRead = source.IndexOf(" => ", StringComparison.Ordinal) + 4;
                int at = error.Location.SourceSpan.Start;
                Assert.True(at >= firstRead && at < source.IndexOf(";\n}", firstRead, StringComparison.Ordinal) && source.Substring(at, 1).IndexOfAny("ABC".ToCharArray()) == 0, source + result.Dump());
                Assert.Empty(result.Generated);
                continue;
            }
            result.AssertClean();
            var type = GeneratorHarness.Load(result).GetType("S")!;
            var values = Enumerable.Range(0, n).Select(_ => 0.2 + random.NextDouble()).ToArray();
            double k = 0.5 + random.NextDouble();
            object Make(double[] v) => Activator.CreateInstance(type, v.Cast<object>().ToArray())!;
            var args = new object[] { k, 0.0, Make(new double[n]), 1.0 };
            type.GetMethod("FBackward")!.Invoke(Make(values), args);
            double F(double[] v) => (double)type.GetMethod("F")!.Invoke(Make(v), new object[] { k })!;
            for (int i = 0; i < n; i++)
            {
                double got = (double)type.GetProperty(names[i])!.GetValue(args[2])!;
                if (i == noDiff) { Assert.Equal(0.0, got); continue; }
                const double h = 1e-6;
                var up = (double[])values.Clone(); up[i] += h;
                var down = (double[])values.Clone(); down[i] -= h;
                Tolerance.AssertCentral((F(up) - F(down)) / (2 * h), got, Math.Abs(F(values)), source + " ∂/∂" + names[i]);
            }
        }
    }
}
