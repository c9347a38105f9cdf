using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// throw statements and guard calls stay in the forward sweep: on the path that does not throw, the gradient is
/// the method's (by hand and by central differences); on the path that throws, Backward throws the method's
/// exception (type and message) and leaves every adjoint as it was.
/// </summary>
public class ThrowTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ThrowExamples.Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("Guards")!.GetMethod(name)!;

    public static TheoryData<string, object[]> Passing => new()
    {
        { "SqrtChecked", new object[] { 2.5 } },
        { "LogRatio", new object[] { 1.5, 0.7 } },
        { "LogRatio", new object[] { -1.5, -0.4 } },
        { "ElseThrows", new object[] { 0.8, -1.3 } },
        { "ByMode", new object[] { 0.6, 0 } },
        { "ByMode", new object[] { 0.6, 1 } },
        { "ByModeFalling", new object[] { 0.6, 0 } },
        { "ByModeFalling", new object[] { 0.6, 1 } },
        { "Heron", new object[] { 2.0, 6 } },
        { "SumSquares", new object[] { new[] { 0.5, 1.25, 2.0 }, 0.75 } },
        { "Guarded", new object[] { 0.5, 1.5 } },
        { "EarlyAndThrow", new object[] { 2.5 } },
        { "EarlyAndThrow", new object[] { 0.4 } },
        { "SeriesOrThrow", new object[] { 0.8 } },
        { "Halve", new object[] { 0.15 } },
        { "Halve", new object[] { 3.3 } },
        { "Chained", new object[] { 3.3, 1 } },
        { "Chained", new object[] { 0.7, 0 } },
    };

    [Theory]
    [MemberData(nameof(Passing))]
    public void WhereNothingThrows_GradientMatchesCentralDifferences(string name, object[] point) =>
        CentralDifferenceRunner.Check(Get(name), null, point);

    [Fact]
    public void WhereNothingThrows_GradientIsTheHandDerivation()
    {
        // sqrt: 1 / (2 sqrt x).
        var sqrt = Backward("SqrtChecked", 2.5);
        Tolerance.AssertFormula(1 / (2 * Math.Sqrt(2.5)), sqrt[0], "d sqrt/dx");
        // x log(x / y): log(x / y) + 1 and -x / y.
        var ratio = Backward("LogRatio", 1.5, 0.7);
        Tolerance.AssertFormula(Math.Log(1.5 / 0.7) + 1, ratio[0], "dLogRatio/dx");
        Tolerance.AssertFormula(-1.5 / 0.7, ratio[1], "dLogRatio/dy");
        // (xy)²: 2xy², 2x²y.
        var squared = Backward("ElseThrows", 0.8, -1.3);
        Tolerance.AssertFormula(2 * 0.8 * 1.3 * 1.3, squared[0], "dElseThrows/dx");
        Tolerance.AssertFormula(2 * 0.8 * 0.8 * -1.3, squared[1], "dElseThrows/dy");
        // x e^y: e^y, x e^y.
        var guarded = Backward("Guarded", 0.5, 1.5);
        Tolerance.AssertFormula(Math.Exp(1.5), guarded[0], "dGuarded/dx");
        Tolerance.AssertFormula(0.5 * Math.Exp(1.5), guarded[1], "dGuarded/dy");
        // x² / 2^k with k = 6 halvings for x = 3.3 (3.3 / 64 < 0.1 <= 3.3 / 32): 2x / 64.
        var halve = Backward("Halve", 3.3);
        Tolerance.AssertFormula(2 * 3.3 / 64, halve[0], "dHalve/dx");
        // The same in a branch: the value the loop returned, not the one after the if.
        var args = new object[] { 3.3, 1, 0.0, 1.0 };
        Assert.Equal(3.3 * 3.3 / 64, (double)Get("ChainedBackward").Invoke(null, args)!, 12);
        Tolerance.AssertFormula(2 * 3.3 / 64, (double)args[2], "dChained/dx");
    }

    public static TheoryData<string, object[]> Throwing => new()
    {
        { "SqrtChecked", new object[] { -1.0 } },
        { "LogRatio", new object[] { double.NaN, 0.7 } },
        { "LogRatio", new object[] { 1.5, -0.7 } },
        { "ElseThrows", new object[] { -0.8, 1.3 } },
        { "ByMode", new object[] { 0.6, 7 } },
        { "ByModeFalling", new object[] { 0.6, -2 } },
        { "Heron", new object[] { 2.0, 3 } },
        { "SumSquares", new object[] { new[] { 0.5, -1.25, 2.0 }, 0.75 } },
        { "Guarded", new object[] { -0.5, 1.5 } },
        { "Guarded", new object[] { 0.5, 11.0 } },
        { "EarlyAndThrow", new object[] { -2.5 } },
        { "SeriesOrThrow", new object[] { 80.0 } },
        { "Halve", new object[] { -1.0 } },
    };

    [Theory]
    [MemberData(nameof(Throwing))]
    public void WhereTheMethodThrows_BackwardThrowsTheSameAndLeavesTheAdjoints(string name, object[] point)
    {
        var method = Get(name);
        var expected = Thrown(() => method.Invoke(null, point));
        var ps = method.GetParameters();
        var args = point.ToList();
        var adjoints = new List<int>();
        for (int i = 0; i < ps.Length; i++)
        {
            if (ps[i].ParameterType == typeof(int)) continue;
            adjoints.Add(args.Count);
            args.Add(point[i] is double[] a ? Enumerable.Repeat(0.25, a.Length).ToArray() : 0.25);
        }
        args.Add(1.0);
        var all = args.ToArray();
        var actual = Thrown(() => method.DeclaringType!.GetMethod(name + "Backward")!.Invoke(null, all));

        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Message, actual.Message);
        foreach (int slot in adjoints)
        {
            if (all[slot] is double[] array) Assert.All(array, d => Assert.Equal(0.25, d));
            else Assert.Equal(0.25, (double)all[slot]);
        }
    }

    [Fact]
    public void AMessageReadsTheValuesOfItsPath()
    {
        // The interpolated message is rendered as written: value, format and alignment (in the current culture, as the method's).
        var e = Thrown(() => Get("LogRatioBackward").Invoke(null, new object[] { 1.5, -0.5, 0.0, 0.0, 1.0 }));
        Assert.Equal($"x / y = {-3.0} is not positive (x = {1.5:F3}, y = {-0.5,6})", e.Message.Split(" (Parameter")[0]);
        // Inside the loop, the message reads the iteration's values.
        double v = 2;
        for (int i = 0; i < 2; i++) v = 0.5 * (v + 2 / v);
        e = Thrown(() => Get("HeronBackward").Invoke(null, new object[] { 2.0, 2, 0.0, 1.0 }));
        Assert.Equal("did not converge after 2 steps, v = " + v, e.Message);
    }

    [Fact]
    public void TheReverseSweepDoesNotTestAGuardAgain()
    {
        // The guard's condition is needed only where it is tested: a loop does not tape it.
        string heron = GeneratorHarness.Run(ThrowExamples.Source).Generated.Single(g => g.Key.Contains("Heron", StringComparison.Ordinal)).Value;
        // One throw: the forward sweep's, where the user wrote it; the reverse sweep has none.
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(heron, @"\bthrow\b"));
        Assert.DoesNotContain("tapeBool", heron, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(LanguageVersion.CSharp7_3, false)]
    [InlineData(LanguageVersion.Latest, true)]
    public void GeneratedCodeAndGraphsCompileWithoutWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, FakeOptions.EmitGraphs, ThrowExamples.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(12, result.Generated.Count(g => !g.Key.EndsWith(".Graph.g.cs", StringComparison.Ordinal)));
        // No throw expressions: the user wrote none.
        Assert.All(result.Generated.Values, text => Assert.DoesNotContain("?? throw", text, StringComparison.Ordinal));
    }

    private static double[] Backward(string name, params double[] x)
    {
        var args = x.Cast<object>().Concat(x.Select(_ => (object)0.0)).Append(1.0).ToArray();
        Get(name + "Backward").Invoke(null, args);
        return args.Skip(x.Length).Take(x.Length).Select(a => (double)a).ToArray();
    }

    private static Exception Thrown(Action call)
    {
        try
        {
            call();
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            return e.InnerException;
        }
        throw new Xunit.Sdk.XunitException("expected an exception");
    }
}
