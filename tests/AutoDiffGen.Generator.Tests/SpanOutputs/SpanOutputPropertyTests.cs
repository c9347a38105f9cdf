using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// Random void programs that leave their results in a <c>Span&lt;double&gt;</c> or <c>double[]</c> parameter: stores,
/// compound stores, reads of what was written, loops and branches. Each supported program's Backward (VJP, in/out),
/// Forward (JVP) and MJacobian must match central differences (<see cref="OutputChecks"/>); each program that also goes
/// outside what is supported (an effect on the span the generator cannot follow) must get an error inside the method
/// and no code: never a wrong derivative, never a broken build.
/// </summary>
public class SpanOutputPropertyTests(ITestOutputHelper output)
{
    private const int Programs = 60;
    private const int Seed = 20261202;

    private static readonly string[] Outside =
    {
        "((Span<double>)y).Fill(0.5);",
        "((Span<double>)y).Slice(1)[0] = {e};",
        // (A span local viewing y, stored through or read, is supported since issue 13: Arrays/SpanLocalTests.)
        "Span<double> z = y; z.Slice(1)[0] = {e};",
        "ReadOnlySpan<double> z = y; y[{k}] = z.ToArray()[0] * {e};",
        "y[^1] = {e};", // last: only for a span (a double[] stores y[^k])
    };

    private sealed class Program(int index, bool span, bool outside, string body)
    {
        public int Index = index;
        public bool Span = span;
        public bool Outside = outside;
        public string Body = body;
        public string Name => "P" + Index.ToString(CultureInfo.InvariantCulture);
    }

    private static string Expression(Random r, int depth, bool readY)
    {
        if (depth == 0 || r.NextDouble() < 0.3)
        {
            return r.Next(readY ? 4 : 3) switch
            {
                0 => "x[" + r.Next(3) + "]",
                1 => "s",
                2 => (0.25 + r.Next(8) * 0.25).ToString("R", CultureInfo.InvariantCulture),
                _ => "y[" + r.Next(3) + "]",
            };
        }
        string a = Expression(r, depth - 1, readY), b = Expression(r, depth - 1, readY);
        return r.Next(6) switch
        {
            0 => "(" + a + " + " + b + ")",
            1 => "(" + a + " - " + b + ")",
            2 => "(" + a + " * " + b + ")",
            3 => "Math.Sin(" + a + ")",
            4 => "Math.Exp(0.3 * Math.Cos(" + a + "))",
            _ => "(" + a + " * 0.5)",
        };
    }

    private static Program Make(Random r, int index)
    {
        var body = new StringBuilder();
        int statements = 2 + r.Next(4);
        bool outside = r.NextDouble() < 0.2;
        int outsideAt = r.Next(statements);
        bool span = r.Next(2) == 0;
        for (int n = 0; n < statements; n++)
        {
            if (outside && n == outsideAt)
            {
                body.Append(Outside[r.Next(span ? Outside.Length : Outside.Length - 1)].Replace("{k}", r.Next(3).ToString(CultureInfo.InvariantCulture)).Replace("{e}", Expression(r, 2, false))).Append(' ');
                continue;
            }
            int k = r.Next(3);
            string e = Expression(r, 3, true);
            switch (r.Next(6))
            {
                // y[k]++ became a store when the element-store forms landed (it was outside before).
                case 4: body.Append("y[" + k + "]" + (r.Next(2) == 0 ? "++" : "--") + "; "); break;
                case 0: body.Append("y[" + k + "] = " + e + "; "); break;
                case 1: body.Append("y[" + k + "] " + (r.Next(3) switch { 0 => "+=", 1 => "-=", _ => "*=" }) + " " + e + "; "); break;
                case 2: body.Append("for (int i = 0; i < y.Length; i++) y[i] = y[i] * " + Expression(r, 2, false) + " + x[i]; "); break;
                case 3: body.Append("if (x[" + r.Next(3) + "] > 0) y[" + k + "] = " + e + "; else y[" + k + "] += " + Expression(r, 2, true) + "; "); break;
                default: body.Append("double t" + n + " = " + e + "; y[" + k + "] = t" + n + " * t" + n + "; "); break;
            }
        }
        return new Program(index, span, outside, body.ToString());
    }

    private static string Method(Program p) =>
        "[Differentiable(Forward = true, Jacobian = true)] public static void " + p.Name + "(ReadOnlySpan<double> x, double s, " + (p.Span ? "Span<double>" : "double[]") + " y) { " + p.Body + "}\n";

    private static string Wrappers(Program p)
    {
        string n = p.Name;
        return "public static void " + n + "_P(double[] p, double[] y) => " + n + "(p.AsSpan(0, 3), p[3], y);\n"
             + "public static void " + n + "_B(double[] p, double[] y, double[] dP, double[] dY) { double ds = 0; " + n + "Backward(p.AsSpan(0, 3), p[3], y, dP.AsSpan(0, 3), ref ds, dY); dP[3] = ds; }\n"
             + "public static void " + n + "_F(double[] p, double[] y, double[] tP, double[] tY) => " + n + "Forward(p.AsSpan(0, 3), p[3], y, tP.AsSpan(0, 3), tP[3], tY);\n"
             + "public static void " + n + "_J(double[] p, double[] y, double[] j) => " + n + "Jacobian(p.AsSpan(0, 3), p[3], y, j);\n";
    }

    private static string Source(IEnumerable<Program> programs, bool wrappers) =>
        "using System; using AutoDiffGen; namespace SpanOut { public static partial class S {\n"
        + string.Concat(programs.Select(p => Method(p) + (wrappers ? Wrappers(p) : ""))) + "} }";

    [Fact]
    public void RandomOutputPrograms_MatchCentralDifferences_OrAreDiagnosed()
    {
        var random = new Random(Seed);
        var programs = Enumerable.Range(0, Programs).Select(i => Make(random, i)).ToList();

        // Diagnosis: every outside program gets an error inside it, and no code; no inside program gets one.
        var source = Source(programs, wrappers: false);
        var result = GeneratorHarness.Run(source);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var errors = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var problems = new List<string>();
        foreach (var p in programs)
        {
            string text = Method(p);
            int start = source.IndexOf(text, StringComparison.Ordinal);
            bool diagnosed = errors.Any(d => d.Location.SourceSpan.Start >= start && d.Location.SourceSpan.End <= start + text.Length);
            bool generated = result.Generated.Keys.Any(k => k.StartsWith("SpanOut.S." + p.Name + "_", StringComparison.Ordinal));
            if (p.Outside && (!diagnosed || generated)) problems.Add(p.Name + " goes outside but was " + (diagnosed ? "diagnosed and generated" : "not diagnosed") + ": " + p.Body);
            if (!p.Outside && (diagnosed || !generated)) problems.Add(p.Name + " is inside but was diagnosed: " + p.Body + "\n" + string.Join("\n", errors.Where(d => d.Location.SourceSpan.Start >= start && d.Location.SourceSpan.End <= start + text.Length)));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        // Derivatives of every supported program, at two points each.
        var inside = programs.Where(p => !p.Outside).ToList();
        var assembly = GeneratorHarness.CompileAndLoad(Source(inside, wrappers: true));
        int checkedModes = 0;
        foreach (var p in inside)
        {
            var checks = new OutputChecks(assembly, p.Name);
            var r = new Random(Seed + p.Index);
            for (int trial = 0; trial < 2; trial++)
            {
                double[] Draw(int n) => Enumerable.Range(0, n).Select(_ => 2 * r.NextDouble() - 1).ToArray();
                var point = Draw(4);
                var y0 = Draw(3);
                // Keep clear of the branches' kinks (x_j = 0), where central differences straddle two programs.
                for (int j = 0; j < 3; j++) if (Math.Abs(point[j]) < 0.05) point[j] = 0.3;
                try
                {
                    checks.Vjp(point, y0, Draw(3));
                    checks.Jvp(point, y0, Draw(4), Draw(3));
                    checks.Jacobian(point, y0);
                    checkedModes += 3;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add(p.Name + ": " + e.Message + "\n  " + Method(p));
                }
            }
        }
        output.WriteLine(programs.Count + " programs (" + inside.Count + " inside, " + (programs.Count - inside.Count) + " outside, all diagnosed); " + checkedModes + " mode checks");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(inside.Count >= Programs / 2 && programs.Count - inside.Count >= 5, "the generator should draw both kinds");
    }
}
