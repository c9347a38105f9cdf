using AutoDiffGen.Generator.Tests.Corpus;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Harness;

/// <summary>
/// The harness still catches what it is there to catch after it was made cheaper (docs/testing.md): the compiler's and the
/// declaration analyzer's diagnostics found in one pass are exactly those of two separate passes, and the batched paths
/// (many programs in one compilation: <see cref="ProgramBatch.JudgeAndCheck"/> and <see cref="CorpusRunner"/>) fail on
/// a deliberately wrong gradient and on a generated file that does not build warning-free, naming the program. Each
/// failing case has a control that differs only in the fault and passes, so the failure is the fault's.
/// </summary>
public class HarnessSelfCheckTests
{
    private const string Class = "using System;\nusing AutoDiffGen;\npublic static partial class K\n{\n";

    /// <summary>A clean program, an analyzer error, a warning in generated code, a compile error in user code, and a generator error.</summary>
    public static TheoryData<string, string> Sources => new()
    {
        { "clean", Class + "    [Differentiable] public static double F(double x) => x * Math.Sin(x);\n}\n" },
        { "analyzer", "using AutoDiffGen;\npublic static class NotPartial\n{\n    [Differentiable] public static double F(double x) => x * x;\n}\n" },
        { "generated warning", Class + "    [Obsolete(\"old\")] public static int N() => 2;\n    [Differentiable] public static double F(double x) => x * x * N();\n}\n" },
        { "user error", Class + "    [Differentiable] public static double F(double x) { double y = \"s\"; return x * y; }\n}\n" },
        { "generator error", Class + "    [Differentiable] public static double F(double x) => Math.BitIncrement(x);\n}\n" },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void OnePass_GivesExactlyTheDiagnosticsOfSeparatePasses(string kind, string source)
    {
        var run = GeneratorHarness.Run(source);
        Assert.NotNull(run.AnalyzedWithCompile);
        GeneratorHarness.AssertOnePassAsSeparate(run.Compilation, run.CompileDiagnostics, run.AnalyzedWithCompile!.Value);
        // Each case reaches the part of the pass it is about.
        switch (kind)
        {
            case "clean":
                run.AssertClean();
                break;
            case "analyzer":
                Assert.Contains(run.AnalyzerDiagnostics, d => d.Id == "ADG0001");
                break;
            case "generated warning":
                Assert.Contains(run.CompileDiagnostics, d => d.Id == "CS0618" && d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
                break;
            case "user error":
                Assert.Contains(run.CompileDiagnostics, d => d.Id == "CS0029" && d.Severity == DiagnosticSeverity.Error);
                break;
            default:
                Assert.Contains(run.GeneratorDiagnostics, d => d.Id == "ADG0004");
                break;
        }
    }

    /// <summary>A <c>with</c> copy given another compilation, made before any read, does not read the first one's analyzer results.</summary>
    [Fact]
    public void AnalyzerDiagnostics_OfACopyWithAnotherCompilation_AreItsOwn()
    {
        var clean = GeneratorHarness.Run(Class + "    [Differentiable] public static double F(double x) => x * x;\n}\n");
        var other = GeneratorHarness.Run("using AutoDiffGen;\npublic static class NotPartial\n{\n    [Differentiable] public static double F(double x) => x * x;\n}\n");
        // Before the first read (as before this harness change: a read caches, and a copy made after it keeps the cache).
        Assert.Contains((clean with { Compilation = other.Compilation }).AnalyzerDiagnostics, d => d.Id == "ADG0001");
        Assert.Empty(clean.AnalyzerDiagnostics);
    }

    private const string Header = Class +
        "    public static double G(double x) => x * x;\n" +
        "    [DerivativeOf(nameof(G))] public static double GBackward(double x, ref double dX, double dResult = 1) { dX += FACTOR * x * dResult; return x * x; }\n" +
        "    OBSOLETE public static int N() => 2;\n";

    private static List<(string Name, string Text, string? Bad)> Programs(int faulty, string fault) =>
        Enumerable.Range(0, 6).Select(i => ("P" + i, i == faulty
            ? "    [Differentiable] public static double P" + i + "(double x, double y) => " + fault + " * y + x;\n"
            : "    [Differentiable] public static double P" + i + "(double x, double y) => x * y + Math.Sin(x * " + (i + 1) + ");\n", (string?)null)).ToList();

    private static object[] Point(Random random) => [Math.Round(random.NextDouble() + 0.5, 4), Math.Round(random.NextDouble() - 0.5, 4)];

    /// <summary>A hand-written derivative of G that says 3x instead of 2x: the program calling it fails the batch, by name.</summary>
    [Fact]
    public void Batch_FailsOnAWrongGradient_NamingTheProgram()
    {
        var random = new Random(17);
        var lines = new List<string>();
        ProgramBatch.JudgeAndCheck(Header.Replace("FACTOR", "2").Replace("OBSOLETE", ""), "K", Programs(3, "G(x)"), () => Point(random), lines.Add);
        Assert.Equal("6 programs: 6 generated, 18 points checked, 0 diagnosed", Assert.Single(lines));

        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            ProgramBatch.JudgeAndCheck(Header.Replace("FACTOR", "3").Replace("OBSOLETE", ""), "K", Programs(3, "G(x)"), () => Point(random), _ => { }));
        Assert.StartsWith("P3 at ", e.Message, StringComparison.Ordinal);
        Assert.Contains("d/dx", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A program whose generated file warns (CS0618: it calls an obsolete helper) fails the batch.</summary>
    [Fact]
    public void Batch_FailsOnAGeneratedFileWithAWarning()
    {
        var random = new Random(18);
        ProgramBatch.JudgeAndCheck(Header.Replace("FACTOR", "2").Replace("OBSOLETE", ""), "K", Programs(2, "N()"), () => Point(random), _ => { });

        var e = Assert.ThrowsAny<Xunit.Sdk.XunitException>(() =>
            ProgramBatch.JudgeAndCheck(Header.Replace("FACTOR", "2").Replace("OBSOLETE", "[Obsolete(\"old\")]"), "K", Programs(2, "N()"), () => Point(random), _ => { }));
        Assert.Contains("CS0618", e.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// The corpus runner (one compilation for a folder, calls through <see cref="CallLimit"/>'s reused worker): the wrong
    /// derivative makes its caller Wrong, the obsolete call makes its method Broken, and the others stay Ok.
    /// </summary>
    [Fact]
    public void CorpusRunner_FindsTheWrongAndTheBrokenMethod_AndOnlyThem()
    {
        string folder = Path.Combine(Path.GetTempPath(), "adg-selfcheck-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "A.cs"), "#pragma warning disable\n" + Header.Replace("FACTOR", "3").Replace("OBSOLETE", "[Obsolete(\"old\")]") +
                "    [Differentiable] public static double Good(double x, double y) => x * y + Math.Sin(x);\n" +
                "    [Differentiable] public static double CallsWrong(double x, double y) => G(x) * y;\n" +
                "    [Differentiable] public static double CallsObsolete(double x, double y) => x * y * N();\n}\n");
            var run = CorpusRunner.Execute(folder);
            var status = run.Methods.ToDictionary(m => m.Name, m => m.Status);
            Assert.Equal(CorpusStatus.Ok, status["Good"]);
            Assert.Equal(CorpusStatus.Wrong, status["CallsWrong"]);
            Assert.Equal(CorpusStatus.Broken, status["CallsObsolete"]);
            Assert.Contains(run.Methods.Single(m => m.Name == "CallsObsolete").Details, d => d.Contains("CS0618", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>CallLimit returns a call's value and rethrows its exception as reflection does, call after call on its worker.</summary>
    [Fact]
    public void CallLimit_ReturnsValuesAndRethrowsExceptions()
    {
        var sqrt = typeof(Math).GetMethod(nameof(Math.Sqrt))!;
        for (int i = 0; i < 50; i++) Assert.Equal(Math.Sqrt(i), (double)CallLimit.Invoke(sqrt, null, [(double)i])!);
        var parse = typeof(int).GetMethod(nameof(int.Parse), [typeof(string)])!;
        var e = Assert.Throws<System.Reflection.TargetInvocationException>(() => CallLimit.Invoke(parse, null, ["not a number"]));
        Assert.IsType<FormatException>(e.InnerException);
        Assert.Equal(7, (int)CallLimit.Invoke(parse, null, ["7"])!);
    }
}
