using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Struct methods that write their own members, called as statements (in a loop, a branch, on a nested member, with
/// Forward = true), written in C# 7.3: the generated code compiles with no error or warning on every language version,
/// nullable on and off.
/// </summary>
public class MutatingCallLanguageVersionTests
{
    private const string Source = @"
using System;
using AutoDiffGen;

namespace Compat
{
    public struct P2
    {
        public double X;
        public double Y;
        public P2(double x, double y) { X = x; Y = y; }
        public void Scale(double k) { X *= k; Y *= k; }
        public void Clamp(double m) { if (X > m) { X = m; return; } this.Y += m; }
        public void Reset(double x) { this = new P2(x, x * x); }
    }

    public struct Body
    {
        public P2 Pos;
        public P2 Vel;
        public void Advance(double dt) { Pos.X += Vel.X * dt; Pos.Y += Vel.Y * dt; }
    }

    public static partial class Old
    {
        [Differentiable(Forward = true)]
        public static double Uses(double x, double y, int n)
        {
            P2 v = new P2(x, y);
            Body b = new Body { Pos = new P2(y, x), Vel = new P2(1, y) };
            for (int i = 0; i < n; i++) { v.Scale(x); b.Advance(0.1); }
            if (x > y) v.Clamp(2); else v.Reset(y);
            b.Pos.Scale(v.X);
            return v.X * v.Y + b.Pos.X * b.Vel.Y;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Single(result.Generated);
    }
}
