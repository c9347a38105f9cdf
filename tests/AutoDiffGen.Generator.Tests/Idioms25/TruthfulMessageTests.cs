using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms25;

/// <summary>
/// Issue 13, idioms25: diagnostic texts that said something untrue, each fixed where its reason is picked. In ONE run:
/// <c>Array.Copy</c> between two <c>double[,]</c> said "different element types" (the element type of a grid was not read);
/// a local array passed to a <c>[Differentiable]</c> local function's <c>Span&lt;double&gt;</c> parameter said it "is not a local
/// array" (the span binding is what is refused); a span helper that truly reassigns its span parameter is still refused saying so (a
/// deconstruction into its elements no longer does: <see cref="StructDeconstructionTests"/> differentiates it).
/// </summary>
public class TruthfulMessageTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static class Hs
        {
            public static double Tail(ReadOnlySpan<double> s)
            {
                s = s.Slice(1);
                return s[0];
            }
        }

        public static partial class Q
        {
            [Differentiable]
            public static double Grid(double[,] a)
            {
                var b = new double[2, 2];
                Array.Copy(a, b, 4);
                return b[0, 0] * b[1, 1];
            }

            [Differentiable]
            public static double Marked(double x, double y)
            {
                var t = new double[2];
                [Differentiable] void Fill(Span<double> w, double a) { w[0] = a; w[1] = a * a; }
                Fill(t, x);
                return t[0] * t[1] * y;
            }

            [Differentiable]
            public static double Reassigned(double[] a) => Hs.Tail(a) * a[0];
        }
        """;

    private static readonly Lazy<GeneratorOutput> Run = new(() => GeneratorHarness.Run(Source));

    private static Diagnostic ErrorAt(string at)
    {
        var run = Run.Value;
        Assert.True(run.CompileDiagnostics.IsEmpty, run.Dump());
        return Assert.Single(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == at);
    }

    [Fact]
    public void ACopyBetweenTwoGrids_NamesTheGrid_NotDifferentElementTypes()
    {
        var error = ErrorAt("Array.Copy(a, b, 4)");
        Assert.Equal("ADG0003", error.Id);
        Assert.Contains("the multidimensional array 'a' (double[,])", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("nested for loops", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("different element types", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Run.Value.Generated.Keys, k => k.Contains("Grid", StringComparison.Ordinal));
    }

    [Fact]
    public void ALocalArrayPassedToADifferentiableLocalFunctionsSpan_SaysTheMarkIsWhatIsRefused_NotThatItIsNoLocalArray()
    {
        var error = ErrorAt("t");
        Assert.Equal("ADG0003", error.Id);
        Assert.Contains("which is marked [Differentiable]", error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("remove [Differentiable] from the local function 'Fill'", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain("is not a local array", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Run.Value.Generated.Keys, k => k.Contains("Marked", StringComparison.Ordinal));
    }

    [Fact]
    public void AHelperThatReassignsItsSpanParameter_IsStillRefusedAtTheCall_SayingSo()
    {
        // A true reassignment (s = s.Slice(1)) re-points the parameter: still refused, as the plain helper's ADG0004 at the call.
        var error = ErrorAt("Hs.Tail(a)");
        Assert.Equal("ADG0004", error.Id);
        Assert.Contains("it assigns its parameter 's'", error.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(Run.Value.Generated.Keys, k => k.Contains("Reassigned", StringComparison.Ordinal));
    }
}
