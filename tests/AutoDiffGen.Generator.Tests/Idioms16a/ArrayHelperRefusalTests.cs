using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16a;

/// <summary>
/// Idioms16a item 2, just outside: a helper whose returned array may not be a fresh one the caller owns (its parameter,
/// a field, returns of different arrays (several returns of one local, outside loops, are supported since idioms23), an array kept in a field, one of two creations chosen by a condition (a creation returned
/// at once is supported since idioms17a)) is one ADG0004 at the call, saying
/// why, and no code.
/// </summary>
public class ArrayHelperRefusalTests
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public static class Arr
        {
            public static double[] Table = { 1, 2 };
            public static double[]? Last;
            public static double[] Same(double[] a) => a;
            public static double[] FromField(double x) { Table[0] = 1; return Table; }
            public static double[] Twice(double[] a) { var r = new double[a.Length]; var e = new double[1]; if (a.Length == 0) return e; for (int i = 0; i < a.Length; i++) r[i] = 2 * a[i]; return r; }
            public static double[] Kept(double[] a) { var r = new double[a.Length]; for (int i = 0; i < a.Length; i++) r[i] = a[i]; Last = r; return r; }
            public static double[] Made(double a, double b) => a > b ? new[] { a, b } : new[] { b, a };
        }
        public static partial class G
        {

        """;

    [Theory]
    [InlineData("double F(double[] a) { double[] r = Arr.Same(a); return r[0]; }", "Arr.Same(a)", "returns its parameter 'a'")]
    [InlineData("double F(double x) { double[] r = Arr.FromField(x); return r[0] * x; }", "Arr.FromField(x)", "returns the array in the field 'Table'")]
    [InlineData("double F(double[] a) { double[] r = Arr.Twice(a); return r[0]; }", "Arr.Twice(a)", "returns in more than one place")]
    [InlineData("double F(double[] a) { double[] r = Arr.Kept(a); return r[0]; }", "Arr.Kept(a)", "writes the static field 'Last'")]
    [InlineData("double F(double x) { double[] r = Arr.Made(x, 2); return r[0]; }", "Arr.Made(x, 2)", "not a local array it creates")]
    public void AnArrayThatMayNotBeFresh_IsOneADG0004AtTheCall(string method, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static " + method + "\n}\n", "ADG0004", at, says);
    }
}
