using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>A [DerivativeOf] method as plain data: its key, where it is, whether it is valid, and its errors.</summary>
/// <param name="Key">The derivative's fully qualified signature (matches <c>CallInfo.DerivativeKey</c>).</param>
/// <param name="Target">The differentiated method, for messages ("Library.Softplus").</param>
/// <param name="Private">True when no other assembly can call it, so "never used" is certain.</param>
/// <param name="Name">The derivative method's name, for messages.</param>
/// <param name="Valid">True when its signature matches the target's, so calls may use it.</param>
/// <param name="Location">Where it is declared, for diagnostics about it.</param>
/// <param name="Errors">What is wrong with its signature; empty when valid.</param>
internal sealed record DerivativeInfo(string Key, string Name, string Target, bool Valid, bool Private, LocationInfo? Location, EquatableArray<DiagnosticInfo> Errors);
