using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Internals;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>
/// <c>[Differentiable(Checkpoint = true)]</c>: the checkpointed Backward returns the same value and gradient as the
/// taped one, bit for bit (the second run of a segment repeats the first run's arithmetic exactly), agrees with central
/// differences, and its tape grows like √n, not n.
/// </summary>
public class CheckpointTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(CheckpointPrograms.Source));

    private static (double Value, double DX, double DA) Backward(string type, string name, double x, double a, int n)
    {
        var method = Compiled.Value.GetType(type)!.GetMethod(name + "Backward")!;
        var args = new object[] { x, a, n, 0.0, 0.0, 1.0 };
        double value = (double)method.Invoke(null, args)!;
        return (value, (double)args[3], (double)args[4]);
    }

    private static double Value(string name, double x, double a, int n) =>
        (double)Compiled.Value.GetType("Plain")!.GetMethod(name)!.Invoke(null, new object[] { x, a, n })!;

    public static TheoryData<string, int> Cases()
    {
        var data = new TheoryData<string, int>();
        foreach (var name in CheckpointPrograms.Names)
        {
            // 0 and 1 trips, short loops whose segments are 1 or 2 long, and long ones with many segments.
            foreach (int n in new[] { 0, 1, 2, 3, 5, 17, 1000, 4099 }) data.Add(name, n);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Checkpointed_EqualsTaped_BitForBit_AndCentralDifferences(string name, int n)
    {
        // A fixed seed per case (string hashes differ between processes).
        var random = new Random(name.Sum(ch => ch) * 7919 + n);
        for (int trial = 0; trial < 2; trial++)
        {
            double x = 0.5 + random.NextDouble(), a = 0.3 + 0.6 * random.NextDouble();
            var plain = Backward("Plain", name, x, a, n);
            var ckpt = Backward("Ckpt", name, x, a, n);
            Assert.Equal(plain.Value, ckpt.Value);
            if (name == "Nested")
            {
                // The plain Nested's outer loop only sums: its MBackward is fused (Differentiation/FusedLoops), each pass's
                // reverse right after it, so its adds into dX and dA come in another order than the checkpointed sweep's.
                Tolerance.AssertClose(plain.DX, ckpt.DX, 1e-13 * Math.Max(1, Math.Abs(plain.DX)), "d/dx against the fused plain sweep");
                Tolerance.AssertClose(plain.DA, ckpt.DA, 1e-13 * Math.Max(1, Math.Abs(plain.DA)), "d/da against the fused plain sweep");
            }
            else
            {
                Assert.Equal(plain.DX, ckpt.DX);
                Assert.Equal(plain.DA, ckpt.DA);
            }
            Assert.Equal(Value(name, x, a, n), ckpt.Value);

            const double h = 1e-6;
            double cdX = (Value(name, x + h, a, n) - Value(name, x - h, a, n)) / (2 * h);
            double cdA = (Value(name, x, a + h, n) - Value(name, x, a - h, n)) / (2 * h);
            Tolerance.AssertCentral(cdX, ckpt.DX, ckpt.Value, "d/dx");
            Tolerance.AssertCentral(cdA, ckpt.DA, ckpt.Value, "d/da");
        }
    }

    [Fact]
    public void EveryProgram_IsCheckpointed_AndThePlainOnesAreNot()
    {
        var run = GeneratorHarness.Run(CheckpointPrograms.Source);
        run.AssertClean();
        foreach (var name in CheckpointPrograms.Names)
        {
            string ckpt = run.Generated.Single(g => g.Key.StartsWith("Ckpt." + name + "_", StringComparison.Ordinal)).Value;
            string plain = run.Generated.Single(g => g.Key.StartsWith("Plain." + name + "_", StringComparison.Ordinal)).Value;
            Assert.Contains("segmentStart = tapeInt[--tapeIntTop];", ckpt, StringComparison.Ordinal);
            Assert.DoesNotContain("segmentStart", plain, StringComparison.Ordinal);
        }
        string two = run.Generated.Single(g => g.Key.StartsWith("Ckpt.TwoLoops_", StringComparison.Ordinal)).Value;
        Assert.Equal(2, CountOf(two, "for (int segmentEnd"));
    }

    private static int CountOf(string text, string part)
    {
        int count = 0;
        for (int i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + 1, StringComparison.Ordinal)) count++;
        return count;
    }

    /// <summary>The largest double tape a Backward needs: the tapes are kept (policy off) and read after the call.</summary>
    private static int DoubleTapeAfter(Action call)
    {
        long policy = TapeWorkspace.RetainedBytesPerThread;
        try
        {
            TapeWorkspace.TrimCurrentThread();
            TapeWorkspace.RetainedBytesPerThread = long.MaxValue;
            call();
            var workspace = TapeWorkspace.Enter();
            try
            {
                return workspace.Tape<double>().Length;
            }
            finally
            {
                workspace.Exit();
            }
        }
        finally
        {
            TapeWorkspace.RetainedBytesPerThread = policy;
            TapeWorkspace.TrimCurrentThread();
        }
    }

    [Fact]
    public void TapeGrowsLikeTheSquareRoot_OfTheTrip()
    {
        const int n = 1_000_000;
        int plain = DoubleTapeAfter(() => Backward("Plain", "Recurrence", 0.7, 0.999, n));
        int ckpt = DoubleTapeAfter(() => Backward("Ckpt", "Recurrence", 0.7, 0.999, n));
        // Taped: at least one double per iteration. Checkpointed: ~2√n checkpoints plus one segment of ~√n iterations
        // (a few doubles each), in a tape that doubles: well under 32·√n = 32,000.
        Assert.True(plain >= n, "plain tape " + plain);
        Assert.True(ckpt <= 32 * 1000, "checkpointed tape " + ckpt);
    }
}
