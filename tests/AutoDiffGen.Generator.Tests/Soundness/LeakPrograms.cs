using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// A piece of a random program: its C# text, whether it depends differentiably on the inputs (as a
/// careful reader would judge it), and whether a gradient-carrying value flows into something whose
/// derivative the generator cannot know (a leak, which must be an ADG error).
/// </summary>
/// <param name="MayFail">An ADG error is acceptable too (a construct not supported yet, such as an array passed to a
/// [Differentiable] callee); it must still never be a wrong gradient.</param>
public sealed record Piece(string Text, bool Active, bool Leaks, bool MayFail = false)
{
    public static Piece Inactive(string text) => new(text, false, false);
}

/// <summary>A random [Differentiable] method over <c>double[] xs</c> (length 3) and <c>double y</c>.</summary>
public sealed record LeakProgram(string Name, string Body, bool Leaks, bool MayFail)
{
    public string Render() =>
        "    [Differentiable]\n    public static double " + Name + "(double[] xs, double y)\n    {\n" + Body + "    }\n";

    /// <summary>A class holding the programs and the helpers they call.</summary>
    public static string Source(string className, IEnumerable<LeakProgram> programs)
    {
        var s = new StringBuilder();
        s.AppendLine("using System; using System.Linq; using System.Collections.Generic; using System.Globalization; using AutoDiffGen;");
        s.AppendLine("namespace Soundness;");
        s.AppendLine("public static partial class " + className);
        s.AppendLine("{");
        s.AppendLine(Helpers);
        foreach (var p in programs) s.AppendLine(p.Render());
        s.AppendLine("}");
        return s.ToString();
    }

    /// <summary>
    /// Helpers without derivatives (Opaque…) and [Differentiable] ones the generator may call. The scalar Opaque helpers
    /// count their calls in a static field: an effect, so the generator cannot prove them pure (HeldOut/PureHelperTests
    /// covers helpers that are) and they stay opaque, as a helper from another assembly would be.
    /// </summary>
    private const string Helpers = """
            static int s_calls;
            public static double Opaque(double v) { s_calls++; return v * 1.5 + 0.25; }
            public record struct Pt(double X, double Y);
            public static double OpaquePt(Pt p) { s_calls++; return p.X * 2 + p.Y; } // s_calls: plain helpers taking a struct of reals are inlined since hunt13
            public static Pt OpaqueMove(Pt p) { s_calls++; return new Pt(p.Y, p.X * 3); } // s_calls: plain helpers returning a struct are inlined since structs14
            public static int OpaqueInt(double v) { s_calls++; return (int)Math.Floor(v * 3); }
            public static bool OpaqueBool(double v) { s_calls++; return v > 0.1; }
            public static double OpaqueArray(double[] a) { s_calls++; return a[0] * 2 + a[1]; } // s_calls: opaque since plain helpers are differentiated in place (issue 13)
            public static double OpaqueSpan(ReadOnlySpan<double> a) { s_calls++; return a[0] + a[a.Length - 1]; }
            public static double OpaqueEnumerable(IEnumerable<double> e) => e.Sum();
            public static int OpaqueCount(double[] a) => a.Count(v => v > 0);
            [Differentiable] public static double Square(double v) => v * v + v;
            [Differentiable] public static double SumSpan(int n, ReadOnlySpan<double> a) { double s = 0; for (int i = 0; i < n; i++) s += a[i] * a[i]; return s; }
            [Differentiable] public static double SumArray(double[] a) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * a[i]; return s; }
        """;
}

/// <summary>Draws programs that push values through opaque calls and conversions and through proven cuts.</summary>
public sealed class LeakProgramGenerator(int seed)
{
    private readonly Random _random = new(seed);

    public LeakProgram Next(string name)
    {
        var body = new StringBuilder();
        bool leaks = false, maySupport = false;
        void Add(string line, Piece p)
        {
            body.Append("        ").AppendLine(line);
            leaks |= p.Leaks;
            maySupport |= p.MayFail;
        }

        // w receives assignments written inside expressions (Wrap), read again right after them.
        Add("double w = 0;", Piece.Inactive(""));
        var atoms = new List<Piece> { new("y", true, false), new("xs[0]", true, false), new("xs[1]", true, false), new("xs[2]", true, false) };
        var t0 = Expression(atoms, 2);
        Add("double t0 = " + t0.Text + ";", t0);
        atoms.Add(new Piece("t0", t0.Active, false));

        bool useLocalArray = _random.Next(3) == 0;
        _localActive = false;
        if (useLocalArray)
        {
            var e0 = Expression(atoms, 1);
            var e1 = Expression(atoms, 1);
            Add("var l = new double[2];", Piece.Inactive(""));
            Add("l[0] = " + e0.Text + ";", e0);
            Add("l[1] = " + e1.Text + ";", e1);
            // Activity is tracked per array, not per element (a sound over-approximation).
            _localActive = e0.Active || e1.Active;
            atoms.Add(new Piece("l[0]", _localActive, false));
            atoms.Add(new Piece("l[1]", _localActive, false));
        }

        var t1 = Expression(atoms, 2);
        Add("double t1 = " + t1.Text + ";", t1);
        bool t1Active = t1.Active;
        if (_random.Next(2) == 0)
        {
            var condition = Condition(atoms, useLocalArray);
            var update = Expression(atoms, 1);
            Add("if (" + condition.Text + ") t1 = t1 + " + update.Text + ";", new Piece("", false, condition.Leaks || update.Leaks, condition.MayFail || update.MayFail));
            t1Active |= update.Active;
        }
        atoms.Add(new Piece("t1", t1Active, false));
        var wrapped = _random.Next(2) == 0 ? Wrap(atoms, useLocalArray) : Expression(atoms, 2);
        var result = Combine(wrapped, Pick(atoms));
        Add("return " + result.Text + ";", result);
        return new LeakProgram(name, body.ToString(), leaks, maySupport);
    }

    /// <summary>Whether the local array l holds a differentiated value.</summary>
    private bool _localActive;

    private Piece Pick(List<Piece> atoms) => atoms[_random.Next(atoms.Count)];

    private Piece Combine(Piece a, Piece b)
    {
        string op = new[] { "+", "-", "*" }[_random.Next(3)];
        return new Piece("(" + a.Text + " " + op + " " + b.Text + ")", a.Active || b.Active, a.Leaks || b.Leaks, a.MayFail || b.MayFail);
    }

    private Piece Expression(List<Piece> atoms, int depth)
    {
        int roll = _random.Next(10);
        if (depth == 0 || roll < 3)
        {
            return roll == 0 ? Piece.Inactive(Constant()) : Pick(atoms);
        }
        if (roll < 6) return Combine(Expression(atoms, depth - 1), Expression(atoms, depth - 1));
        if (roll < 7)
        {
            var inner = Expression(atoms, depth - 1);
            return inner with { Text = "Math.Sin(" + inner.Text + ")" };
        }
        return Wrap(atoms, useLocalArray: atoms.Any(a => a.Text == "l[0]"), depth - 1);
    }

    private string Constant() => (_random.Next(1, 20) / 4.0).ToString("0.0##", CultureInfo.InvariantCulture);

    /// <summary>A value passed through something: a proven cut, a differentiable call, or a leak.</summary>
    private Piece Wrap(List<Piece> atoms, bool useLocalArray, int depth = 1)
    {
        var e = Expression(atoms, depth);
        string t = e.Text;
        Piece Cut(string text) => new(text, false, e.Leaks, e.MayFail);
        Piece Through(string text) => new(text, e.Active, e.Leaks, e.MayFail);
        Piece Leak(string text) => new(text, e.Active, e.Leaks || e.Active, e.MayFail);
        Piece Branched(string text) => new(text, e.Active, e.Leaks, e.MayFail || t.Contains(" = ", StringComparison.Ordinal));
        // These do not use e.
        Piece ArrayLeak(string text) => new(text, true, true);
        Piece LocalLeak(string text) => new(text, _localActive, _localActive);
        Piece Unsupported(string text) => new(text, e.Active, e.Leaks || e.Active, MayFail: true);
        // Half the draws keep the value differentiable or cut it provably; half leak it.
        switch (_random.Next(2) == 0 ? _random.Next(11) : 11 + _random.Next(26))
        {
            // Proven cuts: zero derivative, never an error.
            case 0: return Cut("Math.Floor(" + t + ")");
            case 1: return Cut("(double)(int)(" + t + ")");
            case 2: return Cut("(" + t + " > 0.3 ? 1.0 : 0.0)");
            case 3: return Cut("Math.Round(" + t + ", 1)");
            case 4: return Cut("(double)Convert.ToInt32(" + t + ")");
            case 5: return Cut("(double)Math.Sign(" + t + ")");
            case 6: return Piece.Inactive("(double)xs.Length");
            // Differentiated paths.
            case 7: return Through("Square(" + t + ")");
            // These copy t into a ?: branch: an assignment in t (w = …) then runs on only some paths, which is ADG0003 by
            // design (docs/supported.md; P1333 at seed 20261201 was this, counted as an over-diagnosis).
            case 8: return Branched("(double.IsNaN(" + t + ") ? 0.0 : " + t + ")");
            case 9: return Branched("((" + t + ").CompareTo(0.1) > 0 ? " + t + " : -" + t + ")");
            case 10: return Through("Math.Max(" + t + ", 0.5)");
            // Leaks of a real value.
            case 11: return Leak("Opaque(" + t + ")");
            case 12: return Leak("(double)OpaqueInt(" + t + ")");
            case 13: return Leak("(double)(decimal)(" + t + ")");
            case 14: return Leak("BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(" + t + "))");
            case 15: return Leak("double.Parse((" + t + ").ToString(\"R\", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)");
            case 16: return Leak("(double)(object)(" + t + ")");
            case 17: return Unsupported("new[] { " + t + ", 1.0 }[0]");
            // A tuple literal's element: carried as its elements since tuple locals are (Idioms/TupleLocalTests).
            case 18: return Through("(" + t + ", 2.0).Item1");
            case 19: return Leak("(OpaqueBool(" + t + ") ? 2.0 : 1.0)");
            // Leaks of the array.
            // LINQ's common forms are loops (differentiated). Under a cut or in a condition (Math.Floor(xs.Sum()), xs.Sum() > 0.5)
            // the value is written as text, which cannot hold the loop: ADG0016 there, an error that is acceptable, never a wrong gradient.
            case 20: return new Piece("xs.Sum()", true, false, MayFail: true);
            case 21: return ArrayLeak("OpaqueArray(xs)");
            case 22: return ArrayLeak("OpaqueSpan(xs)");
            // A plain helper over IEnumerable<double> passed the array is inlined since linq22: differentiated, or an error.
            case 23: return new Piece("OpaqueEnumerable(xs)", true, false, MayFail: true);
            case 24: return ArrayLeak("(double)OpaqueCount(xs)");
            case 25: return ArrayLeak("xs.AsSpan().Slice(1)[0]");
            case 26: return ArrayLeak("((double[])xs.Clone())[1]");
            case 27: return useLocalArray ? LocalLeak("OpaqueArray(l)") : new Piece("xs.Select(v => v * y).Max()", true, false, MayFail: true);
            // Arrays into [Differentiable] callees: differentiated for real, or an error; never dropped.
            case 28: return new Piece("SumSpan(" + (useLocalArray ? "2, l" : "3, xs") + ")", !useLocalArray || _localActive, false, MayFail: true);
            // An assignment inside a cut, read again after it: the cut has zero derivative, the read does not.
            case 29: return Through("(Math.Floor(w = " + t + ") + w)");
            case 30: return Through("((int)(w = " + t + ") * 0.5 + w)");
            // An assignment inside the argument of a call with no derivative: a leak, reported.
            case 31: return Leak("Opaque(w = " + t + ")");
            // Through a struct of reals: its members carry the gradient; into a helper or out of one it is reported.
            case 32: return Through("(new Pt(" + t + ", 2.0) with { Y = 0.5 }).X");
            case 33: return Through("new Pt { Y = " + t + ", X = 1.0 }.Y");
            case 34: return Leak("OpaquePt(new Pt(" + t + ", 1.0))");
            case 35: return Leak("OpaqueMove(new Pt(1.0, " + t + ")).X");
            default: return new Piece("SumArray(" + (useLocalArray ? "l" : "xs") + ")", !useLocalArray || _localActive, false, MayFail: true);
        }
    }

    private Piece Condition(List<Piece> atoms, bool useLocalArray)
    {
        var e = Expression(atoms, 1);
        return _random.Next(6) switch
        {
            0 => new Piece(e.Text + " > 0.2", false, e.Leaks, e.MayFail),
            1 => new Piece("double.IsFinite(" + e.Text + ")", false, e.Leaks, e.MayFail),
            2 => new Piece("Opaque(" + e.Text + ") > 0.2", false, e.Leaks || e.Active, e.MayFail),
            3 => new Piece("OpaqueInt(" + e.Text + ") > 0", false, e.Leaks || e.Active, e.MayFail),
            4 => new Piece("OpaqueCount(" + (useLocalArray ? "l" : "xs") + ") > 1", false, !useLocalArray || _localActive),
            _ => new Piece("xs.Sum() > 0.5", false, true),
        };
    }
}
