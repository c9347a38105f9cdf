using System.Text;
using AutoDiffGen.Generator.Caching;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Caching;

/// <summary>
/// AnalysisCache's invariant, held to account: random sequences of edits to a project of several files (body
/// edits, signature edits, attributes, adding and removing a [DerivativeOf], edits of a callee in another file,
/// comments inside and outside bodies), and after each edit the output of a driver kept across all edits (which
/// reuses analyses) equals that of a fresh driver on freshly parsed trees (which cannot): the same files, the
/// same diagnostics at the same places with the same suppression, and every location in a tree of the current
/// compilation.
/// </summary>
public class CachedEqualsFreshTests
{
    private const int Files = 3, MethodsPerFile = 3, Steps = 40;

    private readonly ITestOutputHelper _output;

    public CachedEqualsFreshTests(ITestOutputHelper output) => _output = output;

    private sealed class Method
    {
        public int Body;          // 0..5, see Expression
        public int Constant = 1;
        public bool NoDiff;       // [NoDiff] on y: a signature edit that callers in other files must follow
        public bool Graph;        // [Differentiable(Graph = true)]
        public int Comment;       // a comment inside the body: moves nothing outside it
        public (int File, int Index) Callee = (0, 0);
    }

    private sealed class Project
    {
        public readonly Method[,] Methods = new Method[Files, MethodsPerFile];
        public readonly int[] Lead = new int[Files]; // comment lines above the file's declarations
        public bool Derivative = true;
        public int SqBody;

        public string Render(int file)
        {
            var text = new StringBuilder();
            for (int i = 0; i < Lead[file]; i++) text.Append("// lead ").Append(i).Append('\n');
            text.Append("using System;\nusing AutoDiffGen;\n\nnamespace Rnd;\n\npublic static partial class P").Append(file).Append("\n{\n");
            for (int i = 0; i < MethodsPerFile; i++)
            {
                var m = Methods[file, i];
                text.Append("    [Differentiable").Append(m.Graph ? "(Graph = true)" : "").Append("]\n");
                text.Append("    public static double M").Append(file).Append(i).Append("(double x, ").Append(m.NoDiff ? "[NoDiff] " : "").Append("double y)\n    {\n");
                if (m.Comment > 0) text.Append("        /* edit ").Append(m.Comment).Append(" */\n");
                text.Append(m.Body == 3 ? "        try { return x * y; } finally { }\n" : "        return " + Expression(m) + ";\n");
                text.Append("    }\n\n");
            }
            text.Append("}\n");
            return text.ToString();
        }

        private static string Expression(Method m) => m.Body switch
        {
            0 => $"Math.Sin(x * y) + {m.Constant}.5",
            1 => $"x * x * y - {m.Constant}.25",
            2 => $"Math.Floor(x) + y * {m.Constant}",                            // ADG0011, a warning
            4 => $"P{m.Callee.File}.M{m.Callee.File}{m.Callee.Index}(x, y) * {m.Constant}", // a call into another file
            _ => $"H.Sq(x) + y * {m.Constant}",                                  // a [DerivativeOf] call (ADG0004 without it)
        };

        public string RenderHelper() =>
            "using AutoDiffGen;\n\nnamespace Rnd;\n\npublic static class H\n{\n" +
            $"    public static double Sq(double x) => {(SqBody == 0 ? "x * x" : "x * x * 1.0")};\n\n" +
            (Derivative ? "    [DerivativeOf(nameof(Sq))]\n    private static double SqBackward(double x, ref double dX, double dResult = 1)\n    {\n        dX += 2 * x * dResult;\n        return x * x;\n    }\n" : "") +
            "}\n";
    }

    private static string PathOf(int file) => file == Files ? "H.cs" : $"P{file}.cs";

    /// <summary>Applies one random edit; returns the file it changed and what it did.</summary>
    private static (int File, string What) Edit(Project p, Random random)
    {
        int f = random.Next(Files), i = random.Next(MethodsPerFile);
        var m = p.Methods[f, i];
        switch (random.Next(9))
        {
            case 0: m.Body = random.Next(6); return (f, $"body of M{f}{i} → {m.Body}");
            case 1: m.Constant = random.Next(1, 9); return (f, $"constant of M{f}{i}");
            case 2: m.NoDiff = !m.NoDiff; return (f, $"[NoDiff] y of M{f}{i}: {m.NoDiff}");
            case 3: m.Graph = !m.Graph; return (f, $"Graph of M{f}{i}: {m.Graph}");
            case 4: m.Comment++; return (f, $"comment in M{f}{i}");
            case 5: p.Lead[f] = (p.Lead[f] + 1) % 3; return (f, $"lead comment of P{f}");
            case 6: p.Derivative = !p.Derivative; return (Files, $"[DerivativeOf] SqBackward: {p.Derivative}");
            case 7: m.Body = 4; m.Callee = ((f + 1 + random.Next(Files - 1)) % Files, random.Next(MethodsPerFile)); return (f, $"M{f}{i} calls M{m.Callee.File}{m.Callee.Index}");
            default: p.SqBody = 1 - p.SqBody; return (Files, "body of H.Sq");
        }
    }

    private static string[] Texts(Project p) => Enumerable.Range(0, Files).Select(p.Render).Append(p.RenderHelper()).ToArray();

    private static CSharpCompilation Parse(string[] texts) =>
        GeneratorHarness.CreateCompilation().AddSyntaxTrees(texts.Select((t, i) => CSharpSyntaxTree.ParseText(t, GeneratorHarness.ParseOptions, PathOf(i))));

    /// <summary>The generated files and the diagnostics (where, suppressed or not, and what) of a run.</summary>
    private static (SortedDictionary<string, string> Files, string[] Diagnostics) Output(GeneratorDriver driver, Compilation compilation)
    {
        var run = driver.GetRunResult();
        Assert.All(run.Results, r => Assert.Null(r.Exception));
        foreach (var d in run.Diagnostics.Where(d => d.Location.IsInSource))
        {
            Assert.Contains(d.Location.SourceTree, compilation.SyntaxTrees); // never a tree of an earlier compilation
        }
        var diagnostics = run.Diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan()} suppressed={d.IsSuppressed}: {d.GetMessage()}").OrderBy(s => s, StringComparer.Ordinal).ToArray();
        return (IncrementalSteps.Generated(driver), diagnostics);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    public void AfterEveryRandomEdit_TheCachedDriverEqualsAFreshOne(int seed)
    {
        var random = new Random(seed);
        var project = new Project();
        for (int f = 0; f < Files; f++)
        {
            for (int i = 0; i < MethodsPerFile; i++) project.Methods[f, i] = new Method { Body = (f + i) % 6 == 3 ? 0 : (f + i) % 6, Callee = ((f + 1) % Files, i) };
        }
        var texts = Texts(project);
        var compilation = Parse(texts);
        var kept = GeneratorHarness.CreateDriver().RunGenerators(compilation);
        long hitsBefore = AnalysisCache.Hits, movesBefore = AnalysisCache.Moves;
        int withDiagnostics = 0, generatedTotal = 0;
        for (int step = 0; step < Steps; step++)
        {
            var (file, what) = Edit(project, random);
            string text = file == Files ? project.RenderHelper() : project.Render(file);
            texts[file] = text;
            // Only the edited file gets a new tree: the others keep their tree objects, as in an IDE.
            var old = compilation.SyntaxTrees.Single(t => t.FilePath == PathOf(file));
            compilation = compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, PathOf(file)));
            kept = kept.RunGenerators(compilation);
            var cached = Output(kept, compilation);

            var freshCompilation = Parse(texts); // new tree objects: nothing for the cache to find
            var fresh = Output(GeneratorHarness.CreateDriver().RunGenerators(freshCompilation), freshCompilation);
            Assert.True(fresh.Files.SequenceEqual(cached.Files), $"seed {seed}, step {step} ({what}): generated files differ");
            Assert.True(fresh.Diagnostics.SequenceEqual(cached.Diagnostics),
                $"seed {seed}, step {step} ({what}): diagnostics differ\nfresh:\n{string.Join("\n", fresh.Diagnostics)}\ncached:\n{string.Join("\n", cached.Diagnostics)}");
            withDiagnostics += cached.Diagnostics.Length > 0 ? 1 : 0;
            generatedTotal += cached.Files.Count;
        }
        long hits = AnalysisCache.Hits - hitsBefore, moves = AnalysisCache.Moves - movesBefore;
        _output.WriteLine($"seed {seed}: {hits} analyses reused ({moves} moved into a new tree of their file), {withDiagnostics} of {Steps} steps with diagnostics, {generatedTotal} files generated in all");
        Assert.True(hits > 0, "the kept driver should have reused analyses");
        Assert.True(withDiagnostics > 0 && generatedTotal > 0, "the edits should produce both code and diagnostics");
    }

    [Fact]
    public void OptOutSymbol_TurnsTheCacheOff()
    {
        Assert.True(AnalysisCache.IsEnabled(CSharpSyntaxTree.ParseText("class C { }", GeneratorHarness.ParseOptions)));
        var off = GeneratorHarness.ParseOptions.WithPreprocessorSymbols(AnalysisCache.OptOutSymbol);
        Assert.False(AnalysisCache.IsEnabled(CSharpSyntaxTree.ParseText("class C { }", off)));
    }

    [Theory]
    [InlineData("build")]
    [InlineData("buildTransitive")]
    public void MSBuildProperty_DefinesTheOptOutSymbol(string folder)
    {
        string root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "AutoDiffGen.sln"))) root = Path.GetDirectoryName(root)!;
        var targets = System.Xml.Linq.XDocument.Load(Path.Combine(root, "src", "AutoDiffGen", folder, "AutoDiffGen.targets"));
        var group = Assert.Single(targets.Root!.Elements("PropertyGroup"));
        Assert.Equal("'$(AutoDiffGenAnalysisCache)' == 'false'", group.Attribute("Condition")!.Value);
        Assert.Equal("$(DefineConstants);" + AnalysisCache.OptOutSymbol, group.Element("DefineConstants")!.Value);
    }
}
