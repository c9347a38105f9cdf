using System.Collections.Immutable;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Compiles the whole corpus in one compilation (Nullable on), runs the generator, and gives every
/// [Differentiable] method a verdict. Only generated code is judged: the copied files silence their own warnings.
/// </summary>
public static class CorpusRunner
{
    public static string SourceDirectory => Path.Combine(AppContext.BaseDirectory, "Corpus", "Sources");

    /// <summary>Generator-level problems not tied to one method (crash, diagnostics outside any target).</summary>
    public sealed record Run(List<CorpusMethod> Methods, List<string> Global, TimeSpan Generate, TimeSpan Judge)
    {
        /// <summary>
        /// [Differentiable] methods the judge cannot call by reflection (void, ref/out/in or span parameters, tuple
        /// results): judged through their callers. Diagnosed when an ADG error sits at them, else Ok; errors there are
        /// theirs, not global.
        /// </summary>
        public List<CorpusMethod> Helpers { get; init; } = new();

        /// <summary>The emitted output (null when it could not be emitted), for tests that call Backwards at points of their own.</summary>
        public Assembly? Assembly { get; init; }
    }

    public static Run Execute() => Execute(SourceDirectory);

    /// <summary>Judges every [Differentiable] method of the .cs files in <paramref name="directory"/> (PeerSuiteTests reuses it).</summary>
    public static Run Execute(string directory) => Execute(directory, judgeStructs: false);

    /// <summary>
    /// As <see cref="Execute(string)"/>; with <paramref name="judgeStructs"/> (the held-out tool) a method taking structs of
    /// reals by value (OpenTK's <c>Vector3d.Dot(Vector3d, Vector3d)</c>) is judged itself, each field a coordinate, instead of
    /// through its callers.
    /// </summary>
    public static Run Execute(string directory, bool judgeStructs)
    {
        var prepared = Prepare(Read(directory), judgeStructs);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var m in prepared.Methods) JudgeMethod(prepared, m);
        return new Run(prepared.Methods, prepared.Global, prepared.Generate, clock.Elapsed) { Assembly = prepared.Assembly, Helpers = prepared.Helpers };
    }

    /// <summary>The .cs files of <paramref name="directory"/> in ordinal order: (file name, text).</summary>
    public static IReadOnlyList<(string Name, string Text)> Read(string directory) =>
        Directory.GetFiles(directory, "*.cs").OrderBy(f => f, StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f))).ToList();

    /// <summary>
    /// A corpus compiled, generated, attributed and emitted, before any method is judged: <see cref="JudgeMethod"/> then
    /// judges its methods one at a time (the natural batch judges them file by file, in parallel test classes).
    /// </summary>
    public sealed record Prepared(List<CorpusMethod> Methods, List<CorpusMethod> Helpers, List<string> Global, Assembly? Assembly,
        IReadOnlySet<CorpusMethod> HasBackward, TimeSpan Generate);

    /// <summary>Compiles <paramref name="files"/> (name, text; in this order) in one compilation and gives every method all but its gradient verdict.</summary>
    public static Prepared Prepare(IReadOnlyList<(string Name, string Text)> files, bool judgeStructs = false)
    {
        var compilation = GeneratorHarness.CreateCompilation(files.Select(f => f.Text).ToArray());
        var fileOf = compilation.SyntaxTrees.Select((t, i) => (t, files[i].Name)).ToDictionary(p => p.t, p => p.Item2);
        var global = new List<string>();

        // The copied code must compile by itself, or nothing below means anything.
        var before = compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591").ToArray();
        if (before.Length > 0) throw new Xunit.Sdk.XunitException("The corpus itself does not compile:\n" + string.Join("\n", before.Take(20)));

        var helpers = new List<Target>();
        var targets = FindTargets(compilation, fileOf, helpers, judgeStructs);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var driver = GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var generatorDiagnostics);
        var run = driver.GetRunResult();
        foreach (var e in run.Results.Select(r => r.Exception).Where(e => e is not null))
        {
            global.Add("generator exception: " + e!.GetType().Name + ": " + e.Message);
            foreach (var t in targets) t.Method.Break("generator threw");
        }

        var userTrees = new HashSet<SyntaxTree>(compilation.SyntaxTrees);
        // The declaration analyzer's rules count as diagnosed too: a user sees them in the same build. The copied files
        // open with a blanket #pragma warning disable (for their own warnings), which an analyzer's errors obey, unlike
        // the generator's; so the suppressed ones are counted as well.
        foreach (var d in generatorDiagnostics.Concat(run.Diagnostics).Concat(GeneratorHarness.DeclarationDiagnostics(output, includeSuppressed: true)).Distinct())
        {
            var target = d.Location.SourceTree is { } tree && userTrees.Contains(tree) ? Enclosing(targets, tree, d.Location.SourceSpan) ?? Enclosing(helpers, tree, d.Location.SourceSpan) : null;
            if (d.Id == "ADG9999" || d.Id.StartsWith("CS", StringComparison.Ordinal))
            {
                if (target is null) global.Add(d.ToString()); else target.Method.Break(d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
            }
            else if (target is null) global.Add("unattributed: " + d);
            else if (d.Severity == DiagnosticSeverity.Error) { target.Method.ErrorIds.Add(d.Id); target.Method.Details.Add(d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)); }
            else target.Method.WarningIds.Add(d.Id);
        }

        var outputCompilation = (CSharpCompilation)output;
        var generatedTrees = outputCompilation.SyntaxTrees.Where(t => !userTrees.Contains(t)).ToList();
        var backwardTree = new Dictionary<CorpusMethod, SyntaxTree>();
        foreach (var t in targets)
        {
            var tree = FindBackward(outputCompilation, t.Method);
            if (tree is not null) backwardTree[t.Method] = tree;
        }

        // Every warning or error of the output compilation counts against generated code (the corpus compiled clean
        // before). Emit reports them all, and a first emit that succeeds saves binding the corpus twice.
        var removed = new HashSet<SyntaxTree>();
        var first = Emit(outputCompilation, out var assembly);
        JudgeCompile(first, targets, backwardTree, userTrees, global, removed);

        // Otherwise emit what compiles: leave out generated files with errors, and in turn their callers', so the rest can run.
        var emitting = outputCompilation;
        for (int round = 0; round < 4 && assembly is null && removed.Count > 0; round++)
        {
            LeaveOutCallers(generatedTrees, removed, backwardTree);
            emitting = outputCompilation.RemoveSyntaxTrees(removed);
            var more = Emit(emitting, out assembly).Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree is { } tree && !userTrees.Contains(tree) && !removed.Contains(tree))
                .Select(d => d.Location.SourceTree!).ToHashSet();
            foreach (var (m, tree) in backwardTree) if (more.Contains(tree)) m.Break("does not compile once a broken callee's generated file is left out");
            if (more.Count == 0) break;
            removed.UnionWith(more);
        }
        if (assembly is null) global.Add("the output could not be emitted even without the broken generated files");
        foreach (var h in helpers.Where(h => h.Method.Status != CorpusStatus.Broken && h.Method.ErrorIds.Count > 0)) h.Method.Status = CorpusStatus.Diagnosed;
        return new Prepared(targets.Select(t => t.Method).ToList(), helpers.Select(h => h.Method).ToList(), global, assembly,
            backwardTree.Keys.ToHashSet(), clock.Elapsed);
    }

    /// <summary>
    /// Gives <paramref name="m"/>, one of <paramref name="prepared"/>'s methods, its verdict: broken or diagnosed as the
    /// compilation left it, else its Backward (and Forward) judged against central differences, all its calls handed to
    /// <see cref="CallLimit"/> in one batch. Call once per method (the verdict is written into it).
    /// </summary>
    public static void JudgeMethod(Prepared prepared, CorpusMethod m)
    {
        bool hasBackward = prepared.HasBackward.Contains(m);
        if (m.Status == CorpusStatus.Broken) return;
        if (m.ErrorIds.Count > 0)
        {
            if (hasBackward) m.Break("an ADG error was reported but a Backward was generated");
            else m.Status = CorpusStatus.Diagnosed;
            return;
        }
        if (!hasBackward) { m.Break("no Backward and no ADG error"); return; }
        if (prepared.Assembly is not { } assembly) { m.Break("output not emitted"); return; }
        try
        {
            CallLimit.Run(() => GradientJudge.Judge(assembly, m));
        }
        catch (TimeoutException e)
        {
            // Counted as broken, so the corpus test names the method instead of hanging.
            m.Break(e.Message + " (narrow its domain in CorpusDomains.cs if the method itself never returns there)");
        }
    }

    /// <summary>
    /// Leaves out, to a fixed point, every generated file that calls a Backward declared in a left-out file, so one
    /// emit usually suffices (each failed emit costs a full bind of the corpus).
    /// </summary>
    private static void LeaveOutCallers(List<SyntaxTree> generated, HashSet<SyntaxTree> removed, Dictionary<CorpusMethod, SyntaxTree> backwardTree)
    {
        for (bool changed = true; changed;)
        {
            changed = false;
            var gone = removed.SelectMany(t => t.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
                .Select(d => d.Ancestors().OfType<TypeDeclarationSyntax>().First().Identifier.Text + "." + d.Identifier.Text).ToHashSet(StringComparer.Ordinal);
            foreach (var tree in generated.Where(t => !removed.Contains(t)))
            {
                var calls = tree.GetRoot().DescendantNodes().OfType<InvocationExpressionSyntax>().Select(i => i.Expression switch
                {
                    MemberAccessExpressionSyntax ma => LastName(ma.Expression) + "." + ma.Name.Identifier.Text,
                    IdentifierNameSyntax id => i.Ancestors().OfType<TypeDeclarationSyntax>().First().Identifier.Text + "." + id.Identifier.Text,
                    _ => "",
                });
                var callee = calls.FirstOrDefault(gone.Contains);
                if (callee is null) continue;
                removed.Add(tree);
                changed = true;
                foreach (var (m, t) in backwardTree) if (t == tree) m.Break("calls " + callee + ", whose generated file does not compile");
            }
        }
    }

    private static ImmutableArray<Diagnostic> Emit(Compilation compilation, out Assembly? assembly)
    {
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        assembly = null;
        if (emit.Success)
        {
            stream.Position = 0;
            assembly = new System.Runtime.Loader.AssemblyLoadContext("corpus-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
        }
        return emit.Diagnostics;
    }

    private static string LastName(ExpressionSyntax e) => e switch
    {
        MemberAccessExpressionSyntax ma => ma.Name.Identifier.Text,
        AliasQualifiedNameSyntax aq => aq.Name.Identifier.Text,
        QualifiedNameSyntax q => q.Right.Identifier.Text,
        SimpleNameSyntax n => n.Identifier.Text,
        _ => e.ToString(),
    };

    private sealed record Target(CorpusMethod Method, SyntaxTree Tree, Microsoft.CodeAnalysis.Text.TextSpan Span);

    private static List<Target> FindTargets(CSharpCompilation compilation, Dictionary<SyntaxTree, string> fileOf, List<Target> helpers, bool judgeStructs)
    {
        var list = new List<Target>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var decl in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                if (!decl.AttributeLists.SelectMany(a => a.Attributes).Any(a => a.Name.ToString() is "Differentiable" or "DifferentiableAttribute")) continue;
                var symbol = model.GetDeclaredSymbol(decl)!;
                // A void helper or one with ref/out/in parameters (the peer suite's Modify(ref double elem, double v)) has no
                // value to take central differences of by reflection: it is judged through its callers (and by hand values).
                // So is one taking a struct (a Vector3, a user's pair, a span) or an array of them (Body[]): the judge perturbs
                // reals and real arrays only.
                if (symbol.ReturnsVoid || symbol.ReturnType.IsTupleType || symbol.ReturnsByRef || symbol.Parameters.Any(p => p.RefKind != RefKind.None || IsStruct(p.Type) && !(judgeStructs && IsRealStruct(p.Type)) || p.Type is IArrayTypeSymbol { ElementType: var element } && IsStruct(element)))
                {
                    helpers.Add(new Target(new CorpusMethod(fileOf[tree], MetadataName(symbol.ContainingType), symbol.Name,
                        symbol.Parameters.Select(p => (p.RefKind == RefKind.None ? "" : p.RefKind.ToString().ToLowerInvariant() + " ") + p.Type.ToDisplayString()).ToArray(), symbol.IsStatic), tree, decl.Span));
                    continue;
                }
                // An instance method of a class the judge cannot construct (an interpolant built by a factory) is judged
                // through its callers too.
                if (!symbol.IsStatic && symbol.ContainingType.TypeKind == TypeKind.Class &&
                    !symbol.ContainingType.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)) continue;
                var method = new CorpusMethod(fileOf[tree], MetadataName(symbol.ContainingType), symbol.Name,
                    symbol.Parameters.Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString().Replace("*", "")).ToArray(), symbol.IsStatic)
                {
                    NoDiff = symbol.Parameters.Select(p => p.GetAttributes().Any(a => a.AttributeClass?.Name == "NoDiffAttribute")).ToArray(),
                    RoundsToFloat = symbol.ReturnType.SpecialType != SpecialType.System_Single && RoundsToFloat(decl, model),
                    RealStruct = symbol.Parameters.Select(p => judgeStructs && IsRealStruct(p.Type)).ToArray(),
                    JudgeStructs = judgeStructs,
                };
                list.Add(new Target(method, tree, decl.Span));
            }
        }
        return list;
    }

    /// <summary>A float local, cast or call result inside a method that returns another type.</summary>
    private static bool RoundsToFloat(MethodDeclarationSyntax decl, SemanticModel model) =>
        decl.DescendantNodes().Any(n => n is InvocationExpressionSyntax or CastExpressionSyntax or VariableDeclarationSyntax &&
            (n is VariableDeclarationSyntax v ? model.GetTypeInfo(v.Type).Type : model.GetTypeInfo(n).Type)?.SpecialType == SpecialType.System_Single);

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer ? MetadataName(outer) + "+" + type.MetadataName : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    private static Target? Enclosing(List<Target> targets, SyntaxTree tree, Microsoft.CodeAnalysis.Text.TextSpan span) =>
        targets.FirstOrDefault(t => t.Tree == tree && t.Span.Contains(span));

    /// <summary>The generated tree declaring <c>NameBackward</c> with the contract's shape for this overload.</summary>
    private static bool IsStruct(ITypeSymbol type) => type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None };

    /// <summary>A struct whose instance fields are all <c>double</c> or all <c>float</c>, nested structs of them too (the judge's <see cref="RealLeaves.IsRealStruct"/>).</summary>
    private static bool IsRealStruct(ITypeSymbol type) => RealKinds(type) is { Count: 1 };

    /// <summary>The real types a struct is made of (null when it holds anything else).</summary>
    private static HashSet<SpecialType>? RealKinds(ITypeSymbol type)
    {
        if (!IsStruct(type)) return null;
        var kinds = new HashSet<SpecialType>();
        foreach (var f in type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst))
        {
            if (f.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single) kinds.Add(f.Type.SpecialType);
            else if (!SymbolEqualityComparer.Default.Equals(f.Type, type) && RealKinds(f.Type) is { } inner) kinds.UnionWith(inner);
            else return null;
        }
        return kinds.Count > 0 ? kinds : null;
    }

    /// <summary>A List, IList or IReadOnlyList parameter of reals, as the method's signature spells it: it has a <c>T[]</c> adjoint.</summary>
    /// <summary>A list or sequence parameter of reals (<c>List</c>, <c>IList</c>, <c>IReadOnlyList</c>, <c>IEnumerable</c>, <c>ICollection</c>, <c>IReadOnlyCollection</c>).</summary>
    private static bool IsRealList(string type) =>
        type.StartsWith("System.Collections.Generic.", StringComparison.Ordinal) && type.EndsWith("<double>", StringComparison.Ordinal) | type.EndsWith("<float>", StringComparison.Ordinal)
            && type.Substring(27, type.IndexOf('<') - 27) is "List" or "IList" or "IReadOnlyList" or "IEnumerable" or "ICollection" or "IReadOnlyCollection";

    private static SyntaxTree? FindBackward(CSharpCompilation output, CorpusMethod m)
    {
        var type = output.GetTypeByMetadataName(m.TypeName);
        var backward = type?.GetMembers(m.Name + "Backward").OfType<IMethodSymbol>().FirstOrDefault(b =>
            b.Parameters.Length == m.ParameterTypes.Length + m.ParameterTypes.Where((t, i) => !m.NoDiff[i] && (m.RealStruct[i] || t is "double" or "float" or "double[]" or "float[]" or "double[,]" or "float[,]" or "double[][]" or "float[][]" or "T" || IsRealList(t))).Count() + 1 &&
            b.Parameters.Take(m.ParameterTypes.Length).Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.None).ToDisplayString().Replace("*", "")).SequenceEqual(m.ParameterTypes));
        return backward?.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree;
    }

    private static void JudgeCompile(ImmutableArray<Diagnostic> diagnostics, List<Target> targets, Dictionary<CorpusMethod, SyntaxTree> backwardTree,
        HashSet<SyntaxTree> userTrees, List<string> global, HashSet<SyntaxTree> removed)
    {
        foreach (var d in diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning && d.Id != "CS1591"))
        {
            var tree = d.Location.SourceTree;
            string text = d.Id + " " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            if (tree is null) { global.Add(text); continue; }
            if (userTrees.Contains(tree))
            {
                // The corpus compiled clean without the generator: whatever appears now was caused by it.
                if (Enclosing(targets, tree, d.Location.SourceSpan) is { } target) target.Method.Break("user file: " + text); else global.Add("user file: " + d);
                continue;
            }
            if (d.Severity == DiagnosticSeverity.Error) removed.Add(tree);
            var owners = backwardTree.Where(p => p.Value == tree).Select(p => p.Key).ToList();
            // A generated file may hold several Backwards: blame the one the diagnostic sits in, when it is one of them.
            var inMethod = tree.GetRoot().FindToken(d.Location.SourceSpan.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (inMethod is not null && owners.Any(m => m.Name + "Backward" == inMethod.Identifier.Text))
                owners = owners.Where(m => m.Name + "Backward" == inMethod.Identifier.Text).ToList();
            if (owners.Count == 0) global.Add("generated file " + Path.GetFileName(tree.FilePath) + ": " + d);
            foreach (var m in owners) m.Break("generated: " + text + " at " + d.Location.GetLineSpan().StartLinePosition);
        }
    }
}
