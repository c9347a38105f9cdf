using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Properties;

/// <summary>Which generated methods a cross-feature program asks for, and so which ones the test checks.</summary>
public enum CrossMode { Reverse, Forward, Hessian }

/// <summary>
/// One random cross-feature program: its method's text, the wrappers that call its generated methods over one flat
/// vector of inputs (x, y, v[0..2], then the struct's two members), the features it combines, and, for one just
/// outside support, the error's ID, the text it must span and where that text starts in <see cref="Text"/>.
/// </summary>
public sealed record CrossProgram(string Name, string Text, string Wrappers, int Inputs, IReadOnlyList<string> Features, string? BadId, string? Bad, int BadAt);

/// <summary>
/// Writes random [Differentiable] methods over <c>(double x, double y, double[] v, [Pt|Q p,] int k)</c> that combine 2–4
/// of the recent features in one body, nesting them in each other (a recursive helper on an array element inside a loop
/// with a goto, a LINQ result walked backwards, a guard with a message in a loop with a goto, an int table helper on an
/// array a generic ref helper swaps): recursive plain helpers of constant depth, generic ref helpers on array elements,
/// arrays made in loops and rebound (<c>u = nx;</c>), LINQ and Zip over a local jagged array's rows, gotos as continue
/// or break, point loops that fuse and reverse row walks, validation helpers with message lambdas, [Differentiable]
/// instance calls on a static readonly field or an object made in the call, int helpers reading an array as a table,
/// and struct parameters (a struct of fields, a readonly struct of get-only properties). Everything is C# 7.3, so the
/// generated code can be compiled at 7.3 too. A program just outside replaces one statement with a known refusal of
/// one of its features (also inside a loop with a goto) and says which error it must get, and where.
/// </summary>
public sealed class CrossFeatureGenerator
{
    /// <summary>The helpers the programs call; opens namespace Cross and class C (closed by <see cref="Source"/>).</summary>
    public const string Header = @"using System;
using System.Linq;
using AutoDiffGen;

namespace Cross
{
    public struct Pt { public double X; public double Y; public Pt(double x, double y) { X = x; Y = y; } }
    public readonly struct Q { public Q(double a, double b) { A = a; B = b; } public double A { get; } public double B { get; } }

    public static class R
    {
        public const int Two = 2;
        public static double Pow(double q, int n) => n == 0 ? 1 : q * Pow(q, n - 1);
        public static double Block(double q, double c, int n)
        {
            if (n <= 0) return c;
            double here = Math.Sin(q) * n;
            double inner = Block(q * 0.5, c + q, n - 1);
            return here + q * inner;
        }
        public static double Fib(double q, int n) => n < 2 ? (n == 0 ? 1 : q) : q * Fib(q, n - 1) + Fib(q, n - 2);
    }

    public static class Refs
    {
        public static double Field;
        public static void Swap<T>(ref T a, ref T b) { T t = a; a = b; b = t; }
        public static void SwapVia<T>(ref T a, ref T b) { Swap(ref a, ref b); }
    }

    public static class Check
    {
        public static void Require(bool condition, Func<string> message) { if (!condition) throw new ArgumentException(message.Invoke()); }
        public static void Both(double a, double b)
        {
            Require(a > -1000.0, () => ""a ("" + a + "") too small"");
            Require(b > -1000.0, () => ""b ("" + b + "") too small"");
        }
    }

    public static class Tables
    {
        public static int ArgMax(double[] v) { int best = 0; for (int j = 1; j < v.Length; j++) if (v[j] > v[best]) best = j; return best; }
        public static int Below(double[] v, double limit) { int n = 0; foreach (var e in v) if (e < limit) n++; return n; }
        public static int Clobber(double[] v) { v[0] = v[1] * 0.5; return 1; }
        public static int SortFirst(double[] v) { Array.Sort(v); return 0; }
    }

    public sealed partial class N
    {
        private readonly double mean_, sigma_;
        public N() : this(0.0, 1.0) { }
        public N(double mean, double sigma) { mean_ = mean; sigma_ = sigma; }
        [Differentiable(Forward = true, Hessian = true)]
        public double Value(double x) { double d = (x - mean_) / sigma_; return Math.Exp(-0.5 * d * d) / sigma_; }
    }

    public static class Shared { public static readonly N Gauss = new N(0.2, 1.5); }

    public partial class G
    {
        public double s = 1;
        [Differentiable(Forward = true, Hessian = true)] public double Value(double x) => s * x * x;
        public double Bump() { s += 1; return 0; }
    }

    public static partial class Lib
    {
        [Differentiable(Forward = true, Hessian = true)] public static double Dot(Pt p, Pt q) => p.X * q.X + p.Y * q.Y;
        [Differentiable(Forward = true, Hessian = true)] public static double Soft(Q q, double w) => Math.Log(1 + Math.Exp(q.A * w)) + q.B * q.B;
        [Differentiable(Forward = true)] public static double Rec(Pt p, int n) => n <= 0 ? p.X * p.Y : Rec(new Pt(p.Y, p.X), n - 1) + p.X;
    }

    public static partial class C
    {
";

    private static readonly string[] AllFeatures = { "goto", "recursive", "ref", "rebind", "linq", "fused", "guard", "receiver", "table", "struct" };

    private readonly Random _random;
    private int _labels;
    private HashSet<string> _features = new();
    private string _struct = "";
    private bool _rows;

    public CrossFeatureGenerator(int seed) => _random = new Random(seed);

    /// <summary>The header, each program's text (and wrappers where asked) and the closing braces.</summary>
    public static string Source(IEnumerable<CrossProgram> programs, bool wrappers) =>
        Header + string.Concat(programs.Select(p => p.Text + (wrappers ? p.Wrappers : "") + "\n")) + "    }\n}\n";

    /// <summary>The zero-based first and last line of each program's text in <see cref="Source"/> without wrappers.</summary>
    public static Dictionary<string, (int From, int To)> Lines(IEnumerable<CrossProgram> programs)
    {
        var ranges = new Dictionary<string, (int, int)>();
        int line = Header.Count(c => c == '\n');
        foreach (var p in programs)
        {
            int lines = p.Text.Count(c => c == '\n');
            ranges[p.Name] = (line, line + lines - 1);
            line += lines + 1;
        }
        return ranges;
    }

    private string Pick(params string[] options) => options[_random.Next(options.Length)];

    private bool Has(string feature) => _features.Contains(feature);

    private string Label() => "L" + (_labels++).ToString(CultureInfo.InvariantCulture);

    private string Index() => _random.Next(3).ToString(CultureInfo.InvariantCulture);

    private string Depth() => Pick("0", "1", "2", "3", "R.Two", "R.Two + 1");

    private string Member(int which) => _struct == "Pt" ? (which == 0 ? "p.X" : "p.Y") : (which == 0 ? "p.A" : "p.B");

    /// <summary>A real expression; <paramref name="i"/> is a loop index in scope (or null), and the chosen features add their reads.</summary>
    private string Real(string? i = null)
    {
        var options = new List<string> { "x", "y", "s * 0.5", "t * 0.5", "v[1]", "c[" + Index() + "]", "Math.Sin(x)", "0.3", "x * y" };
        if (i is not null) options.AddRange(new[] { "c[" + i + "]", "v[" + i + "]", "c[" + i + "] * x" });
        if (Has("recursive"))
        {
            options.Add("R.Pow(c[" + (i ?? Index()) + "], " + Depth() + ")");
            options.Add("R.Block(v[" + (i ?? Index()) + "], x, " + Depth() + ")");
            options.Add("R.Fib(" + Pick("x", "y * 0.5", "c[" + (i ?? Index()) + "]") + ", " + Pick("2", "3", "R.Two") + ")");
        }
        if (Has("receiver"))
        {
            options.Add("Shared.Gauss.Value(" + (i is null ? Pick("x", "y", "c[1]") : "c[" + i + "]") + ")");
            options.Add("new N(0.5, 2.0).Value(" + Pick("y", "s * 0.5", "v[2]") + ")");
        }
        if (Has("struct")) options.Add(Member(_random.Next(2)) + " * " + Pick("x", "y", "0.5"));
        if (Has("table")) options.Add("c[Tables.ArgMax(c)]");
        return options[_random.Next(options.Count)];
    }

    /// <summary>A real over a lambda's parameter <paramref name="a"/> (recursive helpers and receivers may stand in it).</summary>
    private string Lambda(string a)
    {
        var options = new List<string> { a, a + " * x", a + " * " + a, "Math.Sin(" + a + ")" };
        if (Has("recursive")) options.Add("R.Pow(" + a + ", " + Depth() + ")");
        if (Has("receiver")) options.Add("Shared.Gauss.Value(" + a + ")");
        if (Has("struct")) options.Add(a + " * " + Member(_random.Next(2)));
        return options[_random.Next(options.Count)];
    }

    private string Test() => Pick("s > t", "x > 0", "y < 0.3", "c[0] > c[1]", "v[0] > 0");

    /// <summary>A jump from an if when gotos are drawn (to <paramref name="label"/>), else an if that adds.</summary>
    private string Jump(string label) => Has("goto")
        ? (_random.Next(2) == 0 ? "if (" + Test() + ") goto " + label + ";" : "if (" + Test() + ") { s += 0.125 * " + Real() + "; if (" + Test() + ") goto " + label + "; }")
        : "if (" + Test() + ") s += 0.125;";

    /// <summary>A loop over i = 0..2 with a continue- or break-goto (when drawn) around <paramref name="body"/>.</summary>
    private string Loop(Func<string, string> body)
    {
        string l = Label();
        string at = Has("goto") ? l + ": " : "";
        switch (_random.Next(3))
        {
            case 0:
                return "for (int i = 0; i < 3; i++) { " + body("i") + " " + Jump(l) + " t += " + Real("i") + " * 0.5; " + at + "; }";
            case 1:
                return "{ for (int i = 0; i < 3; i++) { " + body("i") + " " + Jump(l) + " t -= s * 0.25; } " + at + "t += s * 0.5; }";
            default:
                return "{ int i = 0; while (i < 3) { " + body("i") + " i++; " + Jump(l) + " } " + at + "s += t * 0.25; }";
        }
    }

    /// <summary>
    /// The other chosen features on a local array <paramref name="a"/> of three made by another one (a row of a rebinding, a
    /// LINQ result, a fused loop's array): swapped by ref, searched as a table, guarded with a message, raised by a
    /// recursive helper, read by an object's method. Without <paramref name="whole"/>, no use of the array as a whole (a
    /// table helper's argument, a lambda's capture): an array rebound to another is used by its elements only.
    /// </summary>
    private string Others(string a, bool whole = true)
    {
        var parts = new List<string>();
        if (Has("ref") && _random.Next(2) == 0) parts.Add("Refs.Swap(ref " + a + "[0], ref " + a + "[" + (1 + _random.Next(2)).ToString(CultureInfo.InvariantCulture) + "]);");
        if (whole && Has("table") && _random.Next(2) == 0) parts.Add("s += " + a + "[Tables.ArgMax(" + a + ")] * 0.25;");
        if (whole && Has("guard") && _random.Next(2) == 0) parts.Add("Check.Require(" + a + "[0] > -1000.0, () => \"" + a + " \" + " + a + "[0]);");
        if (Has("recursive") && _random.Next(2) == 0) parts.Add(a + "[1] = R.Pow(" + a + "[1], " + Depth() + ") * 0.5;");
        if (Has("receiver") && _random.Next(2) == 0) parts.Add("s += Shared.Gauss.Value(" + a + "[2]) * 0.5;");
        return string.Join(" ", parts);
    }

    /// <summary>The rebinding <c>u = nx;</c> after the other features on nx, under an if or a goto past it (a continue).</summary>
    private string Into(string a)
    {
        string others = Others(a, whole: false);
        if (Has("goto") && _random.Next(2) == 0)
        {
            string l = Label();
            return others + " if (" + Test() + ") goto " + l + "; u = " + a + "; " + l + ": ;";
        }
        return others + " " + Pick("if (" + Test() + ") u = " + a + ";", "u = " + a + ";");
    }

    /// <summary>A local jagged array of two rows over c, v, x and y.</summary>
    private static string Jagged(string name) => "var " + name + " = new double[][] { new[] { c[0], x }, new[] { v[1], c[2], y } };";

    private string Statement(string feature)
    {
        switch (feature)
        {
            case "goto":
                return Loop(i => "s += " + Real(i) + " * 0.5;");
            case "recursive":
                return _random.Next(3) switch
                {
                    0 => "s += R.Pow(c[" + Index() + "], " + Depth() + ") * " + Real() + ";",
                    1 => Loop(i => "c[" + i + "] = R.Block(c[" + i + "], " + Real() + ", " + Depth() + ") * 0.5;"),
                    _ => Loop(i => "s += R.Fib(c[" + i + "] * 0.5, " + Pick("2", "3") + ") * " + Real(i) + ";"),
                };
            case "ref":
                return _random.Next(4) switch
                {
                    0 => "Refs.Swap(ref c[" + Index() + "], ref c[" + Index() + "]);",
                    1 => "if (" + Test() + ") Refs.Swap(ref s, ref " + Pick("t", "c[" + Index() + "]") + ");",
                    2 => Loop(i => "if (" + i + " < 2) Refs.Swap(ref c[" + i + "], ref c[" + i + " + 1]);"),
                    _ => Loop(i => "Refs.Swap(ref c[" + i + "], ref c[2 - " + i + "]); s += c[" + i + "] * " + Real() + ";"),
                };
            case "rebind":
                return _random.Next(2) == 0
                    ? "{ var u = new double[] { x, y, " + Real() + " }; for (int j = 0; j < " + Pick("1", "2", "3") + "; j++) { var nx = new double[3]; "
                        + "for (int i = 0; i < 3; i++) nx[i] = u[(i + 1) % 3] * " + Real("i") + " * 0.5 + " + Real() + "; " + Into("nx") + " } t += u[0] - u[2] * u[1]; }"
                    : "{ var e = new double[2, 2]; for (int j = 0; j < 2; j++) { var f = new double[2, 2]; f[0, 0] = e[1, 1] + c[j]; f[1, 1] = e[0, 0] * " + Real() + "; f[0, 1] = " + Real() + "; e = f; } t += e[0, 0] * e[1, 1] + e[0, 1]; }";
            case "linq":
                return _random.Next(_rows ? 7 : 3) switch
                {
                    0 => "foreach (var z in v.Zip(c, (a, b) => " + Lambda("a") + " * b)) s += z * " + Pick("z", "x", "0.5") + ";",
                    1 => "{ var sq = c.Select(e => " + Lambda("e") + ").ToArray(); " + Others("sq") + " for (int i = sq.Length - 1; i >= 0; i--) t = t * 0.5 + sq[i] * " + Real("i") + "; }",
                    2 => "s += v.Zip(c, (a, b) => " + Lambda("a") + " * b).Sum() * " + Real() + ";",
                    3 => "s += m.Sum(r => r.Sum()) * " + Real() + ";",
                    4 => "s += m.Select(r => " + Lambda("r[0]") + ").Sum();",
                    5 => "{ var sums = m.Select(r => r.Sum()).ToArray(); for (int i = sums.Length - 1; i >= 0; i--) t = t * 0.5 + sums[i] * " + Real("i") + "; }",
                    _ => "s += m.Sum(r => r.Select(e => " + Lambda("e") + ").Sum() * r.Length) * 0.25;",
                };
            case "fused":
                return _random.Next(2) == 0
                    ? "{ var w = new double[3]; var qx = new double[3]; for (int q = 0; q < 2; q++) { for (int j = 0; j < 3; j++) w[j] = v[j] * " + Real() + " - c[j]; "
                        + "for (int j = 0; j < 3; j++) qx[j] = w[j] * x; for (int i = 0; i < 3; i++) for (int j = i + 1; j < 3; j++) qx[j] += 0.5 * w[i]; "
                        + "double sq = 0; for (int j = 0; j < 3; j++) sq += qx[j] * qx[j]; " + Others("qx") + " s += 0.25 * sq; } }"
                    : "for (int i = 2; i >= 0; i--) t = t * 0.5 + c[i] * " + Real("i") + ";";
            case "guard":
                return _random.Next(4) switch
                {
                    0 => "Check.Require(x >= -1.0 && y <= 1.0, () => \"x \" + x + \", s \" + s);",
                    1 => "Check.Both(x, " + Pick("s", "c[0]", "t") + ");",
                    2 => "for (int j = 0; j < k; j++) { Check.Require(j < 10, () => $\"step {j}: s = {s}\"); s += 0.5 * Math.Tanh(x * s); }",
                    _ => Loop(i => "Check.Require(c[" + i + "] > -1000.0, () => \"c \" + c[" + i + "]); s += c[" + i + "] * 0.25;"),
                };
            case "receiver":
                return _random.Next(2) == 0
                    ? "s += Shared.Gauss.Value(" + Real() + ");"
                    : Loop(i => "t += new N(0.5, 2.0).Value(c[" + i + "]) * " + Real() + ";");
            case "table":
                return _random.Next(4) switch
                {
                    0 => "{ int a = Tables.ArgMax(c); s += c[a] * " + Real() + "; }",
                    1 => "{ int n = Tables.Below(v, " + Real() + "); t += n * x + c[n % 3]; }",
                    2 => "{ int w = Tables.Clobber(c); s += w * c[0] * " + Real() + "; }",
                    _ => Loop(i => "int a = Tables.ArgMax(c); c[a] *= 0.5; s += c[a];"),
                };
            default: // struct
                if (_struct == "Pt") return Pick("s += Lib.Dot(p, new Pt(" + Real() + ", " + Real() + "));", "s += p.X * p.Y * " + Real() + ";", Loop(i => "s += Lib.Dot(p, new Pt(c[" + i + "], x)) * 0.25;"));
                return Pick("s += Lib.Soft(p, " + Real() + ");", "s += p.A * p.B * " + Real() + ";", Loop(i => "t += Lib.Soft(p, c[" + i + "]) * 0.25;"));
        }
    }

    /// <summary>
    /// A known refusal of <paramref name="feature"/> (or of another chosen one where it has none in this mode): the
    /// statement, the error's ID, the text it spans, and the text that locates it (unique in the program) with the
    /// span's offset into that.
    /// </summary>
    private (string Id, string Bad, string Anchor, int Offset, string Statement, bool Wrappable)? Outside(string feature, CrossMode mode)
    {
        switch (feature)
        {
            case "recursive":
                return ("ADG0004", "R.Pow(x, k)", "R.Pow(x, k)", 0, "s += R.Pow(x, k) * " + Real() + ";", true);
            case "ref":
                return _random.Next(2) == 0
                    ? ("ADG0002", "Refs.SwapVia(ref s, ref t)", "Refs.SwapVia(ref s, ref t)", 0, "Refs.SwapVia(ref s, ref t);", true)
                    : ("ADG0003", "Refs.Swap(ref c[1], ref Refs.Field)", "Refs.Swap(ref c[1], ref Refs.Field)", 0, "Refs.Swap(ref c[1], ref Refs.Field);", true);
            case "rebind":
                // Lengths that differ; or the new array used as a whole (a table helper's argument) before the rebinding.
                return _random.Next(2) == 0
                    ? ("ADG0003", "q2 = m2", "q2 = m2", 0, "{ var q2 = new double[2]; for (int j = 0; j < 2; j++) { var m2 = new double[3]; m2[0] = x; m2[1] = " + Real() + "; q2 = m2; } s += q2[0]; }", false)
                    : ("ADG0003", "q3 = m3", "q3 = m3", 0, "{ var q3 = new double[3]; for (int j = 0; j < 2; j++) { var m3 = new double[3]; m3[0] = x + q3[1]; m3[1] = " + Real() + "; s += m3[Tables.ArgMax(m3)]; q3 = m3; } s += q3[0]; }", false);
            case "linq":
                // LINQ over the rows of a local jagged array (rows only of a parameter), or a row copied in the lambda.
                return _rows && _random.Next(2) == 0
                    ? ("ADG0003", "r", "r.ToArray()", 0, "s += m.Select(r => r.ToArray()[0]).Sum();", true)
                    : ("ADG0003", "mb", "mb.Sum(", 0, "{ " + Jagged("mb") + " s += mb.Sum(r => r.Sum()); }", false);
            case "goto":
            {
                string l = Label();
                return ("ADG0002", "goto", "goto " + l + ";", 0, "for (int i = 0; i < 2; i++) { " + l + ": s = s * 0.5 + " + Real() + "; if (s > 2 && s < 3) goto " + l + "; }", false);
            }
            case "guard":
            {
                string lambda = "() => { var text = \"s \" + s; return text; }";
                return ("ADG0003", lambda, lambda, 0, "Check.Require(s > -1000.0, " + lambda + ");", true);
            }
            case "receiver":
                return ("ADG0003", "g.Bump()", "g.Bump()", 0, "{ var g = new G(); double a = g.Value(" + Real() + "); double b = g.Bump(); s += a + b; }", true);
            case "table":
                return ("ADG0016", "c", "Tables.SortFirst(c)", "Tables.SortFirst(".Length, "{ int w = Tables.SortFirst(c); s += w * x; }", true);
            case "struct" when mode == CrossMode.Hessian:
                return ("ADG0019", "Lib.Rec(new Pt(x, y), 2)", "Lib.Rec(new Pt(x, y), 2)", 0, "s += Lib.Rec(new Pt(x, y), 2);", false);
            default:
                return null;
        }
    }

    /// <summary>The next program: 2–4 features, 2–5 statements; when <paramref name="outside"/>, one statement is a refusal.</summary>
    public CrossProgram Next(string name, CrossMode mode, bool outside)
    {
        _labels = 0;
        int want = 2 + _random.Next(3);
        _features = new HashSet<string>(AllFeatures.OrderBy(_ => _random.Next()).Take(want));
        _struct = Has("struct") ? (_random.Next(2) == 0 ? "Pt" : "Q") : "";
        // A jagged parameter has no place in MHessian's matrix (ADG0019): its rows are LINQ's in the other modes.
        _rows = Has("linq") && mode != CrossMode.Hessian;
        var features = _features.ToList();

        int statements = Math.Max(2, features.Count) + _random.Next(2);
        // Each chosen feature gets a statement of its own; the rest are drawn again.
        var order = features.Concat(Enumerable.Range(0, statements - features.Count).Select(_ => features[_random.Next(features.Count)])).OrderBy(_ => _random.Next()).ToList();
        int badAt = outside ? _random.Next(order.Count) : -1;

        var body = new StringBuilder();
        string? badId = null, bad = null, anchor = null;
        int offset = 0;
        for (int n = 0; n < order.Count; n++)
        {
            string statement;
            if (n == badAt)
            {
                // The refusal of this statement's feature, or of the first chosen feature that has one.
                var refusal = Outside(order[n], mode) ?? features.Select(f => Outside(f, mode)).FirstOrDefault(r => r is not null) ?? Outside("recursive", mode)!.Value;
                var (id, b, a, o, s, wrappable) = refusal;
                (badId, bad, anchor, offset) = (id, b, a, o);
                // Also inside a loop with a goto, where the refusal must be found just the same.
                statement = wrappable && Has("goto") && _random.Next(2) == 0 ? Loop(_ => s) : s;
            }
            else
            {
                statement = Statement(order[n]);
            }
            body.Append("            ").Append(statement).Append('\n');
        }

        string parameters = "double x, double y, double[] v" + (_rows ? ", double[][] m" : "") + (_struct == "" ? "" : ", " + _struct + " p") + ", int k";
        string attribute = mode switch { CrossMode.Forward => "[Differentiable(Forward = true)]", CrossMode.Hessian => "[Differentiable(Hessian = true)]", _ => "[Differentiable]" };
        var text = new StringBuilder();
        text.Append("        ").Append(attribute).Append("\n        public static double ").Append(name).Append('(').Append(parameters).Append(")\n        {\n");
        text.Append("            double s = x * 0.5 + y, t = y - x;\n            var c = new double[3];\n            c[0] = x * v[0];\n            c[1] = y + v[1];\n            c[2] = v[2] - x;\n");
        text.Append(body);
        text.Append("            return s * t + s + c[0] * c[1] + c[2]").Append(_struct == "" ? "" : " + " + Member(0) + " * " + Member(1)).Append(";\n        }\n");
        string written = text.ToString();
        int at = anchor is null ? -1 : written.IndexOf(anchor, StringComparison.Ordinal) + offset;
        int inputs = 5 + (_rows ? 6 : 0) + (_struct == "" ? 0 : 2);
        return new CrossProgram(name, written, Wrappers(name, mode, _struct, _rows), inputs, features, badId, bad, at);
    }

    /// <summary>
    /// Calls of the generated methods over a flat vector q of the inputs (7.3 code; h is the dense Hessian): x, y, v[0..2],
    /// then m's rows of 2, 3 and 1 where it is a parameter, then the struct's two members.
    /// </summary>
    private static string Wrappers(string name, CrossMode mode, string structType, bool rows)
    {
        int at = rows ? 11 : 5;
        string Jagged(string a) => "new double[][] { new double[] { " + a + "[5], " + a + "[6] }, new double[] { " + a + "[7], " + a + "[8], " + a + "[9] }, new double[] { " + a + "[10] } }";
        string Inputs(string a) => a + "[0], " + a + "[1], new double[] { " + a + "[2], " + a + "[3], " + a + "[4] }" + (rows ? ", " + Jagged(a) : "")
            + (structType == "" ? "" : ", new " + structType + "(" + a + "[" + at + "], " + a + "[" + (at + 1) + "])");
        string m0 = structType == "Pt" ? "X" : "A", m1 = structType == "Pt" ? "Y" : "B";
        var w = new StringBuilder();
        w.Append("        public static double ").Append(name).Append("V(double[] q, int k) { return ").Append(name).Append('(').Append(Inputs("q")).Append(", k); }\n");
        w.Append("        public static double ").Append(name).Append("G(double[] q, int k, double[] g) { double dX = 0, dY = 0; var dV = new double[3]; ")
            .Append(rows ? "var dM = new double[][] { new double[2], new double[3], new double[1] }; " : "")
            .Append(structType == "" ? "" : structType + " dP = default(" + structType + "); ")
            .Append("double r = ").Append(name).Append("Backward(").Append(Inputs("q")).Append(", k, ref dX, ref dY, dV").Append(rows ? ", dM" : "").Append(structType == "" ? "" : ", ref dP").Append("); ")
            .Append("g[0] = dX; g[1] = dY; g[2] = dV[0]; g[3] = dV[1]; g[4] = dV[2]; ")
            .Append(rows ? "g[5] = dM[0][0]; g[6] = dM[0][1]; g[7] = dM[1][0]; g[8] = dM[1][1]; g[9] = dM[1][2]; g[10] = dM[2][0]; " : "")
            .Append(structType == "" ? "" : "g[" + at + "] = dP." + m0 + "; g[" + (at + 1) + "] = dP." + m1 + "; ").Append("return r; }\n");
        if (mode == CrossMode.Forward)
        {
            w.Append("        public static double ").Append(name).Append("F(double[] q, int k, double[] t, out double tr) { return ").Append(name).Append("Forward(").Append(Inputs("q"))
                .Append(", k, ").Append(Inputs("t")).Append(", out tr); }\n");
        }
        if (mode == CrossMode.Hessian)
        {
            w.Append("        public static double ").Append(name).Append("H(double[] q, int k, double[] h) { return ").Append(name).Append("Hessian(").Append(Inputs("q")).Append(", k, h); }\n");
        }
        return w.ToString();
    }
}
