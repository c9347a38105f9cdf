using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>A diagnostic as equatable data: the descriptor's ID, where, and the message arguments.</summary>
/// <param name="Anchor">Where, when <paramref name="Location"/> is null: found in the compilation only when reported (see <see cref="CallAnchor"/>).</param>
/// <param name="Id">The descriptor's ID ("ADG0001").</param>
/// <param name="Location">Where it is reported; null for no location.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments, CallAnchor? Anchor = null);

/// <summary>
/// A call inside a [Differentiable] method, by position that survives edits around it: the method's name and
/// key, and the index of the call among the method declaration's descendant nodes. An analysis result that
/// held the call's text position would change with every edit above it, and callers would never be cached.
/// </summary>
internal sealed record CallAnchor(string MethodKey, string MethodName, int Node);
