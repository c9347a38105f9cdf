using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// The emitter's shortcuts for its own speed (issue 12, generator time) give the text the long way gives: forward
/// inlining rewrites only the lines it changes instead of writing the program twice, and SingleUseAdjoints looks for a
/// name as a whole word without building a regex per name.
/// </summary>
public class EmitterShortcutTests
{
    /// <summary>
    /// Property: on random programs, the patched text equals the program written again with the same choice, for
    /// <c>MBackward</c>'s programs and for <c>MForward</c>'s tangent programs (values and tangents inlined).
    /// </summary>
    [Fact]
    public void Patching_the_inlined_lines_equals_writing_the_program_again()
    {
        var generator = new RandomProgramGenerator(20261203);
        var programs = Enumerable.Range(0, 80).Select(i => generator.Next("P" + i)).Where(p => !p.MustBeDiagnosed).ToList();
        var compilation = GeneratorHarness.CreateCompilation(RandomProgram.Source("R", programs, forward: true));
        var tree = compilation.SyntaxTrees.Single();
        var semantic = compilation.GetSemanticModel(tree);
        int compared = 0, inlinedAny = 0, tangentsInlined = 0;
        foreach (var syntax in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
        {
            var symbol = (IMethodSymbol)semantic.GetDeclaredSymbol(syntax)!;
            if (MethodAnalyzer.Analyze(syntax, symbol, semantic, CancellationToken.None, chooseBackward: AutoDiffGen.Generator.Differentiation.CarriedPlans.Choose).Result.Model is not { } model) continue;
            var graph = ParameterCopy.Apply(model.Graph);
            foreach (bool tangent in new[] { false, true })
            {
                var g = tangent ? model.Graph : graph;
                var program = tangent ? Differentiator.Tangents(g, new Activity(g), model.Tangents) : Differentiator.Backward(g, new Activity(g));
                var first = new IndentedWriter();
                var recorded = ProgramWriter.WriteRecorded(first, g, program, nullableSyntax: true, comments: false);
                string text = first.ToString();
                var (inline, tangents) = ForwardInlining.Choose(g.Nodes, program, text);
                var again = new IndentedWriter();
                ProgramWriter.Write(again, g, program, nullableSyntax: true, comments: false, inline, tangents);
                Assert.Equal(again.ToString(), recorded.Inlined(text, inline, tangents));
                if (!tangent) compared++;
                if (!tangent && inline.Count > 0) inlinedAny++;
                if (tangent && tangents.Count > 0) tangentsInlined++;
            }
        }
        Assert.True(compared > 60, compared + " programs compared");
        Assert.True(inlinedAny > compared / 3, inlinedAny + " of " + compared + " inline something");
        Assert.True(tangentsInlined > compared / 3, tangentsInlined + " of " + compared + " tangent programs inline a tangent");
    }

    /// <summary>Every UTF-16 code unit before and after a name: the same answer as the regex it replaces.</summary>
    [Fact]
    public void A_whole_word_search_agrees_with_the_regex_for_every_neighbouring_character()
    {
        const string name = "dA_1";
        var regex = new Regex(@"(?<![\w@])" + Regex.Escape(name) + @"(?!\w)");
        int words = 0;
        for (int c = 0; c <= char.MaxValue; c++)
        {
            char ch = (char)c;
            foreach (var text in new[] { ch + name, name + ch, "x " + ch + name + ch + " y", name + "x " + ch + name })
            {
                bool expected = regex.IsMatch(text);
                Assert.True(expected == SingleUseAdjoints.NamedIn(text, name), $"U+{c:X4} in \"{text}\": regex {expected}");
            }
            if (!regex.IsMatch(ch + name)) words++;
        }
        // Not a vacuous comparison: letters, digits, marks and '@' block the match before the name.
        Assert.True(words > 10_000, words + " characters join the name");
    }
}
