using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// First and second partial derivatives of a gate, as C# text over its operands and its output (the Hessian
/// mode's rules). The first derivatives are the reverse rules of <see cref="LocalGradients"/> with a unit upstream
/// gradient, so both modes share one set of first derivatives and their conventions at non-smooth points; the second
/// derivatives are this table's. At a kink or a jump (Abs, Max, Min, Clamp) the second derivative is 0.
/// </summary>
internal static partial class SecondDerivatives
{
    /// <summary>A gate's partials: <see cref="First"/>[i] = ∂y/∂input_i (null: 0), <see cref="Second"/>[i, j] = ∂²y/∂input_i∂input_j (null: 0).</summary>
    internal sealed class Partials
    {
        public Partials(string?[] first, string?[,] second)
        {
            First = first;
            Second = second;
        }

        public string?[] First { get; }

        public string?[,] Second { get; }
    }

    /// <summary>The gates the Hessian mode differentiates with <see cref="Of"/> (Copy, Convert and Element are moves, handled by the walk).</summary>
    public static bool Has(GateKind gate) => gate switch
    {
        GateKind.Add or GateKind.Subtract or GateKind.Multiply or GateKind.Divide or GateKind.Negate or GateKind.Reciprocal
            or GateKind.Sigmoid or GateKind.Exp or GateKind.Log or GateKind.LogBase or GateKind.Log10 or GateKind.Log2
            or GateKind.Sqrt or GateKind.Cbrt or GateKind.Pow or GateKind.Sin or GateKind.Cos or GateKind.Tan
            or GateKind.Asin or GateKind.Acos or GateKind.Atan or GateKind.Atan2 or GateKind.Sinh or GateKind.Cosh
            or GateKind.Tanh or GateKind.Abs or GateKind.Max or GateKind.Min or GateKind.Clamp => true,
        _ => HasLibrary(gate),
    };

    /// <summary>The partials of <paramref name="node"/>; only for a gate where <see cref="Has"/> is true.</summary>
    /// <param name="node">The gate.</param>
    /// <param name="operand">The text of the i-th input.</param>
    /// <param name="y">The gate's output (computed before its partials are read).</param>
    public static Partials Of(Node node, Func<int, string> operand, string y)
    {
        int arity = node.Inputs.Length;
        var first = new string?[arity];
        var rule = LocalGradients.Reverse(node, operand, y, Marker);
        foreach (var c in rule.Contributions)
        {
            string text = Wrap(Unit(c.Expression, node.Type));
            first[c.InputPosition] = c.Subtract ? (text.StartsWith("-", StringComparison.Ordinal) ? "-(" + text + ")" : "-" + text) : text;
        }
        var second = new string?[arity, arity];
        foreach (var (i, j, text) in Seconds(node, operand, y))
        {
            second[i, j] = Wrap(text);
            second[j, i] = second[i, j];
        }
        return new Partials(first, second);
    }

    private const string Marker = "\u0002";

    /// <summary>An argument of a kernel call: parenthesized unless it is a name or a number.</summary>
    private static string Wrap(string text)
    {
        foreach (char ch in text)
        {
            if (!(char.IsLetterOrDigit(ch) || ch is '_' or '.' or '@')) return "(" + text + ")";
        }
        return text;
    }

    /// <summary>A reverse rule's text with a unit upstream gradient: <c>b * g</c> → <c>b</c>, <c>g / b</c> → <c>1.0 / b</c>.</summary>
    private static string Unit(string expression, ScalarType type)
    {
        string one = ScalarLiterals.One(type);
        return expression.Replace(" * " + Marker, "").Replace(Marker, one);
    }

    private static IEnumerable<(int I, int J, string Text)> Seconds(Node node, Func<int, string> operand, string y)
    {
        var t = node.Type;
        string m = ScalarLiterals.MathClass(t);
        string one = ScalarLiterals.One(t);
        string zero = ScalarLiterals.Zero(t);
        string R(double v) => ScalarLiterals.Real(v, t);
        string a = arityOf(0);
        string b = arityOf(1);
        string arityOf(int i) => node.Inputs.Length > i ? operand(i) : "";
        switch (node.Gate)
        {
            case GateKind.Multiply:
                yield return (0, 1, one);
                break;
            case GateKind.Divide:
                // y = a/b: f_ab = −1/b², f_bb = 2y/b², divided in turn (b·b overflows where 1/b² is representable, and so below).
                yield return (0, 1, "-" + one + " / " + b + " / " + b);
                yield return (1, 1, R(2) + " * " + y + " / " + b + " / " + b);
                break;
            case GateKind.Reciprocal:
                yield return (0, 0, R(2) + " * " + y + " * " + y + " * " + y);
                break;
            case GateKind.Sigmoid:
                yield return (0, 0, SafeForms.SigmoidDerivative(a, y, t) + " * (" + one + " - " + R(2) + " * " + y + ")");
                break;
            case GateKind.Exp:
                yield return (0, 0, y);
                break;
            case GateKind.Log:
                yield return (0, 0, "-" + one + " / " + a + " / " + a);
                break;
            case GateKind.Log10:
                yield return (0, 0, "-" + R(1 / Math.Log(10)) + " / " + a + " / " + a);
                break;
            case GateKind.Log2:
                yield return (0, 0, "-" + R(1 / Math.Log(2)) + " / " + a + " / " + a);
                break;
            case GateKind.LogBase:
                // y = ln a / ln b.
                string lnb = m + ".Log(" + b + ")";
                yield return (0, 0, "-" + one + " / " + lnb + " / " + a + " / " + a);
                yield return (0, 1, "-" + one + " / " + lnb + " / " + lnb + " / " + a + " / " + b);
                yield return (1, 1, y + " * (" + lnb + " + " + R(2) + ") / " + lnb + " / " + lnb + " / " + b + " / " + b);
                break;
            case GateKind.Sqrt:
                yield return (0, 0, "-" + one + " / (" + R(4) + " * " + y + ") / " + y + " / " + y);
                break;
            case GateKind.Cbrt:
                yield return (0, 0, "-" + R(2) + " / (" + R(9) + " * " + y + ") / " + y + " / " + y + " / " + y + " / " + y);
                break;
            case GateKind.Pow:
                // b(b−1)·a^(b−2), 0 where b is 0 or 1 (a constant or a line: not 0·0^(−1) = NaN at a = 0).
                yield return (0, 0, (IsLiteralOtherThan01(b) ? "" : "(" + b + " == " + zero + " || " + b + " == " + one + ") ? " + zero + " : ")
                    + b + " * (" + b + " - " + one + ") * " + m + ".Pow(" + a + ", " + b + " - " + R(2) + ")");
                // ∂/∂b of b·a^(b−1) and of y·ln a; 0 where a = 0 and b ≥ 0, as the first derivative's convention.
                string guard = "(" + a + " == " + zero + " && " + b + " >= " + zero + ") ? " + zero + " : ";
                yield return (0, 1, guard + m + ".Pow(" + a + ", " + b + " - " + one + ") * (" + one + " + " + b + " * " + m + ".Log(" + a + "))");
                yield return (1, 1, guard + y + " * " + m + ".Log(" + a + ") * " + m + ".Log(" + a + ")");
                break;
            case GateKind.Sin:
                yield return (0, 0, "-" + y);
                break;
            case GateKind.Cos:
                yield return (0, 0, "-" + y);
                break;
            case GateKind.Tan:
                yield return (0, 0, R(2) + " * " + y + " * (" + one + " + " + y + " * " + y + ")");
                break;
            case GateKind.Asin:
            case GateKind.Acos:
                // ±x/(1 − x²)^{3/2} = ±x·d³ with d = 1/√((1 − x)(1 + x)), multiplied left to right.
                string d = SafeForms.AsinDerivative(a, t);
                yield return (0, 0, (node.Gate == GateKind.Acos ? "-" : "") + a + " * " + d + " * " + d + " * " + d);
                break;
            case GateKind.Atan:
                // −2x/(1 + x²)² = −2x·d·d with d = 1/(1 + x²) overflow-safe, left to right so −2x·d stays in range.
                string datan = SafeForms.AtanDerivative(a, t);
                yield return (0, 0, "-" + R(2) + " * " + a + " * " + datan + " * " + datan);
                break;
            case GateKind.Atan2:
                // atan2(a, b), r = a² + b²: f_aa = −2ab/r², f_ab = (a² − b²)/r², f_bb = 2ab/r² (SafeForms: nothing squared but a ratio ≤ 1).
                var (aa, ab, bb) = SafeForms.Atan2Seconds(a, b, t);
                yield return (0, 0, aa);
                yield return (0, 1, ab);
                yield return (1, 1, bb);
                break;
            case GateKind.Sinh:
            case GateKind.Cosh:
                yield return (0, 0, y);
                break;
            case GateKind.Tanh:
                yield return (0, 0, "-" + R(2) + " * " + y + " * " + SafeForms.TanhDerivative(a, y, t));
                break;
            // Add, Subtract, Negate are linear; Abs, Max, Min, Clamp are linear on each side of their kinks.
            default:
                foreach (var second in LibrarySeconds(node, operand, y)) yield return second;
                break;
        }
    }

    /// <summary>A real literal other than 0 and 1: an exponent whose b(b−1) needs no guard.</summary>
    private static bool IsLiteralOtherThan01(string text) =>
        double.TryParse(text.TrimEnd('d', 'D', 'f', 'F', 'm', 'M'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double v) && v != 0 && v != 1;
}
