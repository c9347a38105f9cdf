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
    [System.ThreadStatic] private static bool t_readOther;
    [System.ThreadStatic] private static bool t_readAny;

    /// <summary>A member body of <paramref name="tree"/> was read by the current analysis.</summary>
    public static void Note(SyntaxTree? tree)
    {
        if (t_own is null || tree is null) return;
        t_readAny = true;
        if (tree != t_own) t_readOther = true;
    }

    /// <summary>Tracks the reads of one analysis of a method in <paramref name="own"/>; restores the enclosing scope on dispose (analyses nest for generic methods).</summary>
    public static Scope Track(SyntaxTree own) => new(own);

    /// <summary>One analysis's tracking.</summary>
    public readonly struct Scope : System.IDisposable
    {
        private readonly SyntaxTree? _outerOwn;
        private readonly bool _outerRead;
        private readonly bool _outerAny;

        internal Scope(SyntaxTree own)
        {
            _outerOwn = t_own;
            _outerRead = t_readOther;
            _outerAny = t_readAny;
            t_own = own;
            t_readOther = false;
            t_readAny = false;
        }

        /// <summary>True when the analysis read a member body in another tree so far.</summary>
        public bool ReadOtherTrees => t_readOther;

        /// <summary>True when the analysis read any member body other than its method's own, in any tree, so far.</summary>
        public bool ReadAnyBody => t_readAny;

        public void Dispose()
        {
            bool read = t_readOther, any = t_readAny;
            bool nested = _outerOwn is not null;
            t_own = _outerOwn;
            // What an inner analysis read, the outer one depends on too.
            t_readOther = _outerRead || (read && nested);
            t_readAny = _outerAny || (any && nested);
        }
    }
}
