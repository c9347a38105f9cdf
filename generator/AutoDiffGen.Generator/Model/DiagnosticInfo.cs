namespace AutoDiffGen.Generator.Model;

/// <summary>A diagnostic as equatable data: the descriptor's ID, where, and the message arguments.</summary>
internal sealed record DiagnosticInfo(string Id, LocationInfo? Location, EquatableArray<string> Arguments);
