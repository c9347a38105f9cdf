using AutoDiffGen.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Testing;

namespace AutoDiffGen.CodeFixes.Tests.Infrastructure;

/// <summary>
/// A before/after test of one code fix with Microsoft.CodeAnalysis.CSharp.CodeFix.Testing: the declaration
/// analyzer, and (<see cref="WithGenerator"/>) the real generator run by the framework, must report exactly the
/// markup's diagnostics before, and the fix must produce the after source with none left. The framework passes
/// the generator's diagnostics (ADG0004, ADG0016) to the code fix as the IDE does, and compiles the generated
/// files with the rest.
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

    /// <summary>Also run the generator, whose diagnostics (ADG0004, ADG0016, …) and files then count.</summary>
    public bool WithGenerator { get; }

    protected override IEnumerable<Type> GetSourceGenerators() => WithGenerator ? [typeof(DifferentiableGenerator)] : [];

    /// <summary>Runs the test; <paramref name="equivalenceKey"/> picks one of several offered fixes.</summary>
    public static Task Run(string before, string after, bool withGenerator = false, string? equivalenceKey = null, int iterations = 1)
    {
        var test = new FixTest<TFix>(before, after, withGenerator)
        {
            CodeActionEquivalenceKey = equivalenceKey,
            NumberOfIncrementalIterations = iterations,
            NumberOfFixAllIterations = iterations,
        };
        // The generated files are not listed: what they say is the generator tests' business; here they must compile.
        test.TestBehaviors |= TestBehaviors.SkipGeneratedCodeCheck | TestBehaviors.SkipGeneratedSourcesCheck;
        return test.RunAsync();
    }
}
