using System.Reflection;
using AutoDiffGen.Generator.Tests.Forward;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Lists;

/// <summary>
/// The <c>Forward = true</c> half of the list and sequence parameter property tests: random programs
/// <c>P(L xs, double x, int k)</c> with a <c>PTangent(xs, x, k, tXs, tX)</c> each are judged, and each clean one's tangent is
/// checked at three points against central differences along a random direction and Backward · t (Backward itself against
/// central differences).
/// </summary>
internal static class ListTangentChecks
{
    /// <param name="pass">What the tangent method is passed for the list (the list itself, or a lazy sequence of it).</param>
    public static void Run(string header, string typeName, IReadOnlyList<(string Name, string Text, string? Bad)> all, Func<object[]> point, Random random,
        string outsides, Action<string> output, Func<MethodInfo, List<double>, object> pass)
    {
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(header, all.Select(p => p.Text))), header, all, p => p, outsides);
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text), typeName);
        int points = 0;
        foreach (var (name, text, _) in clean)
        {
            var method = type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;
            var tangentOf = type.GetMethod(name + "Tangent", BindingFlags.Public | BindingFlags.Static)!;
            for (int j = 0; j < 3; j++)
            {
                var at = point();
                var xs = (List<double>)at[0];
                double x = (double)at[1];
                double[] t = xs.Select(_ => Math.Round((random.NextDouble() * 2) - 1, 3)).ToArray();
                double tX = Math.Round((random.NextDouble() * 2) - 1, 3);
                try
                {
                    var gradient = CentralDifferenceRunner.Check(method, null, at).Gradient;
                    double tangent = (double)tangentOf.Invoke(null, [pass(method, xs), x, at[2], t, tX])!;
                    double F(double s) => (double)method.Invoke(null, [xs.Select((v, i) => v + (s * t[i])).ToList(), x + (s * tX), at[2]])!;
                    const double h = 1e-6;
                    double reverse = (gradient[1]![0] * tX) + t.Select((ti, i) => gradient[0]![i] * ti).Sum();
                    // No hand value for a random program: Backward · t stands in for it (Backward is checked against central differences above).
                    TangentAssertions.AssertThreeWays(tangent, reverse, (F(h) - F(-h)) / (2 * h), reverse, F(0), single: false, name);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(name + " at [" + string.Join(", ", xs) + "], " + x + ", " + at[2] + ": " + e.Message + "\n" + text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output);
    }
}
