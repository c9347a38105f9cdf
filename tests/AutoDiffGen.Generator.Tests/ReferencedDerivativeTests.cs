using System.Collections.Immutable;
using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// A [DerivativeOf] declared in a third type of a referenced library (neither the callee's type nor the
/// caller's): the generator finds it in the library's metadata and calls it.
/// </summary>
public class ReferencedDerivativeTests
{
    private const string Library = """
        using System;
        using AutoDiffGen;

        namespace Lib
        {
            public static class Shapes
            {
                public static double Bump(double x) => Math.Exp(-x * x);
            }

            public static class ShapeDerivatives
            {
                // d/dx exp(−x²) = −2x·exp(−x²), reusing the forward result.
                [DerivativeOf(typeof(Shapes), nameof(Shapes.Bump))]
                public static void BumpPullback(double x, double result, double dResult, ref double dX) => dX += -2 * x * result * dResult;
            }

            // Not public: the index skips it (another assembly could not call it).
            internal static class Hidden
            {
                [DerivativeOf(typeof(Shapes), "Other")]
                public static void OtherPullback(double x, double result, double dResult, ref double dX) => dX += dResult;
            }
        }
        """;

    private const string User = """
        using AutoDiffGen;

        public static partial class Uses
        {
            [Differentiable]
            public static double Scaled(double x, double a) => a * Lib.Shapes.Bump(x);
        }
        """;

    private static readonly Lazy<(GeneratorOutput Output, Assembly User)> Built = new(Build);

    private static (GeneratorOutput, Assembly) Build()
    {
        var library = GeneratorHarness.CreateCompilation(Library).WithAssemblyName("DerivLib");
        using var libraryImage = new MemoryStream();
        var emitted = library.Emit(libraryImage);
        Assert.True(emitted.Success, string.Join("\n", emitted.Diagnostics));

        var reference = MetadataReference.CreateFromImage(libraryImage.ToArray());
        var compilation = GeneratorHarness.CreateCompilation(User).AddReferences(reference);
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var updated, out var generatorDiagnostics);
        var output = new GeneratorOutput(
            new Dictionary<string, string>(), generatorDiagnostics,
            updated.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(),
            (Microsoft.CodeAnalysis.CSharp.CSharpCompilation)updated, System.Collections.Immutable.ImmutableArray<Exception>.Empty);

        using var userImage = new MemoryStream();
        var userEmit = updated.Emit(userImage);
        Assert.True(userEmit.Success, string.Join("\n", userEmit.Diagnostics));
        var context = new LibraryContext(libraryImage.ToArray());
        Context = context;
        return (output, context.LoadFromStream(new MemoryStream(userImage.ToArray())));
    }

    // Held for the test run: a collectible context whose object is collected starts unloading (its finalizer), and
    // DerivLib, resolved lazily at the first call, then fails to load ("AssemblyLoadContext is unloading"; seen in CI).
    private static AssemblyLoadContext? Context;

    private sealed class LibraryContext(byte[] library) : AssemblyLoadContext("adg-referenced-" + Guid.NewGuid().ToString("N"), isCollectible: true)
    {
        private Assembly? _library;

        protected override Assembly? Load(AssemblyName name) =>
            name.Name == "DerivLib" ? _library ??= LoadFromStream(new MemoryStream(library)) : null;
    }

    [Fact]
    public void DerivativeInAThirdTypeOfAReferencedLibrary_IsFound()
    {
        var (output, _) = Built.Value;
        Assert.Empty(output.GeneratorDiagnostics);
        Assert.Empty(output.CompileDiagnostics);
    }

    [Theory]
    [InlineData(0.7, 2.0)]
    [InlineData(-1.3, 0.5)]
    public void Gradient_MatchesHandDerivation_AndCentralDifferences(double x, double a)
    {
        var method = new Differentiated(Built.Value.User, "Uses", "Scaled");
        var (value, g) = method.Backward(new[] { x, a });
        double bump = Math.Exp(-x * x);
        Tolerance.AssertFormula(a * bump, value);
        Tolerance.AssertFormula(a * -2 * x * bump, g[0]);   // a · (−2x·e^(−x²))
        Tolerance.AssertFormula(bump, g[1]);                // e^(−x²)
        GradCheck.Check(p => method.Value(p), new[] { x, a }, g).ThrowIfFailed();
    }
}
