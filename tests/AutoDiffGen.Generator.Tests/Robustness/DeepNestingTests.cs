using System.Diagnostics;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// Deep expressions and long methods generate quickly and without a stack overflow. The generator
/// runs on a thread with the default 1 MB stack, like the compiler's worker threads. (A real stack
/// overflow kills the test process, so depths that overflow today are skipped tests, not failures.)
/// </summary>
public class DeepNestingTests
{
    private const int StackSize = 1024 * 1024;
    // A guard against a hang or a super-linear blow-up in the depth (quiet: ~2-3 s), not a speed goal: generous, so a
    // loaded machine does not fail it, and the class runs beside the others instead of alone at the end of the run.
    private const double MaxSeconds = 60;

    private readonly ITestOutputHelper _output;

    public DeepNestingTests(ITestOutputHelper output) => _output = output;

    private sealed record Outcome(GeneratorDriverRunResult Run, IReadOnlyList<Diagnostic> InputErrors, IReadOnlyList<Diagnostic> GeneratorDiagnostics, Compilation Output, double Seconds);

    /// <summary>Parses, binds and generates entirely on a fresh 1 MB thread; returns how long the generator took.</summary>
    private Outcome GenerateOnDefaultStack(string body)
    {
        string source = "using System;\nusing AutoDiffGen;\nnamespace Deep;\npublic static partial class M\n{\n    [Differentiable]\n    public static double F(double x) " + body + "\n}\n";
        Outcome? outcome = null;
        Exception? error = null;
        var thread = new Thread(() =>
        {
            try
            {
                var compilation = GeneratorHarness.CreateCompilation(source);
                var inputErrors = compilation.GetParseDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                var watch = Stopwatch.StartNew();
                var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
                outcome = new Outcome(driver.GetRunResult(), inputErrors, diagnostics, output, watch.Elapsed.TotalSeconds);
            }
            catch (Exception e)
            {
                error = e;
            }
        }, StackSize);
        thread.Start();
        thread.Join();
        if (error is not null) throw new Xunit.Sdk.XunitException("generation threw: " + error);
        var result = outcome!;
        _output.WriteLine($"generator: {result.Seconds:F2} s, {result.Run.GeneratedTrees.Length} file(s) of {result.Run.GeneratedTrees.Sum(t => t.Length)} chars, " +
                          $"input errors: {string.Join("; ", result.InputErrors.Select(d => d.Id).Distinct())}, generator diagnostics: {string.Join("; ", result.GeneratorDiagnostics.Select(d => d.Id))}");
        Assert.All(result.Run.Results, r => Assert.Null(r.Exception));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Id is "CS8785" or "ADG9999");
        Assert.True(result.Seconds < MaxSeconds, $"the generator took {result.Seconds:F1} s");
        return result;
    }

    private static string RightNestedSum(int depth) =>
        "=> " + string.Concat(Enumerable.Repeat("x + (", depth)) + "x" + new string(')', depth) + ";";

    private static string NestedSin(int depth) =>
        "=> " + string.Concat(Enumerable.Repeat("Math.Sin(", depth)) + "x" + new string(')', depth) + ";";

    private static string LeftDeepChain(int terms) =>
        "=> x" + string.Concat(Enumerable.Repeat(" + x * 1.5", terms)) + ";";

    [Fact]
    public void RightNestedSum_3000Deep_NoCrash()
    {
        // On a 1 MB stack the C# parser itself gives up at this depth (CS8078 "too long or complex"):
        // then the generator must stay quiet; if the parse ever succeeds, it must generate.
        var outcome = GenerateOnDefaultStack(RightNestedSum(3000));
        Assert.True(outcome.Run.GeneratedTrees.Length == 1 || outcome.InputErrors.Any(d => d.Id == "CS8078"),
            "neither generated nor rejected by the compiler");
    }

    [Fact]
    public void NestedSin_3000Deep_NoCrash()
    {
        var outcome = GenerateOnDefaultStack(NestedSin(3000));
        Assert.True(outcome.Run.GeneratedTrees.Length == 1 || outcome.InputErrors.Any(d => d.Id == "CS8078"),
            "neither generated nor rejected by the compiler");
    }

    // A body deeper than 150 syntax levels is analysed on a thread with a large stack, so a
    // 3,000-deep expression generates and runs; the default 1 MB stack here stands for the compiler's.
    [Fact]
    public void LeftDeepChain_3000Deep_GeneratesTheRightGradient()
    {
        var outcome = GenerateOnDefaultStack(LeftDeepChain(3000));
        Assert.Empty(outcome.InputErrors);
        Assert.Single(outcome.Run.GeneratedTrees);
        Assert.DoesNotContain(outcome.Run.Diagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal));
        using var stream = new MemoryStream();
        var emit = outcome.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("adg-deep3000", isCollectible: true);
        var method = new Differentiated(context.LoadFromStream(stream), "Deep.M", "F");
        var (value, gradient) = method.Backward(new[] { 2.0 });
        // A chain of 3000 additions: ForSum(3000, Σ|term|), with Σ|term| the value itself (no term is negative).
        Tolerance.AssertClose(2.0 + 3000 * 3.0, value, Tolerance.ForSum(3000 + 1, 2.0 + 3000 * 3.0), "value");
        Tolerance.AssertClose(1 + 3000 * 1.5, gradient[0], Tolerance.ForSum(3000 + 1, 1 + 3000 * 1.5), "gradient");
        context.Unload();
    }

    [Fact]
    public void LeftDeepChain_300Deep_GeneratesTheRightGradient()
    {
        var outcome = GenerateOnDefaultStack(LeftDeepChain(300));
        Assert.Single(outcome.Run.GeneratedTrees);
        using var stream = new MemoryStream();
        var emit = outcome.Output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(5)));
        stream.Position = 0;
        var context = new System.Runtime.Loader.AssemblyLoadContext("adg-deep", isCollectible: true);
        var method = new Differentiated(context.LoadFromStream(stream), "Deep.M", "F");
        var (value, gradient) = method.Backward(new[] { 2.0 });
        Tolerance.AssertClose(2.0 + 300 * 3.0, value, Tolerance.ForSum(300 + 1, 2.0 + 300 * 3.0), "value");
        Tolerance.AssertClose(1 + 300 * 1.5, gradient[0], Tolerance.ForSum(300 + 1, 1 + 300 * 1.5), "gradient");
        context.Unload();
    }

    [Fact]
    public void FiveThousandStatements_Generate()
    {
        var body = new StringBuilder("{\n        double v1 = x * 1.0001;\n");
        for (int i = 2; i <= 5000; i++) body.Append("        double v").Append(i).Append(" = v").Append(i - 1).Append(" + x;\n");
        body.Append("        return v5000;\n    }");
        var outcome = GenerateOnDefaultStack(body.ToString());
        Assert.Empty(outcome.InputErrors);
        string generated = Assert.Single(outcome.Run.GeneratedTrees).ToString();
        Assert.Contains("v5000", generated);
        Assert.Contains("dX", generated);
    }
}
