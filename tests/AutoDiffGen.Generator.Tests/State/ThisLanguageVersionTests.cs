using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.State;

/// <summary>WithRespectToThis code (a class's dThis, a struct's ref dThis, a call passing dThis) compiles warning-free on every language version.</summary>
public class ThisLanguageVersionTests
{
    /// <summary>Written in C# 7.3.</summary>
    private const string Source = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public partial class Model
    {
        public double[] W = new double[3];
        public double B;
        public float Gain;

        [Differentiable(WithRespectToThis = true)]
        public double Predict([NoDiff] double[] x)
        {
            double z = B;
            for (int i = 0; i < W.Length; i++) z += W[i] * x[i];
            return z * Gain;
        }

        [Differentiable(WithRespectToThis = true)]
        public double Loss([NoDiff] double[] x, double y)
        {
            double e = Predict(x) - y;
            return e * e;
        }
    }

    public partial struct Spring
    {
        public double K;
        public double Rest;

        [Differentiable(WithRespectToThis = true)]
        public double Energy(double x) { double s = x - Rest; return 0.5 * K * s * s; }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void StateMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(3, result.Generated.Count);
    }
}
