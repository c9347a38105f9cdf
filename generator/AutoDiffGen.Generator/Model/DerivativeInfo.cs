using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// A [DerivativeOf] method as the diagnostics step needs it: its key, where it is, whether it is valid, and its errors.
/// It feeds only diagnostics (errors, and ADG0014 when nothing calls it), so it may hold tree-backed locations (<see cref="DiagnosticInfo"/>).
/// </summary>
/// <param name="Key">The derivative's fully qualified signature (matches <c>CallInfo.DerivativeKey</c>).</param>
/// <param name="Target">The differentiated method, for messages ("Library.Softplus").</param>
/// <param name="Private">True when no other assembly can call it, so "never used" is certain.</param>
/// <param name="Name">The derivative method's name, for messages.</param>
/// <param name="Valid">True when its signature matches the target's, so calls may use it.</param>
/// <param name="Location">The method's name, where the "never used" warning points; null when not in source.</param>
/// <param name="Errors">What is wrong with its signature; empty when valid.</param>
internal sealed record DerivativeInfo(string Key, string Name, string Target, bool Valid, bool Private, Location? Location, EquatableArray<DiagnosticInfo> Errors);
