using System.Globalization;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>Numeric literals in C# syntax, always in the invariant culture.</summary>
internal static class Literals
{
    /// <summary>A <c>double</c> literal that reads back as the same value; never an int literal.</summary>
    public static string Double(double value)
    {
        if (double.IsNaN(value)) return "double.NaN";
        if (double.IsPositiveInfinity(value)) return "double.PositiveInfinity";
        if (double.IsNegativeInfinity(value)) return "double.NegativeInfinity";
        string text = value.ToString("R", CultureInfo.InvariantCulture);
        // "2" would be an int literal: keep it visibly a double.
        if (text.IndexOfAny(DecimalMarks) < 0) text += ".0";
        return text;
    }

    /// <summary>A <c>float</c> literal (suffix <c>f</c>) that reads back as the same value.</summary>
    public static string Float(float value)
    {
        if (float.IsNaN(value)) return "float.NaN";
        if (float.IsPositiveInfinity(value)) return "float.PositiveInfinity";
        if (float.IsNegativeInfinity(value)) return "float.NegativeInfinity";
        return value.ToString("R", CultureInfo.InvariantCulture) + "f";
    }

    private static readonly char[] DecimalMarks = { '.', 'E', 'e' };

    public static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
}
