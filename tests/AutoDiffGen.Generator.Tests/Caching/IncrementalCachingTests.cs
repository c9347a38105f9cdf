using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;
using static AutoDiffGen.Generator.Tests.Infrastructure.IncrementalSteps;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// Incremental caching, after Mapperly's IncrementalGeneratorTest: a step-tracking driver runs on a
/// compilation, then on an edited one, and each tracked step's outputs must say Cached/Unchanged
/// where nothing changed, Modified exactly where something did, and the output must never be stale:
/// after every edit the incremental output equals a from-scratch run on the edited compilation.
/// </summary>
public class IncrementalCachingTests
{
    private const string ModelPath = "Model.cs";
    private const string LibPath = "Lib.cs";
    private const string ExtPath = "Ext.cs";

    private const string ModelSource = """
        using System;
        using AutoDiffGen;

        namespace Cache;

        public static partial class Model
        {
            [Differentiable]
            public static double First(double x, double y)
            {
                double t = x * y;
                return Math.Sin(t) + Lib.Scale(x, y) + Ext.Cube(x);
            }

            [Differentiable]
            public static double Second(double x) => Math.Exp(x) * x - 0.5;

            [Differentiable]
            public static double Third(double x) => Lib.Scale(x, 1.5) * x;
        }
        """;

    private const string LibSource = """
        using AutoDiffGen;

        namespace Cache;

        public static partial class Lib
        {
            [Differentiable]
            public static double Scale(double x, double k) => x * k;
        }
        """;

    private const string ExtSource = """
        using AutoDiffGen;

        namespace Cache;

        public static partial class Ext
        {
            public static double Cube(double x) => x * x * x;

            [DerivativeOf(nameof(Cube))]
            public static double CubeBackward(double x, ref double dX, double dResult = 1)
            {
                dX += 3 * x * x * dResult;
                return x * x * x;
            }
        }
        """;

    /// <summary>The model steps: plain data only, compared by the driver to decide what to regenerate.</summary>
    private static readonly string[] ModelSteps =
    {
        TrackingNames.Analyze, TrackingNames.Unavailable, TrackingNames.Gated, TrackingNames.HintRenames, TrackingNames.Models, TrackingNames.EmitModels,
        TrackingNames.UsedDerivatives, AutoDiffGen.Generator.GraphView.GraphOptions.OptionStep, AutoDiffGen.Generator.Emit.NullableDirectives.OptionStep, AutoDiffGen.Generator.GraphView.GraphOptions.ModelsStep,
    };

    /// <summary>The diagnostics steps: they hold tree-backed locations (so that #pragma applies) and are only reported.</summary>
    private static readonly string[] DiagnosticSteps = { TrackingNames.Diagnostics, TrackingNames.Derivatives, TrackingNames.DerivativeDiagnostics };

    private static readonly string[] TrackedNames = ModelSteps.Concat(DiagnosticSteps).ToArray();

    private readonly ITestOutputHelper _output;

    public IncrementalCachingTests(ITestOutputHelper output) => _output = output;

    private static CSharpCompilation Initial() =>
        CSharpCompilation.Create("CacheUser",
            new[] { (ModelPath, ModelSource), (LibPath, LibSource), (ExtPath, ExtSource) }
                .Select(f => CSharpSyntaxTree.ParseText(f.Item2, GeneratorHarness.ParseOptions, f.Item1)),
            GeneratorHarness.CreateCompilation().References,
            GeneratorHarness.CreateCompilation().Options);

    /// <summary>Runs the initial compilation, then the edited one, on the same driver; returns the second run.</summary>
    private (GeneratorDriver Driver, GeneratorDriverRunResult Run, SortedDictionary<string, string> Before, SortedDictionary<string, string> After, Compilation Output)
        RunEdit(Func<CSharpCompilation, CSharpCompilation> edit)
    {
        var initial = Initial();
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(initial);
        var before = Generated(driver);
        Assert.True(before.Count >= 4, "the initial run must generate First, Second, Third and Scale:\n" + string.Join("\n", before.Keys));
        var edited = edit(initial);
        driver = driver.RunGeneratorsAndUpdateCompilation(edited, out var output, out _);
        var run = driver.GetRunResult();
        _output.WriteLine(Describe(run));
        Assert.All(run.Results, r => Assert.Null(r.Exception));

        // No stale output: whatever was cached, the result equals a fresh driver's on the same input.
        var after = Generated(driver);
        var fresh = Generated(GeneratorHarness.CreateDriver().RunGenerators(edited));
        Assert.Equal(fresh, after);
        var freshDiagnostics = GeneratorHarness.CreateDriver().RunGenerators(edited).GetRunResult().Diagnostics.Select(d => d.ToString()).OrderBy(s => s);
        Assert.Equal(freshDiagnostics, run.Diagnostics.Select(d => d.ToString()).OrderBy(s => s));
        return (driver, run, before, after, output);
    }

    private static string OutputOf(SortedDictionary<string, string> generated, string method) =>
        generated.Single(kv => kv.Key.Contains("." + method + "_", StringComparison.Ordinal)).Value;

    private static void AssertAllCached(GeneratorDriverRunResult run)
    {
        foreach (string name in TrackedNames)
        {
            foreach (var (value, reason) in Outputs(run, name))
            {
                Assert.True(IsCachedOrUnchanged(reason), $"step {name}: {MethodNameOf(value) ?? value?.GetType().Name} was {reason}\n{Describe(run)}");
            }
        }
        Assert.NotEmpty(Outputs(run, TrackingNames.Analyze).Concat(Outputs(run, TrackingNames.Models)));
        foreach (var (value, reason) in SourceOutputs(run))
        {
            Assert.True(IsCachedOrUnchanged(reason), $"output step: {MethodNameOf(value) ?? value?.GetType().Name} was {reason}\n{Describe(run)}");
        }
    }

    private static void AssertNoCompileErrors(Compilation output)
    {
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    /// <summary>Emits the output compilation and returns First's gradient at (x, y).</summary>
    private static double[] FirstGradient(Compilation output, double x, double y, bool gradCheck = true)
    {
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        var context = new AssemblyLoadContext("adg-cache-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        try
        {
            var method = new Differentiated(context.LoadFromStream(stream), "Cache.Model", "First");
            var (_, gradient) = method.Backward(new[] { x, y });
            if (gradCheck) GradCheck.Check(p => method.Value(p), new[] { x, y }, gradient).ThrowIfFailed();
            return gradient;
        }
        finally
        {
            context.Unload();
        }
    }

    [Fact]
    public void Rerun_OnTheSameCompilation_EveryStepIsCached()
    {
        var (_, run, before, after, _) = RunEdit(c => c);
        AssertAllCached(run);
        Assert.Equal(before, after);
    }

    [Fact]
    public void UnrelatedNewFile_EveryStepIsCachedOrUnchanged()
    {
        var (_, run, before, after, _) = RunEdit(c => c.AddSyntaxTrees(CSharpSyntaxTree.ParseText(
            "namespace Other; public class Unrelated { public int X => 1; public double Y(double v) => v * 2; }", GeneratorHarness.ParseOptions, "Unrelated.cs")));
        AssertAllCached(run);
        Assert.Equal(before, after);
    }

    [Fact]
    public void CommentInsideTheDifferentiableMethod_EveryStepIsCachedOrUnchanged()
    {
        string edited = ModelSource.Replace("double t = x * y;", "double t = x * y; // the product gate\n        /* and a block comment */");
        Assert.NotEqual(ModelSource, edited);
        var (_, run, before, after, _) = RunEdit(c => ReplaceFile(c, ModelPath, edited));
        AssertAllCached(run);
        Assert.Equal(before, after);
    }

    [Fact]
    public void BodyEditOfOneMethod_RegeneratesOnlyThatMethod()
    {
        string edited = ModelSource.Replace("Math.Exp(x) * x - 0.5", "Math.Exp(x) * x * x - 0.5");
        Assert.NotEqual(ModelSource, edited);
        var (_, run, before, after, output) = RunEdit(c => ReplaceFile(c, ModelPath, edited));

        var analyze = ReasonsByMethod(run, TrackingNames.Analyze);
        var models = ReasonsByMethod(run, TrackingNames.Models);
        var outputs = SourceOutputs(run).Where(o => MethodNameOf(o.Value) is not null).ToDictionary(o => MethodNameOf(o.Value)!, o => o.Reason);
        Assert.Equal(IncrementalStepRunReason.Modified, analyze["Second"]);
        Assert.Equal(IncrementalStepRunReason.Modified, models["Second"]);
        Assert.Equal(IncrementalStepRunReason.Modified, outputs["Second"]);
        foreach (string other in new[] { "First", "Third", "Scale" })
        {
            Assert.True(IsCachedOrUnchanged(analyze[other]), other + " Analyze: " + analyze[other]);
            Assert.True(IsCachedOrUnchanged(models[other]), other + " Models: " + models[other]);
            Assert.True(IsCachedOrUnchanged(outputs[other]), other + " output: " + outputs[other]);
        }
        Assert.NotEqual(OutputOf(before, "Second"), OutputOf(after, "Second"));
        Assert.Equal(OutputOf(before, "First"), OutputOf(after, "First"));
        Assert.Equal(OutputOf(before, "Scale"), OutputOf(after, "Scale"));
        AssertNoCompileErrors(output);
    }

    [Fact]
    public void CalleeBodyEditInAnotherFile_CallerCallsTheNewBackward()
    {
        var (_, run, before, after, output) = RunEdit(c => ReplaceFile(c, LibPath, LibSource.Replace("=> x * k;", "=> x * k * k;")));
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonsByMethod(run, TrackingNames.Models)["Scale"]);
        Assert.NotEqual(OutputOf(before, "Scale"), OutputOf(after, "Scale"));
        AssertNoCompileErrors(output);

        // The caller reaches the callee through ScaleBackward, so its text may stay; its gradient must be the new one.
        double x = 0.7, y = -1.3;
        var g = FirstGradient(output, x, y);
        Tolerance.AssertFormula(Math.Cos(x * y) * y + y * y + 3 * x * x, g[0]);
        Tolerance.AssertFormula(Math.Cos(x * y) * x + 2 * x * y, g[1]);
    }

    [Fact]
    public void CalleeNoDiffEditInAnotherFile_RegeneratesTheCallers()
    {
        string edited = LibSource.Replace("double k)", "[NoDiff] double k)");
        Assert.NotEqual(LibSource, edited);
        var (_, run, before, after, output) = RunEdit(c => ReplaceFile(c, LibPath, edited));

        // ScaleBackward lost its dK adjoint, so every call to it must change.
        Assert.NotEqual(OutputOf(before, "Scale"), OutputOf(after, "Scale"));
        Assert.NotEqual(OutputOf(before, "Third"), OutputOf(after, "Third"));
        var models = ReasonsByMethod(run, TrackingNames.Models);
        Assert.Equal(IncrementalStepRunReason.Modified, models["Third"]);
        Assert.True(IsCachedOrUnchanged(models["Second"]), "Second Models: " + models["Second"]);

        // First passes y, which carries a gradient, into the now-[NoDiff] k: that is an error, and its old output is gone.
        Assert.DoesNotContain(after.Keys, k => k.Contains(".First_", StringComparison.Ordinal));
        Assert.Contains(run.Diagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error && d.GetMessage().Contains("'k'", StringComparison.Ordinal));
        var errors = output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void CalleeGetsAnErrorInAnotherFile_CallersReportADG0017AndLoseTheirOutput()
    {
        // The callers' own analysis is reused (only another file's body changed): the gate after it must still follow.
        string broken = LibSource.Replace("=> x * k;", "{ System.Console.Out.WriteLine(x); return x * k; }");
        Assert.NotEqual(LibSource, broken);
        var (driver, run, before, after, output) = RunEdit(c => ReplaceFile(c, LibPath, broken));
        Assert.Contains(before.Keys, k => k.Contains(".First_", StringComparison.Ordinal));
        Assert.DoesNotContain(after.Keys, k => k.Contains(".First_", StringComparison.Ordinal) || k.Contains(".Third_", StringComparison.Ordinal) || k.Contains(".Scale_", StringComparison.Ordinal));
        Assert.Contains(after.Keys, k => k.Contains(".Second_", StringComparison.Ordinal));
        var calls = run.Diagnostics.Where(d => d.Id == "ADG0017").ToList();
        Assert.Equal(2, calls.Count); // First's and Third's call to Scale
        Assert.All(calls, d => Assert.StartsWith("Lib.Scale(", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan), StringComparison.Ordinal));
        Assert.True(IsCachedOrUnchanged(ReasonsByMethod(run, TrackingNames.Analyze)["First"]), "First's analysis should be reused");
        AssertNoCompileErrors(output);

        // And back: the callers' output returns, with the right gradient.
        var fixedCompilation = ReplaceFile((CSharpCompilation)output.RemoveSyntaxTrees(output.SyntaxTrees.Where(t => t.FilePath.Contains("AutoDiffGen.Generator", StringComparison.Ordinal))), LibPath, LibSource);
        driver = driver.RunGeneratorsAndUpdateCompilation(fixedCompilation, out var fixedOutput, out _);
        Assert.Equal(Generated(GeneratorHarness.CreateDriver().RunGenerators(fixedCompilation)), Generated(driver));
        Assert.DoesNotContain(driver.GetRunResult().Diagnostics, d => d.Id == "ADG0017");
        AssertNoCompileErrors(fixedOutput);
        double x = 0.7, y = -1.3;
        var g = FirstGradient(fixedOutput, x, y);
        Assert.Equal(Math.Cos(x * y) * y + y + 3 * x * x, g[0], 10);
        Assert.Equal(Math.Cos(x * y) * x + x, g[1], 10);
    }

    [Fact]
    public void CalleeLosesDifferentiableInAnotherFile_CallerDifferentiatesItsBodyInPlace()
    {
        // Since issue 13 a plain helper is differentiated in place (PlainHelpers/): the caller follows the edit, no longer
        // calls ScaleBackward (gone), and its gradient is still right.
        var (_, run, _, after, output) = RunEdit(c => ReplaceFile(c, LibPath, LibSource.Replace("[Differentiable]", "")));
        Assert.DoesNotContain("ScaleBackward(", OutputOf(after, "First"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
        AssertNoCompileErrors(output);
        double x = 0.7, y = -1.3;
        Tolerance.AssertFormula(Math.Cos(x * y) * y + y + 3 * x * x, FirstGradient(output, x, y)[0]);
    }

    [Fact]
    public void DerivativeOfChangesShapeInAnotherFile_CallerUsesTheNewDerivative()
    {
        string edited = ExtSource.Replace("""
            public static double CubeBackward(double x, ref double dX, double dResult = 1)
                {
                    dX += 3 * x * x * dResult;
                    return x * x * x;
                }
            """, """
            public static void CubePullback(double x, double result, double dResult, ref double dX) =>
                    dX += 3 * x * x * dResult;
            """);
        Assert.NotEqual(ExtSource, edited);
        var (_, run, before, after, output) = RunEdit(c => ReplaceFile(c, ExtPath, edited));
        Assert.Contains("CubeBackward(", OutputOf(before, "First"));
        Assert.Contains("CubePullback(", OutputOf(after, "First"));
        Assert.DoesNotContain("CubeBackward(", OutputOf(after, "First"));
        Assert.Equal(IncrementalStepRunReason.Modified, ReasonsByMethod(run, TrackingNames.Models)["First"]);
        AssertNoCompileErrors(output);
        double x = 0.7, y = -1.3;
        Tolerance.AssertFormula(Math.Cos(x * y) * y + y + 3 * x * x, FirstGradient(output, x, y)[0]);
    }

    [Fact]
    public void DerivativeOfRemovedInAnotherFile_CallerDifferentiatesCubeInPlace()
    {
        // Without its [DerivativeOf], Cube is a plain helper (issue 13): differentiated in place, x·x·x → 3x².
        var (_, run, _, after, output) = RunEdit(c => ReplaceFile(c, ExtPath, ExtSource.Replace("[DerivativeOf(nameof(Cube))]", "")));
        Assert.DoesNotContain("CubeBackward(", OutputOf(after, "First"));
        Assert.DoesNotContain(run.Diagnostics, d => d.Severity == DiagnosticSeverity.Error && d.Id != "ADG0014");
        Assert.True(IsCachedOrUnchanged(ReasonsByMethod(run, TrackingNames.Models)["Second"]));
        AssertNoCompileErrors(output);
        double x = 0.7, y = -1.3;
        Tolerance.AssertFormula(Math.Cos(x * y) * y + y + 3 * x * x, FirstGradient(output, x, y)[0]);
    }

    [Fact]
    public void DerivativeOfBodyEditInAnotherFile_CallerIsUnchangedAndUsesTheNewBody()
    {
        // A deliberately different (wrong) hand-written derivative: the generated caller must call it as written.
        var (_, run, before, after, output) = RunEdit(c => ReplaceFile(c, ExtPath, ExtSource.Replace("dX += 3 * x * x * dResult;", "dX += 5 * dResult;")));
        Assert.Equal(OutputOf(before, "First"), OutputOf(after, "First"));
        Assert.True(IsCachedOrUnchanged(ReasonsByMethod(run, TrackingNames.Models)["First"]));
        AssertNoCompileErrors(output);

        using var stream = new MemoryStream();
        Assert.True(output.Emit(stream).Success);
        stream.Position = 0;
        var context = new AssemblyLoadContext("adg-cache-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        var method = new Differentiated(context.LoadFromStream(stream), "Cache.Model", "First");
        double x = 0.7, y = -1.3;
        Tolerance.AssertFormula(Math.Cos(x * y) * y + y + 5, method.Backward(new[] { x, y }).Gradient[0]);
        context.Unload();
    }

    /// <summary>
    /// Where a diagnostics step may hold a Roslyn object: the tree-backed location of a diagnostic, of a call that
    /// ADG0017 would point at, and of a [DerivativeOf] method; nowhere else.
    /// </summary>
    private static bool IsLocationField(System.Reflection.FieldInfo field) =>
        field.DeclaringType == typeof(AutoDiffGen.Generator.Model.DiagnosticInfo) && field.Name.Contains("Location", StringComparison.Ordinal)
        || field.DeclaringType == typeof(AutoDiffGen.Generator.Model.CalleeSite) && field.Name.Contains("At", StringComparison.Ordinal)
        || field.DeclaringType == typeof(AutoDiffGen.Generator.Model.DerivativeInfo) && field.Name.Contains("Location", StringComparison.Ordinal);

    [Fact]
    public void NoRoslynObjectIsReachableFromAnyModelStep_DiagnosticsStepsHoldOnlyLocations()
    {
        // Include methods with diagnostics so the diagnostics steps have outputs to walk.
        const string withDiagnostics = """
            using System;
            using AutoDiffGen;
            namespace Cache;
            public static partial class Bad
            {
                [Differentiable]
                public static double Loop(double x) { try { return x; } finally { } }

                [Differentiable]
                public static double Flat(double x) => Math.Floor(x);

                [Differentiable(Graph = true)]
                public static double Drawn(double x) => x * x;

                // ADG0015: the graph diagnostics have an output too.
                public static int DrawnTrace = 0;

                static double Sq(double x) => x * x;

                // ADG0014: valid, private and never called.
                [DerivativeOf(nameof(Sq))]
                private static double SqBackward(double x, ref double dX, double dResult = 1) { dX += 2 * x * dResult; return x * x; }
            }
            """;
        var compilation = Initial().AddSyntaxTrees(CSharpSyntaxTree.ParseText(withDiagnostics, GeneratorHarness.ParseOptions, "Bad.cs"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true).RunGenerators(compilation);
        var run = driver.GetRunResult();
        Assert.Contains(run.Diagnostics, d => d.Id == "ADG0014");
        int walked = 0, locations = 0;
        foreach (string name in TrackedNames)
        {
            var outputs = Outputs(run, name);
            Assert.NotEmpty(outputs);
            bool diagnosticsStep = DiagnosticSteps.Contains(name);
            foreach (var (value, _) in outputs)
            {
                walked++;
                string? found = RoslynObjectWalker.FindRoslynObject(value, name, diagnosticsStep ? IsLocationField : null);
                Assert.True(found is null, "Roslyn object reachable from step " + name + ": " + found);
                if (diagnosticsStep) locations += RoslynObjectWalker.FindRoslynObject(value, name) is null ? 0 : 1;
            }
        }
        Assert.True(locations > 0, "the diagnostics steps carry tree-backed locations");

        // The transform's output: its result half (what the model steps compare) is plain data.
        foreach (var (value, _) in Outputs(run, TrackingNames.Transform))
        {
            var analysis = Assert.IsType<AutoDiffGen.Generator.Model.MethodAnalysis>(value);
            Assert.Null(RoslynObjectWalker.FindRoslynObject(analysis.Result, TrackingNames.Transform + ".Result"));
            Assert.Null(RoslynObjectWalker.FindRoslynObject(analysis, TrackingNames.Transform, IsLocationField));
            walked++;
        }
        foreach (var (value, _) in SourceOutputs(run))
        {
            walked++;
            bool diagnostics = value is AutoDiffGen.Generator.Helpers.EquatableArray<AutoDiffGen.Generator.Model.DiagnosticInfo>;
            string? found = RoslynObjectWalker.FindRoslynObject(value, "source output", diagnostics ? IsLocationField : null);
            Assert.True(found is null, "Roslyn object reachable from a source output: " + found);
        }
        _output.WriteLine($"walked {walked} step outputs");
        Assert.True(walked >= 6);
    }

    private sealed record Holder(string Name, object Payload);

    [Fact]
    public void RoslynObjectWalker_FindsBuriedRoslynObjects()
    {
        var tree = CSharpSyntaxTree.ParseText("class C { }");
        Assert.NotNull(RoslynObjectWalker.FindRoslynObject(new Holder("a", new object[] { 1, new Holder("b", tree) })));
        Assert.NotNull(RoslynObjectWalker.FindRoslynObject(new Holder("a", (1, tree.GetRoot().ChildNodes().First().GetLocation()))));
        Assert.NotNull(RoslynObjectWalker.FindRoslynObject(new List<object> { tree.GetRoot().DescendantTokens().First() }));
        var cycle = new List<object>();
        cycle.Add(cycle);
        Assert.Null(RoslynObjectWalker.FindRoslynObject(new Holder("a", cycle)));
        Assert.Null(RoslynObjectWalker.FindRoslynObject(new Holder("a", new Microsoft.CodeAnalysis.Text.TextSpan(1, 2))));
    }
}
