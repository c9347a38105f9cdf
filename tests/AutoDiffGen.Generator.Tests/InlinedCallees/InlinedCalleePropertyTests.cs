using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.InlinedCallees;

/// <summary>
/// Random programs that call random [Differentiable] helpers (issue 12: small static helpers of the caller's type are
/// inlined instead of called through their Backward, which would run their forward sweep again). Helpers with
/// branches, loops, several returns and calls to other helpers (nested), called in loops, in branches, twice, nested in
/// their own arguments; a recursive helper, a helper of another class, one with a ref parameter and one taking an
/// array keep their calls. double and float. Inside support every gradient matches central differences, and the
/// generated Backward calls no inlinable helper's Backward; just outside (a gradient passed to a helper's [NoDiff]
/// parameter) it is an ADG0003 at that argument and no code.
/// </summary>
public class InlinedCalleePropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad, string[] Inlined, string[] Called);

    /// <summary>
    /// Which derivative the programs (and their helpers) opt into: reverse mode only, Forward = true (MForward checked
    /// against central differences of the function along a random direction) or Hessian = true (MHessianVector against
    /// central differences of MBackward's gradient along it). Every mode inlines the same helpers.
    /// </summary>
    public enum Mode { Reverse, Forward, Hessian }

    [Theory]
    [InlineData(Mode.Reverse)]
    [InlineData(Mode.Forward)]
    [InlineData(Mode.Hessian)]
    public void RandomHelperCalls_MatchCentralDifferences_AndInlinableHelpersAreInlined(Mode mode)
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_CALLEES_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261203 + (int)mode);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 6 == 5, mode)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        var cleanRun = GeneratorHarness.RunForLoad(Source(clean), Wrappers(clean, mode));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Calls")!;
        // The call each mode's derivative makes to a helper it does not inline.
        string suffix = mode switch { Mode.Forward => "Forward(", Mode.Hessian => "BackwardTangent(", _ => "Backward(" };
        int points = 0, skipped = 0, inlined = 0, called = 0;
        foreach (var p in clean)
        {
            // The program's own derivatives: inlinable helpers leave no call of their Backward (nor of their Forward or
            // BackwardTangent), the others keep theirs.
            string code = cleanRun.Generated.Single(g => g.Key.Contains("Calls." + p.Name + "_", StringComparison.Ordinal)).Value;
            foreach (string h in p.Inlined)
            {
                Assert.DoesNotContain("." + h + "Backward(", code);
                Assert.DoesNotContain("." + h + suffix, code);
                inlined++;
            }
            foreach (string h in p.Called)
            {
                Assert.Contains("." + h + suffix, code);
                called++;
            }
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            bool single = method.ReturnType == typeof(float);
            for (int k = 0; k < 3; k++)
            {
                double a = Math.Round((random.NextDouble() * 2.4) - 1.2, 4), b = Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
                var point = single ? new object[] { (float)a, (float)b, random.Next(4) } : new object[] { a, b, random.Next(4) };
                // Reverse mode draws no direction, so that its programs and points are the ones it always checked.
                double[] direction = mode == Mode.Reverse ? new double[2] : new[] { Math.Round((random.NextDouble() * 2) - 1, 3), Math.Round((random.NextDouble() * 2) - 1, 3) };
                try
                {
                    // A float gradient's central differences (step 1e-2) may be off by their truncation error: the other
                    // modes check float gradients through their own check below, which skips such points.
                    if (mode == Mode.Reverse || !single) CentralDifferenceRunner.Check(method, null, point);
                    bool ok = mode switch
                    {
                        Mode.Forward => CheckForward(type, p.Name, point, direction, single),
                        Mode.Hessian => CheckHessianVector(type, p.Name, point, direction, single),
                        _ => true,
                    };
                    if (!ok)
                    {
                        skipped++;
                        continue;
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + " along " + string.Join(", ", direction) + ": " + e.Message + "\n" + p.Text + "\n" + code);
                }
                points++;
            }
        }
        output.WriteLine($"{mode}: {count} programs: {clean.Count} generated, {points} points checked ({skipped} skipped: central differences unsettled), {inlined} inlined and {called} called helpers checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points + skipped == 3 * clean.Count && points >= 2 * clean.Count && clean.Count < count && inlined > clean.Count && called > 0);
    }

    private static object Real(double v, bool single) => single ? (object)(float)v : v;

    private static double Invoke(Type type, string name, params object[] args) => Convert.ToDouble(type.GetMethod(name)!.Invoke(null, args), CultureInfo.InvariantCulture);

    /// <summary>
    /// (g(h) − g(−h)) / 2h at two steps (float 1e-2 and 5e-3, double 1e-5 and 1e-6); null when they disagree by more than
    /// <paramref name="tolerance"/> (a kink, or a truncation error larger than the tolerance: the point is skipped).
    /// </summary>
    private static double? Central(Func<double, double> g, bool single, Func<double, double> tolerance)
    {
        double h = single ? 1e-2 : 1e-5;
        double wide = (g(h) - g(-h)) / (2 * h), narrow = (g(h / (single ? 2 : 10)) - g(-h / (single ? 2 : 10))) / (2 * h / (single ? 2 : 10));
        return Math.Abs(wide - narrow) <= tolerance(narrow) ? narrow : null;
    }

    private static Func<double, double> Tolerance(bool single) => single ? e => 2e-3 + (2e-2 * Math.Abs(e)) : e => 1e-5 * (1 + Math.Abs(e));

    /// <summary>MForward's tangent along <paramref name="d"/> against (f(x + h·d) − f(x − h·d)) / 2h; false when skipped.</summary>
    private static bool CheckForward(Type type, string name, object[] point, double[] d, bool single)
    {
        double x = Convert.ToDouble(point[0], CultureInfo.InvariantCulture), y = Convert.ToDouble(point[1], CultureInfo.InvariantCulture);
        double tangent = Invoke(type, name + "_T", point[0], point[1], point[2], Real(d[0], single), Real(d[1], single));
        double F(double s) => Invoke(type, name, Real(x + (s * d[0]), single), Real(y + (s * d[1]), single), point[2]);
        if (Central(F, single, Tolerance(single)) is not { } numeric) return false;
        Infrastructure.Tolerance.AssertClose(numeric, tangent, Tolerance(single)(numeric), name + "Forward along the direction");
        return true;
    }

    /// <summary>MHessianVector along <paramref name="d"/> against (∇f(x + h·d) − ∇f(x − h·d)) / 2h, ∇f from MBackward; false when skipped.</summary>
    private static bool CheckHessianVector(Type type, string name, object[] point, double[] d, bool single)
    {
        double x = Convert.ToDouble(point[0], CultureInfo.InvariantCulture), y = Convert.ToDouble(point[1], CultureInfo.InvariantCulture);
        var v = single ? (Array)new[] { (float)d[0], (float)d[1] } : new[] { d[0], d[1] };
        var hv = (Array)type.GetMethod(name + "_V")!.Invoke(null, new[] { point[0], point[1], point[2], v })!;
        var numeric = new double[2];
        for (int i = 0; i < 2; i++)
        {
            int k = i;
            double G(double s) => Convert.ToDouble(((Array)type.GetMethod(name + "_G")!.Invoke(null, new[] { Real(x + (s * d[0]), single), Real(y + (s * d[1]), single), point[2] })!).GetValue(k), CultureInfo.InvariantCulture);
            if (Central(G, single, Tolerance(single)) is not { } n) return false;
            numeric[i] = n;
        }
        for (int i = 0; i < 2; i++)
        {
            Infrastructure.Tolerance.AssertClose(numeric[i], Convert.ToDouble(hv.GetValue(i), CultureInfo.InvariantCulture), Tolerance(single)(numeric[i]), name + "HessianVector[" + i + "]");
        }
        return true;
    }

    /// <summary>A second file: per program, array wrappers of MForward (P_T) or of MHessianVector (P_V) and MBackward (P_G).</summary>
    private static string Wrappers(List<Program> programs, Mode mode)
    {
        var text = new StringBuilder("public static partial class Calls\n{\n");
        foreach (var p in programs)
        {
            string t = p.Text.Contains("public static float " + p.Name + "(", StringComparison.Ordinal) ? "float" : "double";
            string n = p.Name;
            if (mode == Mode.Forward) text.Append($"    public static {t} {n}_T({t} x, {t} y, int n, {t} tx, {t} ty) {{ {n}Forward(x, y, n, tx, ty, out {t} t); return t; }}\n");
            if (mode == Mode.Hessian)
            {
                text.Append($"    public static {t}[] {n}_V({t} x, {t} y, int n, {t}[] v) {{ var hv = new {t}[2]; {n}HessianVector(x, y, n, v, hv); return hv; }}\n");
                text.Append($"    public static {t}[] {n}_G({t} x, {t} y, int n) {{ {t} a = 0, b = 0; {n}Backward(x, y, n, ref a, ref b); return new[] {{ a, b }}; }}\n");
            }
        }
        return text.Append("}\n").ToString();
    }

    private static Program Next(Random random, int index, bool outside, Mode mode)
    {
        string i = index.ToString(CultureInfo.InvariantCulture);
        string name = "P" + i;
        bool single = index % 4 == 3;
        string t = single ? "float" : "double";
        string L(string v) => single ? v + "f" : v;
        string Sin(string v) => single ? "MathF.Sin(" + v + ")" : "Math.Sin(" + v + ")";
        string Exp(string v) => single ? "MathF.Exp(" + v + ")" : "Math.Exp(" + v + ")";
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Value(string a, string b) => Pick(a + " * " + b, Sin(a) + " * " + b, a + " * " + b + " + " + L("1"), Exp(L("0.3") + " * " + a), a + " / (" + L("1") + " + " + b + " * " + b + ")");

        string a = "A" + i, b = "B" + i, r = "R" + i, o = "O" + i, f = "F" + i, s = "S" + i, nd = "N" + i;
        var helpers = new StringBuilder();
        string attribute = mode switch { Mode.Forward => "[Differentiable(Forward = true)]", Mode.Hessian => "[Differentiable(Hessian = true)]", _ => "[Differentiable]" };
        void Helper(string text) => helpers.Append("    ").Append(attribute).Append("\n    public static ").Append(text).Append("\n\n");
        // A: one expression, or statements with a branch, a loop, several returns.
        Helper(t + " " + a + "(" + t + " t, " + t + " u) " + random.Next(4) switch
        {
            0 => "=> " + Value("t", "u") + ";",
            1 => "{ if (t > u) return " + Value("t", "u") + "; " + t + " w = u + " + L("0.5") + "; return w * w * t; }",
            2 => "{ " + t + " w = 0; for (int j = 0; j < 3; j++) { w += " + Value("t", "u") + "; if (w > 2) break; } return w + u; }",
            _ => "{ " + t + " w = " + Value("u", "t") + "; w *= t; w += " + Sin("w") + "; return w; }",
        });
        // B: calls A (nested inlining), in a loop over k or in a branch.
        Helper(t + " " + b + "(" + t + " t, int k) " + Pick(
            "{ " + t + " w = t; for (int j = 0; j < k; j++) w += " + a + "(t, w * " + L("0.25") + "); return w; }",
            "{ if (k > 1) return " + a + "(t, t) * t; return " + a + "(t * " + L("0.5") + ", " + L("1") + ") + t; }",
            "=> " + a + "(" + a + "(t, " + L("0.3") + "), t) - t;"));
        // Kept as calls: recursion, another class, a ref parameter, an array parameter.
        Helper(t + " " + r + "(" + t + " t, int k) { if (k <= 0) return t * t; return " + r + "(t * " + L("0.5") + ", k - 1) + " + Sin("t") + "; }");
        // A void helper with a ref parameter has no Forward nor Hessian: reverse mode only.
        if (mode == Mode.Reverse) Helper("void " + f + "(ref " + t + " acc, " + t + " t) { acc = acc * t + " + Value("t", "acc") + "; }");
        Helper(t + " " + s + "(" + t + "[] v) { " + t + " w = 0; for (int j = 0; j < v.Length; j++) w += v[j] * v[j]; return w; }");
        Helper(t + " " + nd + "(" + t + " t, [NoDiff] " + t + " c) => t * c + t;");

        var uses = new List<string>();
        var inlined = new List<string> { a };
        var called = new List<string>();
        uses.Add(Pick("s += " + a + "(x, y);", "s += " + a + "(x, y) * " + a + "(y, x);", "s += " + a + "(" + a + "(x, y), y);"));
        if (random.Next(2) == 0)
        {
            uses.Add(Pick("for (int j = 0; j < n; j++) s += " + b + "(x * " + L("0.3") + " + j, n);", "if (x > 0) s += " + b + "(y, n); else s -= " + b + "(x, 2);"));
            inlined.Add(b);
        }
        if (random.Next(2) == 0)
        {
            uses.Add("s += " + r + "(x, n);");
            called.Add(r);
        }
        if (random.Next(2) == 0)
        {
            uses.Add("s += " + o + ".G(x * y);");
            called.Add("G");
        }
        if (mode == Mode.Reverse && random.Next(2) == 0)
        {
            uses.Add(Pick(f + "(ref s, x);", "for (int j = 0; j < n; j++) " + f + "(ref s, y);"));
            called.Add(f);
        }
        if (random.Next(3) == 0)
        {
            uses.Add("var v = new " + t + "[2]; v[0] = x; v[1] = " + a + "(y, x); s += " + s + "(v);");
            called.Add(s);
        }
        string? bad = null;
        if (outside)
        {
            uses.Add("s += " + nd + "(x, y * x);");
            bad = "y * x";
        }
        else if (random.Next(2) == 0)
        {
            uses.Add("s += " + nd + "(x, " + L("2") + ");");
            called.Add(nd);
        }

        var text = new StringBuilder();
        text.Append(helpers);
        text.Append("    ").Append(attribute).Append("\n    public static ").Append(t).Append(' ').Append(name).Append('(').Append(t).Append(" x, ").Append(t).Append(" y, int n)\n    {\n");
        text.Append("        ").Append(t).Append(" s = 0;\n");
        foreach (string use in uses) text.Append("        ").Append(use).Append('\n');
        text.Append("        return s;\n    }\n");
        text.Append("}\n\npublic static partial class ").Append(o).Append("\n{\n    ").Append(attribute).Append("\n    public static ").Append(t).Append(" G(").Append(t).Append(" t) => ").Append(Value("t", "t")).Append(";\n}\n\npublic static partial class Calls\n{\n");
        return new Program(name, text.ToString(), bad, inlined.ToArray(), called.ToArray());
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Calls\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
