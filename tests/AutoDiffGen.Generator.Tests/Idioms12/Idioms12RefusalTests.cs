using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms12;

/// <summary>What idioms12 keeps refused, each at its construct with what to write instead.</summary>
public class Idioms12RefusalTests
{
    private const string Header = "using System;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // Natural GenericRefs.UsesBump: a [Differentiable] callee, generic math or not, counting through a ref int.
    [InlineData("[Differentiable] public static T Bump<T>(T x, ref int n) where T : IFloatingPointIeee754<T> { n++; return x * T.CreateChecked(n); }", "(whatever its type argument)")]
    [InlineData("[Differentiable] public static double Bump(double x, ref int n) { n++; return x * n; }", "'GenericRefs.Bump'")]
    public void ARefIntArgumentToADifferentiableCallee_IsADG0003AtTheArgument_SayingWhatToWrite(string callee, string says)
    {
        string source = Header.Replace("class G", "class GenericRefs", StringComparison.Ordinal) + "    " + callee + "\n"
            + "    [Differentiable] public static double F(double x) { int k = 2; double a = Bump(x, ref k); return a + Bump(x * x, ref k) * k; }\n}\n";
        var run = OutsideErrors.AssertAt(source, "ADG0003", "ref k", ".F_");
        var message = run.GeneratorDiagnostics.First(d => d.Id == "ADG0003").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("A ref argument to the [Differentiable] method 'GenericRefs.Bump', whose parameter 'n' is a 'int' passed by ref", message, StringComparison.Ordinal);
        Assert.Contains(says, message, StringComparison.Ordinal);
        Assert.Contains("pass 'n' by value and move the variable where it is called (k++; … Bump(…, k))", message, StringComparison.Ordinal);
        // The callee itself: ADG0006 at its parameter (reported by the declaration analyzer).
        Assert.Contains(GeneratorHarness.AnalyzerDiagnostics(run.Compilation), d => d.Id == "ADG0006" && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains("ref int n", StringComparison.Ordinal));
    }

    [Theory]
    // A foreach row over a jagged parameter written, named again or captured: the foreach, saying what is read.
    [InlineData("double s = 0; foreach (var row in a) { row[1] += x; s += x; } return s;")]
    [InlineData("double s = 0; foreach (var row in a) { double[] r = row; s += r[0] * x; } return s;")]
    [InlineData("double s = 0; foreach (var row in a) { s += Array.IndexOf(row, 0.5) * x; } return s;")]
    public void AJaggedRowUsedOtherwise_IsADG0002AtTheForeach(string body)
    {
        var run = OutsideErrors.AssertAt(Header + "    [Differentiable] public static double F(double[][] a, double x) { " + body + " }\n}\n", "ADG0002", "foreach", ".F_");
        var message = run.GeneratorDiagnostics.First(d => d.Id == "ADG0002").GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains("whose row is used other than as row[j], row.Length or an inner foreach", message, StringComparison.Ordinal);
    }
}
