using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Array parameters of structs with discrete members (<c>Particle[] ps</c> with <c>int Id</c>, <c>bool Alive</c>), read
/// and written: the discrete members are constants, carried as <c>int[]</c>/<c>bool[]</c> component arrays and copied
/// through; the adjoint <c>Particle[] dPs</c> holds the real members' adjoints, its discrete members left as the caller
/// passed them. Checked by hand (one Euler step of live particles) and against central differences (an n-body step).
/// </summary>
public class StructArrayDiscreteTests
{
    /// <summary>C# 7.3 as well.</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace StructArrayDiscrete
{
    public struct Particle { public Vector3 P; public Vector3 V; public double Mass; public int Id; public bool Alive; }

    public static partial class S
    {
        /// One Euler step of the live particles, each living one's Id counted up; then an energy weighted by the Ids.
        [Differentiable]
        public static double Advance(Particle[] ps, float dt)
        {
            for (int i = 0; i < ps.Length; i++)
            {
                if (!ps[i].Alive) continue;
                ps[i].P += ps[i].V * dt;
                ps[i].Id = ps[i].Id + 1;
            }
            double e = 0;
            for (int i = 0; i < ps.Length; i++) e += ps[i].Mass * ps[i].P.X * ps[i].Id;
            return e;
        }

        /// Gravitating particles (dead ones neither pull nor move), a particle below the floor dies.
        [Differentiable]
        public static double NBody(Particle[] ps, float dt, int steps)
        {
            for (int s = 0; s < steps; s++)
            {
                for (int i = 0; i < ps.Length; i++)
                {
                    if (!ps[i].Alive) continue;
                    var a = Vector3.Zero;
                    for (int j = 0; j < ps.Length; j++)
                    {
                        if (j == i || !ps[j].Alive) continue;
                        var d = ps[j].P - ps[i].P;
                        float r2 = d.LengthSquared() + 0.1f;
                        a += (float)(ps[j].Mass / (r2 * Math.Sqrt(r2))) * d;
                    }
                    ps[i].V += a * dt;
                }
                for (int i = 0; i < ps.Length; i++)
                {
                    if (!ps[i].Alive) continue;
                    ps[i].P += ps[i].V * dt;
                    ps[i].Alive = ps[i].P.Y > -5;
                }
            }
            double e = 0;
            for (int i = 0; i < ps.Length; i++) e += 0.5 * ps[i].Mass * ps[i].V.LengthSquared() + ps[i].Id * ps[i].P.Y;
            return e;
        }

        /// Read only: the live particles' kinetic energy, through a span, a whole-array callee and an element helper.
        [Differentiable]
        public static double Kinetic(ReadOnlySpan<Particle> ps)
        {
            double e = 0;
            for (int i = 0; i < ps.Length; i++) if (ps[i].Alive) e += 0.5 * ps[i].Mass * ps[i].V.LengthSquared();
            return e;
        }

        [Differentiable]
        public static Particle Move(Particle p, float dt)
        {
            var q = p;
            q.P += q.V * dt;
            q.Id = q.Id * 2;
            return q;
        }

        [Differentiable]
        public static double Total(Particle[] ps, float dt)
        {
            double e = Kinetic(ps);
            foreach (var p in ps) e += Move(p, dt).P.X * Move(p, dt).Id;
            return e;
        }

        /// Each particle moved whole by the helper.
        [Differentiable]
        public static double MoveAll(Particle[] ps, float dt)
        {
            for (int i = 0; i < ps.Length; i++) ps[i] = Move(ps[i], dt);
            return ps[0].P.Z * ps[ps.Length - 1].Id;
        }
    }
}
";

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("StructArrayDiscrete.S")!.GetMethod(name)!;

    private static Type Particle => Compiled.Value.GetType("StructArrayDiscrete.Particle")!;

    /// <summary>n particles at random positions and velocities, masses in [0.5, 1.5), Ids 1..n, every third one dead.</summary>
    private static Array Particles(int n, Random random)
    {
        var ps = Array.CreateInstance(Particle, n);
        Vector3 Draw() => new((float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1, (float)random.NextDouble() * 2 - 1);
        for (int i = 0; i < n; i++) ps.SetValue(Make(Draw() + new Vector3(2 * i, 0, 0), Draw(), 0.5 + random.NextDouble(), i + 1, i % 3 != 1), i);
        return ps;
    }

    private static object Make(Vector3 p, Vector3 v, double mass, int id, bool alive)
    {
        object q = Activator.CreateInstance(Particle)!;
        Particle.GetField("P")!.SetValue(q, p);
        Particle.GetField("V")!.SetValue(q, v);
        Particle.GetField("Mass")!.SetValue(q, mass);
        Particle.GetField("Id")!.SetValue(q, id);
        Particle.GetField("Alive")!.SetValue(q, alive);
        return q;
    }

    private static T Get<T>(Array a, int i, string member) => (T)Particle.GetField(member)!.GetValue(a.GetValue(i))!;

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    public void Advance_OneStep_MatchesTheHandDerivative(int seed)
    {
        var random = new Random(seed);
        var ps = Particles(4, random);
        var before = (Array)ps.Clone();
        const float dt = 0.25f;
        // The adjoint's discrete members are the caller's: left as they are.
        var dPs = Array.CreateInstance(Particle, 4);
        for (int i = 0; i < 4; i++) dPs.SetValue(Make(Vector3.Zero, Vector3.Zero, 0, 70 + i, true), i);
        var args = new object[] { ps, dt, dPs, 0f, 1.0 };
        double e = (double)Method("AdvanceBackward").Invoke(null, args)!;
        // E = Σ m (Id + a)(P.X + a V.X dt), a = 1 for a live particle.
        double expected = 0, ddt = 0;
        for (int i = 0; i < 4; i++)
        {
            var p = Get<Vector3>(before, i, "P");
            var v = Get<Vector3>(before, i, "V");
            double m = Get<double>(before, i, "Mass");
            int a = Get<bool>(before, i, "Alive") ? 1 : 0, id = Get<int>(before, i, "Id") + a;
            float x = p.X + (a * v.X * dt);
            expected += m * x * id;
            ddt += a * m * id * v.X;
            var g = RealStructs.Components(dPs.GetValue(i)!);
            double[] want = { m * id, 0, 0, a * dt * m * id, 0, 0, id * x };
            for (int c = 0; c < want.Length; c++) Tolerance.AssertClose(want[c], g[c], 1e-5 * (1 + Math.Abs(want[c])), "∂E/∂ps[" + i + "] component " + c);
            Assert.Equal(70 + i, Get<int>(dPs, i, "Id"));
            Assert.True(Get<bool>(dPs, i, "Alive"));
            // Backward leaves ps as the method does: moved, the live ones' Ids counted up.
            Tolerance.AssertClose(x, Get<Vector3>(ps, i, "P").X, 1e-6, "P'.X");
            Assert.Equal(id, Get<int>(ps, i, "Id"));
        }
        Tolerance.AssertClose(expected, e, 1e-6 * (1 + Math.Abs(expected)), "E");
        Tolerance.AssertClose(ddt, (float)args[3], 1e-4 * (1 + Math.Abs(ddt)), "∂E/∂dt");
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 5)]
    public void Advance_And_NBody_MatchCentralDifferences_InOut(int steps, int seed)
    {
        CentralDifferenceRunner.CheckInOut(Method("Advance"), null, new object[] { Particles(3, new Random(seed)), 0.1f }, seed);
        CentralDifferenceRunner.CheckInOut(Method("NBody"), null, new object[] { Particles(4, new Random(seed)), 0.05f, steps }, seed);
    }

    [Fact]
    public void NBody_LeavesTheDiscreteMembersAsTheMethodDoes()
    {
        var ps = Particles(4, new Random(3));
        // One particle far below the floor dies in the step.
        object low = ps.GetValue(0)!;
        Particle.GetField("P")!.SetValue(low, new Vector3(0, -6, 0));
        ps.SetValue(low, 0);
        var viaMethod = (Array)ps.Clone();
        Method("NBody").Invoke(null, new object[] { viaMethod, 0.05f, 1 });
        var dPs = Array.CreateInstance(Particle, 4);
        Method("NBodyBackward").Invoke(null, new object[] { ps, 0.05f, 1, dPs, 0f, 1.0 });
        Assert.False(Get<bool>(viaMethod, 0, "Alive"));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(Get<bool>(viaMethod, i, "Alive"), Get<bool>(ps, i, "Alive"));
            Assert.Equal(RealStructs.Components(viaMethod.GetValue(i)!), RealStructs.Components(ps.GetValue(i)!));
        }
    }

    [Theory]
    [InlineData(4)]
    [InlineData(8)]
    public void ReadOnly_Callees_MatchCentralDifferences(int seed)
    {
        CentralDifferenceRunner.Check(Method("Total"), null, new object[] { Particles(3, new Random(seed)), 0.3f });
        CentralDifferenceRunner.CheckInOut(Method("MoveAll"), null, new object[] { Particles(3, new Random(seed)), 0.3f }, seed);
    }

    [Fact]
    public void Total_MatchesTheHandDerivative()
    {
        var ps = Particles(3, new Random(2));
        var dAll = Array.CreateInstance(Particle, 3);
        const float dt = 0.5f;
        double e = (double)Method("TotalBackward").Invoke(null, new object[] { ps, dt, dAll, 0f, 1.0 })!;
        // Total = Σ a ½ m |V|² + Σ (P.X + V.X dt)(2 Id).
        double expected = 0;
        for (int i = 0; i < 3; i++)
        {
            var v = Get<Vector3>(ps, i, "V");
            double m = Get<double>(ps, i, "Mass");
            int a = Get<bool>(ps, i, "Alive") ? 1 : 0, id = Get<int>(ps, i, "Id");
            float x = Get<Vector3>(ps, i, "P").X + (v.X * dt);
            expected += (a * 0.5 * m * v.LengthSquared()) + (x * 2.0 * id);
            var g = RealStructs.Components(dAll.GetValue(i)!);
            double[] want = { 2 * id, 0, 0, (a * m * v.X) + (2 * id * dt), a * m * v.Y, a * m * v.Z, a * 0.5 * v.LengthSquared() };
            for (int c = 0; c < want.Length; c++) Tolerance.AssertClose(want[c], g[c], 1e-5 * (1 + Math.Abs(want[c])), "∂Total/∂ps[" + i + "] component " + c);
        }
        Tolerance.AssertClose(expected, e, 1e-6 * (1 + Math.Abs(expected)), "Total");
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void BothSources_CompileWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        // The struct arrays passed whole to callees too (StructArrayArgumentTests).
        foreach (var source in new[] { Source, StructArrayArgumentTests.Source })
        {
            var result = LanguageVersionHarness.Run(version, nullable, null, source);
            Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
            Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        }
    }
}
