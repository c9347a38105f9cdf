using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>An expression of a random straight-line program.</summary>
public abstract record Expr
{
    public abstract string Render();

    /// <summary>The direct subexpressions, for the minimiser.</summary>
    public abstract IReadOnlyList<Expr> Children { get; }

    /// <summary>This node with child <paramref name="index"/> replaced.</summary>
    public abstract Expr With(int index, Expr child);

    public IEnumerable<string> Variables() => this switch
    {
        VarExpr v => new[] { v.Name },
        IncrementExpr i => new[] { i.Target },
        AssignExpr a => a.Value.Variables().Append(a.Target),
        _ => Children.SelectMany(c => c.Variables()),
    };

    /// <summary>True when the expression holds a form that must be diagnosed: none now (<see cref="ConditionalIncrementExpr"/>, an
    /// increment in one arm of ?:, is lowered as branches: ShortCircuits/ShortCircuitTests), so its programs are judged inside.</summary>
    public bool MustBeDiagnosed => Children.Any(c => c.MustBeDiagnosed);

    public int Size => 1 + Children.Sum(c => c.Size);
}

public sealed record VarExpr(string Name) : Expr
{
    public override string Render() => Name;
    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();
    public override Expr With(int index, Expr child) => this;
}

public sealed record ConstExpr(double Value) : Expr
{
    // Negative constants as a parenthesised unary minus; always a double literal, in the invariant culture.
    public override string Render()
    {
        string text = Math.Abs(Value).ToString("R", CultureInfo.InvariantCulture);
        if (text.IndexOfAny(new[] { '.', 'E' }) < 0) text += ".0";
        return Value < 0 ? "(-" + text + ")" : text;
    }

    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();
    public override Expr With(int index, Expr child) => this;
}

public sealed record BinExpr(char Op, Expr Left, Expr Right) : Expr
{
    public override string Render() => "(" + Left.Render() + " " + Op + " " + Right.Render() + ")";
    public override IReadOnlyList<Expr> Children => new[] { Left, Right };
    public override Expr With(int index, Expr child) => index == 0 ? this with { Left = child } : this with { Right = child };
}

public sealed record NegExpr(Expr Operand) : Expr
{
    public override string Render() => "(-" + Operand.Render() + ")";
    public override IReadOnlyList<Expr> Children => new[] { Operand };
    public override Expr With(int index, Expr child) => new NegExpr(child);
}

/// <summary>A gate: a Math function in a form that keeps its argument in the domain.</summary>
public sealed record FnExpr(string Name, Expr[] Args) : Expr
{
    public override string Render()
    {
        string a = Args[0].Render();
        return Name switch
        {
            "Log" => "Math.Log(1 + " + a + " * " + a + ")",
            "Sqrt" => "Math.Sqrt(1 + " + a + " * " + a + ")",
            "Pow" => "Math.Pow(1 + " + a + " * " + a + ", " + Args[1].Render() + ")",
            "Sigmoid" => "(1.0 / (1.0 + Math.Exp(-" + a + ")))",
            "Max" or "Min" => "Math." + Name + "(" + a + ", " + Args[1].Render() + ")",
            // The rest of the BCL (widened draws), each in a form that keeps its argument in the domain.
            "Acosh" => "Math.Acosh(1.5 + " + a + " * " + a + ")",
            "Atanh" => "Math.Atanh(0.9 * Math.Tanh(" + a + "))",
            "LogP1" => "double.LogP1(" + a + " * " + a + ")",
            "Cbrt" => "Math.Cbrt(1 + " + a + " * " + a + ")",
            "ScaleB" => "Math.ScaleB(" + a + ", -1)",
            "ExpM1" or "SinPi" or "Exp2" => "double." + Name + "(" + a + ")",
            "Hypot" or "MaxNumber" or "MinMagnitude" => "double." + Name + "(" + a + ", " + Args[1].Render() + ")",
            "CopySign" or "MaxMagnitude" or "Atan2" => "Math." + Name + "(" + a + ", " + Args[1].Render() + ")",
            "FusedMultiplyAdd" => "Math.FusedMultiplyAdd(" + a + ", " + Args[1].Render() + ", " + a + ")",
            _ => "Math." + Name + "(" + a + ")",
        };
    }

    public override IReadOnlyList<Expr> Children => Args;

    public override Expr With(int index, Expr child)
    {
        var args = (Expr[])Args.Clone();
        args[index] = child;
        return new FnExpr(Name, args);
    }

    public bool Equals(FnExpr? other) => other is not null && Name == other.Name && Args.SequenceEqual(other.Args);

    public override int GetHashCode() => Name.GetHashCode();
}

/// <summary><c>(t++)</c>, <c>(t--)</c>, <c>(++t)</c> or <c>(--t)</c> inside an expression.</summary>
public sealed record IncrementExpr(string Target, string Op, bool Prefix) : Expr
{
    public override string Render() => "(" + (Prefix ? Op + Target : Target + Op) + ")";
    public override IReadOnlyList<Expr> Children => Array.Empty<Expr>();
    public override Expr With(int index, Expr child) => this;
}

/// <summary><c>(t = e)</c> or <c>(t op= e)</c> inside an expression: its value is what t holds after it.</summary>
public sealed record AssignExpr(string Target, string Op, Expr Value) : Expr
{
    public override string Render() => "(" + Target + " " + Op + " " + Value.Render() + ")";
    public override IReadOnlyList<Expr> Children => new[] { Value };
    public override Expr With(int index, Expr child) => this with { Value = child };
}

/// <summary>
/// <c>(cond &gt; 0 ? t++ : t)</c>: an increment on only one path of an expression, which must be diagnosed (ADG0003 at
/// the increment), never lowered as if it always ran.
/// </summary>
public sealed record ConditionalIncrementExpr(Expr Condition, string Target) : Expr
{
    public override string Render() => "(" + Condition.Render() + " > 0 ? " + Target + "++ : " + Target + ")";
    public override IReadOnlyList<Expr> Children => new[] { Condition };
    public override Expr With(int index, Expr child) => this with { Condition = child };
}

/// <summary>
/// A call to one of the helper methods every batch class has (<see cref="RandomProgram.Helpers"/>): Dot and Guard
/// take an array (the static readonly W, or null for Guard), Bad has an ADG error of its own and Mid calls Bad,
/// so a call to either must end in ADG0017 at the call (or, with a constant argument, in a plain call).
/// </summary>
public sealed record CallExpr(string Callee, Expr Arg, string ArrayArg = "") : Expr
{
    public static readonly string[] Failing = { "Bad", "Mid" };

    public override string Render() => Callee + "(" + Arg.Render() + (ArrayArg.Length > 0 ? ", " + ArrayArg : "") + ")";
    public override IReadOnlyList<Expr> Children => new[] { Arg };
    public override Expr With(int index, Expr child) => this with { Arg = child };
}

/// <summary>
/// <c>double t = e;</c>, <c>t = e;</c>, <c>t op= e;</c> or <c>t++;</c>/<c>t--;</c> (Op "++"/"--", no expression);
/// a non-declaring one may be wrapped in control flow: Wrapper "if" (<c>if (cond &gt; 0) {…} else { t op= Else; }</c>),
/// "loop" (<c>for (int k = 0; k &lt; Trips; k++) {…}</c>), "break" (the loop, leaving early once <c>cond &gt; 1</c>),
/// "return" (the loop, returning the target once <c>cond &gt; 1</c>), "switch" (a switch statement on an enum
/// chosen by <c>cond</c>: Add takes Value, Mul takes Else, Neg nothing) or "switchexpr" (<c>t op= sel switch { … }</c>).
/// </summary>
/// <remarks>
/// Statements written as people write them (the generator's <c>written</c> draws): Op "swap" (<c>(t, u) = (Value, Else);</c>,
/// every right-hand side before any assignment), "chain" (<c>t = u = Value;</c>), "localfn" (a block with a local function
/// over u and the variables it reads, <c>double F(double u) =&gt; u * Value; t += F(Else);</c>), "countdown"
/// (<c>int n = Trips; while (n-- &gt; 0) t += Value * W[n];</c>), "countup" (<c>int m = 0; while (m &lt; Trips) t += Value * W[m++];</c>),
/// "array" (a local array filled and read with ++ and -- in its indices), "linq" (a local array reduced by LINQ: Sum,
/// Select, Average, Zip with a constant array, Range, Aggregate; drawn where a second "init" was), "ref" (a ref local aliasing the target),
/// "refloop" (a ref local declared inside a loop) and "refelem" (ref locals bound to elements of a local array, in a loop and after it).
/// Second is the second target (swap, chain).
/// </remarks>
public sealed record Statement(bool Declares, string Target, string Op, Expr? Value, string Wrapper = "", Expr? Condition = null, Expr? Else = null, int Trips = 0, string Second = "")
{
    private string Plain(Expr? value) => Op switch
    {
        "++" or "--" => Target + Op + ";",
        "swap" => "(" + Target + ", " + Second + ") = (" + value!.Render() + ", " + (Else ?? value).Render() + ");",
        "chain" => Target + " = " + Second + " = " + value!.Render() + ";",
        "localfn" => "{ double F(double u) => u * " + value!.Render() + "; " + Target + " += F(" + (Else ?? value).Render() + "); }",
        "countdown" => "{ int n = " + Trips + "; while (n-- > 0) " + Target + " += " + value!.Render() + " * W[n]; }",
        "countup" => "{ int m = 0; while (m < " + Trips + ") " + Target + " += " + value!.Render() + " * W[m++]; }",
        "array" => "{ double[] v = new double[2]; int m = 0; v[m++] = " + value!.Render() + "; v[m++] = " + Target + "; " + Target + " = v[--m] * v[--m] + v[m]; }",
        "ref" => "{ ref double r = ref " + Target + "; r += " + value!.Render() + "; r *= 0.5; }",
        "refloop" => "for (int k = 0; k < 2; k++) { ref double r = ref " + Target + "; r += " + value!.Render() + "; }",
        "refelem" => "{ double[] v = new double[2]; v[0] = " + Target + "; v[1] = " + value!.Render() + "; for (int k = 0; k < 2; k++) { ref double r = ref v[k]; r = r * 0.5 + " + value!.Render()
            + "; } ref double re = ref v[1]; re *= v[0]; " + Target + " = v[0] + re; }",
        // Arrays that compose: an initializer of each form, read from the end and passed whole or as a slice.
        "init" => "{ " + Initializer(value!.Render(), Target, (Else ?? value).Render()) + " " + Target + " = v[0] * v[^1] + SumSq(v) * 0.25 + SpanSin(v.AsSpan(1)); }",
        // A local array created in every iteration and passed to callees.
        "arrayloop" => "for (int k = 0; k < " + Trips + "; k++) { var v = new double[k + 2]; for (int i = 0; i < v.Length; i++) v[i] = " + value!.Render() + " * (i - k) + " + Target + " * 0.5; " + Target + " = SpanSin(v[1..]) + SumSq(v) * 0.1; }",
        // Slices and ranges of a local array, which is stored into after it was passed (the callee must see the earlier values).
        "slice" => "{ double[] v = [" + value!.Render() + ", " + Target + ", " + (Else ?? value).Render() + "]; double s = SpanSin(v.AsSpan(1, 2)); v[1] = s * " + Target + "; " + Target + " = s + SpanSin(v[..^1]) + SpanSin(v.AsSpan(0, 2)); }",
        // LINQ over a local array and a constant one, lowered to loops: Sum, Select, Average, Zip, Range, Aggregate (the smooth forms).
        "linq" => "{ var v = new[] { " + value!.Render() + ", " + Target + ", " + (Else ?? value).Render() + " }; " + Target + " = v.Sum() * 0.25 + v.Select(p => p * p).Average() + v.Zip(W, (p, q) => p * q).Sum()"
            + " + Enumerable.Range(0, 2).Sum(j => v[j + 1] * 0.5) + v.Aggregate(" + Target + ", (p, q) => p * 0.5 + q * 0.25); }",
        // An expanded params call: a temporary array.
        "params" => Target + " += SumSq(" + value!.Render() + ", " + Target + ", 0.5) * 0.25;",
        // Must be diagnosed: a spread element.
        "spread" => "{ double[] v = [..W, " + value!.Render() + "]; " + Target + " = v[0]; }",
        // Arrays created where they are passed: an initializer or a collection expression for an array and a span parameter.
        "direct" => Target + " = " + Direct(value!.Render(), Target, (Else ?? value).Render()) + ";",
        // A stackalloc span: stored into and read, passed whole and as slices (after the stores, and stored into after a call).
        "stackalloc" => "{ " + StackAlloc(value!.Render(), Target, (Else ?? value).Render()) + " }",
        // Must be diagnosed: a spread element in a collection expression passed to a callee.
        "spreadarg" => Target + " += SumSq([..W, " + value!.Render() + "]);",
        // Must be diagnosed: a stackalloc span aliased by another span local.
        "stackalias" => "{ Span<double> v = stackalloc double[2]; v[0] = " + value!.Render() + "; Span<double> u = v; " + Target + " = u[0]; }",
        // The shapes Hessian mode followed last (hess20, drawn with shapes only; the helpers are RandomProgram.ShapeHelpers):
        // a void callee writing a double[,] the caller made, a callee reading one, a jagged local, a stackalloc span made in a loop and passed.
        "gridwrite" => "{ var g = new double[2, 2]; GridFill(" + value!.Render() + ", " + Target + ", g); " + Target + " = g[0, 0] * 0.25 + g[0, 1] * g[1, 0] * 0.1 + g[1, 1]; }",
        "gridread" => "{ var m = new double[2, 2]; m[0, 0] = " + value!.Render() + "; m[0, 1] = " + Target + "; m[1, 1] = " + (Else ?? value).Render() + "; " + Target + " = GridQuad(m, " + Target + "); }",
        "jagged" => "{ var r = new double[2][]; r[0] = new double[2]; r[1] = new[] { " + value!.Render() + ", " + Target + " }; r[0][0] = " + (Else ?? value).Render() + " * " + Target
            + "; r[0][1] = r[1][0] * 0.5; " + Target + " = r[0][0] + r[0][1] * r[1][1]; }",
        "stackloop" => "for (int k = 0; k < " + Trips + "; k++) { Span<double> v = stackalloc[] { " + value!.Render() + " * (k + 1), " + Target + " * 0.5 }; " + Target + " += SpanSin(v) * 0.25; }",
        _ => (Declares ? "double " : "") + Target + " " + Op + " " + value!.Render() + ";",
    };

    /// <summary>Holds a form that must be diagnosed (in what it renders: an Else drawn for an op that never writes it does not count).</summary>
    public bool MustBeDiagnosed => Op is "spread" or "spreadarg" or "stackalias" || new[] { Value, Condition, RendersElse ? Else : null }.Any(e => e is { MustBeDiagnosed: true })
        // An assignment inside a switch expression's arm runs on one path only: diagnosed too.
        || Wrapper == "switchexpr" && new[] { Value, Else }.Any(e => e is not null && Writes(e))
        // The selector reads Condition twice, the second time in a ?: branch.
        || Wrapper is "switch" or "switchexpr" && Condition is not null && Writes(Condition);

    /// <summary>Whether Else is part of the rendered text: the wrappers and ops that write it.</summary>
    private bool RendersElse => Wrapper is "if" or "switch" or "switchexpr" || Op is "swap" or "localfn" or "init" or "linq" or "slice" or "direct" or "stackalloc" or "gridread" or "jagged";

    /// <summary>The initializer of "init", in one of its four forms (chosen by the target's name, so a program renders the same every time).</summary>
    private static string Initializer(string a, string b, string c) => (Math.Abs(a.Length + b.Length) % 4) switch
    {
        0 => "var v = new[] { " + a + ", " + b + ", " + c + " };",
        1 => "var v = new double[] { " + a + ", " + b + ", " + c + " };",
        2 => "double[] v = { " + a + ", " + b + ", " + c + " };",
        _ => "double[] v = [" + a + ", " + b + ", " + c + "];",
    };

    /// <summary>The arrays of "direct", in one of four forms (chosen by the lengths of the texts, so a program renders the same every time).</summary>
    private static string Direct(string a, string b, string c) => (((a.Length * 7) + b.Length + c.Length) % 4) switch
    {
        0 => "SumSq(new[] { " + a + ", " + b + " }) * 0.25 + SpanSin(new[] { " + c + ", " + a + ", " + b + " })",
        1 => "SumSq(new double[] { " + a + ", " + c + " }) * 0.25 + SpanSin([" + b + ", " + c + "])",
        2 => "SpanSin([" + a + ", " + b + ", " + c + "]) + SumSq([" + c + ", 1.5]) * 0.25",
        _ => "SumSq(new[] { 0.5, 1.0 }) * " + a + " + SpanSin(new double[] { " + b + ", " + c + " }) + Dot(" + b + ", new[] { 0.5, " + c + " })",
    };

    /// <summary>The body of "stackalloc", in one of three forms.</summary>
    private static string StackAlloc(string a, string b, string c) => (((a.Length * 5) + b.Length + c.Length) % 3) switch
    {
        0 => "Span<double> v = stackalloc double[3]; v[0] = " + a + "; v[1] = " + b + "; v[2] = v[0] * " + c + "; v[1] *= 0.5; double s = SpanSin(v); v[0] = s; "
            + b + " = s + v[0] * v[2] + SpanSin(v.Slice(1)) + SpanSin(v[..2]) * 0.5;",
        1 => "ReadOnlySpan<double> v = stackalloc double[] { " + a + ", " + b + ", " + c + " }; double s = 0; foreach (var e in v) s += e * e; " + b + " = s * 0.25 + SpanSin(v[1..]) + v.Length;",
        _ => "Span<double> v = stackalloc[] { " + a + ", " + c + " }; for (int i = 0; i < v.Length; i++) v[i] += " + b + " * i; " + b + " = SpanSin(v) * 0.25 + v[1] * v[0];",
    };

    private static bool Writes(Expr e) => e is IncrementExpr or AssignExpr or ConditionalIncrementExpr || e.Children.Any(Writes);

    public string Render() => Wrapper switch
    {
        "if" => "if (" + Condition!.Render() + " > 0) { " + Plain(Value) + " } else { " + Plain(Else ?? Value) + " }",
        "loop" => "for (int k = 0; k < " + Trips + "; k++) { " + Plain(Value) + " }",
        "break" => "for (int k = 0; k < " + Trips + "; k++) { if (" + Condition!.Render() + " > 1) break; " + Plain(Value) + " }",
        "return" => "for (int k = 0; k < " + Trips + "; k++) { " + Plain(Value) + " if (" + Condition!.Render() + " > 1) return " + Target + "; }",
        "switch" => "switch (" + Selector() + ") { case Op.Add: " + Plain(Value) + " break; case Op.Mul: " + Plain(Else ?? Value) + " break; default: break; }",
        "switchexpr" => Target + " " + Op + " " + Selector() + " switch { Op.Add => " + Value!.Render() + ", Op.Mul => " + (Else ?? Value).Render() + ", _ => 0.5 };",
        _ => Plain(Value),
    };

    /// <summary>An enum value chosen by the (non-differentiated) condition.</summary>
    private string Selector()
    {
        string c = Condition!.Render();
        return "(" + c + " > 0 ? Op.Add : " + c + " < -1 ? Op.Mul : Op.Neg)";
    }

    public IEnumerable<string> Reads() =>
        new[] { Value, Condition, Else }.Where(e => e is not null).SelectMany(e => e!.Variables()).Concat(Second.Length > 0 ? new[] { Second } : Array.Empty<string>());
}

/// <summary>A random program over parameters a, b, c: locals, reassignments, branches and loops.</summary>
public sealed record RandomProgram(string Name, IReadOnlyList<Statement> Statements, Expr Return)
{
    public static readonly string[] Parameters = { "a", "b", "c" };

    public string Render(string indent = "    ", bool forward = false)
    {
        var text = new StringBuilder();
        text.Append(indent).AppendLine(forward ? "[Differentiable(Forward = true)]" : "[Differentiable]");
        text.Append(indent).Append("public static double ").Append(Name).AppendLine("(double a, double b, double c)");
        text.Append(indent).AppendLine("{");
        foreach (var s in Statements) text.Append(indent).Append("    ").AppendLine(s.Render());
        text.Append(indent).Append("    return ").Append(Return.Render()).AppendLine(";");
        text.Append(indent).AppendLine("}");
        return text.ToString();
    }

    /// <summary>Holds a construct that must be diagnosed (ADG0002/ADG0003 at it), never generated.</summary>
    public bool MustBeDiagnosed => Statements.Any(s => s.MustBeDiagnosed) || Return.MustBeDiagnosed;

    /// <summary>Calls a helper that gets no Backward (Bad, or Mid through it).</summary>
    public bool CallsFailing => Expressions().Any(e => Calls(e, c => CallExpr.Failing.Contains(c.Callee)));

    private IEnumerable<Expr> Expressions() =>
        Statements.SelectMany(s => new[] { s.Value, s.Condition, s.Else }).Where(e => e is not null).Select(e => e!).Append(Return);

    private static bool Calls(Expr e, Func<CallExpr, bool> which) => e is CallExpr c && which(c) || e.Children.Any(child => Calls(child, which));

    /// <summary>
    /// The methods every batch class holds next to the programs: callees with array parameters (a static
    /// readonly array or null passed in, a null guard), and a callee with an ADG error (Bad: ADG0002) and its
    /// caller (Mid: ADG0017), whose diagnostics are expected.
    /// </summary>
    public const string Helpers = """
            private static readonly double[] W = { 0.5, -1.25, 2.0 };

            [Differentiable]
            public static double Dot(double x, double[] w)
            {
                double s = 0;
                for (int i = 0; i < w.Length; i++) s += w[i] * Math.Sin(x + i);
                return s;
            }

            [Differentiable]
            public static double Guard(double x, double[]? w)
            {
                if (w == null) return Math.Sin(x);
                return x * w[0] + w[2];
            }

            [Differentiable]
            public static double SumSq(params double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double SpanSin(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += Math.Sin(v[i] + i);
                return s;
            }

            [Differentiable]
            public static double Bad(double x) { Console.Beep(); return x; }

            [Differentiable]
            public static double Mid(double x) => Bad(x) * 2;
        """;

    /// <summary>The helpers' names: diagnostics inside them are expected, not a program's.</summary>
    public static readonly string[] HelperNames = { "Dot", "Guard", "SumSq", "SpanSin", "Bad", "Mid" };

    /// <summary>
    /// The callees of the shapes of hess20 (<see cref="RandomProgramGenerator"/> with shapes): a void callee writing a
    /// double[,] it is passed and one reading a double[,]; members of the program's class, inserted by the test.
    /// </summary>
    public const string ShapeHelpers = """
            [Differentiable]
            public static void GridFill(double a, double b, double[,] g)
            {
                g[0, 0] = a * b;
                g[0, 1] = Math.Sin(a);
                g[1, 0] = b * 0.5 + a;
                g[1, 1] = a * a * 0.25;
            }

            [Differentiable]
            public static double GridQuad(double[,] m, double s) => m[0, 0] * m[0, 1] + Math.Sin(m[1, 1]) * s + m[1, 0];

        """;

    /// <summary>A compilation unit holding <paramref name="programs"/> as methods of one static partial class.</summary>
    /// <param name="helpers">Include <see cref="Helpers"/> and the enum Op, for programs of a widened generator.</param>
    /// <param name="forward">Every method (helpers too) has <c>Forward = true</c>, so it gets MForward as well.</param>
    /// <param name="shapes">Include <see cref="ShapeHelpers"/>, for programs of a generator with shapes (hess20).</param>
    public static string Source(string className, IEnumerable<RandomProgram> programs, bool helpers = false, bool forward = false, bool shapes = false)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using System.Linq;");
        text.AppendLine("using AutoDiffGen;");
        text.AppendLine();
        text.AppendLine("namespace Random;");
        text.AppendLine();
        if (helpers) text.AppendLine("public enum Op { Add, Mul, Neg }").AppendLine();
        text.Append("public static partial class ").AppendLine(className);
        text.AppendLine("{");
        if (helpers) text.AppendLine(forward ? Helpers.Replace("[Differentiable]", "[Differentiable(Forward = true)]") : Helpers);
        if (shapes) text.AppendLine(ShapeHelpers);
        foreach (var p in programs) text.AppendLine(p.Render(forward: forward));
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>
    /// Smaller variants, smallest steps first: drop a statement (when nothing later reads what it
    /// declares), then replace a subexpression by one of its children, a parameter or a constant.
    /// </summary>
    public IEnumerable<RandomProgram> Shrinks()
    {
        for (int i = 0; i < Statements.Count; i++)
        {
            var s = Statements[i];
            var rest = Statements.Skip(i + 1).ToList();
            bool read = s.Declares && (rest.Any(r => r.Target == s.Target || r.Reads().Contains(s.Target)) || Return.Variables().Contains(s.Target));
            if (!read) yield return this with { Statements = Statements.Where((_, j) => j != i).ToList() };
        }
        for (int i = 0; i < Statements.Count; i++)
        {
            if (Statements[i].Wrapper.Length == 0) continue;
            var list = Statements.ToList();
            list[i] = Statements[i] with { Wrapper = "", Condition = null, Else = null, Trips = 0 };
            yield return this with { Statements = list };
        }
        foreach (var e in Simplifications(Return)) yield return this with { Return = e };
        for (int i = 0; i < Statements.Count; i++)
        {
            if (Statements[i].Value is not { } value) continue;
            foreach (var e in Simplifications(value))
            {
                var list = Statements.ToList();
                list[i] = Statements[i] with { Value = e };
                yield return this with { Statements = list };
            }
        }
    }

    private static IEnumerable<Expr> Simplifications(Expr e)
    {
        foreach (var child in e.Children) yield return child;
        if (e is not VarExpr { Name: "a" }) yield return new VarExpr("a");
        if (e is not ConstExpr) yield return new ConstExpr(0.5);
        for (int i = 0; i < e.Children.Count; i++)
        {
            foreach (var smaller in Simplifications(e.Children[i])) yield return e.With(i, smaller);
        }
    }

    public int Size => Statements.Sum(s => 1 + (s.Value?.Size ?? 0) + (s.Condition?.Size ?? 0) + (s.Else?.Size ?? 0) + (s.Wrapper.Length > 0 ? 1 : 0)) + Return.Size;
}

/// <summary>Draws random programs over every supported scalar gate, with branches and loops.</summary>
public sealed class RandomProgramGenerator
{
    private static readonly string[] Unary = { "Exp", "Log", "Sqrt", "Sin", "Cos", "Tanh", "Atan", "Abs", "Floor", "Sigmoid" };
    private static readonly string[] Binary = { "Pow", "Max", "Min" };
    // Drawn only by the widened generator, so the original draws stay as they were.
    private static readonly string[] LibraryUnary = { "Asinh", "Acosh", "Atanh", "LogP1", "Cbrt", "ScaleB", "ExpM1", "SinPi", "Exp2" };
    private static readonly string[] LibraryBinary = { "Hypot", "MaxNumber", "MinMagnitude", "CopySign", "MaxMagnitude", "Atan2", "FusedMultiplyAdd" };
    private static readonly string[] CompoundOps = { "=", "+=", "-=", "*=", "/=" };

    private readonly Random _random;

    private readonly bool _widened;

    /// <param name="widened">
    /// Also enums and switch, return from loops, and calls of the helpers (<see cref="RandomProgram.Helpers"/>,
    /// which the source must then hold); off, the draws are those of the original generator.
    /// </param>
    private readonly bool _written;

    /// <summary>Draw expressions without increments or assignments.</summary>
    private bool _pure;

    /// <param name="written">
    /// Also the forms of issue 13 written as people write them (with widened): ++/-- and assignments inside expressions,
    /// swaps, chained assignments, local functions, counters in loop tests and indices, and forms that must be diagnosed
    /// (an increment on one path of ?:). Off, the draws are those of the generator without them.
    /// </param>
    /// <param name="shapes">
    /// With arrays, also the shapes of hess20 (one written statement in two): a void callee writing a double[,], a callee
    /// reading one, a jagged local, a stackalloc span made in a loop and passed (the source must hold <see cref="RandomProgram.ShapeHelpers"/>).
    /// </param>
    public RandomProgramGenerator(int seed, bool widened = false, bool written = false, bool arrays = false, bool shapes = false)
    {
        _random = new Random(seed);
        _widened = widened;
        _written = written || arrays;
        _arrays = arrays;
        _shapes = shapes && arrays;
    }

    private readonly bool _shapes;

    /// <summary>Written statements twice as often, and half of them the array forms (initializers, loop arrays, slices, params).</summary>
    private readonly bool _arrays;

    public RandomProgram Next(string name)
    {
        var variables = new List<string>(RandomProgram.Parameters);
        var statements = new List<Statement>();
        int count = _random.Next(0, 7);
        int locals = 0;
        for (int i = 0; i < count; i++)
        {
            var assignable = variables.Skip(3).ToList();
            int kind = _random.Next(10);
            if (assignable.Count == 0 || kind < 5)
            {
                string local = "t" + locals++;
                statements.Add(new Statement(true, local, "=", Expression(variables, _random.Next(1, 4))));
                variables.Add(local);
            }
            else if (_written && _random.Next(_arrays ? 2 : 3) == 0)
            {
                statements.Add(Written(variables, assignable));
            }
            else if (kind == 9)
            {
                statements.Add(new Statement(false, Pick(assignable), _random.Next(2) == 0 ? "++" : "--", null));
            }
            else
            {
                // Reassign or compound-assign an earlier local (now and then a parameter).
                string target = _random.Next(8) == 0 ? Pick(RandomProgram.Parameters) : Pick(assignable);
                var statement = new Statement(false, target, Pick(CompoundOps), Expression(variables, _random.Next(1, 3)));
                // Now and then under a branch or in a loop (which carries the target around).
                statement = _random.Next(_widened ? 10 : 6) switch
                {
                    0 => statement with { Wrapper = "if", Condition = Expression(variables, 1), Else = Expression(variables, _random.Next(1, 3)) },
                    1 => statement with { Wrapper = "loop", Trips = _random.Next(1, 5) },
                    2 => statement with { Wrapper = "break", Trips = _random.Next(1, 5), Condition = Expression(variables, 1) },
                    3 when _widened && statement.Op != "=" => statement with { Wrapper = "return", Trips = _random.Next(1, 5), Condition = Expression(variables, 1) },
                    4 when _widened => statement with { Wrapper = "switch", Condition = Expression(variables, 1), Else = Expression(variables, _random.Next(1, 3)) },
                    5 when _widened => statement with { Wrapper = "switchexpr", Condition = Expression(variables, 1), Else = Expression(variables, _random.Next(1, 3)) },
                    _ => statement,
                };
                statements.Add(statement);
            }
        }
        // A bare parameter or constant as the result is rejected or trivial: always end on a gate.
        var result = Expression(variables, _random.Next(1, 4));
        if (result is VarExpr or ConstExpr) result = new BinExpr('*', result, new ConstExpr(1.5));
        return new RandomProgram(name, statements, result);
    }

    /// <summary>One of the statements of <see cref="Statement"/>'s remarks, over the variables so far.</summary>
    private Statement Written(List<string> variables, List<string> assignable)
    {
        string target = Pick(assignable);
        var others = variables.Where(v => v != target).ToList();
        if (_shapes && _random.Next(2) == 0)
        {
            return new Statement(false, target, Pick(new[] { "gridwrite", "gridread", "jagged", "stackloop" }), Expression(variables, _random.Next(1, 3)),
                Else: Expression(variables, _random.Next(1, 3)), Trips: _random.Next(1, 4));
        }
        switch (_arrays && _random.Next(2) == 0 ? 8 + _random.Next(3) : _random.Next(11))
        {
            case 8:
                return new Statement(false, target, Pick(new[] { "init", "linq", "slice", "params", "spread", "direct", "stackalloc", "spreadarg", "stackalias" }), Expression(variables, _random.Next(1, 3)), Else: Expression(variables, _random.Next(1, 3)));
            case 9:
                return new Statement(false, target, "arrayloop", Expression(variables, _random.Next(1, 3)), Trips: _random.Next(1, 4));
            case 10:
                return new Statement(false, target, Pick(new[] { "init", "slice", "direct", "stackalloc" }), Expression(variables, _random.Next(1, 3)), Else: Expression(variables, _random.Next(1, 3)))
                    with { Wrapper = "loop", Trips = _random.Next(1, 4) };
            case 0:
            case 1:
                {
                    var swap = new Statement(false, target, "swap", Expression(variables, _random.Next(1, 3)), Else: Expression(variables, _random.Next(1, 3)), Second: Pick(others));
                    // A swap carried around a loop: every variable among the targets gets a phi.
                    return _random.Next(3) == 0 ? swap with { Wrapper = "loop", Trips = _random.Next(1, 5) } : swap;
                }
            case 2:
                return new Statement(false, target, "chain", Expression(variables, _random.Next(1, 3)), Second: Pick(others));
            case 3:
                {
                    // The local function's body reads the caller's variables but writes none (that is diagnosed, see WrittenDiagnosticTests).
                    _pure = true;
                    var body = Expression(variables, _random.Next(1, 3));
                    _pure = false;
                    return new Statement(false, target, "localfn", body, Else: Expression(variables, _random.Next(1, 3)));
                }
            case 4:
                return new Statement(false, target, _random.Next(2) == 0 ? "countdown" : "countup", Expression(variables, _random.Next(1, 3)), Trips: _random.Next(1, 4));
            case 5:
                return new Statement(false, target, "array", Expression(variables, _random.Next(1, 3)));
            case 6:
                {
                    int pick = _random.Next(4);
                    return new Statement(false, target, pick == 0 ? "refloop" : pick == 1 ? "refelem" : "ref", Expression(variables, _random.Next(1, 3)));
                }
            default:
                {
                    // An ordinary statement whose expression holds increments or assignments.
                    var statement = new Statement(false, target, Pick(CompoundOps), WrittenExpression(variables, _random.Next(1, 3)));
                    return _random.Next(3) == 0 ? statement with { Wrapper = "loop", Trips = _random.Next(1, 4) } : statement;
                }
        }
    }

    /// <summary>An expression that surely holds an increment or an assignment (now and then one on a single path).</summary>
    private Expr WrittenExpression(List<string> variables, int depth)
    {
        var write = Write(variables, depth);
        return new BinExpr(Pick(new[] { '+', '-', '*' }), _random.Next(2) == 0 ? write : Expression(variables, depth), _random.Next(2) == 0 ? Expression(variables, depth) : write);
    }

    private Expr Write(List<string> variables, int depth) => _random.Next(9) switch
    {
        < 4 => new IncrementExpr(Pick(variables), _random.Next(2) == 0 ? "++" : "--", _random.Next(2) == 0),
        < 8 => new AssignExpr(Pick(variables), Pick(new[] { "=", "+=", "*=", "-=" }), Expression(variables, depth - 1)),
        _ => new ConditionalIncrementExpr(Expression(variables, 1), Pick(variables)),
    };

    private Expr Expression(List<string> variables, int depth)
    {
        if (depth <= 0 || _random.Next(5) == 0)
        {
            return _random.Next(4) == 0 ? Constant() : new VarExpr(Pick(variables));
        }
        if (_written && !_pure && _random.Next(8) == 0) return Write(variables, depth);
        switch (_random.Next(_widened ? 11 : 10))
        {
            case 10:
                // A call to a helper: the array callees mostly, now and then one that gets no Backward.
                return _random.Next(10) switch
                {
                    0 => new CallExpr(Pick(CallExpr.Failing), Expression(variables, depth - 1)),
                    < 5 => new CallExpr("Dot", Expression(variables, depth - 1), "W"),
                    _ => new CallExpr("Guard", Expression(variables, depth - 1), _random.Next(2) == 0 ? "null" : "W"),
                };
            case 0:
            case 1:
            case 2:
                return new BinExpr(Pick(new[] { '+', '-', '*', '+', '-', '*', '/' }), Expression(variables, depth - 1), Expression(variables, depth - 1));
            case 3:
                return new NegExpr(Expression(variables, depth - 1));
            case 4:
            case 5:
                return new FnExpr(Pick(_widened && _random.Next(3) == 0 ? LibraryBinary : Binary), new[] { Expression(variables, depth - 1), Expression(variables, depth - 1) });
            default:
                return new FnExpr(Pick(_widened && _random.Next(3) == 0 ? LibraryUnary : Unary), new[] { Expression(variables, depth - 1) });
        }
    }

    private Expr Constant() => new ConstExpr(Pick(new[] { 0.5, 2.0, -1.5, 3.0, 0.25, -0.75, 1e-3, 1.0 }));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
