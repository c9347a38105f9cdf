using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>What the consumer's runtime library offers the generated code to steer the JIT.</summary>
internal static class JitHints
{
    /// <summary>
    /// True when <c>MethodImplOptions.AggressiveOptimization</c> exists in the consumer's references (.NET Core 3.0 on;
    /// not netstandard2.0 or .NET Framework): an <c>MBackward</c> with loops is then compiled optimized at its first call,
    /// instead of unoptimized with on-stack replacement, so that the first call of a long loop costs what later ones do.
    /// </summary>
    public static bool HasAggressiveOptimization(Compilation compilation) =>
        compilation.GetTypeByMetadataName("System.Runtime.CompilerServices.MethodImplOptions") is { } options
        && !options.GetMembers("AggressiveOptimization").IsEmpty;
}
