using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.ControlFlow;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Differentiation/OverwrittenCopies</c> (issue 12, the compile cost of loops): a reverse loop's copy of a carried
/// adjoint that the loop body overwrites after the copy's last read (<c>double dAcc_2 = dAcc_1; … dAcc_1 = b * dAcc_2;</c>),
/// and a copy handed back on both sides of a branch, are gone. Gradients by hand and by central differences; on random
/// loop programs (carried scalars, nested loops, branches; one in five just outside, ADG0003 there and no code) the code
/// with and without the pass returns the same bits.
/// </summary>
public class OverwrittenCopiesTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class H
        {
            [Differentiable]
            public static double Horner(double[] w, double[] v, double b)
            {
                double acc = 0.0;
                int j = w.Length - 1;
                while (j >= 0)
                {
                    acc = acc * b + w[j] * v[j];
                    j--;
                }
                return acc;
            }

            [Differentiable]
            public static double Folded(double[] w, double[] v, double b)
            {
                double acc = 0.0;
                for (int j = 0; j < w.Length; j++)
                {
                    double s = w[j];
                    for (int r = 0; r < 2; r++) s = s * b + v[j];
                    if (s > 0.0) acc += s * s;
                    else acc -= s;
                }
                return acc;
            }
        }
        """;

    [Fact]
    public void A_carried_copy_the_loop_overwrites_is_gone_and_the_gradient_is_the_hand_derived_one()
    {
        var model = Programs.Model(Source, "Horner");
        string code = BackwardEmitter.Emit(model), plain = BackwardEmitter.Emit(model, overwrittenCopies: false);
        Assert.True(plain.Contains("double dAcc_2 = dAcc_1;", StringComparison.Ordinal), plain);
        Assert.DoesNotContain("dAcc_2", code);
        Assert.Contains("dAcc_1 = bCopy * dAcc_1;", code);
        Assert.Equal(TwoWays.Statements(new[] { plain }) - 1, TwoWays.Statements(new[] { code }));

        double[] w = { 1, 2, 3 }, v = { 0.5, -1, 2 };
        const double b = 1.5;
        // By hand: the loop runs j = 2, 1, 0, so f = Σ_j w_j v_j b^j = 0.5 − 2·1.5 + 6·2.25 = 11;
        // ∂f/∂w_j = v_j b^j = (0.5, −1.5, 4.5), ∂f/∂v_j = w_j b^j = (1, 3, 6.75), ∂f/∂b = Σ_j j w_j v_j b^(j−1) = −2 + 2·6·1.5 = 16.
        var (value, g) = Gradient("Horner", w, v, b);
        Assert.Equal(11.0, value, 12);
        Assert.Equal(new[] { 0.5, -1.5, 4.5, 1, 3, 6.75, 16 }, g.Select(x => Math.Round(x, 12)));
    }

    [Fact]
    public void A_copy_handed_back_on_both_sides_of_a_branch_is_gone_and_the_gradient_is_the_hand_derived_one()
    {
        var model = Programs.Model(Source, "Folded");
        string code = BackwardEmitter.Emit(model), plain = BackwardEmitter.Emit(model, overwrittenCopies: false);
        Assert.True(plain.Contains("dAcc_1 = dAcc_4;", StringComparison.Ordinal), plain);
        Assert.DoesNotContain("dAcc_4", code);
        Assert.True(TwoWays.Statements(new[] { code }) <= TwoWays.Statements(new[] { plain }) - 4, code);

        double[] w = { 1, -3 }, v = { 0.5, 1 };
        const double b = 2;
        // By hand: s_j = w_j b² + v_j (b + 1): s_0 = 4 + 1.5 = 5.5 > 0 adds s_0² = 30.25; s_1 = −12 + 3 = −9 ≤ 0 adds −s_1 = 9:
        // f = 39.25. ∂s/∂w = b² = 4, ∂s/∂v = b + 1 = 3, ∂s/∂b = 2 w b + v. Term 0 (2 s_0 = 11): ∂w_0 = 44, ∂v_0 = 33,
        // ∂b += 11 · (4 + 0.5) = 49.5. Term 1 (−1): ∂w_1 = −4, ∂v_1 = −3, ∂b += −(−12 + 1) = 11. ∂f/∂b = 60.5.
        var (value, g) = Gradient("Folded", w, v, b);
        Assert.Equal(39.25, value, 12);
        Assert.Equal(new[] { 44, -4, 33, -3, 60.5 }, g.Select(x => Math.Round(x, 12)));
    }

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("H")!);

    /// <summary>The method's value and gradient (∂w, ∂v, ∂b flattened) from its Backward, checked against central differences.</summary>
    private static (double Value, double[] Gradient) Gradient(string name, double[] w, double[] v, double b)
    {
        var args = new object[] { w, v, b, new double[w.Length], new double[v.Length], 0.0, 1.0 };
        double value = (double)Compiled.Value.GetMethod(name + "Backward")!.Invoke(null, args)!;
        CentralDifferenceRunner.Check(Compiled.Value.GetMethod(name)!, null, new object[] { w, v, b });
        return (value, ((double[])args[3]).Concat((double[])args[4]).Append((double)args[5]).ToArray());
    }

    /// <summary>
    /// Property: 30 random loop programs (carried scalars overwritten per iteration, nested loops, branches that hand a
    /// value back), one in five just outside (ADG0003 at it, no code): each generated one matches central differences at
    /// m = 3 and 5 (InnerCounterPropertyTests.CheckAll, one compilation), and its Backward written with and without the pass
    /// returns the same bits at two points.
    /// </summary>
    [Fact]
    public void Random_loops_match_central_differences_and_the_same_bits_without_the_pass()
    {
        var random = new Random(20261205);
        var all = Enumerable.Range(0, 30).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        var (clean, points, _, _) = InnerCounterPropertyTests.CheckAll(all, random, new[] { 3, 5 }, _ => true, (_, _) => true, "");
        Assert.True(clean == 24 && points == 2 * clean, clean + " generated, " + points + " points");

        string source = ProgramBatch.Source(InnerCounterPropertyTests.Header, all.Where(p => p.Bad is null).Select(p => p.Text));
        var (on, off, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, overwrittenCopies: false));
        int changed = on.Zip(off).Count(t => t.First != t.Second);
        output.WriteLine($"{all.Count} programs: {clean} generated, {points} points, {all.Count - clean} diagnosed; {changed} of {names.Count} lose copies");
        Assert.True(names.Count == clean && changed >= clean / 2, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(on) < TwoWays.Statements(off));
        var withPass = TwoWays.Load(source, on).GetType("Counters")!;
        var without = TwoWays.Load(source, off).GetType("Counters")!;
        foreach (var name in names)
        {
            for (int k = 0; k < 2; k++)
            {
                var a = Enumerable.Range(0, 6).Select(_ => Math.Round(random.NextDouble() * 1.6 - 0.8, 3)).ToArray();
                double c = 0.2 + 0.5 * random.NextDouble();
                var (va, da, dca) = Call(withPass, name, a, c);
                var (vb, db, dcb) = Call(without, name, a, c);
                Assert.Equal(BitConverter.DoubleToInt64Bits(vb), BitConverter.DoubleToInt64Bits(va));
                Assert.Equal(db.Select(BitConverter.DoubleToInt64Bits), da.Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(BitConverter.DoubleToInt64Bits(dcb), BitConverter.DoubleToInt64Bits(dca));
            }
        }
    }

    private static (double Value, double[] DA, double DC) Call(Type type, string name, double[] a, double c)
    {
        var args = new object[] { a, c, 4, new double[a.Length], 0.0, 1.0 };
        double value = (double)type.GetMethod(name + "Backward")!.Invoke(null, args)!;
        return (value, (double[])args[3], (double)args[4]);
    }

    private static InnerCounterPropertyTests.Program Next(Random random, string name, bool outside)
    {
        string K() => InnerCounterPropertyTests.K(random);
        string Statement() => random.Next(6) switch
        {
            0 => "s = s * c + a[i % a.Length] * " + K() + ";",
            1 => "for (int r = 0; r < " + (1 + random.Next(3)) + "; r++) s = s * " + K() + " + a[(i + r) % a.Length];",
            2 => "if (s > " + K() + ") u += s * s; else u -= s * c;",
            3 => "u = u * " + K() + " + Math.Sin(s) * a[i % a.Length];",
            4 => "if (a[i % a.Length] > 0.0) s = s * c; else s = s + " + K() + ";",
            _ => "u += s * a[(i + 1) % a.Length];",
        };
        var text = LoopPrograms.Method(name, "        double s = c; double u = 0.0;\n", "", 1 + random.Next(3), outside, random, Statement);
        text.Append("        return s + u * ").Append(K()).Append(";\n    }\n");
        return new InnerCounterPropertyTests.Program(name, text.ToString(), outside ? LoopPrograms.OutsideAt : null, true);
    }
}
