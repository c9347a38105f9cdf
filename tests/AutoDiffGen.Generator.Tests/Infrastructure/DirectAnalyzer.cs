using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Runs an analyzer made only of syntax-node actions (the declaration analyzer) without the analyzer driver: walks each
/// tree that is not generated code, calls the actions registered for a node's kind with a semantic model that binds only
/// what they ask (declarations and attributes), and applies the compilation's options and <c>#pragma</c> suppressions as
/// the driver does (<see cref="CompilationWithAnalyzers.GetEffectiveDiagnostics(IEnumerable{Diagnostic}, Compilation)"/>).
/// The driver instead forces the compiler's diagnostics, a bind of every method body, to produce its events: where a test
/// emits anyway (<see cref="GeneratorHarness.RunForLoad"/>, the corpus runner) that bind was done twice.
/// <c>AUTODIFFGEN_HARNESS_VERIFY=1</c> compares the two on every use; <c>Harness/HarnessSelfCheckTests</c> on chosen cases.
/// </summary>
internal static class DirectAnalyzer
{
    /// <summary>
    /// What <paramref name="analyzer"/> reports on <paramref name="compilation"/>, as the driver would with
    /// <see cref="GeneratedCodeAnalysisFlags.None"/>; an action that throws, or reports an ID it does not support, gives an
    /// AD0001 (as the driver does), which <see cref="GeneratorHarness.ThrowIfAnalyzerFailed"/> turns into a failure.
    /// </summary>
    public static ImmutableArray<Diagnostic> Run(Compilation compilation, DiagnosticAnalyzer analyzer, bool includeSuppressed)
    {
        using var _ = HarnessProfile.Time("declaration analyzer (direct, no bind of bodies)");
        var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty);
        var registrations = new Registrations();
        analyzer.Initialize(registrations);
        var start = new StartRegistrations(compilation, options);
        foreach (var action in registrations.CompilationStart) action(start);
        if ((registrations.Unsupported ?? start.Unsupported) is { } what)
        {
            throw new NotSupportedException("DirectAnalyzer runs syntax-node actions on user code only; the analyzer registers " + what);
        }

        var supported = analyzer.SupportedDiagnostics.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var generatedCode = compilation.GetTypeByMetadataName("System.CodeDom.Compiler.GeneratedCodeAttribute");
        var reported = new List<Diagnostic>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            if (IsGeneratedFile(tree)) continue;
            SemanticModel? model = null;
            foreach (var node in tree.GetRoot().DescendantNodesAndSelf())
            {
                if (!start.Actions.TryGetValue(node.Kind(), out var actions)) continue;
                model ??= compilation.GetSemanticModel(tree);
                var declared = model.GetDeclaredSymbol(node);
                if (HasGeneratedCodeAttribute(declared, generatedCode)) continue;
                foreach (var action in actions)
                {
                    try
                    {
                        // The constructor is obsolete in favour of the driver, which is what this avoids (its bind of every body).
#pragma warning disable CS0618
                        action(new SyntaxNodeAnalysisContext(node, declared, model, options,
                            d => reported.Add(supported.Contains(d.Id) ? d : Failure(analyzer, new ArgumentException("unsupported diagnostic " + d.Id))),
                            d => supported.Contains(d.Id), CancellationToken.None));
#pragma warning restore CS0618
                    }
                    catch (Exception e)
                    {
                        reported.Add(Failure(analyzer, e));
                    }
                }
            }
        }
        return CompilationWithAnalyzers.GetEffectiveDiagnostics(
                reported.Where(d => d.Id == "AD0001" || d.Location.SourceTree is not { } at || !IsGeneratedFile(at)), compilation)
            .Where(d => includeSuppressed || !d.IsSuppressed).ToImmutableArray();
    }

    // The driver's own ID for an analyzer exception (not a rule of an analyzer project, so no release tracking).
#pragma warning disable RS2008
    private static readonly DiagnosticDescriptor AnalyzerException = new(
        "AD0001", "Analyzer threw", "Analyzer '{0}' threw an exception of type '{1}' with message '{2}'", "Compiler", DiagnosticSeverity.Warning, isEnabledByDefault: true);
#pragma warning restore RS2008

    private static Diagnostic Failure(DiagnosticAnalyzer analyzer, Exception e) =>
        Diagnostic.Create(AnalyzerException, Location.None, analyzer.GetType().FullName, e.GetType().FullName, e.Message + "\n" + e.StackTrace);

    /// <summary>Generated code as the driver tells it (Roslyn's GeneratedCodeUtilities): by the file's name or an auto-generated header comment.</summary>
    internal static bool IsGeneratedFile(SyntaxTree tree)
    {
        string name = Path.GetFileName(tree.FilePath);
        if (name.StartsWith("TemporaryGeneratedFile_", StringComparison.OrdinalIgnoreCase)) return true;
        string stem = Path.GetFileNameWithoutExtension(name);
        if (Path.HasExtension(name) && (stem.EndsWith(".designer", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".generated", StringComparison.OrdinalIgnoreCase)
            || stem.EndsWith(".g", StringComparison.OrdinalIgnoreCase) || stem.EndsWith(".g.i", StringComparison.OrdinalIgnoreCase))) return true;
        foreach (var trivia in tree.GetRoot().GetLeadingTrivia())
        {
            if (trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                string text = trivia.ToString();
                if (text.Contains("<autogenerated", StringComparison.OrdinalIgnoreCase) || text.Contains("<auto-generated", StringComparison.OrdinalIgnoreCase)) return true;
            }
            else if (!trivia.IsKind(SyntaxKind.WhitespaceTrivia) && !trivia.IsKind(SyntaxKind.EndOfLineTrivia)) break;
        }
        return false;
    }

    /// <summary>The declaration, or a type around it, carries [GeneratedCode]: the driver leaves it out too.</summary>
    private static bool HasGeneratedCodeAttribute(ISymbol? symbol, INamedTypeSymbol? attribute)
    {
        if (attribute is null) return false;
        for (var s = symbol; s is not null and not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attribute))) return true;
        }
        return false;
    }

    private sealed class Registrations : AnalysisContext
    {
        public List<Action<CompilationStartAnalysisContext>> CompilationStart { get; } = new();

        public string? Unsupported { get; private set; }

        public override void RegisterCompilationStartAction(Action<CompilationStartAnalysisContext> action) => CompilationStart.Add(action);

        public override void EnableConcurrentExecution()
        {
        }

        public override void ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags analysisMode)
        {
            if (analysisMode != GeneratedCodeAnalysisFlags.None) Unsupported = "generated-code analysis " + analysisMode;
        }

        public override void RegisterCompilationAction(Action<CompilationAnalysisContext> action) => Unsupported = "a compilation action";

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Unsupported = "a semantic-model action";

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Unsupported = "a symbol action";

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Unsupported = "a code-block action";

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Unsupported = "a code-block action";

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Unsupported = "a syntax-tree action";

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds) =>
            Unsupported = "a syntax-node action outside a compilation start";
    }

    private sealed class StartRegistrations(Compilation compilation, AnalyzerOptions options) : CompilationStartAnalysisContext(compilation, options, CancellationToken.None)
    {
        public Dictionary<SyntaxKind, List<Action<SyntaxNodeAnalysisContext>>> Actions { get; } = new();

        public string? Unsupported { get; private set; }

        public override void RegisterSyntaxNodeAction<TLanguageKindEnum>(Action<SyntaxNodeAnalysisContext> action, ImmutableArray<TLanguageKindEnum> syntaxKinds)
        {
            foreach (var kind in syntaxKinds)
            {
                if (kind is not SyntaxKind k)
                {
                    Unsupported = "a syntax-node action of another language";
                    continue;
                }
                if (!Actions.TryGetValue(k, out var list)) Actions[k] = list = new();
                list.Add(action);
            }
        }

        public override void RegisterCompilationEndAction(Action<CompilationAnalysisContext> action) => Unsupported = "a compilation-end action";

        public override void RegisterSemanticModelAction(Action<SemanticModelAnalysisContext> action) => Unsupported = "a semantic-model action";

        public override void RegisterSymbolAction(Action<SymbolAnalysisContext> action, ImmutableArray<SymbolKind> symbolKinds) => Unsupported = "a symbol action";

        public override void RegisterCodeBlockStartAction<TLanguageKindEnum>(Action<CodeBlockStartAnalysisContext<TLanguageKindEnum>> action) => Unsupported = "a code-block action";

        public override void RegisterCodeBlockAction(Action<CodeBlockAnalysisContext> action) => Unsupported = "a code-block action";

        public override void RegisterSyntaxTreeAction(Action<SyntaxTreeAnalysisContext> action) => Unsupported = "a syntax-tree action";
    }
}
