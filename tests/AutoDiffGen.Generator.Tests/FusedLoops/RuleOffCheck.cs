using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.CompileCost;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.FusedLoops;

/// <summary>
/// The check the reverse-walk rules' property tests share (ReverseRowWalks, WalkedBack, SharedPops): random programs judged
/// (diagnosed at the span, or clean), every clean one checked against central differences at three points and against
/// the same model's MBackward with one rule switched off, value equal and gradient to 1e-12 relative; the rule must never
/// show with it off, and both sides of it must be exercised.
/// </summary>
internal static class RuleOffCheck
{
    /// <summary>Runs the check; <paramref name="applied"/> tells from a method's code whether the rule shaped it.</summary>
    public static void Run(string header, string typeName, IReadOnlyList<(string Name, string Text, string? Bad)> all, Func<MethodModel, string> ruleOff,
        Func<string, bool> applied, Func<object[]> point, string rule, int appliedShare, Action<string> output)
    {
        string source = ProgramBatch.Source(header, all.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        var clean = ProgramBatch.Judge(run, header, all, p => p);
        Assert.True(clean.Count < all.Count && clean.Count > all.Count / 2, clean.Count + " of " + all.Count + " clean");
        var type = ProgramBatch.LoadClean(header, clean.Select(p => p.Text), typeName);
        var (on, off, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), ruleOff);
        var twin = TwoWays.Load(source, off).GetType(typeName)!;

        int points = 0, shaped = 0;
        foreach (var p in clean)
        {
            int at = names.IndexOf(p.Name);
            Assert.False(applied(off[at]), p.Name + ": " + rule + " with the rule off");
            if (applied(on[at])) shaped++;
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var mine = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            var theirs = twin.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 3; k++)
            {
                var at3 = point();
                try
                {
                    CentralDifferenceRunner.Check(method, null, at3);
                    var (value, gradient) = FusedLoopPropertyTests.Call(mine, at3);
                    var (theirValue, theirGradient) = FusedLoopPropertyTests.Call(theirs, at3);
                    Assert.Equal(theirValue, value);
                    for (int j = 0; j < gradient.Length; j++)
                    {
                        Tolerance.AssertClose(theirGradient[j], gradient[j], 1e-12 * Math.Max(1, Math.Abs(theirGradient[j])), "gradient " + j + " against the rule off");
                    }
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", at3.Select(o => "[" + string.Join(", ", ((double[])o).Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]")) + ": " + e.Message + "\n" + p.Text + "\n" + on[at]);
                }
                points++;
            }
        }
        output(clean.Count + " programs generated, " + shaped + " " + rule + ", " + (clean.Count - shaped) + " not, " + (all.Count - clean.Count) + " diagnosed, " + points + " points checked");
        // Both sides of the rule are exercised: at least 1/appliedShare applied and a sixth not.
        Assert.True(shaped >= clean.Count / appliedShare && clean.Count - shaped >= clean.Count / 6, shaped + " of " + clean.Count + " " + rule);
    }
}
