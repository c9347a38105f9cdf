using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>
/// Notes, for the analysis running on this thread, whether it read a member body in a syntax tree other than its own
/// (a struct's operator or computed property inlined, a pure helper judged, a constructor's assignments matched, a
/// callee's array writes). The analysis cache cuts member bodies out of what it compares between compilations, so an
/// analysis that read one in another file must not be reused after that file changes (Caching/AnalysisCache).
/// Every place that reads another member's body notes its tree here; an analysis with no <see cref="Scope"/> open
/// (a test, a later step) notes nothing.
/// </summary>
internal static class BodyReads
{
    [System.ThreadStatic] private static SyntaxTree? t_own;
    [System.ThreadStatic] private static List<SyntaxTree>? t_trees;

    /// <summary>A member body of <paramref name="tree"/> was read by the current analysis.</summary>
    public static void Note(SyntaxTree? tree)
    {
        if (t_own is null || tree is null || t_trees is null) return;
        if (!t_trees.Contains(tree)) t_trees.Add(tree);
    }

    /// <summary>Tracks the reads of one analysis of a method in <paramref name="own"/>; restores the enclosing scope on dispose (analyses nest for generic methods).</summary>
    public static Scope Track(SyntaxTree own) => new(own);

    /// <summary>One analysis's tracking.</summary>
    public readonly struct Scope : System.IDisposable
    {
        private readonly SyntaxTree? _outerOwn;
        private readonly List<SyntaxTree>? _outerTrees;

        internal Scope(SyntaxTree own)
        {
            _outerOwn = t_own;
            _outerTrees = t_trees;
            t_own = own;
            t_trees = new List<SyntaxTree>();
        }

        /// <summary>Every tree in which the analysis read a member body other than its method's own, so far (its own tree included when it read another body there).</summary>
        public IReadOnlyList<SyntaxTree> Trees => t_trees!;

        public void Dispose()
        {
            var inner = t_trees!;
            t_own = _outerOwn;
            t_trees = _outerTrees;
            // What an inner analysis read, the outer one depends on too.
            if (_outerTrees is not null)
            {
                foreach (var tree in inner)
                {
                    if (!_outerTrees.Contains(tree)) _outerTrees.Add(tree);
                }
            }
        }
    }
}
