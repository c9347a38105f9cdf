using AutoDiffGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace AutoDiffGen.CodeFixes.Tests.Infrastructure;

/// <summary>
/// A before/after test of one code fix with Microsoft.CodeAnalysis.CSharp.CodeFix.Testing: the declaration
/// analyzer, and (<see cref="WithGenerator"/>) the generator's own diagnostics, must report exactly the
/// markup's diagnostics before, and the fix must produce the after source with none left.
/// References: .NET 10 reference assemblies from Basic.Reference.Assemblies (nothing is downloaded) and AutoDiffGen.
/// </summary>
public sealed class FixTest<TFix> : CSharpCodeFixTest<DeclarationAnalyzer, TFix, DefaultVerifier>
    where TFix : CodeFixProvider, new()
{
    public FixTest(string before, string after, bool withGenerator = false)
    {
        WithGenerator = withGenerator;
        TestCode = before;
        FixedCode = after;
        ReferenceAssemblies = new ReferenceAssemblies("net10.0");
        TestState.AdditionalReferences.AddRange(Basic.Reference.Assemblies.Net100.References.All);
        TestState.AdditionalReferences.Add(MetadataReference.CreateFromFile(typeof(DifferentiableAttribute).Assembly.Location));
    }

    /// <summary>Also report the generator's diagnostics (ADG0004, ADG0016, …), not only the analyzer's.</summary>
    public bool WithGenerator { get; }

    protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() =>
        WithGenerator ? [new DeclarationAnalyzer(), new GeneratorDiagnosticsAnalyzer()] : [new DeclarationAnalyzer()];

    /// <summary>Runs the test; <paramref name="equivalenceKey"/> picks one of several offered fixes.</summary>
    public static Task Run(string before, string after, bool withGenerator = false, string? equivalenceKey = null, int iterations = 1)
    {
        var test = new FixTest<TFix>(before, after, withGenerator)
        {
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfIncrementalIterations = iterations,
            NumberOfFixAllIterations = iterations,
        };
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck;
        // The adapter reports the generator's diagnostics from a compilation action, so they count as non-local;
        // the declaration analyzer's own must pass the check (the IDE fixes local diagnostics as you type).
        if (withGenerator) test.CodeFixTestBehaviors |= CodeFixTestBehaviors.SkipLocalDiagnosticCheck;
        return test.RunAsync();
    }
}
