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
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    /// <summary>MJacobian and MHessian behind arrays, which reflection can pass (a span it cannot).</summary>
    private static string Wrappers(string name) =>
        "    public static double[] " + name + "J(double x, double y, int k) { var j = new double[2]; " + name + "Jacobian(x, y, k, j); return j; }\n"
        + "    public static double[] " + name + "H(double x, double y, int k) { var h = new double[4]; " + name + "Hessian(x, y, k, h); return h; }\n";
}
