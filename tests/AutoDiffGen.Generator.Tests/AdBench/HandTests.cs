using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's hand tracking as its C++ reads (<see cref="HandSource"/>): it builds with no diagnostic; the Jacobian of the
/// residual vector with respect to θ (and, for the complicated variant, the barycentric us), assembled from one reverse
/// sweep of the void objective per residual, matches central differences on small seeded models with ADBench's 22-bone
/// hierarchy (mirrored and not); the translation columns are −I and the us columns the triangle's edges, by hand; the
/// rotations match hand values. With Forward = true on every helper, MForward and MJacobian (forward columns when the
/// Jacobian is tall) match central differences and the reverse rows. The first-written form, with bone sets as double[][,], is ADG errors at the constructs.
/// </summary>
public class HandTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(HandSource.Text));

    private static Type Hand => Compiled.Value.GetType("Hand")!;

    private const int Bones = 22;

    /// <summary>
    /// A random model in ADBench's layout: root and wrist, then five fingers of four bones, each bone's base relative a
    /// small rotation and a translation, vertices near the origin skinned to a few bones with weights summing to 1.
    /// </summary>
    public static object Data(int seed, int vertices, int correspondences, bool mirrored)
    {
        var random = new Random(seed);
        double U(double a, double b) => a + (b - a) * random.NextDouble();
        var parents = new int[Bones];
        parents[0] = -1;
        parents[1] = 0;
        for (int f = 0; f < 5; f++)
            for (int j = 0; j < 4; j++) parents[2 + 4 * f + j] = j == 0 ? 1 : 1 + 4 * f + j;
        double[] Transforms()
        {
            var all = new double[16 * Bones];
            for (int b = 0; b < Bones; b++)
            {
                var m = Rigid(U(-0.4, 0.4), U(-0.4, 0.4), U(-0.4, 0.4), U(-0.5, 0.5), U(-0.5, 0.5), U(0, 1));
                Array.Copy(m, 0, all, 16 * b, 16);
            }
            return all;
        }
        var positions = new double[4 * vertices];
        for (int v = 0; v < vertices; v++)
        {
            positions[4 * v] = U(-1, 1);
            positions[4 * v + 1] = U(-1, 1);
            positions[4 * v + 2] = U(-1, 1);
            positions[4 * v + 3] = 1;
        }
        var weights = new double[Bones * vertices];
        for (int v = 0; v < vertices; v++)
        {
            double total = 0;
            for (int k = 0; k < 3; k++)
            {
                int b = random.Next(Bones);
                double w = U(0.1, 1);
                weights[v * Bones + b] += w;
                total += w;
            }
            for (int b = 0; b < Bones; b++) weights[v * Bones + b] /= total;
        }
        var tris = new int[3 * vertices];
        for (int t = 0; t < vertices; t++)
        {
            tris[3 * t] = t;
            tris[3 * t + 1] = (t + 1) % vertices;
            tris[3 * t + 2] = (t + 3) % vertices;
        }
        var model = New("HandModel");
        Set(model, "BoneCount", Bones);
        Set(model, "Parents", parents);
        Set(model, "BaseRelatives", Transforms());
        Set(model, "InverseBaseAbsolutes", Transforms());
        Set(model, "VertexCount", vertices);
        Set(model, "BasePositions", positions);
        Set(model, "Weights", weights);
        Set(model, "Triangles", tris);
        Set(model, "IsMirrored", mirrored);
        var data = New("HandData");
        Set(data, "Model", model);
        Set(data, "Correspondences", Enumerable.Range(0, correspondences).Select(_ => random.Next(vertices)).ToArray());
        Set(data, "Points", Enumerable.Range(0, 3 * correspondences).Select(_ => U(-1, 1)).ToArray());
        return data;
    }

    public static double[] Theta(int seed, double scale)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, 26).Select(_ => scale * (2 * random.NextDouble() - 1)).ToArray();
    }

    [Theory]
    [InlineData(1, 8, 5, false)]
    [InlineData(2, 12, 6, true)]
    public void Simple_Jacobian_MatchesCentralDifferences(int seed, int vertices, int correspondences, bool mirrored)
    {
        var data = Data(seed, vertices, correspondences, mirrored);
        var theta = Theta(seed, 0.6);
        var jacobian = ReverseJacobian(theta, null, data, 3 * correspondences);
        var numeric = CentralJacobian((t, _) => Residuals("Objective", t, null, data, 3 * correspondences), theta, null);
        AssertClose(numeric, jacobian);
        // Every θ reaches some residual (the fingers through the skinning weights of some vertex), or the test is vacuous.
        Assert.Contains(jacobian, row => row.Take(6).Any(g => g != 0));
    }

    [Fact]
    public void Simple_ResidualRows_PassTheCentralDifferenceRunner()
    {
        // The runner also checks the contract: seeded 2 with preloaded adjoints, Backward adds 2·gradient.
        var data = Data(3, 7, 4, false);
        var theta = Theta(3, 0.5);
        foreach (int row in new[] { 0, 5, 11 })
            CentralDifferenceRunner.Check(Hand.GetMethod("ResidualOf")!, null, new object[] { theta, data, row });
    }

    [Fact]
    public void Simple_TranslationColumns_AreMinusTheIdentity()
    {
        // err = points − (R·skinned + t): ∂err[3i + j]/∂θ[3 + j'] = −δ(j, j'), whatever the pose.
        var data = Data(4, 9, 5, true);
        var jacobian = ReverseJacobian(Theta(4, 0.7), null, data, 15);
        for (int row = 0; row < 15; row++)
            for (int j = 0; j < 3; j++) Assert.Equal(row % 3 == j ? -1.0 : 0.0, jacobian[row][3 + j], 12);
    }

    [Theory]
    [InlineData(5, 10, 6, false)]
    [InlineData(6, 9, 4, true)]
    public void Complicated_Jacobian_MatchesCentralDifferences_AndTheUsColumnsAreTheTriangleEdges(int seed, int vertices, int correspondences, bool mirrored)
    {
        var data = Data(seed, vertices, correspondences, mirrored);
        var theta = Theta(seed, 0.6);
        var random = new Random(seed + 100);
        var us = Enumerable.Range(0, 2 * correspondences).Select(_ => 0.45 * random.NextDouble()).ToArray();
        int rows = 3 * correspondences;
        var jacobian = ReverseJacobian(theta, us, data, rows);
        var numeric = CentralJacobian((t, u) => Residuals("ObjectiveComplicated", t, u, data, rows), theta, us);
        AssertClose(numeric, jacobian);

        // ∂err[3i + j]/∂us[2i] = −(P[v0] − P[v2])_j and ∂/∂us[2i + 1] = −(P[v1] − P[v2])_j, P the posed vertices, read from
        // the simple objective with every vertex as a correspondence and zero points (err = −P).
        var all = Data(seed, vertices, correspondences, mirrored);
        var model = Get(all, "Model");
        Set(all, "Correspondences", Enumerable.Range(0, vertices).ToArray());
        Set(all, "Points", new double[3 * vertices]);
        var p = Residuals("Objective", theta, null, all, 3 * vertices).Select(e => -e).ToArray();
        var tris = (int[])Get(model, "Triangles");
        var corr = (int[])Get(data, "Correspondences");
        for (int i = 0; i < correspondences; i++)
        {
            int v0 = tris[3 * corr[i]], v1 = tris[3 * corr[i] + 1], v2 = tris[3 * corr[i] + 2];
            for (int j = 0; j < 3; j++)
            {
                var row = jacobian[3 * i + j];
                Assert.Equal(-(p[3 * v0 + j] - p[3 * v2 + j]), row[26 + 2 * i], 11);
                Assert.Equal(-(p[3 * v1 + j] - p[3 * v2 + j]), row[26 + 2 * i + 1], 11);
                for (int other = 0; other < correspondences; other++)
                {
                    if (other == i) continue;
                    Assert.Equal(0, row[26 + 2 * other]);
                    Assert.Equal(0, row[26 + 2 * other + 1]);
                }
            }
        }
    }

    [Fact]
    public void Complicated_ResidualRows_PassTheCentralDifferenceRunner()
    {
        var data = Data(7, 8, 3, false);
        var us = new[] { 0.2, 0.3, 0.1, 0.6, 0.4, 0.4 };
        foreach (int row in new[] { 1, 6 })
            CentralDifferenceRunner.Check(Hand.GetMethod("ComplicatedResidualOf")!, null, new object[] { Theta(7, 0.5), us, data, row });
    }

    /// <summary>
    /// The objective with Forward = true through every helper (void helpers writing arrays, slices of the caller's own
    /// output read by MatMul): MJacobian at both sides of n = m (5 points: m = 15 &lt; n = 26, reverse rows; 12 points:
    /// m = 36, 26 forward columns) matches central differences and the reverse rows, and leaves err as the objective does.
    /// </summary>
    [Theory]
    [InlineData(8, 9, 5, false)]
    [InlineData(9, 14, 12, true)]
    public void Simple_MJacobian_MatchesCentralDifferencesAndTheReverseRows(int seed, int vertices, int correspondences, bool mirrored)
    {
        var data = Data(seed, vertices, correspondences, mirrored);
        var theta = Theta(seed, 0.6);
        int rows = 3 * correspondences;
        var err = Enumerable.Repeat(7.0, rows).ToArray();
        var flat = new double[rows * 26];
        Hand.GetMethod("JacobianOf")!.Invoke(null, new object[] { theta, data, err, flat });
        Assert.Equal(Residuals("Objective", theta, null, data, rows), err);
        var jacobian = Enumerable.Range(0, rows).Select(r => flat.Skip(26 * r).Take(26).ToArray()).ToArray();
        AssertClose(CentralJacobian((t, _) => Residuals("Objective", t, null, data, rows), theta, null), jacobian);
        var reverse = ReverseJacobian(theta, null, data, rows);
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < 26; c++) Tolerance.AssertClose(reverse[r][c], jacobian[r][c], 1e-11 * (1 + Math.Abs(reverse[r][c])), $"J[{r}, {c}] vs the reverse row");
        Assert.Contains(jacobian, row => row.Skip(6).Any(g => g != 0));
    }

    [Fact]
    public void Complicated_MJacobian_ByForwardColumns_MatchesCentralDifferences()
    {
        // 30 points: m = 90 > n = 26 + 60, so MJacobian takes 86 forward sweeps (θ and us alike).
        const int correspondences = 30;
        var data = Data(10, 12, correspondences, false);
        var theta = Theta(10, 0.5);
        var random = new Random(110);
        var us = Enumerable.Range(0, 2 * correspondences).Select(_ => 0.45 * random.NextDouble()).ToArray();
        int rows = 3 * correspondences, columns = 26 + us.Length;
        var err = new double[rows];
        var flat = new double[rows * columns];
        Hand.GetMethod("ComplicatedJacobianOf")!.Invoke(null, new object[] { theta, us, data, err, flat });
        Assert.Equal(Residuals("ObjectiveComplicated", theta, us, data, rows), err);
        var jacobian = Enumerable.Range(0, rows).Select(r => flat.Skip(columns * r).Take(columns).ToArray()).ToArray();
        AssertClose(CentralJacobian((t, u) => Residuals("ObjectiveComplicated", t, u, data, rows), theta, us), jacobian);
    }

    [Fact]
    public void Simple_Jvp_AlongARandomDirection_IsJTimesTheDirection()
    {
        // MForward along t: tErr = J·t (err is overwritten, so its incoming tangent does not matter).
        var data = Data(11, 10, 6, true);
        var theta = Theta(11, 0.6);
        var t = Theta(12, 1.0);
        int rows = 18;
        var err = new double[rows];
        var tErr = Enumerable.Repeat(3.0, rows).ToArray();
        Hand.GetMethod("ForwardOf")!.Invoke(null, new object[] { theta, data, err, t, tErr });
        Assert.Equal(Residuals("Objective", theta, null, data, rows), err);
        const double h = 1e-6;
        var plus = Residuals("Objective", theta.Zip(t, (a, b) => a + h * b).ToArray(), null, data, rows);
        var minus = Residuals("Objective", theta.Zip(t, (a, b) => a - h * b).ToArray(), null, data, rows);
        for (int r = 0; r < rows; r++) Tolerance.AssertCentral((plus[r] - minus[r]) / (2 * h), tErr[r], 1 + Math.Abs(err[r]), $"tErr[{r}]");
    }

    [Fact]
    public void AngleAxis_QuarterTurn_AndItsDerivative_AsByHand()
    {
        // About z by t: R = [[c, −s, 0], [s, c, 0], [0, 0, 1]], column-major r[col·3 + row]; ∂R00/∂t = −sin t, ∂R10/∂t = cos t.
        var backward = Hand.GetMethod("RotationEntryBackward")!;
        double t = Math.PI / 2;
        double Entry(int e, out double[] d)
        {
            d = new double[3];
            return (double)backward.Invoke(null, new object[] { new[] { 0, 0, t }, e, d, 1.0 })!;
        }
        Assert.Equal(0, Entry(0, out var d0), 14);
        Assert.Equal(-Math.Sin(t), d0[2], 12);
        Assert.Equal(1, Entry(1, out var d1), 14);
        Assert.Equal(Math.Cos(t), d1[2], 12);
        Assert.Equal(-1, Entry(3, out _), 14);
        Assert.Equal(1, Entry(8, out _), 14);
        // Below ADBench's 1e-4 threshold the rotation is the identity, with zero derivative (ADBench's choice).
        var dSmall = new double[3];
        Assert.Equal(1, (double)backward.Invoke(null, new object[] { new[] { 0, 0, 1e-5 }, 0, dSmall, 1.0 })!);
        Assert.All(dSmall, g => Assert.Equal(0, g));
    }

    [Fact]
    public void EulerAngles_AreRzRyRx_WithTheHandDerivative()
    {
        // xzy = (tx, tz, ty); R = Rz·Ry·Rx, so R00 = cos tz cos ty: ∂/∂tz = −sin tz cos ty, ∂/∂ty = −cos tz sin ty.
        double tx = 0.3, tz = -0.7, ty = 0.4;
        var d = new double[3];
        double r00 = (double)Hand.GetMethod("EulerEntryBackward")!.Invoke(null, new object[] { new[] { tx, tz, ty }, 0, d, 1.0 })!;
        Assert.Equal(Math.Cos(tz) * Math.Cos(ty), r00, 14);
        Assert.Equal(0, d[0], 14);
        Assert.Equal(-Math.Sin(tz) * Math.Cos(ty), d[1], 13);
        Assert.Equal(-Math.Cos(tz) * Math.Sin(ty), d[2], 13);
        for (int e = 0; e < 9; e++) CentralDifferenceRunner.Check(Hand.GetMethod("EulerEntry")!, null, new object[] { new[] { tx, tz, ty }, e });
    }

    /// <summary>
    /// The first-written form kept ADBench's vector&lt;LightMatrix&gt; as double[][,] bone sets: unsupported, and said so at
    /// each construct (never a crash, never generated code).
    /// </summary>
    [Fact]
    public void FirstWritten_BoneSetsAsArraysOfMatrices_AreErrorsAtTheConstructs()
    {
        const string source = """
            using System;
            using AutoDiffGen;

            public static partial class H
            {
                [Differentiable]
                public static void MatMult(double[,] lhs, double[,] rhs, double[,] output)
                {
                    for (int i = 0; i < lhs.GetLength(0); i++)
                        for (int k = 0; k < rhs.GetLength(1); k++)
                        {
                            output[i, k] = lhs[i, 0] * rhs[0, k];
                            for (int j = 1; j < lhs.GetLength(1); j++)
                                output[i, k] += lhs[i, j] * rhs[j, k];
                        }
                }

                [Differentiable]
                public static void RelativesToAbsolutes(double[][,] relatives, int[] parents, double[][,] absolutes)
                {
                    for (int i = 0; i < parents.Length; i++)
                        MatMult(absolutes[parents[i]], relatives[i], absolutes[i]);
                }

                [Differentiable]
                public static double Skin(double[,] pose, int bones)
                {
                    var relatives = new double[bones][,];
                    for (int i = 0; i < bones; i++)
                        relatives[i] = new double[4, 4];
                    return pose[0, 0];
                }
            }
            """;
        var result = GeneratorHarness.Run(source);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.CompileDiagnostics);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
            .Select(d => (d.Id, Text: d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan))).ToList();
        Assert.DoesNotContain(errors, e => e.Id == "ADG9999");
        Assert.Contains(errors, e => e.Id == "ADG0006" && e.Text.Contains("relatives", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Id == "ADG0006" && e.Text.Contains("absolutes", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Id == "ADG0003" && e.Text == "new double[bones][,]");
        Assert.Contains(errors, e => e.Id == "ADG0007" && e.Text.StartsWith("relatives[i] = new double[4, 4]", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("H.RelativesToAbsolutes", StringComparison.Ordinal) || k.StartsWith("H.Skin", StringComparison.Ordinal));
        Assert.Contains(result.Generated.Keys, k => k.StartsWith("H.MatMult", StringComparison.Ordinal));
    }

    // ---- helpers ----

    /// <summary>One reverse sweep of the void objective per residual, seeded with that residual's unit vector.</summary>
    private static double[][] ReverseJacobian(double[] theta, double[]? us, object data, int rows)
    {
        var jacobian = new double[rows][];
        for (int row = 0; row < rows; row++)
        {
            var dErr = new double[rows];
            dErr[row] = 1;
            var dTheta = new double[theta.Length];
            var thetaBefore = (double[])theta.Clone();
            if (us is null)
            {
                Hand.GetMethod("ObjectiveBackward")!.Invoke(null, new object[] { theta, data, new double[rows], dTheta, dErr });
                jacobian[row] = dTheta;
            }
            else
            {
                var dUs = new double[us.Length];
                Hand.GetMethod("ObjectiveComplicatedBackward")!.Invoke(null, new object[] { theta, us, data, new double[rows], dTheta, dUs, dErr });
                jacobian[row] = dTheta.Concat(dUs).ToArray();
            }
            Assert.Equal(thetaBefore, theta);
        }
        return jacobian;
    }

    private static double[] Residuals(string method, double[] theta, double[]? us, object data, int rows)
    {
        var err = new double[rows];
        Hand.GetMethod(method)!.Invoke(null, us is null ? new object[] { theta, data, err } : new object[] { theta, us, data, err });
        return err;
    }

    private static double[][] CentralJacobian(Func<double[], double[]?, double[]> f, double[] theta, double[]? us)
    {
        int columns = theta.Length + (us?.Length ?? 0);
        int rows = f(theta, us).Length;
        var jacobian = Enumerable.Range(0, rows).Select(_ => new double[columns]).ToArray();
        const double h = 1e-6;
        for (int c = 0; c < columns; c++)
        {
            var tp = (double[])theta.Clone();
            var tm = (double[])theta.Clone();
            var up = (double[]?)us?.Clone();
            var um = (double[]?)us?.Clone();
            if (c < theta.Length) { tp[c] += h; tm[c] -= h; }
            else { up![c - theta.Length] += h; um![c - theta.Length] -= h; }
            var plus = f(tp, up);
            var minus = f(tm, um);
            for (int r = 0; r < rows; r++) jacobian[r][c] = (plus[r] - minus[r]) / (2 * h);
        }
        return jacobian;
    }

    private static void AssertClose(double[][] expected, double[][] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int r = 0; r < expected.Length; r++)
            for (int c = 0; c < expected[r].Length; c++)
                Tolerance.AssertClose(expected[r][c], actual[r][c], 1e-6 * (1 + Math.Abs(expected[r][c])), $"J[{r}, {c}]");
    }

    /// <summary>A 4×4 column-major rigid transform: Rz·Ry·Rx then a translation.</summary>
    private static double[] Rigid(double ax, double ay, double az, double tx, double ty, double tz)
    {
        double cx = Math.Cos(ax), sx = Math.Sin(ax), cy = Math.Cos(ay), sy = Math.Sin(ay), cz = Math.Cos(az), sz = Math.Sin(az);
        double[,] r =
        {
            { cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx },
            { sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx },
            { -sy, cy * sx, cy * cx },
        };
        var m = new double[16];
        for (int row = 0; row < 3; row++)
            for (int col = 0; col < 3; col++) m[col * 4 + row] = r[row, col];
        m[12] = tx;
        m[13] = ty;
        m[14] = tz;
        m[15] = 1;
        return m;
    }

    private static object New(string type) => Activator.CreateInstance(Compiled.Value.GetType(type)!)!;

    private static void Set(object target, string field, object value) => target.GetType().GetField(field)!.SetValue(target, value);

    private static object Get(object target, string field) => target.GetType().GetField(field)!.GetValue(target)!;
}
