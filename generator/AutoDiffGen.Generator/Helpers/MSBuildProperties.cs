using System;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AutoDiffGen.Generator.Helpers;

/// <summary>The project's compiler-visible MSBuild properties, as the generator reads its opt-ins.</summary>
internal static class MSBuildProperties
{
    /// <summary>True when <paramref name="property"/> (<c>build_property.X</c>) is set to true, in any case, spaces ignored.</summary>
    public static bool IsTrue(AnalyzerConfigOptionsProvider options, string property) =>
        options.GlobalOptions.TryGetValue(property, out var value) && string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase);
}
