using System.ComponentModel;

namespace AutoDiffGen.Internals
{
    /// <summary>
    /// The length test of a C# 11 list pattern (<c>xs is [&gt; 0, _, ..]</c>) as generated code writes it for every language
    /// version. A call rather than <c>xs != null &amp;&amp; xs.Length &gt;= 2</c>: a null test of a parameter declared not null
    /// would tell nullable analysis that it may be null afterwards, and every later read of it would warn (CS8602).
    /// Called by generated code only.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ListPatterns
    {
        /// <summary>The array's length, or −1 for null (which no list pattern matches).</summary>
        /// <typeparam name="T">The element type.</typeparam>
        /// <param name="array">The tested array.</param>
        /// <returns>Its length, or −1.</returns>
        public static int Length<T>(T[]? array) => array == null ? -1 : array.Length;
    }
}
