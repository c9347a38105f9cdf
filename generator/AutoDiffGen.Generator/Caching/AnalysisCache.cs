using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text;
using System.Threading;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Caching;

/// <summary>
/// Reuses a method's analysis across compilations that differ only in member bodies of other files: the usual
/// edit in an IDE. ForAttributeWithMetadataName runs the transform of every [Differentiable] method again
/// whenever the compilation changes (every keystroke), so without this one edit re-binds and re-lowers all of
/// them (~0.9 s for the 1,000 methods of the compile-cost project, docs/performance.md). Within a tree object a
/// result is found by position; in a new tree of the same file (the edited file in an IDE, every file of a build
/// through the compiler server, where the generator stays loaded and each build parses anew) it is moved there when
/// the method's text and surroundings are unchanged (AnalysisCache.Moved.cs).
/// <para>
/// <b>Invariant</b> (why a reused result equals a fresh one): a result is reused only for the same tree object
/// (so the same text) and the same position in it, and only while the compilation's <see cref="Fingerprint"/> is
/// the same: the same options, assembly name and references (by identity), and for every tree the same text
/// once the bodies of methods, constructors, operators and accessors are cut out (a body that holds a
/// preprocessor directive is kept). That covers every input of <see cref="Lowering.MethodAnalyzer"/>, because it
/// reads its own tree and, from the rest of the compilation, only declarations (types, signatures, attributes,
/// constants, usings), except for the member bodies it reads on purpose; what it learns of other methods' bodies
/// (whether a callee gets a Backward) is decided after it, on plain data (<see cref="Lowering.CalleeGate"/>). The bodies
/// it reads: which array parameters a callee writes into (<see cref="Lowering.ArrayWrites"/>,
/// <see cref="MethodAnalysis.ReadsOtherTrees"/>), a struct's operator or computed property inlined, a pure helper judged,
/// a constructor's assignments matched; each notes its tree in <see cref="BodyReads"/>, and a result that read a body
/// is reused only while each file it read it in has the same text (AnalysisCache.Dependencies.cs; an edit there would
/// leave it stale: OtherBodyEditTests, OneMethodEditTests). And a result is kept
/// only when every location it holds lies in its own tree (<see cref="MethodAnalysis.LocatedOnlyIn"/>): a
/// location in another file would move, or name a tree that is gone, after a body edit there.
/// </para>
/// <para>
/// Entries hang off the tree objects (weak keys: an entry goes when its tree does, and what it holds points at
/// no other tree) and are never shared between compilations that differ in anything the analysis reads.
/// Opt-out: <c>&lt;AutoDiffGenAnalysisCache&gt;false&lt;/AutoDiffGenAnalysisCache&gt;</c> in the project
/// (build/AutoDiffGen.targets turns it into the symbol <see cref="OptOutSymbol"/>; see <see cref="IsEnabled"/>).
/// The randomized test CachedEqualsFreshTests holds the invariant to account.
/// </para>
/// </summary>
internal static partial class AnalysisCache
{
    /// <summary>
    /// The preprocessor symbol that turns the cache off. The switch has to be visible to the transform, where the
    /// cache sits, and a transform sees its syntax tree and compilation but not the analyzer config options
    /// (an MSBuild property read through AnalyzerConfigOptionsProvider arrives only in a later step, after the
    /// analysis it would have to skip); the tree's parse options carry the project's defined symbols.
    /// </summary>
    public const string OptOutSymbol = "AUTODIFFGEN_NO_ANALYSIS_CACHE";

    private sealed class Entry(Fingerprint fingerprint, MethodAnalysis result, Dependencies dependencies)
    {
        public Fingerprint Fingerprint = fingerprint;
        public readonly MethodAnalysis Result = result;
        public readonly Dependencies Dependencies = dependencies;
    }

    /// <summary>How many analyses this thread reused (the driver runs transforms on its caller's thread); for tests: a randomized test that never hits proves nothing.</summary>
    [System.ThreadStatic]
    internal static long Hits;

    private static readonly ConditionalWeakTable<SyntaxTree, Dictionary<int, Entry>> Results = new();
    private static readonly ConditionalWeakTable<Compilation, Fingerprint> Fingerprints = new();
    private static readonly ConditionalWeakTable<SyntaxTree, TreeShape> Shapes = new();

    /// <summary>False when the project defines <see cref="OptOutSymbol"/>.</summary>
    public static bool IsEnabled(SyntaxTree tree)
    {
        foreach (string symbol in tree.Options.PreprocessorSymbolNames)
        {
            if (symbol == OptOutSymbol) return false;
        }
        return true;
    }

    /// <summary>The analysis of the transform's method: reused, or done by <paramref name="analyze"/> (always, when the cache is off).</summary>
    public static MethodAnalysis GetOrAdd(GeneratorAttributeSyntaxContext context, CancellationToken token, System.Func<MethodAnalysis> analyze) =>
        IsEnabled(context.TargetNode.SyntaxTree) ? GetOrAdd(context.TargetNode, context.SemanticModel.Compilation, analyze) : analyze();

    /// <summary>The analysis of the method declared by <paramref name="node"/> in <paramref name="compilation"/>: reused, or done by <paramref name="analyze"/>.</summary>
    public static MethodAnalysis GetOrAdd(SyntaxNode node, Compilation compilation, System.Func<MethodAnalysis> analyze)
    {
        Fingerprint fingerprint;
        Dictionary<int, Entry> entries;
        try
        {
            if (TryGet(node, compilation, out var known)) return known;
            fingerprint = Fingerprints.GetValue(compilation, static c => new Fingerprint(c));
            entries = Results.GetValue(node.SyntaxTree, static _ => new Dictionary<int, Entry>());
        }
        catch (System.Exception e) when (e is not System.OperationCanceledException)
        {
            return analyze(); // the generator never throws: without the cache, analyse as before
        }
        MethodAnalysis result;
        Dependencies? dependencies;
        using (var reads = BodyReads.Track(node.SyntaxTree))
        {
            result = analyze();
            dependencies = Dependencies.Of(node.SyntaxTree, reads.Trees);
        }
        // Member bodies are cut out of the fingerprint: an analysis that read one is kept with the texts of the files it
        // read them in (Dependencies), or not at all when a file cannot be named.
        if (dependencies is null || !result.LocatedOnlyIn(node.SyntaxTree)) return result;
        lock (entries)
        {
            entries[node.SpanStart] = new Entry(fingerprint, result, dependencies);
        }
        Remember(node, fingerprint, result, dependencies);
        return result;
    }

    /// <summary>A result for the method at <paramref name="node"/> that is still valid in <paramref name="compilation"/>.</summary>
    private static bool TryGet(SyntaxNode node, Compilation compilation, out MethodAnalysis result)
    {
        result = null!;
        var fingerprint = Fingerprints.GetValue(compilation, static c => new Fingerprint(c));
        if (!Results.TryGetValue(node.SyntaxTree, out var entries)) return TryMove(node, compilation, fingerprint, out result);
        lock (entries)
        {
            if (!entries.TryGetValue(node.SpanStart, out var entry) || !entry.Fingerprint.SameAs(fingerprint) || !entry.Dependencies.Hold(compilation, node.SyntaxTree)) return TryMove(node, compilation, fingerprint, out result);
            entry.Fingerprint = fingerprint; // hold on to the newest compilation's fingerprint only
            result = entry.Result;
            Hits++;
            return true;
        }
    }

    /// <summary>What of a compilation a method's analysis can depend on outside its own tree.</summary>
    private sealed class Fingerprint
    {
        private readonly CompilationOptions _options;
        private readonly string? _assemblyName;
        private readonly ImmutableArray<MetadataReference> _references;
        private readonly TreeShape[] _trees;
        private readonly ParseOptions[] _parseOptions; // language version and preprocessor symbols: the same text can declare other things

        public Fingerprint(Compilation compilation)
        {
            _options = compilation.Options;
            _assemblyName = compilation.AssemblyName;
            _references = compilation.References.ToImmutableArray();
            var trees = new List<TreeShape>();
            foreach (var tree in compilation.SyntaxTrees) trees.Add(Shapes.GetValue(tree, static t => new TreeShape(t)));
            _trees = trees.ToArray();
            _parseOptions = compilation.SyntaxTrees.Select(t => t.Options).ToArray();
        }

        public bool SameAs(Fingerprint other)
        {
            if (ReferenceEquals(this, other)) return true;
            if (_assemblyName != other._assemblyName || !_options.Equals(other._options)) return false;
            if (_references.Length != other._references.Length || _trees.Length != other._trees.Length) return false;
            for (int i = 0; i < _references.Length; i++)
            {
                if (!SameReference(_references[i], other._references[i])) return false;
            }
            for (int i = 0; i < _trees.Length; i++)
            {
                if (!_trees[i].SameAs(other._trees[i])) return false;
                if (!ReferenceEquals(_parseOptions[i], other._parseOptions[i]) && !_parseOptions[i].Equals(other._parseOptions[i])) return false;
            }
            return true;
        }
    }

    /// <summary>
    /// The same object, or (what the compiler server hands each build: a new reference object per file) a file reference
    /// of the same path and properties whose metadata is the same object, which the compiler's metadata cache keeps
    /// while the file is unchanged.
    /// </summary>
    private static bool SameReference(MetadataReference a, MetadataReference b) =>
        ReferenceEquals(a, b)
        || a is PortableExecutableReference pa && b is PortableExecutableReference pb && pa.FilePath is { Length: > 0 } path
           && path == pb.FilePath && pa.Properties.Equals(pb.Properties) && ReferenceEquals(pa.GetMetadataId(), pb.GetMetadataId());

    /// <summary>A tree's path and its text with member bodies cut out (each cut marked), computed once per tree object.</summary>
    private sealed class TreeShape
    {
        private readonly string _text;
        private readonly int _hash;
        private readonly List<Microsoft.CodeAnalysis.Text.TextSpan> _bodies;

        public TreeShape(SyntaxTree tree)
        {
            var source = tree.GetText();
            var text = new StringBuilder(tree.FilePath).Append('\0');
            int at = 0;
            _bodies = Bodies(tree.GetRoot());
            foreach (var body in _bodies)
            {
                text.Append(source.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(at, body.Start))).Append('\u0001');
                at = body.End;
            }
            text.Append(source.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(at, source.Length)));
            _text = text.ToString();
            _hash = System.StringComparer.Ordinal.GetHashCode(_text);
        }

        public bool SameAs(TreeShape other) => ReferenceEquals(this, other) || _hash == other._hash && _text == other._text;

        /// <summary>Where <paramref name="position"/> (outside every cut body) falls in the shape: the same declaration has the same shape position in every tree of this shape.</summary>
        public int ShapePosition(int position)
        {
            int shape = position;
            foreach (var body in _bodies)
            {
                if (body.End > position) break;
                shape -= body.Length - 1; // each cut body leaves one marker
            }
            return shape;
        }

        /// <summary>The spans of member bodies, in order: only members of namespaces and types are visited.</summary>
        private static List<Microsoft.CodeAnalysis.Text.TextSpan> Bodies(SyntaxNode root)
        {
            var pending = new Stack<SyntaxNode>();
            pending.Push(root);
            var spans = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            while (pending.Count > 0)
            {
                var node = pending.Pop();
                switch (node)
                {
                    case CompilationUnitSyntax unit:
                        foreach (var member in unit.Members) pending.Push(member);
                        break;
                    case BaseNamespaceDeclarationSyntax ns:
                        foreach (var member in ns.Members) pending.Push(member);
                        break;
                    case TypeDeclarationSyntax type:
                        foreach (var member in type.Members) pending.Push(member);
                        break;
                    case BaseMethodDeclarationSyntax method:
                        AddBody(spans, method.Body, method.ExpressionBody);
                        break;
                    case BasePropertyDeclarationSyntax property when property.AccessorList is { } accessors:
                        foreach (var accessor in accessors.Accessors) AddBody(spans, accessor.Body, accessor.ExpressionBody);
                        break;
                }
            }
            spans.Sort((a, b) => a.Start.CompareTo(b.Start));
            return spans;
        }

        private static void AddBody(List<Microsoft.CodeAnalysis.Text.TextSpan> spans, BlockSyntax? block, ArrowExpressionClauseSyntax? arrow)
        {
            SyntaxNode? body = (SyntaxNode?)block ?? arrow;
            // A directive in a body (#nullable, #if, #define…) can reach past it: keep such a body in the shape.
            if (body is null || body.ContainsDirectives) return;
            spans.Add(body.Span);
        }
    }
}
