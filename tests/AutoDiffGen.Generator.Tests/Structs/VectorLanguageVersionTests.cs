using System.Numerics;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Vector-valued methods and forward mode with struct parameters compile warning-free on every language version (C# 7.3
/// included: tuples are C# 7.0, structs come from System.Numerics or plain fields), with nullable on and off, and are right there.
/// </summary>
public class VectorLanguageVersionTests
{
    /// <summary>Written in C# 7.3: a Vector2 result, a tuple result, a plain struct built member by member, struct tangents, MJacobian, structs through calls.</summary>
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
        [Differentiable(Forward = true, Jacobian = true)]
        public static Vector2 Hand(double a, double b)
        {
            return new Vector2((float)(1.5 * Math.Cos(a) + 0.8 * Math.Cos(a + b)), (float)(1.5 * Math.Sin(a) + 0.8 * Math.Sin(a + b)));
        }

        // One input, two components: MJacobian takes the column (MForward) form.
        [Differentiable(Forward = true, Jacobian = true)]
        public static (double, double) Circle(double t)
        {
            return (Math.Cos(t), Math.Sin(t));
        }

        [Differentiable(Forward = true)]
        public static (double, double) Polar(double r, double t)
        {
            return (r * Math.Cos(t), r * Math.Sin(t));
        }

        [Differentiable(Forward = true)]
        public static State Step(State s, double k, int steps)
        {
            State q = s;
            for (int i = 0; i < steps; i++)
            {
                q = new State { Position = q.Position + 0.1 * q.Velocity, Velocity = q.Velocity - 0.1 * k * q.Position };
            }
            return q;
        }

        [Differentiable(Forward = true)]
        public static float Reach(Vector2 p, Vector2 q, float k)
        {
            return k * Vector2.Distance(p, q);
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static double Energy(double x, double v, double k)
        {
            State s = Step(new State { Position = x, Velocity = v }, k, 3);
            return s.Position * s.Position + s.Velocity * s.Velocity;
        }
    }
}
";

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void VectorMethods_CompileWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        Assert.Equal(6, result.Generated.Count);
        Assert.Contains(result.Generated.Values, g => g.Contains("CircleForward(t, (double)1, out", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.3, 0.9, 1.0, -0.5, 4)]
    [InlineData(-1.1, 2.0, 0.4, 1.5, 0)]
    public void CSharp73_JacobiansAgreeWithCentralDifferences(double a, double b, double position, double velocity, int steps)
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("Compat.Old")!;
        var stateType = assembly.GetType("Compat.State")!;
        object state = Activator.CreateInstance(stateType)!;
        stateType.GetField("Position")!.SetValue(state, position);
        stateType.GetField("Velocity")!.SetValue(state, velocity);
        VectorChecks.Check(type.GetMethod("Hand")!, new object[] { a, b });
        VectorChecks.Check(type.GetMethod("Polar")!, new object[] { a, b });
        VectorChecks.Check(type.GetMethod("Step")!, new object[] { state, b, steps });
        VectorChecks.Check(type.GetMethod("Reach")!, new object[] { new Vector2((float)a, 1), new Vector2((float)b, -0.5f), (float)position });
        VectorChecks.Check(type.GetMethod("Energy")!, new object[] { a, b, velocity });
    }
}
