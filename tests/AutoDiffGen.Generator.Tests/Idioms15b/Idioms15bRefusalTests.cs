using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15b;

/// <summary>What idioms15b leaves refused: one ADG error at the construct, saying what to write instead, and no code for the method.</summary>
public class Idioms15bRefusalTests
{
    private const string Header = "using System;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // The new array named after the rebinding in its iteration: C# would have both names share it, a copy would not.
    [InlineData("var r = new double[2]; for (int j = 0; j < 2; j++) { var n = new double[2]; n[0] = x + r[1]; r = n; n[1] = x * x; } return r[1];", "named after the rebinding")]
    // Lengths that differ (C# would give r the new lengths) or are not constants.
    [InlineData("var r = new double[2]; for (int j = 0; j < 2; j++) { var n = new double[3]; n[0] = x; r = n; } return r[0];", "different lengths")]
    [InlineData("var r = new double[2]; for (int j = 0; j < 2; j++) { var n = new double[j + 1]; n[0] = x; r = n; } return r[0];", "constant lengths")]
    // Outside a loop, and an array made outside the loop that rebinds.
    [InlineData("var r = new double[2]; var n = new double[2]; n[0] = x; r = n; return r[0];", "outside a loop")]
    [InlineData("var r = new double[2]; var n = new double[2]; for (int j = 0; j < 2; j++) { n[0] = x * j; r = n; } return r[0];", "not created in the iteration")]
    // The target used as a whole: a copy would overwrite the array C# leaves to that use.
    [InlineData("var r = new double[2]; double s = 0; for (int j = 0; j < 2; j++) { s += r.Sum(); var n = new double[2]; n[0] = x; r = n; } return s + r[0];", "used as a whole")]
    public void ARebindingOutsideSupport_IsADG0003AtTheAssignment(string body, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) { " + body + " }\n}\n", "ADG0003", "r = n;", says);
    }

    [Theory]
    // A row passed to a plain helper as a list, or copied: it would be a second name for rows[i], which the graph does not follow
    // (passed to a [Differentiable] method, rows.Sum(r => Dot(r, w)), it is the row view since idioms16b; to a plain helper's
    // double[] parameter, the helper inlined with the parameter standing for the row, since idioms17c: Idioms17c/PlainRowHelperTests).
    [InlineData("rows.Sum(r => Plain(r, w))", "r, w)")]
    [InlineData("rows.Select(r => r.ToArray()[0]).Sum()", "r.ToArray()")]
    public void ARowOfAJaggedArrayPassedOnInsideALinqLambda_IsADG0003AtTheRow(string expression, string at)
    {
        const string dot = "    [Differentiable] public static double Dot(double[] a, double[] b) { double s = 0; for (int i = 0; i < a.Length; i++) s += a[i] * b[i]; return s; }\n"
            + "    private static double Plain(System.Collections.Generic.IReadOnlyList<double> a, double[] b) => a[0] * b[0];\n";
        ProgramBatch.AssertSingleErrorAt(Header + dot + "    [Differentiable] public static double F(double[][] rows, double[] w) => " + expression + ";\n}\n",
            "ADG0003", at, "loop over its rows and their elements");
    }

    [Fact]
    public void AZipForeachWhoseLambdaAssigns_IsADG0003AtTheAssignment()
    {
        // The lambda runs once per pair: an assignment in it is a statement of the loop, which a lambda does not show.
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double[] xs, double[] ys) { double s = 0; foreach (var p in xs.Zip(ys, (a, b) => a * (s += b))) s += p; return s; }\n}\n",
            "ADG0003", "s += b", "inside a lambda passed to LINQ");
    }
}
