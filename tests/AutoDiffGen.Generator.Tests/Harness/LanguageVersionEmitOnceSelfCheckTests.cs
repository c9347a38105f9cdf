using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Harness;

/// <summary>
/// suite19's shortcut for the language-version harness (docs/testing.md): <see cref="LanguageVersionHarness.RunForLoad"/>
/// emits once and takes the compile diagnostics from that emit instead of <c>GetDiagnostics()</c> and a second emit in
/// <c>Load</c>. It must still report each fault <see cref="LanguageVersionHarness.Run"/> reports (a warning in a generated
/// file under C# 7.3, a user error), refuse to load a program that does not build, and load the one emit otherwise.
/// Each faulty case has a control that differs only in the fault and passes.
/// </summary>
public class LanguageVersionEmitOnceSelfCheckTests
{
    private const string Class = "using System;\nusing AutoDiffGen;\npublic static partial class K\n{\n";

    /// <summary>A fault under C# 7.3 with nullable off (its ID and where: a generated file or the user's), and the control.</summary>
    public static TheoryData<string, string, string?, bool> Cases => new()
    {
        // The generated Backward calls the obsolete helper: a warning in the generated file, as Run reports it.
        { "generated warning", Class + "    [Obsolete(\"old\")] public static double N() => 2;\n    [Differentiable] public static double F(double x) => x * x * N();\n}\n", "CS0618", true },
        // `??=` is C# 8: an error in the user's file on C# 7.3; nothing loads.
        { "user error", Class + "    [Differentiable] public static double F(double x) { int? s = null; s ??= 2; return x * x * s.Value; }\n}\n", "CS8370", false },
        { "control", Class + "    [Differentiable] public static double F(double x) => x * Math.Sin(x);\n}\n", null, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void RunForLoad_ReportsWhatRunReports_AndLoadsOnlyWhatBuilds(string kind, string source, string? id, bool emits)
    {
        var once = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, source);
        var twice = LanguageVersionHarness.Run(LanguageVersion.CSharp7_3, false, null, source);
        static List<string> Set(IEnumerable<Diagnostic> ds) => ds.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Set(twice.CompileDiagnostics), Set(once.CompileDiagnostics));
        GeneratorHarness.AssertEmitAsGetDiagnostics(once.Compilation, once.CompileDiagnostics);
        Assert.Equal(emits, once.EmittedImage is not null);
        if (id is null)
        {
            Assert.Empty(once.CompileDiagnostics);
            Assert.Empty(once.GeneratorDiagnostics);
            // A copy given another compilation does not reuse the image.
            Assert.Null((once with { Compilation = GeneratorHarness.CreateCompilation("class Other { }") }).EmittedImage);
            var backward = once.Load().GetType("K")!.GetMethod("FBackward")!;
            // F = x sin x, dF/dx = sin x + x cos x; at 0.7: 0.644218 + 0.7 · 0.764842 = 1.179607.
            var args = new object?[] { 0.7, 0.0, 1.0 };
            Assert.Equal(0.7 * Math.Sin(0.7), (double)backward.Invoke(null, args)!, 12);
            Assert.Equal(1.179607, (double)args[1]!, 5);
            return;
        }
        // The generated warning is in a generated file (the user's call of N warns too); the user error in the user's file.
        Assert.Contains(once.CompileDiagnostics, d => d.Id == id && (d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true) == (kind == "generated warning"));
        // The comparison itself fails when the emit's list misses the fault.
        Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => GeneratorHarness.AssertEmitAsGetDiagnostics(once.Compilation, once.CompileDiagnostics.RemoveAll(d => d.Id == id)));
        if (!emits) Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => once.Load());
    }
}
