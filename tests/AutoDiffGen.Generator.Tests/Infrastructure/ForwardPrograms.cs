using System.Reflection;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Property tests of <c>Forward = true</c> programs <c>double P(double x, double y, int k)</c> written into one class: judged
/// (<see cref="ProgramBatch.Judge"/>), and each clean one's Backward checked against central differences and its
/// <c>PForward(x, y, k, tX, tY, out tResult)</c> against central differences along a random direction and ⟨gradient, direction⟩,
/// at three points.
/// </summary>
public static class ForwardPrograms
{
    public static void JudgeAndCheck(string header, string typeName, IReadOnlyList<(string Name, string Text, string? Bad)> all, Random random, Action<string> output, string errorIds)
    {
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text))), header, all, p => p, errorIds);
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text), typeName);
        int points = 0;
        foreach (var (name, text, _) in clean)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
            var forward = type.GetMethod(name + "Forward", BindingFlags.Public | BindingFlags.Static)!;
            for (int j = 0; j < 3; j++)
            {
                double x = Math.Round((random.NextDouble() * 2.4) - 1.2, 4), y = Math.Round((random.NextDouble() * 2.4) - 1.2, 4);
                int k = random.Next(4);
                double[] t = { Math.Round((random.NextDouble() * 2) - 1, 3), Math.Round((random.NextDouble() * 2) - 1, 3) };
                try
                {
                    var gradient = CentralDifferenceRunner.Check(method, null, new object[] { x, y, k }).Gradient;
                    var args = new object?[] { x, y, k, t[0], t[1], null };
                    double value = (double)forward.Invoke(null, args)!;
                    double tangent = (double)args[5]!;
                    double F(double s) => (double)method.Invoke(null, new object[] { x + (s * t[0]), y + (s * t[1]), k })!;
                    Assert.Equal(F(0), value);
                    const double h = 1e-6;
                    Tolerance.AssertCentral((F(h) - F(-h)) / (2 * h), tangent, value, "tResult vs central differences");
                    Tolerance.AssertFormula((gradient[0]![0] * t[0]) + (gradient[1]![0] * t[1]), tangent, "tResult vs Backward · t");
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(name + " at " + x + ", " + y + ", " + k + " along " + t[0] + ", " + t[1] + ": " + e.Message + "\n" + text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output);
    }
}
