using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// Random <c>Forward = true</c> programs that call helpers writing into local arrays (a difference into a buffer, a
/// shrink in place, an accumulation into a span, residuals, a rotation writing two arrays), in sequence, in loops and in
/// branches, mixed with stores; helpers that write into an array and return a value (a normalization returning the
/// norm), also into the program's own array parameter x, which the program (returning a value) then writes too: its
/// tangent is in/out. Each supported program's MForward must match central differences along a random direction and its
/// own MBackward, for g = f + ⟨w, x after the call⟩ with a random w (so what it leaves in x is checked too: ⟨∇g, t⟩ with
/// x's adjoint seeded with w); each program that also goes outside what is supported (an array passed twice where it is
/// written, also through an alias or two slices of it; a slice or a range copy written into; a helper without Forward =
/// true; a [NoDiff] array written) must get an error inside the method and no code: never a wrong tangent, never a
/// broken build.
/// </summary>
public class ForwardArrayCallPropertyTests(ITestOutputHelper output)
{
    private const int Programs = 80;
    private const int Seed = 20261214;

    private const string Helpers = @"
using System;
using AutoDiffGen;
namespace FwdProps
{
    public static partial class H
    {
        [Differentiable(Forward = true)] public static void Sub(double[] a, double[] b, double[] r) { for (int i = 0; i < r.Length; i++) r[i] = a[i] - b[i]; }
        [Differentiable(Forward = true)] public static void Shrink(double[] v)
        {
            double n = 1;
            for (int i = 0; i < v.Length; i++) n += v[i] * v[i];
            n = Math.Sqrt(n);
            for (int i = 0; i < v.Length; i++) v[i] /= n;
        }
        [Differentiable(Forward = true)] public static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y) { for (int i = 0; i < y.Length; i++) y[i] += a * x[i]; }
        [Differentiable(Forward = true)] public static void Axpy2(double a, ReadOnlySpan<double> x, double[] y, int at) { for (int i = 0; i < x.Length; i++) y[at + i] += a * x[i]; }
        [Differentiable(Forward = true)] public static void Res(double[] p, double[] r) { for (int i = 0; i < r.Length; i++) r[i] = p[0] * Math.Exp(-0.2 * p[1] * i) + Math.Sin(p[2]); }
        [Differentiable(Forward = true)] public static void Rot(double theta, double[] u, double[] w)
        {
            double c = Math.Cos(theta), s = Math.Sin(theta), u0 = u[0];
            u[0] = c * u0 - s * u[1];
            u[1] = s * u0 + c * u[1];
            w[2] = w[2] * c + u[2];
        }
        [Differentiable] public static void Plain(double[] v, double c) { for (int i = 0; i < v.Length; i++) v[i] *= c; }
        [Differentiable] public static double PlainNorm(double[] v) { double n = Math.Sqrt(1 + v[0] * v[0]); v[0] /= n; return n; }
        // Writes into its array and returns a value.
        [Differentiable(Forward = true)] public static double Unit(double[] v)
        {
            double n = 1;
            for (int i = 0; i < v.Length; i++) n += v[i] * v[i];
            n = Math.Sqrt(n);
            for (int i = 0; i < v.Length; i++) v[i] /= n;
            return n;
        }
        [Differentiable(Forward = true)] public static double Pull(double a, Span<double> y) { y[0] = a * y[1] + Math.Sin(y[0]); return y[0] * y[2]; }
    }
}";

    private static readonly string[] Outside =
    {
        "H.Sub(x, u, u);",
        "H.Plain(u, s);",
        "s = s * H.PlainNorm(u);",
        "H.Axpy(s, x, c);",
        "double[] z = u; H.Sub(x, z, u);",
        "H.Rot(s, v, v);",
        // Written through a slice, or into a copy (x[..2] of an array is a new array): ADG0003.
        "H.Axpy(s, u.AsSpan(0, 2), u.AsSpan(1, 2));",
        "H.Axpy(s, x, v.AsSpan(1, 2));",
        "H.Axpy(s, x[1..], v[..2]);",
    };

    private sealed class Program(int index, bool outside, string body)
    {
        public int Index = index;
        public bool Outside = outside;
        public string Body = body;
        public string Name => "P" + Index.ToString(CultureInfo.InvariantCulture);
    }

    private static string Expression(Random r, int depth)
    {
        if (depth == 0 || r.NextDouble() < 0.3)
        {
            return r.Next(5) switch
            {
                0 => "x[" + r.Next(3) + "]",
                1 => "s",
                2 => (0.25 + r.Next(8) * 0.25).ToString("R", CultureInfo.InvariantCulture),
                3 => "u[" + r.Next(3) + "]",
                _ => "v[" + r.Next(3) + "]",
            };
        }
        string a = Expression(r, depth - 1), b = Expression(r, depth - 1);
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

    private static string Statement(Random r, int n)
    {
        bool toU = r.Next(2) == 0;
        string w = toU ? "u" : "v", other = toU ? "v" : "u";
        string source = r.Next(3) switch { 0 => "x", 1 => "c", _ => other };
        string target = r.Next(3) == 0 ? "x" : w;
        switch (r.Next(14))
        {
            // Helpers that write into an array (also the program's own x) and return a value.
            case 11: return "double q" + n + " = H.Unit(" + target + "); " + w + "[" + r.Next(3) + "] += 0.2 * q" + n + ";";
            case 12: return "s = s * 0.5 + H.Pull(" + Expression(r, 2) + ", " + target + ");";
            case 13: return "H.Shrink(" + target + ");";
            // Slices read (a parameter's tangent is a span, a local array's an array).
            case 9: return "H.Axpy2(" + Expression(r, 2) + ", " + (r.Next(2) == 0 ? "x" : source) + ".AsSpan(" + r.Next(2) + ", 2), " + w + ", " + r.Next(2) + ");";
            case 10: return "H.Axpy2(" + Expression(r, 1) + ", " + (r.Next(2) == 0 ? "x[1..]" : "x.AsSpan(1)") + ", " + w + ", " + r.Next(2) + ");";
            case 0: return "H.Sub(" + source + ", " + (r.Next(2) == 0 ? "x" : other) + ", " + w + ");";
            case 1: return "H.Shrink(" + w + ");";
            case 2: return "H.Axpy(" + Expression(r, 2) + ", " + source + ", " + w + ");";
            case 3: return "H.Res(" + source + ", " + w + ");";
            case 4: return "H.Rot(" + Expression(r, 2) + ", " + w + ", " + other + ");";
            case 5: return w + "[" + r.Next(3) + "] " + (r.Next(2) == 0 ? "=" : "+=") + " " + Expression(r, 3) + ";";
            case 6: return "for (int i = 0; i < 2; i++) H.Axpy(0.5, " + other + ", " + w + ");";
            case 7: return "if (x[" + r.Next(3) + "] > 0) H.Shrink(" + w + "); else H.Sub(" + other + ", x, " + w + ");";
            default: return "double t" + n + " = " + Expression(r, 2) + "; H.Axpy(t" + n + ", c, " + w + ");";
        }
    }

    private static Program Make(Random r, int index)
    {
        var body = new StringBuilder("double[] u = { x[0], s, 0.5 }; double[] v = new double[3]; ");
        int statements = 2 + r.Next(4);
        bool outside = r.NextDouble() < 0.2;
        int outsideAt = r.Next(statements);
        for (int n = 0; n < statements; n++)
        {
            body.Append(outside && n == outsideAt ? Outside[r.Next(Outside.Length)] : Statement(r, n)).Append(' ');
        }
        body.Append("return u[0] * v[1] + Math.Sin(u[2] + v[0]) + v[2]; ");
        return new Program(index, outside, body.ToString());
    }

    private static string Method(Program p) =>
        "[Differentiable(Forward = true)] public static double " + p.Name + "(double[] x, double s, [NoDiff] double[] c) { " + p.Body + "}\n";

    /// <summary>g = f + ⟨w, x after the call⟩: its value, gradient (x's in/out adjoint seeded with w) and tangent.</summary>
    private static string Wrappers(Program p)
    {
        string n = p.Name;
        return "public static double " + n + "_P(double[] p, double[] w) { double[] x = { p[0], p[1], p[2] }; double r = " + n + "(x, p[3], C); return r + Dot(w, x); }\n"
             + "public static double " + n + "_B(double[] p, double[] w, double[] dP) { double[] x = { p[0], p[1], p[2] }; double[] dx = (double[])w.Clone(); double ds = 0; double r = " + n + "Backward(x, p[3], C, dx, ref ds); dx.CopyTo(dP, 0); dP[3] = ds; return r + Dot(w, x); }\n"
             + "public static double " + n + "_F(double[] p, double[] w, double[] t, out double tr) { double[] x = { p[0], p[1], p[2] }; double[] tx = { t[0], t[1], t[2] }; double r = " + n + "Forward(x, p[3], C, tx, t[3], out tr); tr += Dot(w, tx); return r + Dot(w, x); }\n";
    }

    private static string Source(IEnumerable<Program> programs, bool wrappers) =>
        "using System; using AutoDiffGen; namespace FwdProps { public static partial class G {\n"
        + (wrappers ? "static readonly double[] C = { 0.3, -0.7, 1.1 };\nstatic double Dot(double[] a, double[] b) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];\n" : "")
        + string.Concat(programs.Select(p => Method(p) + (wrappers ? Wrappers(p) : ""))) + "} }";

    [Fact]
    public void RandomForwardProgramsWithArrayWritingCalls_MatchCentralDifferencesAndBackward_OrAreDiagnosed()
    {
        var random = new Random(Seed);
        var programs = Enumerable.Range(0, Programs).Select(i => Make(random, i)).ToList();

        var source = Source(programs, wrappers: false);
        var result = GeneratorHarness.Run(Helpers, source);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        var errors = result.GeneratorDiagnostics.Concat(GeneratorHarness.AnalyzerDiagnostics(result.Compilation)).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        var problems = new List<string>();
        foreach (var p in programs)
        {
            string text = Method(p);
            int start = source.IndexOf(text, StringComparison.Ordinal);
            var inside = errors.Where(d => d.Location.SourceTree!.GetText().ToString() == source && d.Location.SourceSpan.Start >= start && d.Location.SourceSpan.End <= start + text.Length).ToList();
            bool generated = result.Generated.Keys.Any(k => k.StartsWith("FwdProps.G." + p.Name + "_", StringComparison.Ordinal));
            if (p.Outside && (inside.Count == 0 || generated)) problems.Add(p.Name + " goes outside but was " + (inside.Count > 0 ? "diagnosed and generated" : "not diagnosed") + ": " + p.Body);
            if (!p.Outside && (inside.Count > 0 || !generated)) problems.Add(p.Name + " is inside but was diagnosed: " + p.Body + "\n" + string.Join("\n", inside));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));

        var supported = programs.Where(p => !p.Outside).ToList();
        var assembly = GeneratorHarness.CompileAndLoad(Helpers, Source(supported, wrappers: true));
        var type = assembly.GetType("FwdProps.G", throwOnError: true)!;
        int checks = 0;
        foreach (var p in supported)
        {
            var value = type.GetMethod(p.Name + "_P")!;
            var backward = type.GetMethod(p.Name + "_B")!;
            var forward = type.GetMethod(p.Name + "_F")!;
            var r = new Random(Seed + p.Index);
            var w = Enumerable.Range(0, 3).Select(_ => 2 * r.NextDouble() - 1).ToArray();
            double F(double[] point) => (double)value.Invoke(null, new object[] { point, w })!;
            for (int trial = 0; trial < 2; trial++)
            {
                double[] Draw() => Enumerable.Range(0, 4).Select(_ => 2 * r.NextDouble() - 1).ToArray();
                var point = Draw();
                // Keep clear of the branches' kinks (x_j = 0), where central differences straddle two programs.
                for (int j = 0; j < 3; j++) if (Math.Abs(point[j]) < 0.05) point[j] = 0.3;
                var t = Draw();
                try
                {
                    var args = new object[] { point.Clone(), w, t.Clone(), 0.0 };
                    double v = (double)forward.Invoke(null, args)!;
                    double tangent = (double)args[3];
                    var dP = new double[4];
                    double vb = (double)backward.Invoke(null, new object[] { point.Clone(), w, dP })!;
                    Assert.Equal(F(point), v);
                    Assert.Equal(v, vb);
                    const double h = 1e-6;
                    double numeric = (F(point.Zip(t, (a, b) => a + h * b).ToArray()) - F(point.Zip(t, (a, b) => a - h * b).ToArray())) / (2 * h);
                    Tolerance.AssertCentral(numeric, tangent, Math.Abs(v) + 1, p.Name + " tResult vs central differences");
                    Tolerance.AssertFormula(dP.Zip(t, (a, b) => a * b).Sum(), tangent, p.Name + " tResult vs ⟨dP, t⟩");
                    checks++;
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    problems.Add(p.Name + ": " + (e is TargetInvocationException { InnerException: { } inner } ? inner.Message : e.Message) + "\n  " + Method(p));
                }
            }
        }
        output.WriteLine(programs.Count + " programs (" + supported.Count + " inside, " + (programs.Count - supported.Count) + " outside, all diagnosed); " + checks + " JVP checks");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.True(supported.Count >= Programs / 2 && programs.Count - supported.Count >= 8, "the generator should draw both kinds");
    }
}
