using System.Text;
using AutoDiffGen.Generator.Tests.Corpus;
using AutoDiffGen.Generator.Tests.PeerSuite.Modes;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// A peer AD tool's tests of its other modes (Clad's test/FirstDerivative and test/ForwardMode for forward mode,
/// test/Hessian, test/Jacobian) translated into C# the way a user would write them (PeerSuite/ModeSources), with
/// [Differentiable(Forward = true)], (Hessian = true) and (Jacobian = true). Every mode of every method must be judged
/// right against central differences (ModeJudge), or get exactly the ADG errors pinned in <see cref="Diagnosed"/>:
/// never a wrong derivative, never broken code.
/// </summary>
public class PeerModesTests(ITestOutputHelper output)
{
    private static readonly Lazy<ModeRunner.Run> Result = new(() => ModeRunner.Execute(Path.Combine(AppContext.BaseDirectory, "PeerSuite", "ModeSources")));

    /// <summary>"Mode:Class.Method(parameters)" → the ADG error ids it must get (anything else must be Ok).</summary>
    public static readonly Dictionary<string, string> Diagnosed = new(StringComparer.Ordinal)
    {
        // Clad's FunctionCalls.C: a void helper taking an object (not provably without effect); ReferenceArguments.C: ref
        // parameters have no tangent in forward mode yet. (Test7, a void helper changing the loop counter through ref int, is
        // right since objects6: inlined, Objects/RefHelperTests.)
        ["Forward:CladForwardCalls.Test11(double)"] = "ADG0002",
        // Clad's ForwardMode/Pointer.C: malloc/realloc are an array and Array.Resize (a call made for its effect) and a class
        // object written through a field. (fn6, a struct behind a pointer written as a class object new T { i = i } and only
        // read, is right since 2026-12-03 objects4: carried as its members, judged against central differences here.)
        ["Forward:CladForwardPointers.fn7(double)"] = "ADG0002,ADG0007", // its object, made from constants, is one (2026-12-03)
        // round25 (CladRound25Modes.cs): Clad's int f_1 kept as int; TemplateFunction.C's templates over INumber<T> (the message
        // asks for IFloatingPointIeee754<T>); FunctionsInNamespaces.C's fn1, whose helper someFn(ref i, ref j)
        // returns a double the caller drops (a discarded value of a plain helper writing through ref).
        ["Forward:CladSimple25.f_int(int)"] = "ADG0005",
        ["Forward:CladTemplate25.simple_return(T)"] = "ADG0010",
        ["Forward:CladTemplate25.addition(T)"] = "ADG0010",
        ["Forward:CladTemplate25.multiplication(T)"] = "ADG0010",
        // Their callers at double and float read the callees over the type argument and inline them since the lead's
        // 2026-12-06 change (GenericMath/GenericArrayCalleeTests): right at 3 points, no longer pinned.
        ["Forward:CladNamespaces25.fn1(double, double)"] = "ADG0002",
        // Clad's shape (outputs written into an array parameter) is supported: its rows are the array's elements.
        // hess21 (CladModes21.cs): UsesOuter2, a callee returning a double that also writes a double[,] the caller made, was
        // ADG0019 at the call until hess23; it is inlined since and judged here in both modes. SumOfCubes' void callee writing
        // a double[] is inlined since hess21.
    };

    [Fact]
    public void EveryPeerModeCaseIsCorrectOrPreciselyDiagnosed()
    {
        var run = Result.Value;
        output.WriteLine(Summary(run));
        var problems = new List<string>();
        foreach (var c in run.Cases)
        {
            var m = c.Method;
            if (Diagnosed.TryGetValue(c.Key, out var ids))
            {
                if (m.Status != CorpusStatus.Diagnosed || string.Join(",", m.ErrorIds) != ids)
                    problems.Add(c.Key + ": expected " + ids + " but " + m.Status + " " + string.Join(",", m.ErrorIds) + " " + string.Join(" | ", m.Details));
            }
            else if (m.Status != CorpusStatus.Ok)
            {
                problems.Add(c.Key + ": " + m.Status + " " + string.Join(",", m.ErrorIds) + " " + string.Join(" | ", m.Details));
            }
        }
        foreach (var key in Diagnosed.Keys.Where(k => run.Cases.All(c => c.Key != k))) problems.Add(key + ": listed but not in the sources");
        problems.AddRange(run.Global.Select(g => "global: " + g));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void EveryModeHasCasesAndNoneIsWrongOrBroken()
    {
        var run = Result.Value;
        foreach (var mode in Enum.GetValues<PeerMode>())
        {
            var cases = run.Cases.Where(c => c.Mode == mode).ToList();
            Assert.True(cases.Count(c => c.Method.Status == CorpusStatus.Ok) >= 10, mode + ": fewer than 10 ok cases\n" + Summary(run));
            Assert.Empty(cases.Where(c => c.Method.Status is CorpusStatus.Wrong or CorpusStatus.Broken).Select(c => c.Key + ": " + string.Join(" | ", c.Method.Details)));
        }
    }

    /// <summary>Per mode: ok / diagnosed / wrong / broken / unchecked, then every case that is not ok.</summary>
    public static string Summary(ModeRunner.Run run)
    {
        var s = new StringBuilder();
        foreach (var mode in Enum.GetValues<PeerMode>())
        {
            var cases = run.Cases.Where(c => c.Mode == mode).ToList();
            int Count(CorpusStatus status) => cases.Count(c => c.Method.Status == status);
            s.AppendLine($"{mode}: {cases.Count} cases: ok {Count(CorpusStatus.Ok)} / diagnosed {Count(CorpusStatus.Diagnosed)} / wrong {Count(CorpusStatus.Wrong)} / broken {Count(CorpusStatus.Broken)} / unchecked {Count(CorpusStatus.Unchecked)}");
        }
        foreach (var c in run.Cases.Where(c => c.Method.Status != CorpusStatus.Ok))
            s.AppendLine(c.Method.Status + " " + c.Key + " " + string.Join(",", c.Method.ErrorIds) + ": " + string.Join(" | ", c.Method.Details));
        foreach (var g in run.Global) s.AppendLine("global: " + g);
        return s.ToString();
    }
}
