using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// Tensor values merged where branches meet or a loop goes round: the merged adjoint reaches the caller's adjoint objects
/// (an adjoint tensor is an object the pullbacks add into; rebinding a parameter with <c>dA += dH</c> used to leave the
/// caller's dA at zero) and the caller's seed is never written. Each MBackward is checked against central differences of
/// the primal along random directions, and by hand.
/// </summary>
public class TensorMergeTests
{
    private const string Source = """
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static partial class Merges
        {
            // flip: Σ relu(a∘b) + ‖b‖²; else Σ a + ‖b‖².
            [Differentiable]
            public static float Branch(Tensor a, Tensor b, bool flip)
            {
                Tensor h = a;
                if (flip) h = Tensor.Relu(a * b);
                return Tensor.Sum(h) + Tensor.SquaredL2Norm(-b);
            }

            // Both arms are parameters: the merged adjoint goes to one of them.
            [Differentiable]
            public static float Pick(Tensor a, Tensor b, bool first)
            {
                Tensor h = first ? a : b;
                return Tensor.SquaredL2Norm(h) + Tensor.Sum(a * b);
            }

            // The result is a merge: the seed must not be written through.
            [Differentiable]
            public static Tensor Returned(Tensor a, Tensor b, bool flip)
            {
                Tensor h = a * b;
                if (flip) h = Tensor.Tanh(h) + h;
                return h;
            }

            // A [NoDiff] tensor made in a loop from the counter is a constant the reverse sweep makes again: s ← s·mean(b)·i' + Σa.
            [Differentiable]
            public static float LoopOfConstants(Tensor a, [NoDiff] Tensor b, bool flip)
            {
                float s = 1;
                for (int i = 0; i < 3; i++) s = s * Tensor.Mean(Tensor.Scale(b, i + (flip ? 1 : 0))) + Tensor.Sum(a);
                return s;
            }

            // A merged value read twice after the merge and once inside an arm.
            [Differentiable]
            public static float FanOut(Tensor a, Tensor b, bool flip)
            {
                Tensor h = b;
                if (flip)
                {
                    Tensor g = Tensor.Sigmoid(a);
                    h = g * g + a;
                }
                return Tensor.Sum(h * a) + Tensor.Mean(h);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("Merges")!.GetMethod(name)!;

    private static Tensor Shifted(Tensor q, Tensor t, float s)
    {
        var r = q.Clone();
        r.AddScaledInPlace(t, s);
        return r;
    }

    [Theory]
    [InlineData("Branch", true)]
    [InlineData("Branch", false)]
    [InlineData("Pick", true)]
    [InlineData("Pick", false)]
    [InlineData("FanOut", true)]
    [InlineData("FanOut", false)]
    public void ScalarResult_MatchesCentralDifferences(string name, bool flag)
    {
        var random = new Random(name.Length * 7 + (flag ? 1 : 0));
        for (int trial = 0; trial < 3; trial++)
        {
            var p = new[] { Tensor.RandomNormal(3, 2, 1f, random), Tensor.RandomNormal(3, 2, 1f, random) };
            var t = new[] { Tensor.RandomNormal(3, 2, 1f, random), Tensor.RandomNormal(3, 2, 1f, random) };
            var d = p.Select(q => q.ZeroAdjoint()).ToArray();
            Method(name + "Backward").Invoke(null, new object[] { p[0], p[1], flag, d[0], d[1], 1f });
            double directional = Enumerable.Range(0, 2).Sum(i => Dot(d[i], t[i]));
            double F(double s) => (float)Method(name).Invoke(null, new object[] { Shifted(p[0], t[0], (float)s), Shifted(p[1], t[1], (float)s), flag })!;
            double h = 1e-3;
            TensorTangents.AssertCentral((F(h) - F(-h)) / (2 * h), directional, name + " flag " + flag);
        }
    }

    [Fact]
    public void Branch_WithoutFlip_ByHand()
    {
        // Σa + ‖b‖²: dA = 1 everywhere, dB = 2b.
        var a = Tensor.FromArray(new float[,] { { 1f, -2f }, { 0.5f, 3f } });
        var b = Tensor.FromArray(new float[,] { { -1f, 0.25f }, { 2f, 0f } });
        var dA = a.ZeroAdjoint();
        var dB = b.ZeroAdjoint();
        Method("BranchBackward").Invoke(null, new object[] { a, b, false, dA, dB, 1f });
        Assert.Equal(new float[] { 1, 1, 1, 1 }, dA.ToArray());
        Assert.Equal(b.ToArray().Select(v => 2 * v).ToArray(), dB.ToArray());

        // Pick with first = false: ‖b‖² + Σ a∘b: dA = b, dB = 2b + a.
        dA = a.ZeroAdjoint();
        dB = b.ZeroAdjoint();
        Method("PickBackward").Invoke(null, new object[] { a, b, false, dA, dB, 1f });
        Assert.Equal(b.ToArray(), dA.ToArray());
        Assert.Equal(b.ToArray().Zip(a.ToArray(), (x, y) => (2 * x) + y).ToArray(), dB.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TensorResult_MatchesCentralDifferences_AndLeavesTheSeedAlone(bool flip)
    {
        var random = new Random(flip ? 3 : 4);
        var p = new[] { Tensor.RandomNormal(2, 3, 1f, random), Tensor.RandomNormal(2, 3, 1f, random) };
        var t = new[] { Tensor.RandomNormal(2, 3, 1f, random), Tensor.RandomNormal(2, 3, 1f, random) };
        var seed = Tensor.RandomNormal(2, 3, 1f, random);
        var seedBefore = seed.ToArray();
        var d = p.Select(q => q.ZeroAdjoint()).ToArray();
        Method("ReturnedBackward").Invoke(null, new object[] { p[0], p[1], flip, d[0], d[1], seed });
        Assert.Equal(seedBefore, seed.ToArray());
        double directional = Enumerable.Range(0, 2).Sum(i => Dot(d[i], t[i]));
        double F(double s) => Dot((Tensor)Method("Returned").Invoke(null, new object[] { Shifted(p[0], t[0], (float)s), Shifted(p[1], t[1], (float)s), flip })!, seed);
        double h = 1e-3;
        TensorTangents.AssertCentral((F(h) - F(-h)) / (2 * h), directional, "Returned flip " + flip);
    }

    private static double Dot(Tensor x, Tensor y) => x.ToArray().Zip(y.ToArray(), (u, v) => (double)u * v).Sum();

    [Fact]
    public void AnAdjointableTypeWithoutAddInPlace_MergedOnABranch_IsAnError_AndWithItIsRight()
    {
        const string Without = """
            using AutoDiffGen;

            public sealed class Cell
            {
                public double V;
                public Cell ZeroAdjoint() => new Cell();
            }

            public static partial class Cells
            {
                [Differentiable]
                public static double F(Cell a, Cell b, bool first)
                {
                    Cell h = first ? a : b;
                    return Size(h);
                }

                [Differentiable]
                public static double Size(Cell c) => 0;
            }
            """;
        var run = GeneratorHarness.Run(Without);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADG0003" && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("AddInPlace(Cell)", StringComparison.Ordinal)
            && d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == "F");
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("Cells.F_", StringComparison.Ordinal));
        Assert.DoesNotContain(run.CompileDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && !d.Id.StartsWith("ADG", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Tensor h = a; for (int i = 0; i < 3; i++) { if (flip || i == 1) h = Tensor.Tanh(h * b); } return Tensor.Sum(h) + Tensor.Mean(a);", "h")]
    [InlineData("float s = 0; for (int i = 0; i < 3; i++) s += Tensor.Sum(Tensor.Relu(a * b)) * s + 1f; return s;", "prod")]
    [InlineData("float s = 0; for (int i = 0; i < 3; i++) s += Tensor.Sum(Tensor.Scale(a, s)); return s;", "scale")]
    public void ATensorMadeOrChangedInALoop_IsAnError_NotAnInternalFailure(string body, string named)
    {
        // The reverse sweep would need each iteration's tensor (there is no tape of tensors): ADG0003 at the method, never
        // ADG9999 (an internal failure, "no tape for Tensor", before 2026-12-04). Also a [NoDiff] one, whose values the reverse sweep reads.
        string source = $$"""
            using AutoDiffGen;
            using AutoDiffGen.Tensors;

            public static partial class Loops
            {
                [Differentiable]
                public static float F(Tensor a, [NoDiff] Tensor b, bool flip)
                {
                    {{body}}
                }
            }
            """;
        var run = OutsideErrors.AssertAt(source, "ADG0003", "F", ".F_");
        Assert.Contains(run.GeneratorDiagnostics, d => d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains("in a loop ('" + named, StringComparison.Ordinal));
        Assert.DoesNotContain(run.GeneratorDiagnostics, d => d.Id == "ADG9999");
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void ANoDiffTensorMadeInALoop_MatchesCentralDifferences_AndByHand(bool flip)
    {
        var random = new Random(flip ? 11 : 12);
        var a = Tensor.RandomNormal(2, 2, 1f, random);
        var b = Tensor.RandomNormal(2, 2, 1f, random);
        var t = Tensor.RandomNormal(2, 2, 1f, random);
        var dA = a.ZeroAdjoint();
        Method("LoopOfConstantsBackward").Invoke(null, new object[] { a, b, flip, dA, 1f });
        double F(double s) => (float)Method("LoopOfConstants").Invoke(null, new object[] { Shifted(a, t, (float)s), b, flip })!;
        TensorTangents.AssertCentral((F(1e-3) - F(-1e-3)) / 2e-3, Dot(dA, t), "LoopOfConstants flip " + flip);

        // s₃ = ((m₀ + A)m₁ + A)m₂ + A with A = Σa, mᵢ = mean(b)·(i + shift): ∂s₃/∂aⱼ = m₁m₂ + m₂ + 1 for every j.
        double mean = b.ToArray().Average(v => (double)v);
        int shift = flip ? 1 : 0;
        double m1 = mean * (1 + shift), m2 = mean * (2 + shift);
        foreach (float g in dA.ToArray()) Tolerance.AssertClose((m1 * m2) + m2 + 1, g, 1e-4 * (1 + Math.Abs(g)), "dLoopOfConstants/da");
    }
}
