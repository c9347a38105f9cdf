using System.Reflection;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// Every method of a source written two ways (an emitter shortcut on and off), each set compiled apart with the source:
/// for the tests that an emitter shortcut keeps every value and gradient bit for bit.
/// </summary>
internal static class TwoWays
{
    /// <summary>The two texts of each method that analyses to a model (but <paramref name="skip"/>), with its name.</summary>
    public static (List<string> First, List<string> Second, List<string> Names) Emit(string source, Func<MethodModel, string> first,
        Func<MethodModel, string> second, Func<string, bool>? skip = null)
    {
        var compilation = GeneratorHarness.CreateCompilation(source);
        var tree = compilation.SyntaxTrees.Single();
        var semantic = compilation.GetSemanticModel(tree);
        var (a, b, names) = (new List<string>(), new List<string>(), new List<string>());
        foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            var symbol = (IMethodSymbol)semantic.GetDeclaredSymbol(syntax)!;
            if (skip?.Invoke(symbol.Name) == true) continue;
            if (MethodAnalyzer.Analyze(syntax, symbol, semantic, CancellationToken.None, chooseBackward: AutoDiffGen.Generator.Differentiation.CarriedPlans.Choose).Result.Model is not { } model) continue;
            a.Add(first(model));
            b.Add(second(model));
            names.Add(symbol.Name);
        }
        return (a, b, names);
    }

    /// <summary>
    /// 80 random programs of one generator (plain, widened with helper calls, or written with arrays), those that analyse
    /// to a model (none that must be diagnosed or calls a failing helper), each written two ways (<see cref="Emit"/>).
    /// </summary>
    public static (string Source, List<string> First, List<string> Second, List<string> Names) EmitRandom(int seed, bool widened, bool arrays,
        Func<MethodModel, string> first, Func<MethodModel, string> second)
    {
        var generator = new RandomProgramGenerator(seed, widened, written: arrays, arrays: arrays);
        var programs = Enumerable.Range(0, 80).Select(i => generator.Next("P" + i)).Where(p => !p.MustBeDiagnosed && !p.CallsFailing).ToList();
        string source = RandomProgram.Source("R", programs, helpers: widened);
        var (a, b, analysed) = Emit(source, first, second, CallExpr.Failing.Contains);
        var names = analysed.Where(n => programs.Any(p => p.Name == n)).ToList();
        Assert.True(names.Count > 40, names.Count + " programs analysed");
        return (source, a, b, names);
    }

    public static int Statements(IEnumerable<string> texts) => texts.Sum(t => t.Count(c => c == ';'));

    /// <summary>The source with the generated texts, compiled without error or warning in them, loaded in a collectible context.</summary>
    public static Assembly Load(string source, IEnumerable<string> generated)
    {
        var compilation = GeneratorHarness.CreateCompilation(new[] { source }.Concat(generated).ToArray());
        // One bind: the emit reports the warnings GetDiagnostics() would (docs/testing.md, ci25; AUTODIFFGEN_HARNESS_VERIFY=1 compares).
        var (image, diagnostics) = GeneratorHarness.EmitWithDiagnostics(compilation);
        if (GeneratorHarness.VerifyOnePass) GeneratorHarness.AssertEmitAsGetDiagnostics(compilation, diagnostics);
        Assert.True(image is not null, string.Join("\n", diagnostics));
        // The random source's own warnings (an unused local, unreachable code) are not the generated code's.
        Assert.Empty(diagnostics.Where(d => d.Location.SourceTree?.FilePath != "User0.cs"));
        return GeneratorHarness.LoadEmitted(image);
    }

    /// <summary>A generated method's result, or the name of the exception it threw (the two ways must agree on both).</summary>
    public static ((double Value, double[] Gradient) Result, string? Exception) Call(Func<(double, double[])> call)
    {
        try
        {
            return (call(), null);
        }
        catch (System.Reflection.TargetInvocationException e)
        {
            return (default, e.InnerException?.GetType().Name);
        }
    }
}
