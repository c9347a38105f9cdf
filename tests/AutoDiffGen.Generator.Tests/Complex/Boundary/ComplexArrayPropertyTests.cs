using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;
using Xunit.Abstractions;
using C = System.Numerics.Complex;

namespace AutoDiffGen.Generator.Tests.Complex.Boundary;

/// <summary>
/// Random programs over a Complex[] parameter (read as a[i] in loops, passed to [Differentiable] callees taking a
/// Complex[] or a span), a struct holding a Complex (parameter, local built and written, callee), and Asin/Acos/Atan:
/// each Backward matches central differences over every part of every element and member at random points. Some draw
/// what stays outside (a foreach or LINQ over the array, a write into it, a second name for it, a ref to an element, a
/// plain helper taking it, a local Complex[], Complex.MaxMagnitude): those must be an ADG error in that method and no
/// Backward. AUTODIFFGEN_COMPLEX_ARRAY_COUNT / _SEED change the run.
/// </summary>
public class ComplexArrayPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Linq;
        using System.Numerics;
        using AutoDiffGen;
        namespace DrawnArrays
        {
            public struct Wave { public Complex Amp; public double Freq; }
            public static partial class H
            {
                [Differentiable] public static double Sum(ReadOnlySpan<Complex> z) { double s = 0; for (int i = 0; i < z.Length; i++) s += (z[i] * z[i]).Imaginary; return s; }
                [Differentiable] public static Complex Last(Complex[] z, Complex k) => z[z.Length - 1] * k + 0.5;
                [Differentiable] public static Complex Ring(Wave w) => w.Amp * Complex.Exp(new Complex(0, w.Freq));
                public static double Plain(Complex[] z) => z[0].Real;
            }
            public static partial class Programs
            {
        """;

    [Fact]
    public void EveryProgram_IsDiagnosed_OrMatchesCentralDifferences()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_ARRAY_COUNT"), out var c) ? c : 100;
        int seed = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_COMPLEX_ARRAY_SEED"), out var s) ? s : 3105;
        var random = new Random(seed);
        var programs = new List<(string Name, string Body, bool Unsupported)>();
        for (int i = 0; i < count; i++) programs.Add(Draw(random, "P" + i));
        var source = new StringBuilder(Header);
        foreach (var p in programs) source.Append("        [Differentiable] public static double ").Append(p.Name).Append("(Complex[] a, Wave s, double u)\n        {\n").Append(p.Body).Append("        }\n");
        source.Append("    }\n}\n");

        var run = GeneratorHarness.RunForLoad(source.ToString());
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var broken = run.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error || d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true).ToList();
        Assert.True(broken.Count == 0, "generated code does not compile:\n" + string.Join("\n", broken.Take(10)));
        var assembly = GeneratorHarness.Load(run);
        var type = assembly.GetType("DrawnArrays.Programs")!;
        var waveType = assembly.GetType("DrawnArrays.Wave")!;
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
                var array = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => new C((random.NextDouble() * 1.6) - 0.8, (random.NextDouble() * 1.6) - 0.8)).ToArray();
                object wave = Activator.CreateInstance(waveType)!;
                waveType.GetField("Amp")!.SetValue(wave, new C((random.NextDouble() * 1.6) - 0.8, (random.NextDouble() * 1.6) - 0.8));
                waveType.GetField("Freq")!.SetValue(wave, (random.NextDouble() * 1.6) - 0.8);
                var point = new object[] { array, wave, (random.NextDouble() * 1.6) - 0.8 };
                try
                {
                    CentralDifferenceRunner.Check(type.GetMethod(p.Name)!, null, point);
                    points++;
                }
                catch (Exception e) when (e is Xunit.Sdk.XunitException or TargetInvocationException)
                {
                    failures.Add(p.Name + " at (" + string.Join(", ", array) + "; " + string.Join(", ", RealStructs.Components(wave)) + "; " + point[2] + "): " + e.Message + "\n" + p.Body);
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
        string Real() => random.Next(5) switch
        {
            0 => "u",
            1 => "s.Freq",
            2 => "a[0].Imaginary",
            3 => "0.75",
            _ => "a.Length * 0.25",
        };
        string Cx(int depth)
        {
            int pick = depth <= 0 ? random.Next(5) : random.Next(14);
            switch (pick)
            {
                case 0: return "a[0]";
                case 1: return "a[a.Length - 1]";
                case 2: return "s.Amp";
                case 3: return "new Complex(" + Real() + ", " + Real() + ")";
                case 4: return "acc";
                case 5: return "(" + Cx(depth - 1) + " + " + Cx(depth - 1) + ")";
                case 6: return "(" + Cx(depth - 1) + " * " + Cx(depth - 1) + " * 0.5)";
                case 7: return "Complex." + new[] { "Asin", "Acos", "Atan" }[random.Next(3)] + "(0.2 * " + Cx(depth - 1) + ")";
                case 8: return "H.Last(a, " + Cx(depth - 1) + ")";
                case 9: return "H.Ring(s)";
                case 10: return "Complex.Exp(0.3 * " + Cx(depth - 1) + ")";
                case 11: return "Complex.Conjugate(" + Cx(depth - 1) + ")";
                case 12: return "(" + Real() + " * " + Cx(depth - 1) + ")";
                default: return "(" + Cx(depth - 1) + " - 0.5)";
            }
        }
        lines.Append("            Complex acc = Complex.Zero;\n");
        switch (random.Next(3))
        {
            case 0:
                lines.Append("            for (int i = 0; i < a.Length; i++) acc = acc * 0.5 + a[i] * ").Append(Cx(1)).Append(";\n");
                break;
            case 1:
                lines.Append("            for (int i = a.Length - 1; i >= 0; i--) { acc = acc * ").Append(Cx(0)).Append(" * 0.5 + a[i]; if (acc.Magnitude > 2) acc = acc / acc.Magnitude; }\n");
                break;
            default:
                lines.Append("            var q = new Wave { Amp = ").Append(Cx(1)).Append(", Freq = ").Append(Real()).Append(" };\n");
                lines.Append("            q.Amp = q.Amp * 0.5 + a[0];\n            acc = H.Ring(q) + q.Amp * q.Freq;\n");
                break;
        }
        if (random.Next(5) == 0)
        {
            unsupported = true;
            lines.Append(random.Next(9) switch
            {
                0 => "            foreach (var e in a) acc += e;\n",
                1 => "            a[0] = acc;\n",
                2 => "            var b = a; acc += b[0];\n",
                3 => "            ref Complex r = ref a[0]; acc += r;\n",
                4 => "            acc += H.Plain(a);\n",
                5 => "            var arr = new Complex[2]; arr[0] = acc; acc = arr[0];\n",
                6 => "            acc += a.First();\n",
                7 => "            acc = Complex.MaxMagnitude(acc, a[0]);\n",
                _ => "            acc += H.Sum(a.AsSpan(1));\n",
            });
        }
        string readout = random.Next(5) switch
        {
            0 => "acc.Real",
            1 => "acc.Imaginary * " + Real(),
            2 => "(acc * Complex.Conjugate(acc)).Real",
            3 => "acc.Real + H.Sum(a)",
            _ => Cx(2) + ".Imaginary + acc.Real",
        };
        lines.Append("            return ").Append(readout).Append(";\n");
        return (name, lines.ToString(), unsupported);
    }

    private static string? Method(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        return tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }
}
