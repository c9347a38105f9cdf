using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// Jacobian mode of methods whose bodies pass ref and out arguments to [Differentiable] helpers: the random programs of
/// <see cref="RefParameterForwardPropertyTests"/> (ref calls in branches, loops, nested in expressions, out discards; the
/// helpers with Forward = true and Drift without), returning a pair <c>(s + t·x, s·t)</c> with <c>Jacobian = true</c>.
/// Inside support each MJacobian (rows = the pair, columns = x, y) matches central differences at three points and
/// returns the method's value; just outside (ref arguments to Plain, which is not [Differentiable] and counts its calls in
/// a static field, so it is not inlined as a plain ref helper is since objects6) it is ADG0003 at that call and no code. AUTODIFFGEN_REFJACOBIAN_COUNT runs more.
/// </summary>
public class RefCallJacobianPropertyTests(ITestOutputHelper output)
{
    [Fact]
    public void RefAndOutCalls_InJacobianMode_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REFJACOBIAN_COUNT", 60);
        var random = new Random(202612033);
        var all = Enumerable.Range(0, count).Select(i => RefParameterForwardPropertyTests.Next(random, "J" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5,
            "[Differentiable(Jacobian = true)]", "(double, double)", "(s + t * x, s * t)", real => "Plain(ref s, " + real + ")")).ToList();
        string header = RefParameterForwardPropertyTests.Header;
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text))), header, all, p => (p.Name, p.Text, p.Bad), "ADG0003");
        // Spans cannot pass through reflection: each program gets a wrapper that returns its Jacobian and its value as arrays.
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text + Wrapper(p.Name)), "RefCalls");
        int points = 0;
        foreach (var p in clean)
        {
            var value = type.GetMethod(p.Name + "_V", BindingFlags.Public | BindingFlags.Static)!;
            var jacobian = type.GetMethod(p.Name + "_J", BindingFlags.Public | BindingFlags.Static)!;
            for (int j = 0; j < 3; j++)
            {
                double x = Math.Round((random.NextDouble() * 2.4) - 1.2, 4), y = Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
                int k = random.Next(4);
                double[] F(double a, double b) => (double[])value.Invoke(null, new object[] { a, b, k })!;
                try
                {
                    var result = (double[])jacobian.Invoke(null, new object[] { x, y, k })!;
                    var f = F(x, y);
                    Assert.Equal(f, result.Skip(4).ToArray());
                    PairJacobian.AssertCentral(F, x, y, result, p.Name);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + x + ", " + y + ", " + k + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    /// <summary>P_V: the pair as an array; P_J: the 2 × 2 Jacobian, row-major, then the value MJacobian returned.</summary>
    private static string Wrapper(string name) =>
        "    public static double[] " + name + "_V(double x, double y, int k) { var r = " + name + "(x, y, k); return new[] { r.Item1, r.Item2 }; }\n"
        + "    public static double[] " + name + "_J(double x, double y, int k) { var j = new double[4]; var r = " + name + "Jacobian(x, y, k, j); return new[] { j[0], j[1], j[2], j[3], r.Item1, r.Item2 }; }\n";
}
