using System.Collections.Immutable;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Compatibility;

/// <summary>
/// <c>AutoDiffGen.Tensors.Tensor</c> and <c>System.Numerics.Tensors.Tensor</c> (a static helper class of the BCL's
/// tensor package, which AutoDiffGen.Tensors depends on) share a simple name. The contract names our type
/// <c>Tensor</c>, so it stays; a file that imports both namespaces disambiguates with a using alias, as the Tensors
/// README says. These tests show the clash is real and that the documented alias, and the generated code
/// (which writes <c>global::</c> names), compile cleanly with both namespaces imported.
/// </summary>
public class TensorNameClashTests
{
    private const string Body = """
        public static partial class Net
        {
            [Differentiable]
            public static float NormSquared(Tensor W, Tensor x) => Tensor.SquaredL2Norm(Tensor.MatMul(W, x));

            public static float MaxAbs(float[] values) => TensorPrimitives.MaxMagnitude<float>(values);
        }
        """;

    private const string BothImported = """
        using AutoDiffGen;
        using AutoDiffGen.Tensors;
        using System.Numerics.Tensors;

        """;

    private const string WithAlias = BothImported + """
        using Tensor = AutoDiffGen.Tensors.Tensor;

        """;

    private static GeneratorOutput Run(string source)
    {
        CSharpCompilation compilation = GeneratorHarness.CreateCompilation(source)
            .AddReferences(MetadataReference.CreateFromFile(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.Location));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out Compilation output, out ImmutableArray<Diagnostic> generatorDiagnostics);
        return new GeneratorOutput(
            ImmutableDictionary<string, string>.Empty,
            generatorDiagnostics,
            output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(),
            (CSharpCompilation)output,
            ImmutableArray<Exception>.Empty);
    }

    [Fact]
    public void BothNamespacesImported_TensorIsAmbiguous()
    {
        Assert.NotNull(typeof(System.Numerics.Tensors.TensorPrimitives).Assembly.GetType("System.Numerics.Tensors.Tensor"));
        GeneratorOutput result = Run(BothImported + Body);
        Assert.Contains(result.CompileDiagnostics, d => d.Id == "CS0104" && d.GetMessage().Contains("AutoDiffGen.Tensors.Tensor", StringComparison.Ordinal));
    }

    [Fact]
    public void TheDocumentedAlias_CompilesCleanly_AndSoDoesTheGeneratedBackward()
    {
        GeneratorOutput result = Run(WithAlias + Body);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.NotNull(result.Compilation.GetTypeByMetadataName("Net")!.GetMembers("NormSquaredBackward").SingleOrDefault());
    }
}
