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

    public IEnumerable<string> Variables() => this is VarExpr v ? new[] { v.Name } : Children.SelectMany(c => c.Variables());

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
public sealed record Statement(bool Declares, string Target, string Op, Expr? Value, string Wrapper = "", Expr? Condition = null, Expr? Else = null, int Trips = 0)
{
    private string Plain(Expr? value) =>
        Op is "++" or "--" ? Target + Op + ";"
        : (Declares ? "double " : "") + Target + " " + Op + " " + value!.Render() + ";";

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
        new[] { Value, Condition, Else }.Where(e => e is not null).SelectMany(e => e!.Variables());
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
            public static double Bad(double x) { Console.WriteLine(x); return x; }

            [Differentiable]
            public static double Mid(double x) => Bad(x) * 2;
        """;

    /// <summary>The helpers' names: diagnostics inside them are expected, not a program's.</summary>
    public static readonly string[] HelperNames = { "Dot", "Guard", "Bad", "Mid" };

    /// <summary>A compilation unit holding <paramref name="programs"/> as methods of one static partial class.</summary>
    /// <param name="helpers">Include <see cref="Helpers"/> and the enum Op, for programs of a widened generator.</param>
    /// <param name="forward">Every method (helpers too) has <c>Forward = true</c>, so it gets MForward as well.</param>
    public static string Source(string className, IEnumerable<RandomProgram> programs, bool helpers = false, bool forward = false)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;");
        text.AppendLine("using AutoDiffGen;");
        text.AppendLine();
        text.AppendLine("namespace Random;");
        text.AppendLine();
        if (helpers) text.AppendLine("public enum Op { Add, Mul, Neg }").AppendLine();
        text.Append("public static partial class ").AppendLine(className);
        text.AppendLine("{");
        if (helpers) text.AppendLine(forward ? Helpers.Replace("[Differentiable]", "[Differentiable(Forward = true)]") : Helpers);
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
    private static readonly string[] CompoundOps = { "=", "+=", "-=", "*=", "/=" };

    private readonly Random _random;

    private readonly bool _widened;

    /// <param name="widened">
    /// Also enums and switch, return from loops, and calls of the helpers (<see cref="RandomProgram.Helpers"/>,
    /// which the source must then hold); off, the draws are those of the original generator.
    /// </param>
    public RandomProgramGenerator(int seed, bool widened = false)
    {
        _random = new Random(seed);
        _widened = widened;
    }

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

    private Expr Expression(List<string> variables, int depth)
    {
        if (depth <= 0 || _random.Next(5) == 0)
        {
            return _random.Next(4) == 0 ? Constant() : new VarExpr(Pick(variables));
        }
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
                return new FnExpr(Pick(Binary), new[] { Expression(variables, depth - 1), Expression(variables, depth - 1) });
            default:
                return new FnExpr(Pick(Unary), new[] { Expression(variables, depth - 1) });
        }
    }

    private Expr Constant() => new ConstExpr(Pick(new[] { 0.5, 2.0, -1.5, 3.0, 0.25, -0.75, 1e-3, 1.0 }));

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
