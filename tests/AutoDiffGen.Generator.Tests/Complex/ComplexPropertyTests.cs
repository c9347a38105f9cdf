using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Complex;

/// <summary>
/// Random programs over Complex locals, a struct's opted-in methods called on struct values, and a tuple-returning
/// helper: each is either diagnosed (ADG error in it, no Backward) or its Backward matches central differences at
/// random points. Some draw a construct that is not supported (Complex.MaxMagnitude, a struct method writing its own
/// members on a varied receiver), which must be diagnosed. AUTODIFFGEN_COMPLEX_COUNT / _SEED change the run.
/// </summary>
public class ComplexPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        namespace Drawn
        {
            public partial struct V2
            {
                public double X;
                public double Y;
                [Differentiable(WithRespectToThis = true)] public double Norm() => Math.Sqrt(X * X + Y * Y + 0.25);
                [Differentiable(WithRespectToThis = true)] public double Dot(V2 o) => X * o.X + Y * o.Y;
                [Differentiable(WithRespectToThis = true)] public V2 Scale(double k) => new V2 { X = X * k, Y = Y * k };
                [Differentiable] public double Plain() => X * Y;
                public double Bump() { X += 1; return X * Y; }
            }
            public static partial class Helpers
            {
                [Differentiable] public static (double, double) Polar(double r, double t) => (r * Math.Cos(t), r * Math.Sin(t));
            }
            public static partial class Programs
            {
        """;

    [Fact]
    public void EveryProgram_IsDiagnosed_OrMatchesCentralDifferences()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_COUNT"), out var c) ? c : 120;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_SEED"), out var s) ? s : 1312;
        var random = new Random(seed);
        var programs = new List<(string Name, string Body, bool Unsupported)>();
        for (int i = 0; i < count; i++) programs.Add(Draw(random, "P" + i));
        var source = new StringBuilder(Header);
        foreach (var p in programs) source.Append("        [Differentiable] public static double ").Append(p.Name).Append("(double x, double y, double u)\n        {\n").Append(p.Body).Append("        }\n");
        source.Append("    }\n}\n");

        var run = GeneratorHarness.RunForLoad(source.ToString());
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var broken = run.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
        Assert.True(broken.Count == 0, "generated code does not compile:\n" + string.Join("\n", broken.Take(10)));
        var assembly = GeneratorHarness.Load(run);
        var type = assembly.GetType("Drawn.Programs")!;
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        int diagnosed = 0, generated = 0, points = 0;
        var failures = new List<string>();
        foreach (var p in programs)
        {
            bool mine = errors.Any(d => Method(d) == p.Name);
            bool backward = type.GetMethod(p.Name + "Backward") is not null;
            if (p.Unsupported && !mine) failures.Add(p.Name + ": drew an unsupported construct but was not diagnosed\n" + p.Body);
            if (mine == backward) failures.Add(p.Name + ": diagnosed " + mine + ", Backward " + backward + "\n" + p.Body);
            if (mine)
            {
                diagnosed++;
                continue;
            }
            generated++;
            for (int k = 0; k < 2; k++)
            {
                // Right half plane, away from the origin: no branch cut of Log/Sqrt/Phase between x ± h.
                var point = new object[] { 0.4 + random.NextDouble(), random.NextDouble() * 1.6 - 0.8, random.NextDouble() * 1.6 - 0.8 };
                try
                {
                    CentralDifferenceRunner.Check(type.GetMethod(p.Name)!, null, point);
                    points++;
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or TargetInvocationException)
                {
                    failures.Add(p.Name + " at (" + string.Join(", ", point) + "): " + e.Message + "\n" + p.Body);
                }
            }
        }
        output.WriteLine($"seed {seed}: {count} programs, {generated} generated ({points} points checked), {diagnosed} diagnosed, {failures.Count} failures");
        Assert.True(failures.Count == 0, string.Join("\n\n", failures.Take(5)));
        Assert.True(generated >= count / 3 && diagnosed >= count / 20, $"generated {generated}, diagnosed {diagnosed}");
    }

    private static (string Name, string Body, bool Unsupported) Draw(Random random, string name)
    {
        bool unsupported = false;
        var lines = new StringBuilder();
        lines.Append("            var z = new Complex(x, y);\n            var w = new Complex(u, 0.5);\n            var a = z * w;\n");
        string Real(int depth) => (depth <= 0 ? random.Next(4) : random.Next(7)) switch
        {
            0 => "x",
            1 => "y",
            2 => "u",
            3 => "1.5",
            4 => "(" + Real(depth - 1) + " * " + Real(depth - 1) + ")",
            5 => "Math.Sin(" + Real(depth - 1) + ")",
            _ => "(" + Real(depth - 1) + " + " + Real(depth - 1) + ")",
        };
        string C(int depth)
        {
            int pick = depth <= 0 ? random.Next(4) : random.Next(21);
            switch (pick)
            {
                case 0: return "z";
                case 1: return "w";
                case 2: return "a";
                case 3: return "new Complex(" + Real(1) + ", " + Real(1) + ")";
                case 4: return "(" + C(depth - 1) + " + " + C(depth - 1) + ")";
                case 5: return "(" + C(depth - 1) + " - " + C(depth - 1) + ")";
                case 6: return "(" + C(depth - 1) + " * " + C(depth - 1) + ")";
                case 7: return "(" + C(depth - 1) + " / (" + C(depth - 1) + " * " + C(depth - 1) + " + 3.0))";
                case 8: return "(" + Real(1) + " * " + C(depth - 1) + ")";
                case 9: return "-(" + C(depth - 1) + ")";
                case 10: return "Complex.Conjugate(" + C(depth - 1) + ")";
                case 11: return "Complex.Exp(0.3 * " + C(depth - 1) + ")";
                case 12: return "Complex.Sin(0.5 * " + C(depth - 1) + ")";
                case 13: return "Complex.Cos(0.5 * " + C(depth - 1) + ")";
                case 14: return random.Next(2) == 0 ? "Complex.Log(z)" : "Complex.Sqrt(z)";
                case 15: return "Complex.FromPolarCoordinates(" + Real(1) + ", " + Real(1) + ")";
                case 16:
                    if (random.Next(3) == 0)
                    {
                        unsupported = true;
                        return "Complex.MaxMagnitude(" + C(depth - 1) + ", w)";
                    }
                    // Scaled to stay off the cuts between the points of central differences.
                    return "Complex." + new[] { "Asin", "Acos", "Atan" }[random.Next(3)] + "(0.2 * " + C(depth - 1) + ")";
                case 17: return "Complex.Pow(" + C(depth - 1) + ", " + random.Next(4) + ")";
                case 18: return random.Next(3) switch { 0 => "Complex.Pow(z, 1.5)", 1 => "Complex.Pow(z, new Complex(0.5, " + Real(0) + "))", _ => random.Next(2) == 0 ? "Complex.Log10(z)" : "Complex.Reciprocal(z)" };
                case 19: return "Complex." + new[] { "Tan", "Sinh", "Cosh", "Tanh" }[random.Next(4)] + "(0.5 * " + C(depth - 1) + ")";
                default: return "(" + C(depth - 1) + " + 1.0)";
            }
        }
        string Readout(string c) => random.Next(4) switch
        {
            0 => c + ".Real",
            1 => c + ".Imaginary",
            2 => c + ".Magnitude",
            _ => "Complex.Abs(" + c + ")",
        };
        lines.Append("            var b = ").Append(C(2)).Append(";\n");
        if (random.Next(3) == 0) lines.Append("            b ").Append(random.Next(2) == 0 ? "+=" : "*=").Append(' ').Append(C(1)).Append(";\n");
        lines.Append("            var p = new V2 { X = ").Append(Real(1)).Append(", Y = ").Append(Real(1)).Append(" };\n");
        lines.Append("            var q = new V2 { X = b.Real, Y = ").Append(Real(1)).Append(" };\n");
        string S(int depth) => (depth <= 0 ? random.Next(2) : random.Next(4)) switch
        {
            0 => "p",
            1 => "q",
            _ => S(depth - 1) + ".Scale(" + Real(1) + ")",
        };
        string structPart = random.Next(6) switch
        {
            0 => S(2) + ".Norm()",
            1 => S(2) + ".Dot(" + S(1) + ")",
            2 => S(1) + ".X * " + S(1) + ".Y",
            3 => "0.0",
            // A [Differentiable] method without the opt-in is inlined on the receiver; one writing its struct's members too (its
            // value read, since objects6), but not on some paths of an expression only.
            4 => random.Next(3) switch { 0 => S(1) + ".Plain()", 1 => MarkUnsupported(ref unsupported, "(u > 0 ? q.Bump() : 0.0)"), _ => S(1) + ".Norm()" },
            _ => "Helpers.Polar(" + Real(1) + ", " + Real(1) + ").Item2",
        };
        if (random.Next(8) == 0)
        {
            lines.Append("            var (r1, r2) = Helpers.Polar(b.Real, u);\n");
            structPart += " + r1 * r2";
        }
        if (random.Next(12) == 0)
        {
            // A tuple kept in a local: carried as its elements.
            lines.Append("            var t = Helpers.Polar(x, u);\n");
            structPart += " + t.Item1 * t.Item2";
        }
        lines.Append("            return ").Append(Readout("b")).Append(" + ").Append(structPart).Append(";\n");
        return (name, lines.ToString(), unsupported);
    }

    private static string MarkUnsupported(ref bool unsupported, string text)
    {
        unsupported = true;
        return text;
    }

    private static string? Method(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        return tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }
}
