using System.Reflection;
using AutoDiffGen.Generator.Tests.Corpus;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>
/// The corpus runner's idea for the other modes: compiles the translated sources (Nullable on) with the generator,
/// gives every mode a [Differentiable(Forward/Hessian/Jacobian = true)] method asks for a verdict, and judges what was
/// generated through <see cref="ModeProbes"/> with <see cref="ModeJudge"/>. An ADG error at the method makes each of
/// its modes Diagnosed; a generated method that does not compile, or neither a method nor an error, is Broken.
/// </summary>
public static class ModeRunner
{
    public sealed record Run(List<ModeCase> Cases, List<string> Global);

    public static Run Execute(string directory)
    {
        var files = Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).ToArray();
        var compilation = GeneratorHarness.CreateCompilation(files.Select(File.ReadAllText).ToArray());
        var fileOf = compilation.SyntaxTrees.Select((t, i) => (t, Path.GetFileName(files[i]))).ToDictionary(p => p.t, p => p.Item2);
        var before = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ToArray();
        if (before.Length > 0) throw new Xunit.Sdk.XunitException("The translated sources do not compile:\n" + string.Join("\n", before.Take(20)));

        var global = new List<string>();
        var targets = FindTargets(compilation, fileOf);
        var cases = targets.SelectMany(t => t.Cases).ToList();
        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var result = driver.GetRunResult();
        foreach (var e in result.Results.Select(r => r.Exception).Where(e => e is not null))
        {
            global.Add("generator exception: " + e!.GetType().Name + ": " + e.Message);
            foreach (var c in cases) c.Method.Break("generator threw");
        }
        var userTrees = new HashSet<SyntaxTree>(compilation.SyntaxTrees);
        foreach (var d in generatorDiagnostics.Concat(result.Diagnostics).Concat(GeneratorHarness.AnalyzerDiagnostics(output, includeSuppressed: true)).Distinct())
        {
            var target = d.Location.SourceTree is { } tree && userTrees.Contains(tree) ? targets.FirstOrDefault(t => t.Tree == tree && t.Span.Contains(d.Location.SourceSpan)) : null;
            string text = d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            if (target is null)
            {
                // A helper's own error (a callee that is only [Differentiable]) is the helper's: it shows at the caller too.
                if (d.Severity == DiagnosticSeverity.Error || d.Id == "ADG9999") global.Add("unattributed: " + d);
                continue;
            }
            foreach (var c in target.Cases)
            {
                if (d.Id == "ADG9999" || d.Id.StartsWith("CS", StringComparison.Ordinal)) c.Method.Break(text);
                else if (d.Severity == DiagnosticSeverity.Error) { c.Method.ErrorIds.Add(d.Id); c.Method.Details.Add(text); }
                else c.Method.WarningIds.Add(d.Id);
            }
        }

        var outputCompilation = (CSharpCompilation)output;
        var generatedTrees = outputCompilation.SyntaxTrees.Where(t => !userTrees.Contains(t)).ToHashSet();
        var probes = new Dictionary<ModeCase, SyntaxTree>();
        var declaredIn = new Dictionary<ModeCase, SyntaxTree>();
        var index = 0;
        foreach (var t in targets)
        {
            var type = outputCompilation.GetTypeByMetadataName(t.TypeName);
            var primal = type?.GetMembers(t.Name).OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Select(p => p.Type.ToDisplayString()).SequenceEqual(t.ParameterTypes));
            foreach (var c in t.Cases)
            {
                var generated = type?.GetMembers(c.Generated).OfType<IMethodSymbol>()
                    .FirstOrDefault(m => m.Parameters.Length > t.ParameterTypes.Length && m.Parameters.Take(t.ParameterTypes.Length).Select(p => p.Type.ToDisplayString()).SequenceEqual(t.ParameterTypes));
                if (c.Method.Status == CorpusStatus.Broken) continue;
                if (c.Method.ErrorIds.Count > 0)
                {
                    if (generated is not null) c.Method.Break("an ADG error was reported but " + c.Generated + " was generated");
                    else c.Method.Status = CorpusStatus.Diagnosed;
                    continue;
                }
                if (generated is null || primal is null) { c.Method.Break("no " + c.Generated + " and no ADG error"); continue; }
                if (generated.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree is { } declared) declaredIn[c] = declared;
                var vector = c.Mode == PeerMode.Hessian ? type!.GetMembers(t.Name + "HessianVector").OfType<IMethodSymbol>().FirstOrDefault(m => m.Parameters.Length == t.ParameterTypes.Length + 2) : null;
                var text = ModeProbes.Write(c, index, primal, generated, vector, out var why);
                if (text is null) { c.Method.Break(why); continue; }
                probes[c] = CSharpSyntaxTree.ParseText(text, GeneratorHarness.ParseOptions, path: "Probe" + index + ".cs");
                c.ProbeClass = ModeProbes.Namespace + "." + ModeProbes.ClassName(index);
                index++;
            }
        }

        // Emit; leave out what does not compile (blaming its owners) until the rest does.
        var emitting = outputCompilation.AddSyntaxTrees(probes.Values);
        Assembly? assembly = null;
        for (int round = 0; round < 6 && assembly is null; round++)
        {
            var diagnostics = Emit(emitting, out assembly);
            var bad = new HashSet<SyntaxTree>();
            foreach (var d in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"))
            {
                var tree = d.Location.SourceTree;
                string text = d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
                if (tree is null || userTrees.Contains(tree)) { global.Add("compile: " + d); continue; }
                if (d.Severity == DiagnosticSeverity.Error) bad.Add(tree);
                if (generatedTrees.Contains(tree))
                {
                    var owners = declaredIn.Where(p => p.Value == tree).Select(p => p.Key).ToList();
                    if (owners.Count == 0) global.Add("generated file " + Path.GetFileName(tree.FilePath) + ": " + d);
                    foreach (var c in owners) c.Method.Break("generated: " + text + " at " + d.Location.GetLineSpan().StartLinePosition);
                }
                else
                {
                    foreach (var c in probes.Where(p => p.Value == tree).Select(p => p.Key)) c.Method.Break("the probe calling " + c.Generated + " does not compile: " + text);
                }
            }
            if (assembly is not null || bad.Count == 0) break;
            emitting = emitting.RemoveSyntaxTrees(bad.Where(emitting.SyntaxTrees.Contains));
        }
        if (assembly is null) global.Add("the output could not be emitted");

        foreach (var c in cases)
        {
            if (c.Method.Status != CorpusStatus.Ok) continue;
            if (assembly is null || c.ProbeClass is null) { c.Method.Break("not emitted"); continue; }
            try
            {
                ModeJudge.Judge(assembly, c);
            }
            catch (Exception e) when (e is TimeoutException or InvalidOperationException or InvalidCastException or ArgumentException)
            {
                c.Method.Break("judge: " + e.GetType().Name + ": " + e.Message + " " + e.StackTrace?.Split('\n').FirstOrDefault());
            }
        }
        return new Run(cases, global);
    }

    private static System.Collections.Immutable.ImmutableArray<Diagnostic> Emit(Compilation compilation, out Assembly? assembly)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        assembly = null;
        if (emit.Success)
        {
            stream.Position = 0;
            assembly = new System.Runtime.Loader.AssemblyLoadContext("peermodes-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
        }
        return emit.Diagnostics;
    }

    private sealed record Target(string TypeName, string Name, string[] ParameterTypes, SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span, List<ModeCase> Cases);

    /// <summary>Every method whose [Differentiable] sets Forward, Hessian or Jacobian to true: one case per mode.</summary>
    private static List<Target> FindTargets(CSharpCompilation compilation, Dictionary<SyntaxTree, string> fileOf)
    {
        var list = new List<Target>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var decl in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var attribute = decl.AttributeLists.SelectMany(a => a.Attributes).FirstOrDefault(a => a.Name.ToString() is "Differentiable" or "DifferentiableAttribute");
                if (attribute?.ArgumentList is null) continue;
                var modes = attribute.ArgumentList.Arguments
                    .Where(a => a.NameEquals is not null && a.Expression.ToString() == "true" && Enum.TryParse<PeerMode>(a.NameEquals.Name.Identifier.ValueText, out _))
                    .Select(a => Enum.Parse<PeerMode>(a.NameEquals!.Name.Identifier.ValueText)).ToList();
                if (modes.Count == 0) continue;
                var symbol = model.GetDeclaredSymbol(decl)!;
                string typeName = MetadataName(symbol.ContainingType);
                var parameterTypes = symbol.Parameters.Select(p => p.Type.ToDisplayString()).ToArray();
                var noDiff = symbol.Parameters.Select(ModeProbes.IsNoDiff).ToArray();
                var cases = modes.Select(mode => new ModeCase(mode, new CorpusMethod(fileOf[tree], typeName, symbol.Name, parameterTypes, symbol.IsStatic) { NoDiff = noDiff })).ToList();
                list.Add(new Target(typeName, symbol.Name, parameterTypes, tree, decl.Span, cases));
            }
        }
        return list;
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;
}
