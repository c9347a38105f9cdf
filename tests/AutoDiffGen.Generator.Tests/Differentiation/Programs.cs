using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>Analyses one [Differentiable] method of a source in-process, for tests of the adjoint program.</summary>
internal static class Programs
{
    public static MethodModel Model(string source, string method)
    {
        var compilation = GeneratorHarness.CreateCompilation(source);
        var tree = compilation.SyntaxTrees.Single();
        var semantic = compilation.GetSemanticModel(tree);
        var syntax = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == method);
        var symbol = (IMethodSymbol)semantic.GetDeclaredSymbol(syntax)!;
        var model = MethodAnalyzer.Analyze(syntax, symbol, semantic, CancellationToken.None, chooseBackward: AutoDiffGen.Generator.Differentiation.CarriedPlans.Choose).Result.Model;
        Assert.NotNull(model);
        return model!;
    }

    public static AdjointProgram Backward(MethodModel model) => Differentiator.Backward(model.Graph, new Activity(model.Graph));

    /// <summary>Every step, nested blocks included, in order.</summary>
    public static IEnumerable<Step> All(IEnumerable<Step> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            var inner = step switch
            {
                Branch b => b.Then.Concat(b.Else is { } e ? e : Enumerable.Empty<Step>()),
                ForwardLoop f => f.Body,
                ReverseLoop r => r.Body,
                _ => Enumerable.Empty<Step>(),
            };
            foreach (var s in All(inner)) yield return s;
        }
    }
}
