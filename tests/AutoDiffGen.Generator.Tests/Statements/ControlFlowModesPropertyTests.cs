using System.Reflection;
using AutoDiffGen.Generator.Tests.Hessians;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 14: <see cref="TryCatchPropertyTests"/>' and <see cref="BackwardGotoPropertyTests"/>' random programs with
/// <c>Forward = true, Hessian = true, Jacobian = true</c>. Each clean one's <c>MBackward</c> is checked against central
/// differences at three points, and there its <c>MJacobian</c> (one row over x and y) must be that gradient, its
/// <c>MForward</c> the gradient times a random tangent, and its <c>MHessian</c> central differences of the gradient. Just
/// outside, the same operations as there are ADG0002 at exactly that operation, with no code. AUTODIFFGEN_TRYCATCH_COUNT
/// and AUTODIFFGEN_BACKWARDGOTO_COUNT run more (60 each in CI).
/// </summary>
public class ControlFlowModesPropertyTests(ITestOutputHelper output)
{
    private const string Modes = "[Differentiable(Forward = true, Hessian = true, Jacobian = true)]";

    [Fact]
    public void TryCatch_InEveryMode()
    {
        var random = new Random(20261414);
        var all = Enumerable.Range(0, ProgramBatch.Count("AUTODIFFGEN_TRYCATCH_COUNT", 60))
            .Select(i => TryCatchPropertyTests.Next(random, "P" + i, outside: i % 5 == 4)).Select(p => InModes(p.Name, p.Text, p.Bad, p.BadAt)).ToList();
        JudgeAndCheck(TryCatchPropertyTests.Header, "Caught", all, random);
    }

    [Fact]
    public void BackwardGoto_InEveryMode()
    {
        var random = new Random(20261415);
        var all = Enumerable.Range(0, ProgramBatch.Count("AUTODIFFGEN_BACKWARDGOTO_COUNT", 60))
            .Select(i => BackwardGotoPropertyTests.Next(random, "P" + i, outside: i % 5 == 4)).Select(p => InModes(p.Name, p.Text, p.Bad, p.BadAt)).ToList();
        JudgeAndCheck(BackwardGotoPropertyTests.Header, "BackGoto", all, random);
    }

    /// <summary>The program with every mode on (the attribute comes first, so a just-outside offset moves by its growth).</summary>
    private static (string Name, string Text, string? Bad, int BadAt) InModes(string name, string text, string? bad, int badAt)
    {
        int at = text.IndexOf("[Differentiable]", StringComparison.Ordinal);
        Assert.True(at >= 0 && (bad is null || at < badAt));
        return (name, text.Remove(at, "[Differentiable]".Length).Insert(at, Modes), bad, badAt + Modes.Length - "[Differentiable]".Length);
    }

    private void JudgeAndCheck(string header, string typeName, List<(string Name, string Text, string? Bad, int BadAt)> all, Random random)
    {
        var clean = ProgramBatch.JudgeAt(header, all, "ADG0002");
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text + Wrappers(p.Name)), typeName);
        int points = 0;
        foreach (var p in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                var at = ProgramBatch.PointXYK(random);
                try
                {
                    Check(type, p.Name, at, random);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", at) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static void Check(Type type, string name, object[] at, Random random)
    {
        var g = CentralDifferenceRunner.Check(type.GetMethod(name)!, null, at).Gradient;
        var gradient = new[] { g[0]![0], g[1]![0] };
        var j = (double[])type.GetMethod(name + "J")!.Invoke(null, at)!;
        for (int c = 0; c < 2; c++) Tolerance.AssertClose(gradient[c], j[c], 1e-10 * (1 + Math.Abs(gradient[c])), "MJacobian[" + c + "]");
        double tx = Math.Round((random.NextDouble() * 2) - 1, 3), ty = Math.Round((random.NextDouble() * 2) - 1, 3);
        var forward = new object[] { at[0], at[1], at[2], tx, ty, 0.0 };
        type.GetMethod(name + "Forward")!.Invoke(null, forward);
        double jvp = (gradient[0] * tx) + (gradient[1] * ty);
        Tolerance.AssertClose(jvp, (double)forward[5], 1e-10 * (1 + Math.Abs(gradient[0] * tx) + Math.Abs(gradient[1] * ty)), "MForward");
        var h = (double[])type.GetMethod(name + "H")!.Invoke(null, at)!;
        var backward = type.GetMethod(name + "Backward")!;
        var central = HessianModeTests.CentralHessian((x, into) =>
        {
            var args = new object[] { x[0], x[1], at[2], 0.0, 0.0, 1.0 };
            backward.Invoke(null, args);
            into[0] = (double)args[3];
            into[1] = (double)args[4];
        }, new[] { (double)at[0], (double)at[1] });
        for (int c = 0; c < 4; c++) Tolerance.AssertClose(central[c], h[c], 1e-5 * (1 + Math.Abs(central[c])), "MHessian[" + c + "]");
    }

    /// <summary>MJacobian and MHessian behind arrays, which reflection can pass (a span it cannot).</summary>
    private static string Wrappers(string name) =>
        "    public static double[] " + name + "J(double x, double y, int k) { var j = new double[2]; " + name + "Jacobian(x, y, k, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, double y, int k) { var h = new double[4]; " + name + "Hessian(x, y, k, h); return h; }\n";
}
