using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Reuses a method's analysis across compilations that differ only in method bodies of other files: the
/// usual edit in an IDE. ForAttributeWithMetadataName runs the transform of every [Differentiable] method
/// again whenever the compilation changes (every keystroke), so without this one edit re-binds and re-lowers
/// all of them: ~0.9 s for the 1,000 methods of the compile-cost project (docs/performance.md).
/// <para>
/// A method's analysis reads its own syntax tree and, from the rest of the compilation, only declarations:
/// types, member signatures, attributes, constants, usings; never another member's body. So an entry is keyed
/// by the tree object (an unchanged file keeps its tree object across compilations; an edited one gets a new
/// tree, and so misses) and the method's position, and is reused only while the compilation's
/// <see cref="Fingerprint"/> is the same: the same options, assembly name and references (by identity), and
/// for every tree the same text once the bodies of methods, constructors, operators and accessors are cut out
/// (a body that holds a preprocessor directive is kept). Anything else changed, however small (a comment
/// between members), and every method is analysed again. Command-line builds parse every file anew, so they
/// never hit: the cache only saves work where the same trees come back.
/// </para>
/// </summary>
internal static class AnalysisCache
{
    private sealed class Entry(Fingerprint fingerprint, GenerationResult result)
    {
        public Fingerprint Fingerprint = fingerprint;
        public readonly GenerationResult Result = result;
    }

    private static readonly ConditionalWeakTable<SyntaxTree, Dictionary<int, Entry>> Results = new();
    private static readonly ConditionalWeakTable<Compilation, Fingerprint> Fingerprints = new();
    private static readonly ConditionalWeakTable<SyntaxTree, TreeShape> Shapes = new();

    /// <summary>The analysis of the method declared by <paramref name="node"/> in <paramref name="compilation"/>: reused, or done by <paramref name="analyze"/>.</summary>
    public static GenerationResult GetOrAdd(SyntaxNode node, Compilation compilation, System.Func<GenerationResult> analyze)
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
        var result = analyze();
        lock (entries)
        {
            entries[node.SpanStart] = new Entry(fingerprint, result);
        }
        return result;
    }

    /// <summary>A result for the method at <paramref name="node"/> that is still valid in <paramref name="compilation"/>.</summary>
    public static bool TryGet(SyntaxNode node, Compilation compilation, out GenerationResult result)
    {
        result = null!;
        if (!Results.TryGetValue(node.SyntaxTree, out var entries)) return false;
        var fingerprint = Fingerprints.GetValue(compilation, static c => new Fingerprint(c));
        lock (entries)
        {
            if (!entries.TryGetValue(node.SpanStart, out var entry) || !entry.Fingerprint.SameAs(fingerprint)) return false;
            entry.Fingerprint = fingerprint; // hold on to the newest compilation's fingerprint only
            result = entry.Result;
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

        public Fingerprint(Compilation compilation)
        {
            _options = compilation.Options;
            _assemblyName = compilation.AssemblyName;
            _references = compilation.References.ToImmutableArray();
            var trees = new List<TreeShape>();
            foreach (var tree in compilation.SyntaxTrees) trees.Add(Shapes.GetValue(tree, static t => new TreeShape(t)));
            _trees = trees.ToArray();
        }

        public bool SameAs(Fingerprint other)
        {
            if (ReferenceEquals(this, other)) return true;
            if (_assemblyName != other._assemblyName || !_options.Equals(other._options)) return false;
            if (_references.Length != other._references.Length || _trees.Length != other._trees.Length) return false;
            for (int i = 0; i < _references.Length; i++)
            {
                if (!ReferenceEquals(_references[i], other._references[i])) return false;
            }
            for (int i = 0; i < _trees.Length; i++)
            {
                if (!_trees[i].SameAs(other._trees[i])) return false;
            }
            return true;
        }
    }

    /// <summary>A tree's path and its text with member bodies cut out (each cut marked), computed once per tree object.</summary>
    private sealed class TreeShape
    {
        private readonly string _text;
        private readonly int _hash;

        public TreeShape(SyntaxTree tree)
        {
            var source = tree.GetText();
            var text = new StringBuilder(tree.FilePath).Append('\0');
            int at = 0;
            foreach (var body in Bodies(tree.GetRoot()))
            {
                text.Append(source.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(at, body.Start))).Append('\u0001');
                at = body.End;
            }
            text.Append(source.ToString(Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(at, source.Length)));
            _text = text.ToString();
            _hash = System.StringComparer.Ordinal.GetHashCode(_text);
        }

        public bool SameAs(TreeShape other) => ReferenceEquals(this, other) || _hash == other._hash && _text == other._text;

        /// <summary>The spans of member bodies, in order: only members of namespaces and types are visited.</summary>
        private static IEnumerable<Microsoft.CodeAnalysis.Text.TextSpan> Bodies(SyntaxNode root)
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
