using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// Random programs with Complex parameters, some returning a real (checked by central differences, Re and Im moved one
/// at a time), some returning Complex (checked row by row through MBackward and column by column through MForward),
/// calling Complex helpers. Some draw what is not supported (Complex.MaxMagnitude, == on differentiated values, a local
/// Complex[], a plain helper taking Complex): those must be diagnosed, never compiled into a wrong gradient.
/// AUTODIFFGEN_COMPLEX_BOUNDARY_COUNT / _SEED change the run.
/// </summary>
public class ComplexBoundaryPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;
        namespace DrawnBoundary
        {
            public static partial class H
            {
                [Differentiable(Forward = true)] public static Complex Sq(Complex a) => a * a + 0.5;
                [Differentiable(Forward = true)] public static Complex Mix(Complex a, Complex b, double t) => a * t + Complex.Conjugate(b) * (1 - t);
                public static double Plain(Complex a) => a.Real;
                private static int _calls;
                public static double Counted(Complex a) { _calls++; return a.Real; }
            }
            public static partial class Programs
            {
        """;

    [Fact]
    public void EveryProgram_IsDiagnosed_OrMatchesCentralDifferences()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_BOUNDARY_COUNT"), out var c) ? c : 100;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_BOUNDARY_SEED"), out var s) ? s : 2412;
        var random = new Random(seed);
        var programs = new List<(string Name, bool ComplexResult, string Body, bool Unsupported)>();
        for (int i = 0; i < count; i++) programs.Add(Draw(random, "P" + i));
        var source = new StringBuilder(Header);
        foreach (var p in programs)
        {
            source.Append("        [Differentiable(Forward = true)] public static ").Append(p.ComplexResult ? "Complex " : "double ").Append(p.Name)
                .Append("(Complex z, Complex w, double u)\n        {\n").Append(p.Body).Append("        }\n");
        }
        source.Append("    }\n}\n");

        var run = GeneratorHarness.RunForLoad(source.ToString());
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var broken = run.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
        Assert.True(broken.Count == 0, "generated code does not compile:\n" + string.Join("\n", broken.Take(10)));
        var assembly = GeneratorHarness.Load(run);
        var type = assembly.GetType("DrawnBoundary.Programs")!;
        var errors = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
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
                // Right half plane, away from the origin: no branch cut of Log/Sqrt/Phase/Pow between z ± h.
                var point = new object[] { new C(0.4 + random.NextDouble(), (random.NextDouble() * 1.6) - 0.8), new C(0.4 + random.NextDouble(), (random.NextDouble() * 1.6) - 0.8), (random.NextDouble() * 1.6) - 0.8 };
                try
                {
                    if (p.ComplexResult)
                    {
                        var j = VectorChecks.Check(type.GetMethod(p.Name)!, point);
                        if (j.Forward is null) throw new Xunit.Sdk.XunitException("no MForward");
                    }
                    else
                    {
                        CentralDifferenceRunner.Check(type.GetMethod(p.Name)!, null, point);
                    }
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

    private static (string Name, bool ComplexResult, string Body, bool Unsupported) Draw(Random random, string name)
    {
        bool unsupported = false;
        var lines = new StringBuilder();
        string Real(int depth) => (depth <= 0 ? random.Next(4) : random.Next(7)) switch
        {
            0 => "u",
            1 => "z.Real",
            2 => "w.Imaginary",
            3 => "0.75",
            4 => "(" + Real(depth - 1) + " * " + Real(depth - 1) + ")",
            5 => "Math.Cos(" + Real(depth - 1) + ")",
            _ => "(" + Real(depth - 1) + " + " + Real(depth - 1) + ")",
        };
        string Cx(int depth)
        {
            int pick = depth <= 0 ? random.Next(4) : random.Next(18);
            switch (pick)
            {
                case 0: return "z";
                case 1: return "w";
                case 2: return random.Next(2) == 0 ? "Complex.ImaginaryOne" : "Complex.One";
                case 3: return "new Complex(" + Real(1) + ", " + Real(1) + ")";
                case 4: return "(" + Cx(depth - 1) + " + " + Cx(depth - 1) + ")";
                case 5: return "(" + Cx(depth - 1) + " - " + Real(0) + ")";
                case 6: return "(" + Cx(depth - 1) + " * " + Cx(depth - 1) + ")";
                case 7: return "(" + Cx(depth - 1) + " / (" + Cx(depth - 1) + " * " + Cx(depth - 1) + " + 3.0))";
                case 8: return "-(" + Cx(depth - 1) + ")";
                case 9: return "Complex.Conjugate(" + Cx(depth - 1) + ")";
                case 10: return "Complex.Exp(0.3 * " + Cx(depth - 1) + ")";
                case 11: return "Complex." + new[] { "Sin", "Cos", "Tanh", "Sinh" }[random.Next(4)] + "(0.5 * " + Cx(depth - 1) + ")";
                case 12: return new[] { "Complex.Log(z)", "Complex.Sqrt(w)", "Complex.Pow(z, 2.5)", "Complex.Pow(w, new Complex(u, 0.5))" }[random.Next(4)];
                case 13: return "Complex.Pow(" + Cx(depth - 1) + ", " + random.Next(1, 4) + ")";
                case 14: return "H.Sq(" + Cx(depth - 1) + ")";
                case 15: return "H.Mix(" + Cx(depth - 1) + ", " + Cx(depth - 1) + ", " + Real(0) + ")";
                case 16:
                    if (random.Next(3) == 0)
                    {
                        unsupported = true;
                        return "Complex.MaxMagnitude(z, " + Cx(depth - 1) + ")";
                    }
                    // Scaled to stay off the cuts (|Re| > 1, |Im| > 1) between the points of central differences.
                    return "Complex." + new[] { "Asin", "Acos", "Atan" }[random.Next(3)] + "(0.2 * " + Cx(depth - 1) + ")";
                default: return "Complex.FromPolarCoordinates(" + Real(1) + ", " + Real(1) + ")";
            }
        }
        lines.Append("            var a = ").Append(Cx(2)).Append(";\n");
        switch (random.Next(10))
        {
            case 0:
                lines.Append("            for (int i = 0; i < 3; i++) a = a * 0.5 + ").Append(Cx(1)).Append(";\n");
                break;
            case 1:
                lines.Append("            if (a.Magnitude > 1.5) a = a / a.Magnitude; else a -= ").Append(Cx(1)).Append(";\n");
                break;
            case 2:
                // A comparison of two complex values only decides a branch (hunt11), and a plain helper is inlined
                // (helpers11): both are differentiated now. A complex array and a helper writing a static field are not.
                int shape = random.Next(4);
                unsupported = shape >= 2;
                lines.Append(shape switch
                {
                    0 => "            if (a == z) a = w;\n",
                    1 => "            a += H.Plain(a);\n",
                    // `+ z`: `a` may be a constant (every operand drawn constant), and a constant may go anywhere.
                    2 => "            var arr = new Complex[2]; arr[0] = a + z; a = arr[0];\n",
                    _ => "            a += H.Counted(a + z);\n",
                });
                break;
            case 3:
                lines.Append("            a *= ").Append(Cx(1)).Append(";\n");
                break;
        }
        bool complexResult = random.Next(3) == 0;
        if (complexResult)
        {
            lines.Append("            return a").Append(random.Next(2) == 0 ? "" : " * " + Real(1)).Append(";\n");
        }
        else
        {
            string readout = random.Next(5) switch
            {
                0 => "a.Real",
                1 => "a.Imaginary",
                2 => "a.Magnitude",
                3 => "(a * Complex.Conjugate(a)).Real",
                _ => "Complex.Abs(a) + a.Phase",
            };
            lines.Append("            return ").Append(readout).Append(";\n");
        }
        return (name, complexResult, lines.ToString(), unsupported);
    }

    private static string? Method(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        return tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }
}
