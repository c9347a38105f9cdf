using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace AutoDiffGen.Generator.Caching;

/// <summary>
/// A method's analysis reused in a new tree of its file, after an edit of another member's body in that file (issue 12:
/// "an edit to one method body re-analyses only that method").
/// <para>
/// <b>Invariant</b>, on top of the tree-object one: the new tree has the same path and the same shape (its text with
/// member bodies cut out), the method sits at the same place in that shape with the same text, the compilation's
/// fingerprint is the same, every file whose member bodies the analysis read (<see cref="BodyReads"/>) holds the same
/// text (AnalysisCache.Dependencies.cs; so one that read another body of its own file moves only into a tree of the same
/// text, as in a build through the compiler server), and it holds no location outside its method. Its inputs are then the same text in the same surroundings, so the result is
/// the same but for where its locations lie: each is moved by the method's shift within the file.
/// Not for generic methods or methods of generic types (their analysis reads a rewritten copy of the tree).
/// </para>
/// </summary>
internal static partial class AnalysisCache
{
    private sealed class Placed(Fingerprint fingerprint, MethodAnalysis result, string text, int start, Dependencies dependencies)
    {
        public readonly Fingerprint Fingerprint = fingerprint;
        public readonly Dependencies Dependencies = dependencies;
        public readonly MethodAnalysis Result = result;
        public readonly string Text = text;
        public readonly int Start = start;
    }

    private const int MaxPlaced = 50_000;

    private static readonly Dictionary<(string Path, int At), Placed> ByPlace = new();

    /// <summary>How many analyses this thread moved into a new tree of their file (a subset of <see cref="Hits"/>); for tests.</summary>
    [System.ThreadStatic]
    internal static long Moves;

    private static void Remember(SyntaxNode node, Fingerprint fingerprint, MethodAnalysis result, Dependencies dependencies)
    {
        if (PlaceOf(node) is not { } place || !Within(result, node.Span)) return;
        lock (ByPlace)
        {
            if (ByPlace.Count >= MaxPlaced) ByPlace.Clear(); // stale places of old shapes: start over rather than grow
            ByPlace[place] = new Placed(fingerprint, result, node.ToString(), node.SpanStart, dependencies);
        }
    }

    private static bool TryMove(SyntaxNode node, Compilation compilation, Fingerprint fingerprint, out MethodAnalysis result)
    {
        result = null!;
        if (PlaceOf(node) is not { } place) return false;
        Placed? placed;
        lock (ByPlace)
        {
            if (!ByPlace.TryGetValue(place, out placed)) return false;
        }
        if (!placed.Fingerprint.SameAs(fingerprint) || placed.Text != node.ToString() || !placed.Dependencies.Hold(compilation, node.SyntaxTree)) return false;
        result = Move(placed.Result, node.SyntaxTree, node.SpanStart - placed.Start);
        var entries = Results.GetValue(node.SyntaxTree, static _ => new Dictionary<int, Entry>());
        lock (entries)
        {
            entries[node.SpanStart] = new Entry(fingerprint, result, placed.Dependencies);
        }
        lock (ByPlace)
        {
            ByPlace[place] = new Placed(fingerprint, result, placed.Text, node.SpanStart, placed.Dependencies);
        }
        Hits++;
        Moves++;
        return true;
    }

    /// <summary>The file and shape position of a non-generic method, or null when it may not move.</summary>
    private static (string Path, int At)? PlaceOf(SyntaxNode node)
    {
        if (node is not MethodDeclarationSyntax { TypeParameterList: null } || node.SyntaxTree.FilePath.Length == 0) return null;
        for (var up = node.Parent; up is not null; up = up.Parent)
        {
            if (up is TypeDeclarationSyntax { TypeParameterList: not null }) return null;
        }
        return (node.SyntaxTree.FilePath, Shapes.GetValue(node.SyntaxTree, static t => new TreeShape(t)).ShapePosition(node.SpanStart));
    }

    private static bool Within(MethodAnalysis result, TextSpan span)
    {
        bool In(Location? l) => l is null || span.Contains(l.SourceSpan);
        return result.Diagnostics.All(d => In(d.Location)) && result.GraphDiagnostics.All(d => In(d.Info.Location))
            && result.CalleeSites.All(s => In(s.At));
    }

    private static MethodAnalysis Move(MethodAnalysis result, SyntaxTree tree, int by)
    {
        Location To(Location l) => Location.Create(tree, new TextSpan(l.SourceSpan.Start + by, l.SourceSpan.Length));
        DiagnosticInfo Info(DiagnosticInfo d) => d.Location is null ? d : d with { Location = To(d.Location) };
        return result with
        {
            Diagnostics = result.Diagnostics.Select(Info).ToEquatableArray(),
            GraphDiagnostics = result.GraphDiagnostics.Select(g => g with { Info = Info(g.Info) }).ToEquatableArray(),
            CalleeSites = result.CalleeSites.Select(s => s with { At = To(s.At) }).ToEquatableArray(),
        };
    }
}
