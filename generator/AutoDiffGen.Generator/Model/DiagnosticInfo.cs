using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// A diagnostic waiting to be reported: the descriptor's ID, where, and the message arguments (stringified up front).
/// <para>
/// <paramref name="Location"/> is the tree-backed location (a <see cref="SyntaxTree"/> and a span), as MVVM Toolkit's
/// and ComputeSharp's <c>DiagnosticInfo</c> keep it: only such a location lets <c>#pragma warning disable</c> apply
/// (a location rebuilt from a file path does not, dotnet/roslyn#68291), and it names its tree itself, so no lookup
/// by file path is needed (which picked the wrong tree when paths were empty or repeated). So a DiagnosticInfo is
/// not plain data: it lives only in the diagnostics half of a step's output (<see cref="MethodAnalysis"/>,
/// <see cref="DerivativeInfo"/>) and in the diagnostics steps, never in a model that a later step compares.
/// Its equality is the location's (same tree object and span), which is what the diagnostics steps need.
/// </para>
/// </summary>
/// <param name="Id">The descriptor's ID ("ADG0002").</param>
/// <param name="Location">Null, or a location in source (<see cref="Location.IsInSource"/>).</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(string Id, Location? Location, EquatableArray<string> Arguments);
