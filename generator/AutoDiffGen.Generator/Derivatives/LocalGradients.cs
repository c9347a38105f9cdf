using System;
using System.Linq;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The forward expression and the local gradients of every gate: upstream × local, with forward
/// values reused where the lecture reuses them (exp → y, sigmoid → s·(1−s), tanh → 1−t², 1/x → −y²,
/// sqrt → 1/(2y)).
/// </summary>
internal static class LocalGradients
{
    /// <summary>The C# expression that computes <paramref name="node"/> from its operands.</summary>
    /// <param name="operand">The text of the i-th input.</param>
    /// <param name="node">The gate.</param>
    public static string Forward(Node node, Func<int, string> operand)
    {
        string m = ScalarLiterals.MathClass(node.Type);
        string one = ScalarLiterals.One(node.Type);
        string a = node.Inputs.Length > 0 ? operand(0) : "";
        string b = node.Inputs.Length > 1 ? operand(1) : "";
        return node.Gate switch
        {
            GateKind.Constant => node.Text,
            GateKind.Pack => node.Name,
            GateKind.Part => a + "." + node.Text,
            GateKind.Copy => a,
            GateKind.Element => a + "[" + ElementIndex.Text(node, operand) + "]",
            GateKind.NewArray => ElementIndex.Creation(node, operand),
            GateKind.CopyArray => "(" + node.TypeName + ")" + a + ".Clone()",
            // One array per call site, declared before the forward sweep (Differentiator.DeclareArrayStacks), reallocated only when the length changes.
            GateKind.SpareArray => "(" + SpareLocal(node) + ".Length == " + a + ".Length ? " + SpareLocal(node) + " : (" + SpareLocal(node) + " = new "
                + ElementIndex.ElementTypeName(node.TypeName) + "[" + a + ".Length]))",
            // Through ReadOnlySpan, which an array, a Span and a ReadOnlySpan all convert to.
            GateKind.CloneArray => "((global::System.ReadOnlySpan<" + node.TypeName.Substring(0, node.TypeName.Length - 2) + ">)" + a + ")"
                + (node.Inputs.Length > 2 ? ".Slice(" + b + ", " + operand(2) + ")" : "") + ".ToArray()",
            GateKind.CopyInto => CopyIntoForms.Forward(node, operand),
            GateKind.View => Views.Text(node.Text, a, b + (node.Inputs.Length > 2 ? ", " + operand(2) : "")),
            GateKind.Convert => "(" + ScalarLiterals.TypeKeyword(node.Type) + ")" + a,
            GateKind.Add => a + " + " + b,
            GateKind.Subtract => a + " - " + b,
            GateKind.Multiply => a + " * " + b,
            GateKind.Divide => a + " / " + b,
            GateKind.Negate => "-" + a,
            GateKind.Reciprocal => one + " / " + a,
            GateKind.Sigmoid => one + " / (" + one + " + " + m + ".Exp(-" + a + "))",
            GateKind.LogBase => m + ".Log(" + a + ", " + b + ")",
            // MathF has no Clamp; Math.Clamp has a float overload.
            GateKind.Clamp => "global::System.Math.Clamp(" + a + ", " + b + ", " + operand(2) + ")",
            GateKind.Pow or GateKind.Atan2 or GateKind.Max or GateKind.Min => m + "." + node.Gate + "(" + a + ", " + b + ")",
            _ when LibraryFunctions.Handles(node.Gate) => LibraryFunctions.Forward(node, operand),
            _ => m + "." + node.Gate + "(" + a + ")",
        };
    }

    /// <summary>The local that keeps a <see cref="GateKind.SpareArray"/>'s array between the calls of its site.</summary>
    public static string SpareLocal(Node node) => node.Name + "Kept";

    /// <summary>The reverse-sweep rule of a gate.</summary>
    /// <param name="y">The name of the gate's output (reused by exp, sigmoid, tanh, …).</param>
    /// <param name="g">The name of the output's adjoint: the upstream gradient.</param>
    /// <param name="node">The gate.</param>
    /// <param name="operand">The text of the i-th input.</param>
    public static GateRule Reverse(Node node, Func<int, string> operand, string y, string g)
    {
        string m = ScalarLiterals.MathClass(node.Type);
        string one = ScalarLiterals.One(node.Type);
        string two = ScalarLiterals.Real(2, node.Type);
        string zero = ScalarLiterals.Zero(node.Type);
        string a = node.Inputs.Length > 0 ? operand(0) : "";
        string b = node.Inputs.Length > 1 ? operand(1) : "";

        static GateRule Rule(string comment, params Contribution[] c) => new(comment, c);
        static Contribution C(int i, string e, bool subtract = false) => new(i, e, subtract);

        return node.Gate switch
        {
            GateKind.Copy => Rule("copy: pass through", C(0, g)),
            GateKind.Convert => Rule("convert gate: pass through", C(0, "(" + ScalarLiterals.TypeKeyword(OtherPrecision(node.Type)) + ")" + g)),
            GateKind.Add => Rule("add gate: distribute", C(0, g), C(1, g)),
            GateKind.Subtract => Rule("subtract gate: distribute, negated on the right", C(0, g), C(1, g, subtract: true)),
            GateKind.Multiply => Rule("mul gate: swap", C(0, b + " * " + g), C(1, a + " * " + g)),
            // y·(g/b), not y/b·g: where y/b overflows, a zero tangent (forward mode) must still give 0, not ∞·0.
            GateKind.Divide => Rule("div gate: 1/b, and −y/b", C(0, g + " / " + b), C(1, y + " * (" + g + " / " + b + ")", subtract: true)),
            GateKind.Negate => Rule("neg gate: negate", C(0, g, subtract: true)),
            GateKind.Reciprocal => Rule("reciprocal gate: −y²", C(0, y + " * " + y + " * " + g, subtract: true)),
            GateKind.Sigmoid => Rule("sigmoid gate: s·(1−s), e^−z·s² for s > 0.75", C(0, SafeForms.SigmoidDerivative(a, y, node.Type) + " * " + g)),
            GateKind.Exp => Rule("exp gate: reuse the output", C(0, y + " * " + g)),
            GateKind.Log => Rule("log gate: 1/x", C(0, g + " / " + a)),
            // (g/ln b)/x, not g/(x·ln b): x·ln b overflows for x near the largest double, and g/x for a subnormal x.
            GateKind.LogBase => Rule("log gate: 1/(x·ln b), and −y/(b·ln b)",
                C(0, g + " / " + m + ".Log(" + b + ") / " + a),
                C(1, y + " * (" + g + " / " + m + ".Log(" + b + ") / " + b + ")", subtract: true)),
            GateKind.Log10 => Rule("log10 gate: (1/ln 10)/x", C(0, ScalarLiterals.Real(1 / Math.Log(10), node.Type) + " / " + a + " * " + g)),
            GateKind.Log2 => Rule("log2 gate: (1/ln 2)/x", C(0, ScalarLiterals.Real(1 / Math.Log(2), node.Type) + " / " + a + " * " + g)),
            // y + y is 2·y exactly, and cheaper for the compiler to bind than an operator with a constant (TwinContributions.Doubled).
            GateKind.Sqrt => Rule("sqrt gate: 1/(2y)", C(0, g + " / (" + (Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(y) ? y + " + " + y : two + " * " + y) + ")")),
            GateKind.Cbrt => Rule("cbrt gate: 1/(3y²)", C(0, g + " / (" + ScalarLiterals.Real(3, node.Type) + " * " + y + " * " + y + ")")),
            GateKind.Pow => Rule("pow gate: b·a^(b−1), and y·ln a",
                // a^0 is constant: 0 there, not 0·0^(−1) = NaN at a = 0 (a Pow(x, i) series at x = 0). PyTorch masks it too.
                // For |b| < 1, b·y/a: a^(b−1) overflows for a tiny a (Pow(1e-310, 0.001)) while b·a^(b−1) is representable.
                C(0, PowBase(a, b, y, node.Type) + " * " + g),
                // y·ln a, except where a = 0 and b ≥ 0, where PyTorch also takes 0; y·(ln a·g) so a zero tangent gives 0 where y·ln a overflows.
                C(1, "(" + a + " == " + zero + " && " + b + " >= " + zero + " ? " + zero + " : " + y + " * (" + m + ".Log(" + a + ") * " + g + "))")),
            GateKind.Sin => Rule("sin gate: cos x", C(0, m + ".Cos(" + a + ") * " + g)),
            GateKind.Cos => Rule("cos gate: −sin x", C(0, m + ".Sin(" + a + ") * " + g, subtract: true)),
            GateKind.Tan => Rule("tan gate: 1 + y²", C(0, "(" + one + " + " + y + " * " + y + ") * " + g)),
            GateKind.Asin => Rule("asin gate: 1/√((1−x)(1+x))", C(0, SafeForms.AsinDerivative(a, node.Type) + " * " + g)),
            GateKind.Acos => Rule("acos gate: −1/√((1−x)(1+x))", C(0, SafeForms.AsinDerivative(a, node.Type) + " * " + g, subtract: true)),
            GateKind.Atan => Rule("atan gate: 1/(1+x²), (1/x)/(x+1/x) for |x| > 1", C(0, SafeForms.AtanDerivative(a, node.Type) + " * " + g)),
            GateKind.Atan2 => Atan2Rule("atan2 gate: x/(x²+y²), and −y/(x²+y²), by the smaller over the larger", node.Type, a, b, g, null),
            GateKind.Sinh => Rule("sinh gate: cosh x", C(0, m + ".Cosh(" + a + ") * " + g)),
            GateKind.Cosh => Rule("cosh gate: sinh x", C(0, m + ".Sinh(" + a + ") * " + g)),
            GateKind.Tanh => Rule("tanh gate: 1 − t², e^−2|x|·(1+|t|)² for |t| ≥ 0.5", C(0, SafeForms.TanhDerivative(a, y, node.Type) + " * " + g)),
            GateKind.Abs => Rule("abs gate: sign x (0 at 0)", C(0, a + " > " + zero + " ? " + g + " : " + a + " < " + zero + " ? -" + g + " : " + zero)),
            // max(x, x) and min(x, x) are x: comparing a value with itself would be warning CS1718.
            GateKind.Max or GateKind.Min when a == b => Rule(node.Gate == GateKind.Max ? "max gate: both inputs are one value" : "min gate: both inputs are one value", C(0, g)),
            GateKind.Max => Rule("max gate: route (ties go to the left)", C(0, a + " >= " + b + " ? " + g + " : " + zero), C(1, a + " >= " + b + " ? " + zero + " : " + g)),
            GateKind.Min => Rule("min gate: route (ties go to the left)", C(0, a + " <= " + b + " ? " + g + " : " + zero), C(1, a + " <= " + b + " ? " + zero + " : " + g)),
            GateKind.Clamp => Rule("clamp gate: route to x inside [lo, hi], else to the bound",
                C(0, Compare(a, ">=", b) + " && " + Compare(a, "<=", operand(2)) + " ? " + g + " : " + zero),
                C(1, Compare(a, "<", b) + " ? " + g + " : " + zero),
                C(2, Compare(a, ">", operand(2)) + " && " + Compare(a, ">=", b) + " ? " + g + " : " + zero)),
            _ when LibraryFunctions.Handles(node.Gate) => LibraryFunctions.Reverse(node, operand, y, g),
            _ => throw new InvalidOperationException("No reverse rule for gate " + node.Gate),
        };
    }

    /// <summary>Atan2's (and, over π, Atan2Pi's) rule from <see cref="SafeForms.Atan2Partials"/>.</summary>
    internal static GateRule Atan2Rule(string comment, ScalarType type, string a, string b, string g, string? divisor)
    {
        var (da, minusDb) = SafeForms.Atan2Partials(a, b, type);
        string over = divisor is null ? "" : " / " + divisor;
        return new GateRule(comment, new[] { new Contribution(0, da + over + " * " + g, false), new Contribution(1, minusDb + over + " * " + g, true) });
    }

    /// <summary>
    /// ∂aᵇ/∂a = b·a^(b−1): 0 for b = 0 (not 0·0^(−1) = NaN at a = 0; PyTorch masks it too), and b·y/a for 0 &lt; |b| &lt; 1 and
    /// a ≠ 0, where a^(b−1) overflows for a tiny a (Pow(1e-310, 0.001)) while the derivative is representable. A literal
    /// exponent picks its form here, so Pow(x, 2.0) stays b·a^(b−1).
    /// </summary>
    private static string PowBase(string a, string b, string y, ScalarType type)
    {
        string m = ScalarLiterals.MathClass(type), one = ScalarLiterals.One(type), zero = ScalarLiterals.Zero(type);
        string power = b + " * " + m + ".Pow(" + a + ", " + b + " - " + one + ")";
        string small = b + " * " + y + " / " + a;
        if (TryLiteral(b, out double v) && v != 0)
            return Math.Abs(v) >= 1 ? power : "(" + a + " != " + zero + " ? " + small + " : " + power + ")";
        return "(" + b + " == " + zero + " ? " + zero + " : " + m + ".Abs(" + b + ") < " + one + " && " + a + " != " + zero + " ? " + small + " : " + power + ")";
    }

    private static bool TryLiteral(string text, out double v) =>
        double.TryParse(text.TrimEnd('d', 'D', 'f', 'F', 'm', 'M'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out v);

    /// <summary>a op b, or its constant value when both sides are the same text (CS1718 otherwise).</summary>
    private static string Compare(string a, string op, string b) =>
        a != b ? a + " " + op + " " + b : op is ">=" or "<=" ? "true" : "false";

    private static ScalarType OtherPrecision(ScalarType type) => type == ScalarType.Float ? ScalarType.Double : ScalarType.Float;

    /// <summary>
    /// What a gate's reverse rule reads: its output and which inputs. A loop saves only these on its
    /// tape, not every value it computed.
    /// </summary>
    public static (bool Output, bool[] Inputs) Reads(Node node)
    {
        int n = node.Inputs.Length;
        bool[] All() => Enumerable.Repeat(true, n).ToArray();
        bool[] None() => new bool[n];
        bool[] First() { var r = new bool[n]; if (n > 0) r[0] = true; return r; }
        if (node.Gate == GateKind.Call && node.TypeName == "void") return (false, All());
        return node.Gate switch
        {
            GateKind.CallOutput => (false, None()),
            GateKind.Add or GateKind.Subtract or GateKind.Negate or GateKind.Copy or GateKind.Convert or GateKind.Phi => (false, None()),
            GateKind.Multiply => (false, All()),
            // The routing rules compare the inputs; none reads the output.
            GateKind.Max or GateKind.Min or GateKind.Clamp => (false, All()),
            GateKind.Divide => (true, new[] { false, true }),
            // Tanh and Sigmoid read their input too, for the tails (SafeForms).
            GateKind.Tanh or GateKind.Sigmoid => (true, First()),
            GateKind.Reciprocal or GateKind.Exp or GateKind.Sqrt or GateKind.Cbrt or GateKind.Tan => (true, None()),
            GateKind.Log or GateKind.Log10 or GateKind.Log2 or GateKind.Sin or GateKind.Cos or GateKind.Asin or GateKind.Acos
                or GateKind.Atan or GateKind.Sinh or GateKind.Cosh or GateKind.Abs => (false, First()),
            GateKind.Element => (false, Enumerable.Range(0, n).Select(i => i > 0).ToArray()),
            GateKind.Store => (false, Enumerable.Range(0, n).Select(i => i > 0 && i < n - 1).ToArray()),
            GateKind.NewArray or GateKind.CopyArray or GateKind.SpareArray => (false, None()),
            GateKind.CloneArray => (false, None()),
            // A bulk store reads the indexes and the count (CopyIntoForms); a sort also the values before it, which chose its permutation.
            GateKind.CopyInto => (false, Enumerable.Range(0, n).Select(i => i >= CopyIntoForms.SourceStart
                || (i == CopyIntoForms.Source && CopyIntoForms.KindOf(node) == CopyIntoForms.Kind.Sort)).ToArray()),
            // The reverse sweep gives the row it replaced a zeroed adjoint: it needs the row's index and that row's length.
            GateKind.NewRow => (false, Enumerable.Range(0, n).Select(i => i is 1 or 3).ToArray()),
            GateKind.View => (false, All()),
            // A struct's members route adjoints by name; a call that returns a struct is reversed by its Backward, which recomputes it.
            GateKind.Pack or GateKind.Part => (false, None()),
            GateKind.Call when node.Type == ScalarType.Other => (false, All()),
            _ => (true, All()),
        };
    }
}
