using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Structs with discrete members next to their reals (a particle's <c>int Id</c> and <c>bool Alive</c>, a sample's
/// <c>int Label</c>, a body's enum <c>Kind</c>): the discrete members are constants for differentiation, copied through;
/// the real members are components. Checked by hand and against central differences; forward mode against the gradient.
/// </summary>
public class DiscreteMemberTests
{
    /// <summary>C# 7.3 as well (the record structs and <c>with</c> are in <see cref="Records"/>).</summary>
    public const string Source = @"
using System;
using System.Numerics;
using AutoDiffGen;

namespace DiscreteMembers
{
    public enum Kind { Light, Heavy }

    public struct Part
    {
        public double X; public double Y; public double Mass; public int Id; public bool Alive;
        public Part(double x, double y, double mass, int id, bool alive) { X = x; Y = y; Mass = mass; Id = id; Alive = alive; }
    }

    public struct Particle { public Vector3 P; public double Mass; public int Id; public bool Alive; }

    public struct Body { public double X; public double V; public Kind Kind; public char Tag; public long Steps; }

    public static partial class D
    {
        /// A particle's energy: its Id picks its weight, a dead one has none.
        [Differentiable(Forward = true)]
        public static double Energy(Part p, double g, double[] w) => p.Alive ? p.Mass * g * p.Y + w[p.Id] * p.X * p.X : 0;

        /// A body falls (Heavy) or is damped (Light), then moves: an enum member in a branch.
        [Differentiable(Forward = true)]
        public static double Fall(Body b, double dt)
        {
            var c = b;
            if (c.Kind == Kind.Heavy) c.V -= 9.81 * dt; else c.V *= 0.5;
            c.X += c.V * dt;
            c.Steps++;
            return c.X * c.X;
        }

        /// A particle system: locals built three ways, discrete members updated in a loop, a struct helper.
        [Differentiable(Forward = true)]
        public static double System(Part a, Part b, double k, double[] w, int steps)
        {
            var q = a;
            var r = new Part { X = b.X, Y = b.Y * k, Mass = b.Mass, Id = b.Id, Alive = true };
            var s = new Part(a.Y, b.X, 1.5, 0, false);
            double e = 0;
            for (int t = 0; t < steps; t++)
            {
                if (q.Alive) q.X += 0.1 * q.Mass * (r.X - q.X);
                q.Id = (q.Id + 1) % w.Length;
                q.Alive = !q.Alive || t == 0;
                r = Move(r, k);
                s.Id += q.Id;
                e += w[q.Id] * q.X * r.Y + (s.Id % 2 == 0 ? s.X : s.Y) * k;
            }
            return e + (r.Alive ? r.Mass * r.Id : 0);
        }

        /// SystemForward's tResult (a ReadOnlySpan tangent cannot go through reflection).
        public static double SystemTangent(Part a, Part b, double k, double[] w, int steps, Part tA, Part tB, double tK, double[] tW)
        {
            SystemForward(a, b, k, w, steps, tA, tB, tK, tW, out double t);
            return t;
        }

        /// Returns a particle: its Id and Alive are copied through, its reals differentiated.
        [Differentiable(Forward = true)]
        public static Part Move(Part p, double dt)
        {
            var q = p;
            q.Y += dt * q.X;
            q.Id += 1;
            q.Alive = q.Y > 0;
            return q;
        }

        /// A Vector3 particle (floats): its position's members and its mass are components.
        [Differentiable]
        public static double Kinetic(Particle p, double s) => p.Alive ? p.Mass * (p.P.X * p.P.X + p.P.Y) * s + p.Id * p.P.Z : p.Mass * s;

        /// Constant structs (a helper's result, a static field) read in a loop: each member a constant, the enum taped.
        [Differentiable]
        public static double Constants(double x, int n)
        {
            double r = 0;
            for (int i = 0; i < n; i++)
            {
                var s = Make(i);
                var u = Unit;
                r += x * s.X * s.Steps + (s.Kind == Kind.Heavy ? x * x : 0) + u.Steps * x;
                r = Math.Sin(r);
            }
            return r;
        }

        private static Body Make(int i) { var b = new Body(); b.X = i * 0.5; b.Kind = i % 2 == 0 ? Kind.Light : Kind.Heavy; b.Steps = i; return b; }

        private static readonly Body Unit = new Body { X = 1, Steps = 3, Kind = Kind.Heavy };

        /// An enum and a char taped in a loop.
        [Differentiable]
        public static double Bounce(Body b, double k, int n)
        {
            var q = b;
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                q.X = q.X * k + q.V;
                if (q.X > 0) q.Kind = Kind.Heavy; else q.Kind = Kind.Light;
                q.Tag = q.Kind == Kind.Heavy ? 'h' : 'l';
                q.Steps += 2;
                s += (q.Tag == 'h' ? q.X : q.V) * q.Steps;
            }
            return s;
        }
    }
}
";

    /// <summary>Record structs with positional int members, and <c>with</c> (C# 10).</summary>
    public const string Records = """
        using System;
        using AutoDiffGen;

        namespace DiscreteRecords
        {
            public record struct Sample(double X, double Y, int Label);

            public static partial class R
            {
                /// Logistic loss of a labelled sample.
                [Differentiable]
                public static double Loss(Sample s, double w0, double w1)
                {
                    double z = w0 * s.X + w1 * s.Y;
                    double p = 1 / (1 + Math.Exp(-z));
                    return s.Label == 1 ? -Math.Log(p) : -Math.Log(1 - p);
                }

                /// Samples built in a loop (x, x², label), passed to Loss; one relabelled with 'with'.
                [Differentiable]
                public static double Total(double w0, double w1, double[] xs, int[] labels)
                {
                    double t = 0;
                    for (int i = 0; i < xs.Length; i++)
                    {
                        var s = new Sample(xs[i], xs[i] * xs[i], labels[i]);
                        if (i == 0) s = s with { Label = 1 - s.Label, Y = 0.5 * s.Y };
                        t += Loss(s, w0, w1);
                    }
                    return t;
                }

                /// A Hessian over the reals only: X·Y·k·Label.
                [Differentiable(Hessian = true)]
                public static double Triple(Sample s, double k) => s.X * s.Y * k * s.Label;

                /// TripleHessian into an array (a span cannot go through reflection).
                public static double TripleH(Sample s, double k, double[] h) => TripleHessian(s, k, h);
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));
    private static readonly Lazy<Assembly> CompiledRecords = new(() => GeneratorHarness.CompileAndLoad(Records));

    private static Type D => Compiled.Value.GetType("DiscreteMembers.D")!;

    private static Type R => CompiledRecords.Value.GetType("DiscreteRecords.R")!;

    private static object Part(double x, double y, double mass, int id, bool alive) =>
        Activator.CreateInstance(Compiled.Value.GetType("DiscreteMembers.Part")!, x, y, mass, id, alive)!;

    private static object Body(double x, double v, int kind, char tag, long steps)
    {
        var type = Compiled.Value.GetType("DiscreteMembers.Body")!;
        object b = Activator.CreateInstance(type)!;
        type.GetField("X")!.SetValue(b, x);
        type.GetField("V")!.SetValue(b, v);
        type.GetField("Kind")!.SetValue(b, Enum.ToObject(Compiled.Value.GetType("DiscreteMembers.Kind")!, kind));
        type.GetField("Tag")!.SetValue(b, tag);
        type.GetField("Steps")!.SetValue(b, steps);
        return b;
    }

    private static T Field<T>(object o, string name) => (T)o.GetType().GetField(name)!.GetValue(o)!;

    [Theory]
    [InlineData(0.7, -0.4, 1.3, 2, true)]
    [InlineData(-1.1, 0.6, 0.8, 0, true)]
    [InlineData(0.5, 0.5, 2.0, 1, false)]
    public void Energy_MatchesTheHandDerivative_AndLeavesTheAdjointsDiscreteMembers(double x, double y, double mass, int id, bool alive)
    {
        double g = 9.81;
        var w = new[] { 0.5, 2.0, -1.5 };
        var dW = new double[3];
        // The caller's discrete members of dP stay as it set them: only the reals are added into.
        object dP = Part(0.25, 0, 0, 7, true);
        var args = new object[] { Part(x, y, mass, id, alive), g, w, dP, 0.0, dW, 1.0 };
        double e = (double)D.GetMethod("EnergyBackward")!.Invoke(null, args)!;
        dP = args[3];
        double dG = (double)args[4];
        Tolerance.AssertFormula(alive ? (mass * g * y) + (w[id] * x * x) : 0, e, "E");
        Tolerance.AssertFormula(0.25 + (alive ? 2 * w[id] * x : 0), Field<double>(dP, "X"), "∂E/∂X (added to 0.25)");
        Tolerance.AssertFormula(alive ? mass * g : 0, Field<double>(dP, "Y"), "∂E/∂Y");
        Tolerance.AssertFormula(alive ? g * y : 0, Field<double>(dP, "Mass"), "∂E/∂Mass");
        Tolerance.AssertFormula(alive ? mass * y : 0, dG, "∂E/∂g");
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(alive && i == id ? x * x : 0, dW[i], "∂E/∂w[" + i + "]");
        Assert.Equal(7, Field<int>(dP, "Id"));
        Assert.True(Field<bool>(dP, "Alive"));
        CentralDifferenceRunner.Check(D.GetMethod("Energy")!, null, new object[] { Part(x, y, mass, id, alive), g, w });
    }

    [Theory]
    [InlineData(1.2, -0.3, 1, 0.1)]
    [InlineData(0.4, 2.0, 0, 0.2)]
    public void Fall_AnEnumInABranch_MatchesTheHandDerivative(double x, double v, int kind, double dt)
    {
        object dB = Body(0, 0, 0, 'z', 5);
        var args = new object[] { Body(x, v, kind, 'a', 3), dt, dB, 0.0, 1.0 };
        double f = (double)D.GetMethod("FallBackward")!.Invoke(null, args)!;
        dB = args[2];
        bool heavy = kind == 1;
        // Heavy: v' = v − 9.81 dt; light: v' = v / 2. x' = x + v' dt, f = x'².
        double v1 = heavy ? v - (9.81 * dt) : 0.5 * v, x1 = x + (v1 * dt);
        Tolerance.AssertFormula(x1 * x1, f, "f");
        Tolerance.AssertFormula(2 * x1, Field<double>(dB, "X"), "∂f/∂X");
        Tolerance.AssertFormula(2 * x1 * dt * (heavy ? 1 : 0.5), Field<double>(dB, "V"), "∂f/∂V");
        Tolerance.AssertFormula(2 * x1 * (heavy ? v1 - (9.81 * dt) : v1), (double)args[3], "∂f/∂dt");
        Assert.Equal('z', Field<char>(dB, "Tag"));
        Assert.Equal(5L, Field<long>(dB, "Steps"));
        CentralDifferenceRunner.Check(D.GetMethod("Fall")!, null, new object[] { Body(x, v, kind, 'a', 3), dt });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 2)]
    [InlineData(4, 3)]
    public void System_MatchesCentralDifferences(int steps, int seed)
    {
        var random = new Random(seed);
        double U() => (random.NextDouble() * 2) - 1;
        var point = new object[] { Part(U(), U(), 1 + random.NextDouble(), random.Next(3), random.Next(2) == 0), Part(U(), U(), 1 + random.NextDouble(), random.Next(3), random.Next(2) == 0), 1 + U() * 0.5, new[] { U(), U(), U() }, steps };
        var result = CentralDifferenceRunner.Check(D.GetMethod("System")!, null, point);
        CheckForward(point, result, seed);
    }

    [Fact]
    public void Move_ReturnsTheDiscreteMembers_AndItsTangentCarriesThem()
    {
        object dP = Part(0, 0, 0, 4, false);
        object dResult = Part(1.0, 2.0, 3.0, 99, true);
        var args = new object[] { Part(0.5, -0.2, 1.0, 2, true), 0.3, dP, 0.0, dResult };
        object moved = D.GetMethod("MoveBackward")!.Invoke(null, args)!;
        // y' = y + dt·x, Id + 1, Alive = y' > 0: the value; dResult's Id and Alive are ignored.
        Tolerance.AssertFormula(-0.2 + (0.3 * 0.5), Field<double>(moved, "Y"), "Y'");
        Assert.Equal(3, Field<int>(moved, "Id"));
        Assert.False(Field<bool>(moved, "Alive"));
        dP = args[2];
        Tolerance.AssertFormula(1.0 + (0.3 * 2.0), Field<double>(dP, "X"), "∂/∂X = dX' + dt·dY'");
        Tolerance.AssertFormula(2.0, Field<double>(dP, "Y"), "∂/∂Y");
        Tolerance.AssertFormula(3.0, Field<double>(dP, "Mass"), "∂/∂Mass");
        Tolerance.AssertFormula(0.5 * 2.0, (double)args[3], "∂/∂dt = x·dY'");
        Assert.Equal(4, Field<int>(dP, "Id"));
        var forward = new object?[] { Part(0.5, -0.2, 1.0, 2, true), 0.3, Part(1, 1, 1, 55, true), 2.0, null };
        D.GetMethod("MoveForward")!.Invoke(null, forward);
        var tangent = forward[4]!;
        // tY' = tY + dt·tX + x·tdt; the tangent's Id and Alive are the value's.
        Tolerance.AssertFormula(1 + 0.3 + (0.5 * 2.0), Field<double>(tangent, "Y"), "tY'");
        Assert.Equal(3, Field<int>(tangent, "Id"));
        Assert.False(Field<bool>(tangent, "Alive"));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 4)]
    [InlineData(3, 0)]
    public void Kinetic_Vector3Particle_MatchesCentralDifferences(int seed, int id)
    {
        var random = new Random(seed);
        var particle = Compiled.Value.GetType("DiscreteMembers.Particle")!;
        object p = Activator.CreateInstance(particle)!;
        particle.GetField("P")!.SetValue(p, new Vector3((float)random.NextDouble(), (float)random.NextDouble() - 0.5f, (float)random.NextDouble()));
        particle.GetField("Mass")!.SetValue(p, 1 + random.NextDouble());
        particle.GetField("Id")!.SetValue(p, id);
        particle.GetField("Alive")!.SetValue(p, id != 0);
        CentralDifferenceRunner.Check(D.GetMethod("Kinetic")!, null, new object[] { p, 0.5 + random.NextDouble() });
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(4, 6)]
    public void Bounce_EnumAndCharInALoop_MatchCentralDifferences(int n, int seed)
    {
        var random = new Random(seed);
        CentralDifferenceRunner.Check(D.GetMethod("Bounce")!, null, new object[] { Body(random.NextDouble() - 0.5, random.NextDouble() - 0.5, 0, 'x', 1), 0.9, n });
    }

    [Theory]
    [InlineData(0.4, 3)]
    [InlineData(-0.9, 4)]
    public void Constants_InALoop_MatchCentralDifferences(double x, int n) =>
        CentralDifferenceRunner.Check(D.GetMethod("Constants")!, null, new object[] { x, n });

    [Theory]
    [InlineData(0.3, -0.7, 0.9, 1)]
    [InlineData(-0.5, 0.2, 1.4, 0)]
    public void Loss_LabelledSample_MatchesTheHandDerivative(double w0, double w1, double x, int label)
    {
        var sample = CompiledRecords.Value.GetType("DiscreteRecords.Sample")!;
        object s = Activator.CreateInstance(sample, x, x * x, label)!;
        object dS = Activator.CreateInstance(sample, 0.0, 0.0, 8)!;
        var args = new object[] { s, w0, w1, dS, 0.0, 0.0, 1.0 };
        double loss = (double)R.GetMethod("LossBackward")!.Invoke(null, args)!;
        dS = args[3];
        // p = σ(w0 x + w1 y); loss = −log p (label 1) or −log(1 − p); ∂loss/∂z = p − label.
        double p = 1 / (1 + Math.Exp(-((w0 * x) + (w1 * x * x)))), dz = p - label;
        Tolerance.AssertFormula(label == 1 ? -Math.Log(p) : -Math.Log(1 - p), loss, "loss");
        Tolerance.AssertFormula(dz * w0, (double)sample.GetProperty("X")!.GetValue(dS)!, "∂/∂X");
        Tolerance.AssertFormula(dz * w1, (double)sample.GetProperty("Y")!.GetValue(dS)!, "∂/∂Y");
        Tolerance.AssertFormula(dz * x, (double)args[4], "∂/∂w0");
        Tolerance.AssertFormula(dz * x * x, (double)args[5], "∂/∂w1");
        Assert.Equal(8, (int)sample.GetProperty("Label")!.GetValue(dS)!);
        CentralDifferenceRunner.Check(R.GetMethod("Loss")!, null, new object[] { s, w0, w1 });
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Total_SamplesBuiltInALoop_MatchTheHandDerivative(int seed)
    {
        var random = new Random(seed);
        var xs = Enumerable.Range(0, 4).Select(_ => (random.NextDouble() * 2) - 1).ToArray();
        var labels = Enumerable.Range(0, 4).Select(_ => random.Next(2)).ToArray();
        double w0 = 0.4, w1 = -0.6;
        var dXs = new double[4];
        var args = new object[] { w0, w1, xs, labels, 0.0, 0.0, dXs, 1.0 };
        double total = (double)R.GetMethod("TotalBackward")!.Invoke(null, args)!;
        double expected = 0, dw0 = 0, dw1 = 0;
        for (int i = 0; i < 4; i++)
        {
            // Sample 0 is relabelled and its Y halved: y = c·x² with c = ½ there.
            int label = i == 0 ? 1 - labels[i] : labels[i];
            double c = i == 0 ? 0.5 : 1, x = xs[i], y = c * x * x;
            double p = 1 / (1 + Math.Exp(-((w0 * x) + (w1 * y)))), dz = p - label;
            expected += label == 1 ? -Math.Log(p) : -Math.Log(1 - p);
            dw0 += dz * x;
            dw1 += dz * y;
            Tolerance.AssertFormula(dz * (w0 + (w1 * c * 2 * x)), dXs[i], "∂/∂xs[" + i + "]");
        }
        Tolerance.AssertFormula(expected, total, "total");
        Tolerance.AssertFormula(dw0, (double)args[4], "∂/∂w0");
        Tolerance.AssertFormula(dw1, (double)args[5], "∂/∂w1");
        CentralDifferenceRunner.Check(R.GetMethod("Total")!, null, new object[] { w0, w1, xs, labels });
    }

    [Fact]
    public void Triple_Hessian_IsOverTheRealsOnly()
    {
        var sample = CompiledRecords.Value.GetType("DiscreteRecords.Sample")!;
        double x = 0.7, y = -1.2, k = 1.5;
        int label = 3;
        var hessian = new double[9];
        double value = (double)R.GetMethod("TripleH")!.Invoke(null, new object[] { Activator.CreateInstance(sample, x, y, label)!, k, hessian })!;
        Tolerance.AssertFormula(x * y * k * label, value, "value");
        // f = L·X·Y·k over (X, Y, k): H = L·[[0, k, Y], [k, 0, X], [Y, X, 0]].
        var expected = new[] { 0, k, y, k, 0, x, y, x, 0 }.Select(v => v * label).ToArray();
        for (int i = 0; i < 9; i++) Tolerance.AssertFormula(expected[i], hessian[i], "H[" + (i / 3) + "," + (i % 3) + "]");
    }

    /// <summary>
    /// SystemForward against the gradient: tResult = Σ ∂f/∂p · t for random tangents. A struct's tangent is the struct;
    /// its discrete members are ignored (here 9 and false).
    /// </summary>
    private static void CheckForward(object[] point, CentralDifferenceRunner.Result result, int seed)
    {
        var random = new Random(seed + 100);
        double U() => (random.NextDouble() * 2) - 1;
        var tA = Part(U(), U(), U(), 9, false);
        var tB = Part(U(), U(), U(), 9, false);
        double tK = U();
        var tW = new[] { U(), U(), U() };
        double expected = 0;
        var tangents = new[] { RealStructs.Components(tA), RealStructs.Components(tB), new[] { tK }, tW };
        for (int i = 0; i < 4; i++)
        {
            for (int j = 0; j < tangents[i].Length; j++) expected += result.Gradient[i]![j] * tangents[i][j];
        }
        double t = (double)D.GetMethod("SystemTangent")!.Invoke(null, point.Concat(new object[] { tA, tB, tK, tW }).ToArray())!;
        Tolerance.AssertClose(expected, t, 1e-9 * (1 + Math.Abs(expected)), "SystemForward's tResult against the gradient");
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        if (version != LanguageVersion.CSharp7_3) return;
        var assembly = result.Load();
        var type = assembly.GetType("DiscreteMembers.D")!;
        var part = assembly.GetType("DiscreteMembers.Part")!;
        CentralDifferenceRunner.Check(type.GetMethod("Energy")!, null, new object[] { Activator.CreateInstance(part, 0.3, 0.4, 1.2, 1, true)!, 2.0, new[] { 1.0, -2.0 } });
    }

    /// <summary>Just outside: each is an ADG error at the construct, whose message names what stands in the way.</summary>
    [Theory]
    [InlineData("public struct S { public double X; public string Name; }", "[Differentiable] public static double F(S s) => s.X;", "ADG0006", "S s", "'Name' of type 'string'")]
    [InlineData("public struct S { public double X; public object Tag; }", "[Differentiable] public static double F(S s) => s.X;", "ADG0006", "S s", "'Tag' of type 'object'")]
    [InlineData("public readonly struct S { public readonly double X; public readonly int Id; public S(double x, int id) { X = x; Id = id; } }", "[Differentiable] public static double F(S s) => s.X * s.Id;", "ADG0006", "S s", "discrete member 'Id'")]
    [InlineData("public readonly record struct S(double X, int Id);", "[Differentiable] public static double F(S s) => s.X * s.Id;", "ADG0006", "S s", "discrete member 'Id'")]
    // An array of a struct with a discrete member is carried (Arrays/StructArrayDiscreteTests); of a readonly one not.
    [InlineData("public readonly struct S { public readonly double X; public readonly int Id; public S(double x, int id) { X = x; Id = id; } }", "[Differentiable] public static double F(S[] s) => s[0].X;", "ADG0006", "S[] s", "'Id'")]
    // A struct passed by in is an input like a by-value one (RefOut/InStructParameterTests); by ref it is not.
    [InlineData("public struct S { public double X; public int Id; }", "[Differentiable] public static double F(ref S s) => s.X;", "ADG0006", "ref S s", "passed by ref")]
    [InlineData("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] public struct S { [System.Runtime.InteropServices.FieldOffset(0)] public double X; [System.Runtime.InteropServices.FieldOffset(0)] public long Bits; }", "[Differentiable] public static double F(S s) => s.X;", "ADG0006", "S s", "explicit layout")]
    [InlineData("[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Explicit)] public struct S { [System.Runtime.InteropServices.FieldOffset(0)] public double X; [System.Runtime.InteropServices.FieldOffset(0)] public double Y; }", "[Differentiable] public static double F(S s) => s.X * s.Y;", "ADG0006", "S s", "explicit layout")]
    [InlineData("public struct S { public double X; public int Id; }", "[Differentiable(Jacobian = true)] public static S F(S s, double k) { s.X *= k; return s; }", "ADG0003", "F", "discrete member 'Id'")]
    // A plain helper taking such a struct is inlined since structs14 (PlainHelpers/StructHelperShapesTests checks Twice(s) by hand);
    // one that writes a static field cannot be.
    [InlineData("public struct S { public double X; public int Id; }", "[Differentiable] public static double F(double x) { var s = new S { X = x, Id = 2 }; return Twice(s); } static int Count; static double Twice(S s) { Count++; return 2 * s.X; }", "ADG0004", "Twice(s)", "writes the static field 'Count'")]
    public void JustOutside_IsAnError_AtTheConstruct(string type, string member, string id, string span, string says)
    {
        string source = "using System; using AutoDiffGen; namespace Outside { " + type + " public static partial class C { " + member + " } }";
        var run = GeneratorHarness.Run(source);
        var all = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(all.Count > 0, run.Dump());
        Assert.Contains(all, d => d.Id == id && source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == span && d.GetMessage().Contains(says, StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
