using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Architecture;

/// <summary>
/// The generator's folders form layers, and the layers form no cycle.
/// How it checks: every .cs file under generator/AutoDiffGen.Generator (bin/ and obj/ excluded) is parsed
/// and compiled together with Roslyn. In each file, every name (identifier, generic name, target-typed
/// <c>new()</c>) is bound with the semantic model; when the symbol it binds to (a type, method, field,
/// property, extension method…) is declared in a generator source file, the declaring file's folder is
/// a dependency of the using file's folder. So a dependency counts whether it was written through a
/// <c>using</c>, fully qualified, or as an extension method; what is never named (a <c>var</c>'s inferred
/// type) does not count, since the code that produced it is named somewhere. A <c>using
/// AutoDiffGen.Generator.X;</c> counts too, even unused, since namespaces follow folders (checked below):
/// a stale using would make a layer look wrong to a reader.
/// </summary>
public class FolderDependencyTests
{
    private const string Root = "(root)";
    private const string Namespace = "AutoDiffGen.Generator";

    /// <summary>
    /// Which folders each folder may use: Helpers ← Graph ← Model ← Diagnostics ← Derivatives ← Lowering,
    /// and Differentiation (after Derivatives: the primal graph → the adjoint program) ← Emit ← GraphView.
    /// The root (the pipeline) may use everything.
    /// </summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["Helpers"] = [],
        ["Graph"] = ["Helpers"],
        ["Model"] = ["Helpers", "Graph"],
        ["Diagnostics"] = ["Helpers", "Model"],
        ["Derivatives"] = ["Helpers", "Graph", "Model", "Diagnostics"],
        ["Lowering"] = ["Helpers", "Graph", "Model", "Diagnostics", "Derivatives"],
        ["Differentiation"] = ["Helpers", "Graph", "Model", "Derivatives"],
        ["Emit"] = ["Helpers", "Graph", "Model", "Derivatives", "Differentiation"],
        ["GraphView"] = ["Helpers", "Graph", "Model", "Diagnostics", "Derivatives", "Differentiation", "Emit"],
        // The analysis cache wraps the whole transform's output; only the pipeline uses it.
        ["Caching"] = ["Helpers", "Graph", "Model"],
        // Generic math reads a method over double and runs the whole analysis and emission on it, then writes the result over T.
        ["GenericMath"] = ["Helpers", "Graph", "Model", "Diagnostics", "Derivatives", "Lowering", "Differentiation", "Emit"],
        [Root] = ["Helpers", "Graph", "Model", "Diagnostics", "Derivatives", "Lowering", "Differentiation", "Emit", "GraphView", "Caching", "GenericMath"],
    };

    private static readonly Lazy<Dictionary<(string From, string To), string>> Edges = new(FindEdges);

    [Fact]
    public void Every_folder_is_in_the_layer_list()
    {
        var folders = SourceFiles().Select(f => Folder(f.Relative)).Distinct().OrderBy(f => f, StringComparer.Ordinal).ToList();
        Assert.Equal(Allowed.Keys.OrderBy(f => f, StringComparer.Ordinal), folders);
    }

    [Fact]
    public void Namespaces_follow_folders()
    {
        var wrong = new List<string>();
        foreach (var (full, relative) in SourceFiles())
        {
            string folder = Folder(relative);
            string expected = folder == Root ? Namespace : Namespace + "." + folder;
            var declared = CSharpSyntaxTree.ParseText(File.ReadAllText(full)).GetRoot().DescendantNodes()
                .OfType<BaseNamespaceDeclarationSyntax>().Select(n => n.Name.ToString()).ToList();
            if (declared.Count != 1 || declared[0] != expected) wrong.Add(relative + ": " + string.Join(", ", declared));
        }
        Assert.True(wrong.Count == 0, "Files whose namespace is not their folder's:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void The_scan_sees_known_dependencies()
    {
        // Guards the scan itself: if binding silently failed, no edge would be found and the tests below would pass vacuously.
        Assert.Contains(("Lowering", "Graph"), Edges.Value.Keys);
        Assert.Contains(("Emit", "Helpers"), Edges.Value.Keys);
        Assert.Contains(("GraphView", "Emit"), Edges.Value.Keys);
    }

    [Fact]
    public void Folders_use_only_the_layers_below_them()
    {
        var forbidden = Edges.Value
            .Where(e => !Allowed.TryGetValue(e.Key.From, out var allowed) || !allowed.Contains(e.Key.To))
            .Select(e => e.Key.From + " → " + e.Key.To + " (e.g. " + e.Value + ")")
            .OrderBy(s => s, StringComparer.Ordinal)
            .ToList();
        Assert.True(forbidden.Count == 0, "Folder dependencies against the layer list:\n" + string.Join("\n", forbidden));
    }

    [Fact]
    public void The_folder_graph_is_acyclic()
    {
        var next = Edges.Value.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());
        var state = new Dictionary<string, int>(); // 1 = on the current path, 2 = done
        var path = new List<string>();
        string? cycle = null;

        void Visit(string folder)
        {
            if (cycle is not null) return;
            state[folder] = 1;
            path.Add(folder);
            foreach (var to in next.GetValueOrDefault(folder, []))
            {
                if (state.GetValueOrDefault(to) == 1) cycle ??= string.Join(" → ", path.SkipWhile(f => f != to).Append(to));
                else if (state.GetValueOrDefault(to) == 0) Visit(to);
            }
            path.RemoveAt(path.Count - 1);
            state[folder] = 2;
        }

        foreach (var folder in next.Keys.OrderBy(f => f, StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(folder) == 0) Visit(folder);
        }
        Assert.True(cycle is null, "Folder cycle: " + cycle);
    }

    /// <summary>(from folder, to folder) → one reference that makes the edge, "file: name".</summary>
    private static Dictionary<(string From, string To), string> FindEdges()
    {
        var files = SourceFiles();
        var trees = files.Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f.Full), new CSharpParseOptions(LanguageVersion.Latest), path: f.Relative)).ToList();
        var references = Basic.Reference.Assemblies.Net100.References.All.Cast<MetadataReference>()
            .Append(MetadataReference.CreateFromFile(typeof(CSharpCompilation).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Compilation).Assembly.Location));
        var compilation = CSharpCompilation.Create("GeneratorSources", trees, references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));

        var edges = new Dictionary<(string, string), string>();
        foreach (var tree in trees)
        {
            string from = Folder(tree.FilePath);
            foreach (var directive in tree.GetRoot().DescendantNodes().OfType<UsingDirectiveSyntax>())
            {
                string name = directive.Name?.ToString() ?? "";
                if (!name.StartsWith(Namespace + ".", StringComparison.Ordinal)) continue;
                string to = name.Substring(Namespace.Length + 1).Split('.')[0];
                if (to != from) edges.TryAdd((from, to), tree.FilePath + ": using " + name);
            }
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or ImplicitObjectCreationExpressionSyntax)) continue;
                var info = model.GetSymbolInfo(node);
                var symbol = info.Symbol ?? info.CandidateSymbols.FirstOrDefault();
                if (symbol is null or INamespaceSymbol) continue; // a namespace is declared in every folder
                if (symbol is IMethodSymbol { ReducedFrom: { } extension }) symbol = extension;
                foreach (var declaration in symbol.OriginalDefinition.DeclaringSyntaxReferences)
                {
                    if (declaration.SyntaxTree.FilePath.Length == 0) continue;
                    string to = Folder(declaration.SyntaxTree.FilePath);
                    if (to != from) edges.TryAdd((from, to), tree.FilePath + ": " + node);
                }
            }
        }
        return edges;
    }

    private static string Folder(string relative)
    {
        int slash = relative.IndexOf('/');
        return slash < 0 ? Root : relative.Substring(0, slash);
    }

    private static List<(string Full, string Relative)> SourceFiles()
    {
        string dir = Path.Combine(RepoRoot(), "generator", "AutoDiffGen.Generator");
        return Directory.EnumerateFiles(dir, "*.cs", SearchOption.AllDirectories)
            .Select(full => (full, Path.GetRelativePath(dir, full).Replace('\\', '/')))
            .Where(f => !f.Item2.StartsWith("obj/", StringComparison.Ordinal) && !f.Item2.StartsWith("bin/", StringComparison.Ordinal))
            .OrderBy(f => f.Item2, StringComparer.Ordinal)
            .ToList();
    }

    private static string RepoRoot([CallerFilePath] string path = "")
    {
        for (var dir = new DirectoryInfo(Path.GetDirectoryName(path)!); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AutoDiffGen.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("No AutoDiffGen.sln above " + path);
    }
}
