using System.Numerics;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>Struct methods' generated code compiles warning-free on every language version, C# 7.3 included, and is right there.</summary>
public class StructLanguageVersionTests
{
    /// <summary>Written in C# 7.3: a plain struct of doubles, Vector2/Vector3, object initializers, loops and branches.</summary>
    private const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace Compat
{
    public struct State
    {
        public double Position;
        public double Velocity;
    }

    public static partial class Old
    {
        [Differentiable]
        public static double Simulate(State start, double k, int steps)
        {
            State s = start;
            for (int i = 0; i < steps; i++)
            {
                s = new State { Position = s.Position + 0.1 * s.Velocity, Velocity = s.Velocity - 0.1 * k * s.Position };
            }
            return s.Position * s.Position + (s.Velocity > 0 ? s.Velocity : -s.Velocity);
        }

        [Differentiable]
        public static float Plane(Vector3 a, Vector3 b, float t)
        {
            Vector3 n = Vector3.Normalize(Vector3.Cross(a, b));
            Vector2 p = new Vector2(n.X, n.Y) * t;
            return Vector2.Dot(p, p) + Vector3.Distance(a, b);
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void StructMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(2, result.Generated.Count);
    }

    [Theory]
    [InlineData(1.0, -0.5, 0.7, 6)]
    [InlineData(-0.3, 1.2, 2.0, 3)]
    public void CSharp73_StructGradientsAgreeWithCentralDifferences(double position, double velocity, double k, int steps)
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Compat.Old")!;
        var stateType = assembly.GetType("Compat.State")!;
        object state = Activator.CreateInstance(stateType)!;
        stateType.GetField("Position")!.SetValue(state, position);
        stateType.GetField("Velocity")!.SetValue(state, velocity);
        CentralDifferenceRunner.Check(type.GetMethod("Simulate")!, null, new object[] { state, k, steps });
        CentralDifferenceRunner.Check(type.GetMethod("Plane")!, null, new object[] { new Vector3(1, 0.5f, -0.3f), new Vector3((float)k, 1, 0.2f), (float)velocity });
    }
}
