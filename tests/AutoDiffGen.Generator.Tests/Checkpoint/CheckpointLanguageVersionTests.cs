using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Checkpoint;

/// <summary>Checkpointed loops' generated code compiles without errors or warnings on every language version, C# 7.3 included.</summary>
public class CheckpointLanguageVersionTests
{
    /// <summary>Written in C# 7.3: nested loops with a branch, a do/while, and a second top-level loop.</summary>
    private const string Source = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public static partial class Old
    {
        [Differentiable(Checkpoint = true)]
        public static double Paths(double s0, double v, [NoDiff] double[] z, int paths, int steps)
        {
            double sum = 0;
            for (int p = 0; p < paths; p++)
            {
                double s = s0;
                for (int j = 0; j < steps; j++)
                {
                    if (z[p * steps + j] > 0) s = s * Math.Exp(v * z[p * steps + j]);
                    else s = s * (1 + v * z[p * steps + j]);
                }
                sum += s;
            }
            double t = 0;
            int k = 0;
            do { t += sum * 0.5; k++; } while (k < 3);
            return t / paths;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CheckpointedMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        var generated = Assert.Single(result.Generated).Value;
        Assert.Equal(2, generated.Split("for (int segmentEnd").Length - 1);
    }
}
