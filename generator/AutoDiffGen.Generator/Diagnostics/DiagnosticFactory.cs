using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Diagnostics;

/// <summary>Builds <see cref="DiagnosticInfo"/> from syntax, and real diagnostics back from them.</summary>
internal static class DiagnosticFactory
{
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, SyntaxNode? at, params string[] args) =>
        Create(descriptor, at?.GetLocation(), args);

    /// <summary>The location is kept as it is when in source (tree-backed); a metadata location becomes none.</summary>
    public static DiagnosticInfo Create(DiagnosticDescriptor descriptor, Location? at, params string[] args) =>
        new(descriptor.Id, at is { IsInSource: true } ? at : null, args.ToEquatableArray());

    /// <summary>The diagnostic, at its own tree's span: <c>#pragma warning disable</c> and editor squiggles apply.</summary>
    public static Diagnostic ToDiagnostic(DiagnosticInfo info) =>
        Diagnostic.Create(DiagnosticDescriptors.Get(info.Id), info.Location ?? Location.None, info.Arguments.Cast<object>().ToArray());
}
