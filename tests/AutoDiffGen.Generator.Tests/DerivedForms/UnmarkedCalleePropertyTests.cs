using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.DerivedForms;

/// <summary>
/// Property test of Hessian-mode and forward-mode callers of plain [Differentiable] helpers (no Hessian = true, no
/// Forward = true): each batch draws four random smooth helpers H0–H3 over (u, v) (later ones call earlier ones) and random
/// programs P(x, y) with <c>Forward = true, Hessian = true</c> that call them. Inside, each program generates cleanly (the
/// helpers' MBackwardTangent and MForward written from their bodies) and, at three random points, MHessian matches central
/// differences of MBackward's gradient, MHessianVector is MHessian·v, and MForward's tangent matches central differences of
/// the method along a random direction and MBackward·t. Just outside, a program calls (with a gradient) a helper Hessian mode
/// cannot differentiate twice — Out1 calls a hand-written reverse-only [DerivativeOf], Out2 deconstructs a tuple-returning
/// callee that calls it too (a tuple callee alone is inlined since hess14) — and gets ADG0019 at exactly that call and no code. CI runs 60 programs; AUTODIFFGEN_UNMARKED_COUNT runs more.
/// </summary>
public class UnmarkedCalleePropertyTests(ITestOutputHelper output)
{
    private const int BatchSize = 30;

    [Fact]
    public void CallersOfPlainHelpers_MatchCentralDifferences_OrADG0019AtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_UNMARKED_COUNT", 60);
        var random = new Random(20261214);
        int programs = 0, outside = 0, clean = 0, points = 0, skipped = 0;
        for (int start = 0; start < count; start += BatchSize)
        {
            string header = Header(random, out var helperNames);
            var all = Enumerable.Range(start, Math.Min(BatchSize, count - start))
                .Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), helperNames, outside: i % 4 == 3)).ToList();
            var run = GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text)));
            var inside = ProgramBatch.Judge(run, header, all, p => p, "ADG0019");
            programs += all.Count;
            outside += all.Count - inside.Count;
            clean += inside.Count;
            var wrappers = "namespace Unmarked;\npublic static partial class Batch\n{\n" + string.Concat(inside.Select(p => Wrappers(p.Name))) + "}\n";
            var loaded = GeneratorHarness.RunForLoad(ProgramBatch.Source(header, inside.Select(p => p.Text)), wrappers);
            Assert.True(loaded.Exceptions.IsEmpty && loaded.CompileDiagnostics.All(d => d.Severity != Microsoft.CodeAnalysis.DiagnosticSeverity.Error), loaded.Dump());
            var type = GeneratorHarness.Load(loaded).GetType("Unmarked.Batch", throwOnError: true)!;
            foreach (var (name, text, _) in inside)
            {
                for (int k = 0; k < 3; k++)
                {
                    var x = new[] { Math.Round((random.NextDouble() * 2) - 1, 4), Math.Round((random.NextDouble() * 2) - 1, 4) };
                    string? failure = Check(type, name, x, random, out bool skip);
                    if (skip) { skipped++; continue; }
                    if (failure is not null) Assert.Fail(name + " at (" + string.Join(", ", x.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "): " + failure + "\n" + header + "\n" + text);
                    points++;
                }
            }
        }
        output.WriteLine($"{programs} programs: {outside} just outside (ADG0019 at the call), {clean} generated, {points} points checked in every mode, {skipped} skipped (differences at three steps disagree)");
        Assert.True(outside > 0 && clean > programs / 2, "too few programs on one side");
        Assert.True(points >= clean, "fewer checked points than generated programs");
    }

    /// <summary>Null when every mode agrees at <paramref name="x"/>; skip when central differences at three steps disagree (steep, near a pole, or near overflow).</summary>
    private static string? Check(Type type, string name, double[] x, Random random, out bool skip)
    {
        skip = false;
        T Get<T>(string suffix) where T : Delegate => type.GetMethod(name + suffix, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
        var gradient = Get<Action<double[], double[]>>("_G");
        var primal = Get<Func<double[], double>>("_F");
        double f = primal(x);
        var g = new double[2];
        gradient(x, g);
        if (!double.IsFinite(f) || Math.Abs(f) > 1e6 || g.Any(v => !double.IsFinite(v) || Math.Abs(v) > 1e5)) { skip = true; return null; }
        var h = Enumerable.Repeat(double.NaN, 4).ToArray();
        double value = Get<Func<double[], double[], double>>("_H")(x, h);
        if (!(Math.Abs(value - f) <= 1e-12 * Math.Max(1, Math.Abs(f)))) return $"MHessian returned {value:R}, the method {f:R}";
        var c5 = HessianModeTests.CentralHessian(gradient, x, 1e-5);
        var c4 = HessianModeTests.CentralHessian(gradient, x, 1e-4);
        var c6 = HessianModeTests.CentralHessian(gradient, x, 1e-6);
        double scale = 1 + c5.Max(Math.Abs);
        // Near a pole (Log(1 + u) at u ≈ −1) a step crosses it or the differences at three steps disagree: not a checkable point.
        if (Enumerable.Range(0, 4).Any(k => !double.IsFinite(c4[k]) || !double.IsFinite(c5[k]) || !double.IsFinite(c6[k])
                || Math.Abs(c4[k] - c5[k]) > 1e-3 * scale || Math.Abs(c6[k] - c5[k]) > 1e-3 * scale)) { skip = true; return null; }
        for (int k = 0; k < 4; k++)
        {
            if (!(Math.Abs(h[k] - c5[k]) <= 1e-5 * Math.Max(Math.Abs(c5[k]), 1))) return $"H[{k}]: MHessian {h[k]:R}, central differences of MBackward {c5[k]:R}";
        }
        var v = new[] { Math.Round((random.NextDouble() * 2) - 1, 3), Math.Round((random.NextDouble() * 2) - 1, 3) };
        var hv = new double[2];
        Get<Func<double[], double[], double[], double>>("_V")(x, v, hv);
        for (int i = 0; i < 2; i++)
        {
            double expected = h[i * 2] * v[0] + h[i * 2 + 1] * v[1];
            if (!(Math.Abs(hv[i] - expected) <= 1e-12 * Math.Max(1, Math.Abs(h[i * 2] * v[0]) + Math.Abs(h[i * 2 + 1] * v[1])))) return $"(H·v)[{i}]: MHessianVector {hv[i]:R}, MHessian·v {expected:R}";
        }
        double tangent = Get<Func<double[], double[], double>>("_T")(x, v);
        double reverse = g[0] * v[0] + g[1] * v[1];
        const double step = 1e-6;
        double central = (primal(new[] { x[0] + step * v[0], x[1] + step * v[1] }) - primal(new[] { x[0] - step * v[0], x[1] - step * v[1] })) / (2 * step);
        if (!(Math.Abs(tangent - reverse) <= 1e-12 * Math.Max(1, Math.Abs(g[0] * v[0]) + Math.Abs(g[1] * v[1])))) return $"MForward {tangent:R}, MBackward·t {reverse:R}";
        if (!(Math.Abs(tangent - central) <= 1e-6 * Math.Abs(central) + 1e-8 * Math.Max(1, Math.Abs(f)) * 100)) return $"MForward {tangent:R}, central differences along t {central:R}";
        return null;
    }

    /// <summary>Array-taking wrappers of one program's methods, for delegates.</summary>
    private static string Wrappers(string name) =>
        "    public static double " + name + "_F(double[] p) => " + name + "(p[0], p[1]);\n" +
        "    public static void " + name + "_G(double[] p, double[] g) { double a = 0, b = 0; " + name + "Backward(p[0], p[1], ref a, ref b); g[0] = a; g[1] = b; }\n" +
        "    public static double " + name + "_H(double[] p, double[] h) => " + name + "Hessian(p[0], p[1], h);\n" +
        "    public static double " + name + "_V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(p[0], p[1], v, hv);\n" +
        "    public static double " + name + "_T(double[] p, double[] t) { " + name + "Forward(p[0], p[1], t[0], t[1], out double r); return r; }\n";

    /// <summary>A smooth random expression over <paramref name="vars"/>, calling <paramref name="callees"/> (each of two arguments) now and then.</summary>
    private static string Expression(Random random, string[] vars, int depth, IReadOnlyList<string> callees)
    {
        string Leaf() => random.Next(4) == 0 ? (0.25 + random.Next(8) * 0.25).ToString("0.00", CultureInfo.InvariantCulture) : vars[random.Next(vars.Length)];
        if (depth == 0 || random.Next(4) == 0) return Leaf();
        string E() => Expression(random, vars, depth - 1, callees);
        int kinds = callees.Count > 0 ? 10 : 8;
        return random.Next(kinds) switch
        {
            0 => "(" + E() + " + " + E() + ")",
            1 => "(" + E() + " - " + E() + ")",
            2 or 3 => "(" + E() + " * " + E() + ")",
            4 => "Math.Sin(" + E() + ")",
            5 => "Math.Exp(0.3 * " + E() + ")",
            6 => "Math.Tanh(" + E() + ")",
            7 => "Math.Log(1 + " + E() + " * " + E() + ")",
            _ => callees[random.Next(callees.Count)] + "(" + E() + ", " + E() + ")",
        };
    }

    /// <summary>The class with four random plain helpers (later ones calling earlier ones) and the two outside ones.</summary>
    private static string Header(Random random, out List<string> helpers)
    {
        var text = new StringBuilder("using System;\nusing AutoDiffGen;\n\nnamespace Unmarked;\n\npublic static partial class Batch\n{\n");
        helpers = new List<string>();
        for (int k = 0; k < 4; k++)
        {
            string name = "H" + k.ToString(CultureInfo.InvariantCulture);
            // At least one term multiplies u and v, so that every helper has second derivatives of its own.
            text.Append("    [Differentiable] public static double ").Append(name).Append("(double u, double v) => u * v + ")
                .Append(Expression(random, new[] { "u", "v" }, 3, helpers)).Append(";\n");
            helpers.Add(name);
        }
        text.Append("""
                // Just outside: Hand has a hand-written reverse [DerivativeOf] only (no second derivatives), and Split returns a
                // tuple (inlined in Hessian mode since hess14, but not where its body calls Hand: the call then stays refused).
                public static double Hand(double x) => Math.Exp(0.5 * x);
                [DerivativeOf(nameof(Hand))]
                public static double HandBackward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(0.5 * x); dX += 0.5 * e * dResult; return e; }
                [Differentiable] public static double Out1(double u, double v) => Hand(u) * v;
                [Differentiable] public static (double, double) Split(double u, double v) => (u * v, Hand(u) + v);
                [Differentiable] public static double Out2(double u, double v) { var (p, q) = Split(u, v); return p * q; }

            """);
        return text.ToString();
    }

    /// <summary>A program P(x, y) of two or three statements; just outside, one of them calls Out1 or Out2 with x in an argument.</summary>
    private static (string Name, string Text, string? Bad) Next(Random random, string name, IReadOnlyList<string> helpers, bool outside)
    {
        var text = new StringBuilder("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y)\n    {\n");
        var vars = new List<string> { "x", "y" };
        // At least one helper is called with a gradient.
        string first = helpers[random.Next(helpers.Count)] + "(" + Expression(random, vars.ToArray(), 1, Array.Empty<string>()) + ", x)";
        text.Append("        double a = ").Append(first).Append(";\n");
        vars.Add("a");
        string? bad = null;
        int statements = 1 + random.Next(2);
        int badAt = outside ? random.Next(statements) : -1;
        for (int i = 0; i < statements; i++)
        {
            string local = ((char)('b' + i)).ToString();
            string value = Expression(random, vars.ToArray(), 2, helpers);
            if (i == badAt)
            {
                bad = (random.Next(2) == 0 ? "Out1" : "Out2") + "(" + vars[random.Next(vars.Count)] + " * x, y)";
                value = bad + " + " + value;
            }
            text.Append("        double ").Append(local).Append(" = ").Append(value).Append(";\n");
            vars.Add(local);
        }
        text.Append("        return ").Append(Expression(random, vars.ToArray(), 2, helpers)).Append(" + ").Append(vars[^1]).Append(" * a;\n    }\n");
        return (name, text.ToString(), bad);
    }
}
