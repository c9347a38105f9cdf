using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// What stays an error among the composing array forms: one precise ADG error at the construct, saying what to write
/// instead, no Backward for the method, and nothing that does not compile.
/// </summary>
public class ComposeDiagnosticTests
{
    private const string Helpers = """
            [Differentiable]
            public static double SumSq(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            [Differentiable]
            public static double SpanSq(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }
        """;

    [Theory]
    // A spread element: its elements are not listed where the gradient could follow them.
    [InlineData("double F(double[] xs, double x) { double[] v = [..xs, x]; return v[0] * v[1]; }", "..xs", "A spread element", "list the elements one by one")]
    // A range of an array is a copy: the callee's adjoint would go to the copy.
    [InlineData("double F(double[] x) => SumSq(x[1..]);", "x[1..]", "passed where the callee takes an array", "ReadOnlySpan<double>")]
    // A local array is one array; a second one needs its own name.
    [InlineData("double F(double x) { var a = new double[2]; a[0] = x; a = new double[3]; a[1] = x; return a[0] + a[1]; }", "new double[3]", "Reassigning a local array", "declare another local array")]
    // (A second name for a parameter, double[] a = x;, is supported since mathnet3: HeldOut/InPlaceSelectionTests.)
    // A slice of something that is neither a parameter nor a local array.
    [InlineData("double F(double[] x, double[] y, bool f) => SpanSq((f ? x : y).AsSpan(1));", "(f ? x : y).AsSpan(1)", "taken of anything but a parameter or a local array", "")]
    public void StaysAnError_AtTheConstruct(string method, string at, string what, string hint)
    {
        var source = "using System;\nusing AutoDiffGen;\n\npublic static partial class D\n{\n" + Helpers + "\n    [Differentiable]\n    public static " + method + "\n}\n";
        var output = GeneratorHarness.Run(source);
        var error = Assert.Single(output.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains(what, error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(hint, error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(output.Generated.Values, text => text.Contains(" FBackward(", StringComparison.Ordinal));
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
        Assert.Empty(output.Exceptions);
    }
}
