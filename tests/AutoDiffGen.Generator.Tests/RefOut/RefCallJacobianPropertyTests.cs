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

    /// <summary>
    /// Jacobian mode of methods that leave results in their own ref and out parameters (issue 14, hess24): the same random
    /// bodies, as <c>double R(double x, ref double y, int k, out double o)</c> (rows: the result, y left, o left) or the
    /// void form (rows: y left, o left), y read, passed by ref to the helpers and rewritten; columns x and y passed in. Half
    /// have Forward = true too, whose 3-row form takes the 2 columns by MForward. Inside support MJacobian matches central
    /// differences of the method at three points and leaves y, o and the value as the method does; one in five just
    /// outside (a ref call to Plain) is ADG0003 at that call and no code. AUTODIFFGEN_REFOUTJACOBIAN_COUNT runs more.
    /// </summary>
    [Fact]
    public void RefAndOutOutputs_InJacobianMode_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REFOUTJACOBIAN_COUNT", 40);
        var random = new Random(202612061);
        var all = Enumerable.Range(0, count).Select(i =>
        {
            bool isVoid = i % 3 == 2;
            string attribute = i % 2 == 0 ? "[Differentiable(Jacobian = true)]" : "[Differentiable(Forward = true, Jacobian = true)]";
            string tail = "        o = s * t;\n        y = Math.Tanh(y) + s * y;\n";
            return RefParameterForwardPropertyTests.Next(random, "O" + i.ToString(CultureInfo.InvariantCulture), i % 5 == 4, attribute, isVoid ? "void" : "double",
                isVoid ? "" : "s + t * x", real => "Plain(ref s, " + real + ")", "double x, ref double y, int k, out double o", tail);
        }).ToList();
        string header = RefParameterForwardPropertyTests.Header;
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text))), header, all, p => (p.Name, p.Text, p.Bad), "ADG0003");
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text + RefOutWrapper(p.Name, p.Text.Contains(" void ", StringComparison.Ordinal))), "RefCalls");
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
                    int m = f.Length;
                    // What MJacobian leaves (the value, y, o) is what the method leaves.
                    Assert.Equal(f, result.Skip(2 * m).ToArray());
                    const double h = 1e-6;
                    var columns = new[] { (F(x + h, y), F(x - h, y)), (F(x, y + h), F(x, y - h)) };
                    for (int row = 0; row < m; row++)
                    {
                        for (int column = 0; column < 2; column++)
                        {
                            var (up, down) = columns[column];
                            Tolerance.AssertCentral((up[row] - down[row]) / (2 * h), result[(2 * row) + column], f[row], p.Name + " J[" + row + ", " + column + "]");
                        }
                    }
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

    /// <summary>P_V: the outputs (the value unless void, y left, o left) as an array; P_J: the m × 2 Jacobian, row-major, then what MJacobian left.</summary>
    private static string RefOutWrapper(string name, bool isVoid)
    {
        string outputs = isVoid ? "y, o" : "r, y, o";
        string call = isVoid ? "" : "var r = ";
        return "    public static double[] " + name + "_V(double x, double y, int k) { " + call + name + "(x, ref y, k, out double o); return new[] { " + outputs + " }; }\n"
            + "    public static double[] " + name + "_J(double x, double y, int k) { var j = new double[" + (isVoid ? "4" : "6") + "]; " + call + name + "Jacobian(x, ref y, k, out double o, j); return new[] { "
            + string.Join(", ", Enumerable.Range(0, isVoid ? 4 : 6).Select(i => "j[" + i.ToString(CultureInfo.InvariantCulture) + "]")) + ", " + outputs + " }; }\n";
    }

    /// <summary>P_V: the pair as an array; P_J: the 2 × 2 Jacobian, row-major, then the value MJacobian returned.</summary>
    private static string Wrapper(string name) =>
        "    public static double[] " + name + "_V(double x, double y, int k) { var r = " + name + "(x, y, k); return new[] { r.Item1, r.Item2 }; }\n"
        + "    public static double[] " + name + "_J(double x, double y, int k) { var j = new double[4]; var r = " + name + "Jacobian(x, y, k, j); return new[] { j[0], j[1], j[2], j[3], r.Item1, r.Item2 }; }\n";
}
