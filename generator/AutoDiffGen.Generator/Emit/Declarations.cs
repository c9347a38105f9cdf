using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Emit;

/// <summary>How the emitted sweeps declare a node's local.</summary>
internal static class Declarations
{
    /// <summary>
    /// <c>T name = 0;</c> (or <c>= default;</c> for another value): a local declared before the code that sets it.
    /// A reference (an array, a tensor) starts as <c>default!</c> where the language has <c>!</c>: it is set
    /// before it is read, under the same conditions, which flow analysis cannot follow.
    /// </summary>
    public static string DeclaredAtZero(Node node, bool nullableSyntax) => node.TypeName + " " + AtZero(node, nullableSyntax) + ";";

    /// <summary>The declarator of <see cref="DeclaredAtZero"/>: <c>name = 0.0</c>.</summary>
    public static string AtZero(Node node, bool nullableSyntax) =>
        node.Name + " = " + (node.Type is ScalarType.Double or ScalarType.Float ? ScalarLiterals.Zero(node.Type) : nullableSyntax && !IsValueKeyword(node.TypeName) ? "default!" : "default");

    private static bool IsValueKeyword(string typeName) => typeName is "bool" or "int" or "long" or "short" or "byte" or "sbyte"
        or "uint" or "ulong" or "ushort" or "char" or "double" or "float" or "decimal";

    /// <summary>
    /// The type in a local's declaration: scalars by keyword, other values by <c>var</c>, since their
    /// global:: names would bury the derivation.
    /// </summary>
    public static string Declared(Node node) => node.Type == ScalarType.Adjointable ? "var" : node.TypeName;
}
