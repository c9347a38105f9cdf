using System.Runtime.Loader;
using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using static AutoDiffGen.Generator.Tests.Infrastructure.IncrementalSteps;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// Issue 12: "an edit to one method body re-analyses only that method", in the shipped layout (one file per type), with a
/// file that holds two types and a [Differentiable] callee called from both files (a caller reads a body in its file). Counted
/// two ways: the analyses done again (<see cref="AnalysisCache.Hits"/>: every method not re-analysed is a hit) and the
/// tracked steps (the members step and the type files: Cached/Unchanged except where the text changes). Both for a driver
/// kept across the edit (an IDE) and for a new driver on freshly parsed files (a build through the compiler server, the
/// generator kept loaded). After each edit the output equals a fresh driver's with the caches off, and the gradients of
/// the edited callee's callers are the hand-derived ones and agree with central differences.
/// </summary>
public class OneMethodEditTests
{
    private const string ShapesPath = "Shapes.cs";
    private const string OtherPath = "Other.cs";

    // Two types in one file; P.Square is called from both types and from the other file.
    private const string Shapes = """
        using System;
        using AutoDiffGen;

        namespace Edits;

        public static partial class P
        {
            [Differentiable]
            public static double Square(double x) => x * x * /*SQ*/ 1.0;

            [Differentiable]
            public static double UsesSquare(double x, double y) => Square(x) * y + Math.Sin(y);

            [Differentiable]
            public static double Plain(double x) => Math.Exp(x) * /*PLAIN*/ 0.5;
        }

        public static partial class Q
        {
            [Differentiable]
            public static double UsesSquare(double x) => P.Square(x + 1.0) * x;

            [Differentiable]
            public static double Plain(double x) => Math.Cos(x) * /*QPLAIN*/ 2.0;
        }
        """;

    private const string Other = """
        using System;
        using AutoDiffGen;

        namespace Edits;

        public static partial class R
        {
            [Differentiable]
            public static double UsesSquare(double x, double y) => P.Square(x) + Math.Tanh(y) * x;

            [Differentiable]
            public static double Plain(double x, double y) => x * y * /*RPLAIN*/ 0.25;
        }
        """;

    private const int Methods = 7;

    private static SyntaxTree Parse(string text, string path, CSharpParseOptions? options = null) =>
        CSharpSyntaxTree.ParseText(text, options ?? GeneratorHarness.ParseOptions, path: path);

    private static CSharpCompilation Compilation(string shapes, string other, string assembly, CSharpParseOptions? options = null) =>
        GeneratorHarness.CreateCompilation().WithAssemblyName(assembly).AddSyntaxTrees(Parse(shapes, ShapesPath, options), Parse(other, OtherPath, options));

    /// <summary>
    /// An edit, which methods' text it changes (by their hint names' "Type.Method_" part), and how many methods it has
    /// analysed again. P.UsesSquare inlines its own type's small callee, so an edit of Square's body changes its text too; Q's and R's
    /// callers call <c>SquareBackward</c>. R.UsesSquare
    /// reads a body in Shapes.cs (its callee's, for the arrays it writes), so it is analysed again after any edit of that file
    /// (the cache compares the texts of the files read, not of the bodies) and after none of Other.cs; before this session it
    /// was analysed again after every edit anywhere (it was never kept).
    /// </summary>
    public static TheoryData<string, string, string, string[], int> Edits() => new()
    {
        // A method nobody calls, in the file of two types: only P's file changes.
        { "P.Plain", "/*PLAIN*/ 0.5", "/*PLAIN*/ 0.75", new[] { "P.Plain_" }, 2 },
        // The same in the other type of that file.
        { "Q.Plain", "/*QPLAIN*/ 2.0", "/*QPLAIN*/ 3.0", new[] { "Q.Plain_" }, 2 },
        // A method in the other file: R.UsesSquare read only Shapes.cs, which did not change: only R.Plain is analysed again.
        { "R.Plain", "/*RPLAIN*/ 0.25", "/*RPLAIN*/ 0.5", new[] { "R.Plain_" }, 1 },
        // The callee called by three methods in two files: its own text changes, and P.UsesSquare's, which inlines the
        // small callee of its own type (its derivative is written out, `3.0 * …`); Q's and R's call SquareBackward.
        { "P.Square", "/*SQ*/ 1.0", "/*SQ*/ 3.0", new[] { "P.Square_", "P.UsesSquare_" }, 2 },
    };

    private static (string Shapes, string Other) Apply(string edit, string from, string to)
    {
        bool inOther = edit.StartsWith("R.", StringComparison.Ordinal);
        string edited = (inOther ? Other : Shapes).Replace(from, to, StringComparison.Ordinal);
        Assert.NotEqual(inOther ? Other : Shapes, edited);
        return inOther ? (Shapes, edited) : (edited, Other);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void Kept_driver_reanalyses_and_rewrites_only_what_the_edit_changes(string edit, string from, string to, string[] changed, int reanalysed)
    {
        var before = Compilation(Shapes, Other, "Edit" + Guid.NewGuid().ToString("N"));
        var driver = GeneratorHarness.CreateDriver(trackSteps: true, options: FakeOptions.TypeFiles).RunGenerators(before);
        var oldFiles = Generated(driver);
        var oldMembers = MemberTexts(driver.GetRunResult());
        Assert.Equal(Methods, oldMembers.Count);

        var (shapes, other) = Apply(edit, from, to);
        string editedPath = edit.StartsWith("R.", StringComparison.Ordinal) ? OtherPath : ShapesPath;
        var after = IncrementalSteps.ReplaceFile(before, editedPath, editedPath == ShapesPath ? shapes : other);
        long hits = AnalysisCache.Hits;
        driver = driver.RunGenerators(after);
        long reused = AnalysisCache.Hits - hits;
        var run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));

        // Analysed again: the edited method, and a method that read a body in the edited file; every other analysis reused.
        Assert.True(Methods - reanalysed == reused, $"{edit}: {Methods - reused} of {Methods} analysed again, expected {reanalysed}\n{Describe(run)}");

        // Written again: the members whose text changed; every other members step output Cached/Unchanged.
        var newMembers = MemberTexts(run);
        var reasons = MemberReasons(run);
        foreach (var (order, reason) in reasons)
        {
            bool textChanged = oldMembers[order] != newMembers[order];
            bool expected = changed.Any(c => order.Contains("." + c, StringComparison.Ordinal));
            Assert.True(expected == textChanged, $"{edit}: {order}'s text {(textChanged ? "changed" : "did not change")}");
            Assert.True(textChanged != IsCachedOrUnchanged(reason), $"{edit}: {order} was {reason}\n{Describe(run)}");
        }

        // Only the files of the types whose members changed are new.
        var newFiles = Generated(driver);
        var changedFiles = newFiles.Keys.Where(k => oldFiles[k] != newFiles[k]).OrderBy(k => k, StringComparer.Ordinal).ToList();
        var expectedFiles = changed.Select(c => "Edits." + c.Split('.')[0] + "-AutoDiff.g.cs").Distinct().OrderBy(k => k, StringComparer.Ordinal).ToList();
        Assert.Equal(expectedFiles, changedFiles);
        var fileReasons = Outputs(run, TypeFiles.FilesStep);
        Assert.Equal(expectedFiles.Count, fileReasons.Count(f => !IsCachedOrUnchanged(f.Reason)));

        AssertFreshAndRight(after, newFiles, edit == "P.Square" ? 3.0 : 1.0);
    }

    [Theory]
    [MemberData(nameof(Edits))]
    public void New_driver_on_reparsed_files_reanalyses_only_what_the_edit_changes(string edit, string from, string to, string[] changed, int reanalysed)
    {
        // A build through the compiler server: the generator stays loaded, each build parses every file anew and makes a
        // new driver. The first build primes the caches; the second has the edit.
        string assembly = "Server" + Guid.NewGuid().ToString("N");
        GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(Compilation(Shapes, Other, assembly));
        var (shapes, other) = Apply(edit, from, to);
        var edited = Compilation(shapes, other, assembly);
        long hits = AnalysisCache.Hits;
        var driver = GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(edited);
        long reused = AnalysisCache.Hits - hits;
        Assert.All(driver.GetRunResult().Results, r => Assert.Null(r.Exception));
        Assert.True(changed.Length > 0);
        Assert.True(Methods - reanalysed == reused, $"{edit}: {Methods - reused} of {Methods} analysed again, expected {reanalysed}");
        AssertFreshAndRight(edited, Generated(driver), edit == "P.Square" ? 3.0 : 1.0);
    }

    [Fact]
    public void New_driver_on_unchanged_reparsed_files_reanalyses_nothing()
    {
        string assembly = "Same" + Guid.NewGuid().ToString("N");
        GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(Compilation(Shapes, Other, assembly));
        long hits = AnalysisCache.Hits;
        var again = Compilation(Shapes, Other, assembly);
        var driver = GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(again);
        Assert.Equal(Methods, AnalysisCache.Hits - hits);
        AssertFreshAndRight(again, Generated(driver), 1.0);
    }

    [Fact]
    public void A_declaration_edit_in_the_callees_file_reuses_nothing_that_could_change()
    {
        // A change outside every body (here a new constant field in P) changes the compilation's shape: nothing is reused,
        // and the output is a fresh driver's.
        string assembly = "Decl" + Guid.NewGuid().ToString("N");
        GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(Compilation(Shapes, Other, assembly));
        var edited = Compilation(Shapes.Replace("public static partial class P\n{", "public static partial class P\n{\n    public const double K = 2.0;", StringComparison.Ordinal), Other, assembly);
        Assert.NotEqual(Shapes, edited.SyntaxTrees.First().ToString());
        long hits = AnalysisCache.Hits;
        var driver = GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(edited);
        Assert.Equal(0, AnalysisCache.Hits - hits);
        AssertFreshAndRight(edited, Generated(driver), 1.0);
    }

    /// <summary>
    /// The output equals a fresh driver's with both caches off, compiles, and the callers' gradients are right:
    /// Square(x) = s·x² (s the constant the edit may change, 1 or 3), so
    /// P.UsesSquare(x, y) = s·x²·y + sin y:  ∂x = 2s·x·y, ∂y = s·x² + cos y;
    /// Q.UsesSquare(x) = s·(x + 1)²·x:       d/dx = s·((x + 1)² + 2(x + 1)·x);
    /// R.UsesSquare(x, y) = s·x² + tanh(y)·x: ∂x = 2s·x + tanh y, ∂y = x·(1 − tanh² y).
    /// At x = 0.7, y = −1.3, s = 1: P (−1.82, 0.49 + cos 1.3), Q 2.89 + 2.38 = 5.27, R (1.4 + tanh(−1.3), 0.7·(1 − tanh² 1.3)).
    /// </summary>
    private static void AssertFreshAndRight(CSharpCompilation compilation, SortedDictionary<string, string> generated, double s)
    {
        var off = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(AnalysisCache.OptOutSymbol);
        var uncached = Compilation(compilation.SyntaxTrees.First(t => t.FilePath == ShapesPath).ToString(), compilation.SyntaxTrees.First(t => t.FilePath == OtherPath).ToString(), compilation.AssemblyName!, off);
        Assert.Equal(Generated(GeneratorHarness.CreateDriver(options: FakeOptions.TypeFiles).RunGenerators(uncached)), generated);

        var output = compilation.AddSyntaxTrees(generated.Select(kv => Parse(kv.Value, kv.Key)));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        Assert.DoesNotContain(output.GetDiagnostics(), d => d.Severity >= DiagnosticSeverity.Warning);
        stream.Position = 0;
        var context = new AssemblyLoadContext("adg-edit-" + Guid.NewGuid().ToString("N"), isCollectible: true);
        try
        {
            var assembly = context.LoadFromStream(stream);
            double x = 0.7, y = -1.3;
            var p = new Differentiated(assembly, "Edits.P", "UsesSquare");
            var gp = p.Backward(new[] { x, y }).Gradient;
            Tolerance.AssertFormula(2 * s * x * y, gp[0]);
            Tolerance.AssertFormula(s * x * x + Math.Cos(y), gp[1]);
            GradCheck.Check(v => p.Value(v), new[] { x, y }, gp).ThrowIfFailed();
            var q = new Differentiated(assembly, "Edits.Q", "UsesSquare");
            var gq = q.Backward(new[] { x }).Gradient;
            Tolerance.AssertFormula(s * ((x + 1) * (x + 1) + 2 * (x + 1) * x), gq[0]);
            GradCheck.Check(v => q.Value(v), new[] { x }, gq).ThrowIfFailed();
            var r = new Differentiated(assembly, "Edits.R", "UsesSquare");
            var gr = r.Backward(new[] { x, y }).Gradient;
            Tolerance.AssertFormula(2 * s * x + Math.Tanh(y), gr[0]);
            Tolerance.AssertFormula(x * (1 - Math.Tanh(y) * Math.Tanh(y)), gr[1]);
            GradCheck.Check(v => r.Value(v), new[] { x, y }, gr).ThrowIfFailed();
        }
        finally
        {
            context.Unload();
        }
    }

    private static Dictionary<string, string> MemberTexts(GeneratorDriverRunResult run) =>
        Outputs(run, TypeFiles.MembersStep).Select(o => (TypeMember)o.Value).ToDictionary(m => m.Order, m => m.Text ?? "", StringComparer.Ordinal);

    private static List<(string Order, IncrementalStepRunReason Reason)> MemberReasons(GeneratorDriverRunResult run) =>
        Outputs(run, TypeFiles.MembersStep).Select(o => (((TypeMember)o.Value).Order, o.Reason)).ToList();
}
