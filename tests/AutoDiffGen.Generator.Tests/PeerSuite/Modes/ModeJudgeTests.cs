using AutoDiffGen.Generator.Tests.Corpus;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>
/// The peer-mode judge can fail: hand-written "generated" methods and probes for f(x, y) = x²·y + sin y, right and
/// wrong by a little, must be judged ok and wrong for each mode (a judge that passes everything proves nothing).
/// </summary>
public class ModeJudgeTests
{
    private const string Source = """
        using System;
        namespace J
        {
            public static class T
            {
                public static double F(double x, double y) => x * x * y + Math.Sin(y);
                public static double FBackward(double x, double y, ref double dX, ref double dY, double dResult = 1)
                {
                    dX += 2 * x * y * dResult;
                    dY += (x * x + Math.Cos(y)) * dResult;
                    return F(x, y);
                }
                public static (double, double) V(double x, double y) => (x * y, x + y * y);
            }

            public static class Probes
            {
                public static double Error;

                // Forward: {value, tResult}
                public static object[] ForwardRun(object r, object[] p, double[][] t)
                {
                    double x = (double)p[0], y = (double)p[1];
                    return new object[] { T.F(x, y), 2 * x * y * t[0][0] + (x * x + Math.Cos(y)) * t[1][0] * (1 + Error) };
                }

                // Hessian: {value, H}
                public static object[] HessianRun(object r, object[] p, int size)
                {
                    double x = (double)p[0], y = (double)p[1];
                    return new object[] { T.F(x, y), new[] { 2 * y, 2 * x, 2 * x, -Math.Sin(y) * (1 + Error) } };
                }

                // Jacobian of V: {value, J}
                public static object[] JacobianRun(object r, object[] p, int size)
                {
                    double x = (double)p[0], y = (double)p[1];
                    return new object[] { T.V(x, y), new[] { y, x, 1, 2 * y * (1 + Error) } };
                }
            }
        }
        """;

    // No [Differentiable] here: the "generated" methods are written by hand, so the source is compiled as it stands.
    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() =>
    {
        using var stream = new MemoryStream();
        var emit = GeneratorHarness.CreateCompilation(Source).Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return System.Reflection.Assembly.Load(stream.ToArray());
    });

    /// <summary>Each probe class name (the judge calls its Run) as a nested wrapper: one class per mode.</summary>
    private static CorpusStatus Judge(PeerMode mode, double error)
    {
        var assembly = Compiled.Value;
        assembly.GetType("J.Probes")!.GetField("Error")!.SetValue(null, error);
        string name = mode == PeerMode.Jacobian ? "V" : "F";
        var c = new ModeCase(mode, new CorpusMethod("test", "J.T", name, ["double", "double"], true)) { ProbeClass = "J.Probes" };
        ModeJudge.Judge(assembly, c, mode + "Run");
        return c.Method.Status;
    }

    [Theory]
    [InlineData(PeerMode.Forward)]
    [InlineData(PeerMode.Hessian)]
    [InlineData(PeerMode.Jacobian)]
    public void RightDerivatives_AreOk_AndOffByOnePercent_AreWrong(PeerMode mode)
    {
        lock (Compiled)
        {
            Assert.Equal(CorpusStatus.Ok, Judge(mode, 0));
            Assert.Equal(CorpusStatus.Wrong, Judge(mode, 0.01));
        }
    }
}
