using System.Globalization;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Emit;

/// <summary>Numeric literals in C# syntax, always in the invariant culture.</summary>
internal static class Literals
{
    public static string Real(double value, ScalarType type)
    {
        if (type == ScalarType.Float)
        {
            float f = (float)value;
            if (float.IsNaN(f)) return "float.NaN";
            if (float.IsPositiveInfinity(f)) return "float.PositiveInfinity";
            if (float.IsNegativeInfinity(f)) return "float.NegativeInfinity";
            return f.ToString("R", CultureInfo.InvariantCulture) + "f";
        }
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // "2" would be an int literal: keep it visibly a double.
        if (text.IndexOfAny(DecimalMarks) < 0) text += ".0";
        return text;
    }

    private static readonly char[] DecimalMarks = { '.', 'E', 'e' };

    public static string Zero(ScalarType type) => Real(0, type);

    /// <summary>
    /// <c>T name = 0;</c> (or <c>= default;</c> for another value): a local declared before the code that sets it.
    /// A reference (an array, a tensor) starts as <c>default!</c> where the language has <c>!</c>: it is set
    /// before it is read, under the same conditions, which flow analysis cannot follow.
    /// </summary>
    public static string DeclaredAtZero(Node node, bool nullableSyntax) =>
        node.TypeName + " " + node.Name + " = "
        + (node.Type is ScalarType.Double or ScalarType.Float ? Zero(node.Type) : nullableSyntax && !IsValueKeyword(node.TypeName) ? "default!" : "default") + ";";

    private static bool IsValueKeyword(string typeName) => typeName is "bool" or "int" or "long" or "short" or "byte" or "sbyte"
        or "uint" or "ulong" or "ushort" or "char" or "double" or "float" or "decimal";

    public static string One(ScalarType type) => Real(1, type);

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string TypeKeyword(ScalarType type) => type == ScalarType.Float ? "float" : "double";

    /// <summary>The class holding the elementary functions for this precision.</summary>
    public static string MathClass(ScalarType type) => type == ScalarType.Float ? "global::System.MathF" : "global::System.Math";

    /// <summary>
    /// The type in a local's declaration: scalars by keyword, other values by <c>var</c>, since their
    /// global:: names would bury the derivation.
    /// </summary>
    public static string Declared(Node node) => node.Type == ScalarType.Adjointable ? "var" : node.TypeName;
}
