using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// Generated files say <c>#nullable enable annotations</c> and <c>#nullable disable warnings</c>: with warnings
/// on, the compiler runs nullable analysis over every generated body, about a third of what compiling the
/// generated code costs (docs/performance.md, compile-time cost). These tests keep the guarantee that warnings
/// on gave: the examples' generated code, compiled with nullable warnings on, has none.
/// </summary>
public class GeneratedNullabilityTests
{
    public static IEnumerable<object[]> Sources() => new[]
    {
        new object[] { "Lecture", LectureExamples.Source },
        new object[] { "Features", FeatureExamples.Source },
        new object[] { "Calls", CallExamples.Source },
        new object[] { "ControlFlow", ControlFlowExamples.Source },
        new object[] { "Tensors", TensorMethodTests.Source },
    };

    [Theory]
    [MemberData(nameof(Sources))]
    public void GeneratedCode_WithNullableWarningsOn_HasNoWarnings(string name, string source)
    {
        var result = GeneratorHarness.Run(source);
        result.AssertClean();
        var generated = result.Generated.Values.ToList();
        Assert.All(generated, text => Assert.Contains("#nullable enable annotations\n#nullable disable warnings\n", text));

        var compilation = GeneratorHarness.CreateCompilation(source).AddSyntaxTrees(generated.Select((text, i) =>
            CSharpSyntaxTree.ParseText(text.Replace("#nullable disable warnings\n", "#nullable enable warnings\n"), GeneratorHarness.ParseOptions, path: $"Generated{i}.g.cs")));
        var warnings = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToList();
        Assert.True(warnings.Count == 0, name + ": " + string.Join("\n", warnings));
    }
}
