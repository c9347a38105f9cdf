using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// A [Differentiable] callee that gets no Backward (an ADG error of its own, or a call to such a method):
/// its callers get ADG0017 at the call and no generated code, never a call to a missing Backward (CS0117).
/// </summary>
public class CalleeFailureTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Chain
        {
            [Differentiable]
            public static double Broken(double x) { Console.Out.WriteLine(x); return x * x; }

            [Differentiable]
            public static double Caller(double x) => Broken(x) + x;

            [Differentiable]
            public static double Outer(double x) => Math.Sin(Caller(x));

            // A cycle through the broken method: both lose their Backward.
            [Differentiable]
            public static double Ping(double x, int n) => n == 0 ? Broken(x) : Pong(x, n - 1);

            [Differentiable]
            public static double Pong(double x, int n) => n == 0 ? x : Ping(x * 2, n - 1);

            // A cycle of fine methods next to all this: generated and right.
            [Differentiable]
            public static double Even(double x, int n) => n == 0 ? x * x : Odd(x, n - 1);

            [Differentiable]
            public static double Odd(double x, int n) => n == 0 ? Math.Sin(x) : Even(3 * x, n - 1);
        }
        """;

    private static readonly Lazy<GeneratorOutput> Output = new(() => GeneratorHarness.RunForLoad(Source));

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    [Fact]
    public void CallerOfAFailedCallee_GetsADG0017AtTheCall_AndNoCode()
    {
        var output = Output.Value;
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "ADG0002"); // Broken's own error
        var call = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "ADG0017" && At(d) == "Broken(x)" && d.Location.GetLineSpan().StartLinePosition.Line == 9);
        Assert.Equal(DiagnosticSeverity.Error, call.Severity);
        Assert.Contains("has errors of its own", call.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("'BrokenBackward'", call.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(output.Generated.Keys, k => k.Contains(".Broken_", StringComparison.Ordinal) || k.Contains(".Caller_", StringComparison.Ordinal));
    }

    [Fact]
    public void CallerOfABlockedCaller_GetsADG0017Too()
    {
        var output = Output.Value;
        var call = Assert.Single(output.GeneratorDiagnostics, d => d.Id == "ADG0017" && At(d) == "Caller(x)");
        Assert.Contains("calls a [Differentiable] method that has none", call.GetMessage(), StringComparison.Ordinal);
        Assert.DoesNotContain(output.Generated.Keys, k => k.Contains(".Outer_", StringComparison.Ordinal));
    }

    [Fact]
    public void CycleThroughAFailedMethod_BothLoseTheirBackward_WithoutLooping()
    {
        var output = Output.Value;
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "ADG0017" && At(d) == "Pong(x, n - 1)");
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "ADG0017" && At(d) == "Ping(x * 2, n - 1)");
        Assert.DoesNotContain(output.Generated.Keys, k => k.Contains(".Ping_", StringComparison.Ordinal) || k.Contains(".Pong_", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.6, 0)]
    [InlineData(0.6, 1)]
    [InlineData(-0.4, 4)]
    [InlineData(-0.4, 5)]
    public void FineCycleNextToThem_IsGeneratedAndRight(double x, int n)
    {
        var assembly = GeneratorHarness.Load(Output.Value);
        var type = assembly.GetType("Chain")!;
        var args = new object[] { x, n, 0.0, 1.0 };
        type.GetMethod("EvenBackward")!.Invoke(null, args);
        double g = (double)args[2];
        // Each level multiplies x by 3 every second step: n levels end in (3^k x)² or sin(3^k x).
        int k = n / 2;
        double scale = Math.Pow(3, k), u = scale * x;
        double expected = n % 2 == 0 ? 2 * u * scale : Math.Cos(u) * scale;
        Assert.Equal(expected, g, 10);
        var primal = type.GetMethod("Even")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], n })!, new[] { x }, new[] { g }).ThrowIfFailed();
    }

    [Fact]
    public void CalleeInAnotherFile_IsGatedTheSameWay()
    {
        var output = GeneratorHarness.Run(
            """
            using AutoDiffGen;
            public static partial class Use
            {
                [Differentiable]
                public static double F(double x) => Lib.G(x) * x;
            }
            """,
            """
            using AutoDiffGen;
            public static partial class Lib
            {
                [Differentiable]
                public static double G(double x) { System.Console.Out.WriteLine(x); return x; }
            }
            """);
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Contains(output.GeneratorDiagnostics, d => d.Id == "ADG0017" && At(d) == "Lib.G(x)");
        Assert.Empty(output.Generated);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CalleeInAReferencedAssembly_WithoutItsBackward_GetsADG0017(bool libraryHasBackward)
    {
        var library = GeneratorHarness.CreateCompilation("""
            using AutoDiffGen;
            namespace Lib
            {
                public static partial class Shapes
                {
                    [Differentiable]
                    public static double Square(double x) => x * x;
                }
            }
            """).WithAssemblyName("CalleeLib" + libraryHasBackward);
        // Built without the generator, the library has no SquareBackward: as if Square had had errors there.
        Compilation built = library;
        if (libraryHasBackward) GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(library, out built, out _);
        using var image = new MemoryStream();
        Assert.True(built.Emit(image).Success);

        var user = GeneratorHarness.CreateCompilation("""
            using AutoDiffGen;
            public static partial class Uses
            {
                [Differentiable]
                public static double F(double x) => Lib.Shapes.Square(x) + x;
            }
            """).AddReferences(MetadataReference.CreateFromImage(image.ToArray()));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(user, out var updated, out var diagnostics);
        Assert.Empty(updated.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
        if (libraryHasBackward)
        {
            Assert.Empty(diagnostics);
            Assert.Contains(updated.SyntaxTrees, t => t.ToString().Contains("global::Lib.Shapes.SquareBackward(", StringComparison.Ordinal));
        }
        else
        {
            var d = Assert.Single(diagnostics);
            Assert.Equal("ADG0017", d.Id);
            Assert.Equal("Lib.Shapes.Square(x)", At(d));
            Assert.Contains("CalleeLibFalse", d.GetMessage(), StringComparison.Ordinal);
        }
    }
}
