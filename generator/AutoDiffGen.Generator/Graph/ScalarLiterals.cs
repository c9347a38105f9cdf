using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>Constants, keywords and math classes of a <see cref="ScalarType"/>, spelled in C#.</summary>
internal static class ScalarLiterals
{
    public static string Real(double value, ScalarType type) =>
        type == ScalarType.Float ? Literals.Float((float)value) : Literals.Double(value);

    public static string Zero(ScalarType type) => Real(0, type);

    public static string One(ScalarType type) => Real(1, type);

    public static string TypeKeyword(ScalarType type) => type == ScalarType.Float ? "float" : "double";

    /// <summary>The class holding the elementary functions for this precision.</summary>
    public static string MathClass(ScalarType type) => type == ScalarType.Float ? "global::System.MathF" : "global::System.Math";
}
