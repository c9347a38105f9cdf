using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Caching;

/// <summary>
/// The files whose member bodies an analysis read besides its method's own (a callee's array writes, an inlined callee, a
/// struct's operator: <see cref="Helpers.BodyReads"/>), with their texts at the time. The fingerprint cuts member bodies
/// out, so such an analysis was not kept at all: a caller of a [Differentiable] method in another file was analysed again
/// after every edit anywhere, and one that read a body in its own file after every edit of that file and in every build
/// through the compiler server (issue 12, Caching/OneMethodEditTests). It is now kept, and reused only while every file
/// it read holds the same text (its own file too, when it read another body there): an equal fingerprint and equal texts
/// of the files read are all its inputs, so the result is the one a fresh analysis would give.
/// </summary>
internal static partial class AnalysisCache
{
    private static readonly ConditionalWeakTable<SyntaxTree, string> FullTexts = new();
    private static readonly ConditionalWeakTable<Compilation, Dictionary<string, SyntaxTree?>> TreesByPath = new();

    private static string FullText(SyntaxTree tree) => FullTexts.GetValue(tree, static t => t.GetText().ToString());

    /// <summary>What an analysis read outside its method, by file path and text; <see cref="None"/> when nothing.</summary>
    private sealed class Dependencies
    {
        public static readonly Dependencies None = new(null, System.Array.Empty<(string, string)>());

        private readonly string? _ownText;
        private readonly (string Path, string Text)[] _others;

        private Dependencies(string? ownText, (string Path, string Text)[] others)
        {
            _ownText = ownText;
            _others = others;
        }

        /// <summary>The reads of an analysis of a method in <paramref name="own"/>; null when one of the files has no path to find it by.</summary>
        public static Dependencies? Of(SyntaxTree own, IReadOnlyList<SyntaxTree> trees)
        {
            if (trees.Count == 0) return None;
            string? ownText = null;
            var others = new List<(string, string)>(trees.Count);
            foreach (var tree in trees)
            {
                if (tree == own)
                {
                    ownText = FullText(tree);
                    continue;
                }
                if (tree.FilePath.Length == 0 || tree.FilePath == own.FilePath) return null;
                others.Add((tree.FilePath, FullText(tree)));
            }
            return new Dependencies(ownText, others.ToArray());
        }

        /// <summary>True when every file read holds the same text in <paramref name="compilation"/>, whose tree of the method's file is <paramref name="own"/>.</summary>
        public bool Hold(Compilation compilation, SyntaxTree own)
        {
            if (_ownText is not null && FullText(own) != _ownText) return false;
            if (_others.Length == 0) return true;
            var byPath = TreesByPath.GetValue(compilation, static c =>
            {
                var map = new Dictionary<string, SyntaxTree?>(System.StringComparer.Ordinal);
                foreach (var tree in c.SyntaxTrees) map[tree.FilePath] = map.ContainsKey(tree.FilePath) ? null : tree; // two trees of one path: neither is found
                return map;
            });
            foreach (var (path, text) in _others)
            {
                if (!byPath.TryGetValue(path, out var tree) || tree is null || FullText(tree) != text) return false;
            }
            return true;
        }
    }
}
