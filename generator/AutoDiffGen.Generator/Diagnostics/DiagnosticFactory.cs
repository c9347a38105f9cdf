using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Diagnostics;

/// <summary>Builds equatable <see cref="DiagnosticInfo"/> from syntax, and real diagnostics back from them.</summary>
internal static class DiagnosticFactory
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode? at, params string[] args) =>
        Create(descriptor, at?.GetLocation(), args);

    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? at, params string[] args)
    {
        LocationInfo? info = null;
        if (at is not null && at.IsInSource)
        {
            var line = at.GetLineSpan();
            info = new LocationInfo(
                at.SourceTree?.FilePath ?? line.Path,
                at.SourceSpan.Start,
                at.SourceSpan.Length,
                line.StartLinePosition.Line,
                line.StartLinePosition.Character,
                line.EndLinePosition.Line,
                line.EndLinePosition.Character);
        }
        return new DiagnosticInfo(descriptor.Id, info, args.ToEquatableArray());
    }

    /// <summary>
    /// Rebuilds the diagnostic. A location inside a tree of <paramref name="compilation"/> is made
    /// tree-backed so that <c>#pragma warning disable</c> and editor squiggles work.
    /// </summary>
    public static Diagnostic ToDiagnostic(DiagnosticInfo info, Compilation? compilation)
    {
        var descriptor = DiagnosticDescriptors.Get(info.Id);
        Location location = Location.None;
        if (info.Anchor is { } anchor && compilation is not null)
        {
            location = CallAnchors.Resolve(anchor, compilation) ?? Location.None;
        }
        else if (info.Location is { } l)
        {
            var tree = compilation?.SyntaxTrees.FirstOrDefault(t => t.FilePath == l.FilePath);
            location = tree is not null && l.Start + l.Length <= tree.Length
                ? Location.Create(tree, l.Span)
                : Location.Create(l.FilePath, l.Span, l.LineSpan);
        }
        return Diagnostic.Create(descriptor, location, info.Arguments.Cast<object>().ToArray());
    }
}
