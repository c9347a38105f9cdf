using System.Reflection;
using System.Runtime.Loader;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Lowering;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Emit/ForwardInlining</c>: a forward value read once, by the next gate or phi copy of its block and never by the
/// reverse sweep, is written into its reader. The text shows it; the gradients are the hand-derived ones, central
/// differences agree, and on random programs the code with and without it returns the same bits.
/// </summary>
public class ForwardInliningTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class F
        {
            [Differentiable]
            public static double Chain(double x, double y)
            {
                double p = x * y;
                double q = p + 1.5;
                double s = Math.Sqrt(q * q + 1.0);
                return s - (y - x);
            }

            [Differentiable]
            public static double Branchy(double x, double y)
            {
                double r;
                if (x > 0.5) r = x * y + Math.Sin(x);
                else r = y - x * x;
                return r * y;
            }

            [Differentiable(Forward = true)]
            public static double Orbit(double a, double b, int n)
            {
                double u = a, v = b;
                for (int k = 0; k < n; k++)
                {
                    double w = u * v + 0.5;
                    v = v - 0.25 * u;
                    u = w;
                }
                return u + 2.0 * v;
            }

            [Differentiable]
            public static double Loop(double[] w, double b)
            {
                double acc = 0.0;
                for (int i = 0; i < w.Length; i++) acc = acc * b + w[i] * w[i];
                return acc;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-2.0, 0.4)]
    public void A_value_read_once_is_written_into_its_reader(double x, double y)
    {
        string code = Backward("Chain");
        // p = x * y and q * q + 1.0 are read once, by the next gate: no locals of their own.
        Assert.DoesNotMatch(@"double p\b", code);
        Assert.Contains("double q = x * y + 1.5;", code);
        // The reverse sweep reads q (d/dq of q * q) and s's argument is under the root: those stay or go by the same rule.
        Assert.Contains("global::System.Math.Sqrt(q * q + 1.0)", code);

        var chain = new Differentiated(Compiled.Value, "F", "Chain");
        var (value, g) = chain.Backward(new[] { x, y });
        double q = x * y + 1.5, s = Math.Sqrt(q * q + 1.0);
        Assert.Equal(s - (y - x), value);
        // By hand: ds/dq = q / s; dq/dx = y, dq/dy = x; the rest is ∓1.
        Assert.Equal(y * (q / s) + 1.0, g[0], 12);
        Assert.Equal(x * (q / s) - 1.0, g[1], 12);
        GradCheck.Check(v => chain.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    [Theory]
    [InlineData(0.9, 1.2)]
    [InlineData(0.1, -0.8)]
    public void A_phi_copy_takes_the_value_it_copies(double x, double y)
    {
        string code = Backward("Branchy");
        // The branch values are read once, by the phi's copy: r_… = y - x * x; instead of a local and a copy.
        Assert.Matches(@"r\w* = y - x \* x;", code);
        var branchy = new Differentiated(Compiled.Value, "F", "Branchy");
        var (_, g) = branchy.Backward(new[] { x, y });
        double r = x > 0.5 ? x * y + Math.Sin(x) : y - x * x;
        double dr = x > 0.5 ? y + Math.Cos(x) : -2 * x;
        Assert.Equal(y * dr, g[0], 12);
        Assert.Equal(r + y * (x > 0.5 ? x : 1.0), g[1], 12);
        GradCheck.Check(v => branchy.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    [Fact]
    public void A_loop_value_is_inlined_only_past_steps_that_leave_its_inputs_alone()
    {
        string code = Backward("Loop");
        // acc * b + w[i] * w[i]: b's derivative is carried forward beside w's reverse sweep (a mixed Backward,
        // Lowering/CarriedBackwards). The carried tangent's steps write only their own locals, so the product and the square
        // are written into the phi copy past them (perf23): no local of their own, and the entry copy takes the literal.
        Assert.True(AutoDiffGen.Generator.Tests.Forward.CarriedSeeds.Adds(code, "dB"), code);
        Assert.DoesNotContain("double prod", code);
        Assert.Matches(@"acc_\d+ = acc_\d+ \* bCopy \+ element\w* \* element\w*;", code);
        Assert.Matches(@"double acc_\d+ = 0\.0;", code);
        var loop = GeneratorHarness.CompileAndLoad(Source).GetType("F")!.GetMethod("LoopBackward")!;
        double[] w = { 0.5, -1.25, 2.0 }, dW = new double[3];
        object[] args = { w, 0.75, dW, 0.0, 1.0 };
        double value = (double)loop.Invoke(null, args)!;
        // By hand: acc3 = ((w0² b + w1²) b + w2²); d/dwi = 2 wi b^(2-i); d/db = 2 w0² b + w1².
        // At w = (0.5, -1.25, 2), b = 0.75: 0.5625, -1.875, 4 and 1.9375 (distinct, non-zero).
        double b = 0.75;
        Assert.Equal((w[0] * w[0] * b + w[1] * w[1]) * b + w[2] * w[2], value, 12);
        Assert.Equal(2 * w[0] * b * b, dW[0], 12);
        Assert.Equal(2 * w[1] * b, dW[1], 12);
        Assert.Equal(2 * w[2], dW[2], 12);
        Assert.Equal(2 * w[0] * w[0] * b + w[1] * w[1], (double)args[3], 12);
        // And by central differences, in every input.
        Func<double[], double, double> f = (ww, bb) => (double)loop.Invoke(null, new object[] { ww, bb, new double[3], 0.0, 1.0 })!;
        const double h = 1e-6;
        for (int i = 0; i < 3; i++)
        {
            double[] up = (double[])w.Clone(), down = (double[])w.Clone();
            up[i] += h;
            down[i] -= h;
            Assert.Equal((f(up, b) - f(down, b)) / (2 * h), dW[i], 6);
        }
        Assert.Equal((f(w, b + h) - f(w, b - h)) / (2 * h), (double)args[3], 6);
    }

    [Theory]
    [InlineData(0.8, -0.6, 0.5, 0.25)]
    [InlineData(-1.1, 0.4, -0.3, 1.0)]
    public void A_loop_tangent_is_written_into_its_phi_copy(double a, double b, double tA, double tB)
    {
        string code = BackwardEmitter.Emit(Programs.Model(Source, "Orbit"));
        string forward = code.Substring(code.IndexOf("OrbitForward(", StringComparison.Ordinal));
        // The tangent of w = u·v + 0.5 is written into u's tangent copy (tangents first, while u and v still hold the
        // iteration's entry values; then the values), and 0.25·u's into v − 0.25·u's; that one keeps its local, since it
        // reads u's old tangent, which u's copy overwrites before v's. The counter's step is written into its copy.
        Assert.DoesNotMatch(@"double t(Prod|W)\w* =", forward);
        Assert.Matches(@"tU_\d+ = u_\d+ \* tV_\d+ \+ v_\d+ \* tU_\d+;|tU_\d+ = v_\d+ \* tU_\d+ \+ u_\d+ \* tV_\d+;", forward);
        Assert.Matches(@"\n\s*k_\d+ = k_\d+ \+ 1;", forward);
        Assert.DoesNotMatch(@"int k_\d+ = k_\d+ \+ 1;", forward);
        var method = Compiled.Value.GetType("F")!.GetMethod("OrbitForward")!;
        const int n = 3;
        object[] args = { a, b, n, tA, tB, null! };
        double value = (double)method.Invoke(null, args)!;
        // By hand, the chain rule of each step: w = u·v + 0.5 gives dw = v·du + u·dv; v' = v − 0.25·u gives dv' = dv − 0.25·du.
        double u = a, v = b, du = tA, dv = tB;
        for (int k = 0; k < n; k++)
        {
            double w = u * v + 0.5, dw = v * du + u * dv;
            dv = dv - 0.25 * du;
            v = v - 0.25 * u;
            u = w;
            du = dw;
        }
        Assert.Equal(u + 2.0 * v, value, 12);
        double expected = du + 2.0 * dv;
        Assert.Equal(expected, (double)args[5], 12);
        Assert.True(Math.Abs(expected) > 0.05, "a direction with a non-zero derivative: " + expected);
        // Central differences along (tA, tB).
        var orbit = Compiled.Value.GetType("F")!.GetMethod("Orbit")!;
        Func<double, double> f = h => (double)orbit.Invoke(null, new object[] { a + h * tA, b + h * tB, n })!;
        Assert.Equal((f(1e-6) - f(-1e-6)) / 2e-6, (double)args[5], 6);
    }

    /// <summary>
    /// Property: random loops over an array with a scalar carried forward beside them (mixed Backwards, whose tangent
    /// steps forward inlining now looks past), each written with and without inlining, compiled apart and called at the same
    /// points: the same value and gradients, bit for bit; they agree with central differences. About one in five also
    /// builds an array with a spread of <c>w</c> from the carried value, which must be diagnosed there, with no code.
    /// </summary>
    [Fact]
    public void Random_mixed_loops_give_the_same_bits_with_and_without_inlining()
    {
        var random = new Random(20261205);
        var programs = Enumerable.Range(0, 40).Select(i => MixedLoop(random, "M" + i)).ToList();
        string all = MixedSource(programs.Select(p => p.Text));
        var run = GeneratorHarness.Run(all);
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var tree = run.Compilation.SyntaxTrees.First();
        int diagnosed = 0;
        foreach (var (name, text, outside) in programs)
        {
            var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree
                && tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText == name).ToList();
            bool generated = run.Generated.Values.Any(g => g.Contains(" " + name + "Backward(", StringComparison.Ordinal));
            if (!outside)
            {
                Assert.True(mine.Count == 0 && generated, name + " must be clean:\n" + text + "\n" + string.Join("\n", mine));
                continue;
            }
            // At the spread itself: the diagnostic's span lies inside the collection expression's statement.
            string whole = tree.GetText().ToString();
            Assert.True(mine.Count > 0 && !generated, name + " must be diagnosed:\n" + text);
            Assert.All(mine, d => Assert.StartsWith("ADG", d.Id, StringComparison.Ordinal));
            Assert.Contains(mine, d => whole.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) is var at
                && at.Length > 0 && Spread.Contains(at, StringComparison.Ordinal));
            diagnosed++;
        }
        Assert.InRange(diagnosed, 4, 14);

        string source = MixedSource(programs.Where(p => !p.Outside).Select(p => p.Text));
        var (inlined, plain, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, inlineForward: false));
        Assert.Equal(programs.Count(p => !p.Outside), names.Count);
        int mixed = inlined.Count(t => AutoDiffGen.Generator.Tests.Forward.CarriedSeeds.Adds(t, "dB"));
        Assert.True(mixed > names.Count / 2, mixed + " of " + names.Count + " mixed");
        Assert.True(TwoWays.Statements(inlined) < TwoWays.Statements(plain));
        int differenced = 0;
        var withInlining = TwoWays.Load(source, inlined).GetType("Mx")!;
        var without = TwoWays.Load(source, plain).GetType("Mx")!;
        foreach (var name in names)
        {
            var a = withInlining.GetMethod(name + "Backward")!;
            var b = without.GetMethod(name + "Backward")!;
            var primal = withInlining.GetMethod(name)!;
            for (int k = 0; k < 2; k++)
            {
                double[] w = Enumerable.Range(0, 2 + k).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 3)).ToArray();
                double s = Math.Round(random.NextDouble() * 1.2 - 0.6, 3);
                object[] argsA = { w, s, new double[w.Length], 0.0, 1.0 }, argsB = { w, s, new double[w.Length], 0.0, 1.0 };
                double va = (double)a.Invoke(null, argsA)!, vb = (double)b.Invoke(null, argsB)!;
                Assert.Equal(BitConverter.DoubleToInt64Bits(vb), BitConverter.DoubleToInt64Bits(va));
                Assert.Equal(((double[])argsB[2]).Select(BitConverter.DoubleToInt64Bits), ((double[])argsA[2]).Select(BitConverter.DoubleToInt64Bits));
                Assert.Equal(BitConverter.DoubleToInt64Bits((double)argsB[3]), BitConverter.DoubleToInt64Bits((double)argsA[3]));
                // Central differences: the gradient is right, not only the same (where the random gates kept it finite and moderate).
                if (!double.IsFinite(va) || Math.Abs(va) > 1e3 || ((double[])argsA[2]).Any(g => !double.IsFinite(g) || Math.Abs(g) > 1e3)) continue;
                differenced++;
                Func<double[], double, double> f = (ww, bb) => (double)primal.Invoke(null, new object[] { ww, bb })!;
                const double h = 1e-6;
                for (int i = 0; i < w.Length; i++)
                {
                    double[] up = (double[])w.Clone(), down = (double[])w.Clone();
                    up[i] += h;
                    down[i] -= h;
                    double fd = (f(up, s) - f(down, s)) / (2 * h);
                    Assert.True(Math.Abs(fd - ((double[])argsA[2])[i]) <= 1e-5 * (1 + Math.Abs(fd)), name + " dW[" + i + "] " + fd + " vs " + ((double[])argsA[2])[i]);
                }
                double fb = (f(w, s + h) - f(w, s - h)) / (2 * h);
                Assert.True(Math.Abs(fb - (double)argsA[3]) <= 1e-5 * (1 + Math.Abs(fb)), name + " dB " + fb + " vs " + argsA[3]);
            }
        }
        Assert.True(differenced > names.Count, differenced + " points checked by central differences");
    }

    private static string MixedSource(IEnumerable<string> methods) =>
        "using System;\nusing AutoDiffGen;\n\npublic static partial class Mx\n{\n" + string.Join("\n", methods) + "\n}\n";

    private const string Spread = "double[] v = [..w, acc * b]; acc = v[0];";

    /// <summary>
    /// <c>M(double[] w, double b)</c>: a loop over w carrying acc and s through random smooth gates of acc, s, the element and
    /// b, sometimes a branch; outside: a spread of w into a new array, read back into acc.
    /// </summary>
    private static (string Name, string Text, bool Outside) MixedLoop(Random random, string name)
    {
        string[] vars = { "acc", "s", "e", "b" };
        string Leaf() => vars[random.Next(vars.Length)];
        string Expr(int depth)
        {
            if (depth == 0) return random.Next(5) == 0 ? (random.Next(1, 9) * 0.25).ToString(System.Globalization.CultureInfo.InvariantCulture) : Leaf();
            return random.Next(8) switch
            {
                0 => "(" + Expr(depth - 1) + " + " + Expr(depth - 1) + ")",
                1 => "(" + Expr(depth - 1) + " - " + Expr(depth - 1) + ")",
                2 or 3 => Expr(depth - 1) + " * " + Expr(depth - 1),
                4 => "Math.Sin(" + Expr(depth - 1) + ")",
                5 => "Math.Tanh(" + Expr(depth - 1) + ")",
                6 => "Math.Sqrt(" + Expr(depth - 1) + " * " + Expr(depth - 1) + " + 1.0)",
                _ => "0.5 * " + Expr(depth - 1),
            };
        }
        bool outside = random.Next(5) == 0;
        var body = new System.Text.StringBuilder();
        body.Append("            double e = w[i];\n");
        body.Append("            acc = 0.5 * acc + " + Expr(2) + ";\n");
        if (random.Next(2) == 0) body.Append("            double t = " + Expr(2) + ";\n            s = 0.5 * s + t * " + Leaf() + ";\n");
        else body.Append("            s = 0.5 * s + " + Expr(1) + ";\n");
        if (random.Next(3) == 0) body.Append("            if (" + Expr(1) + " > 0.0) acc = acc * b + e; else acc = acc - " + Expr(1) + ";\n");
        if (outside) body.Append("            { " + Spread + " }\n");
        string text = "    [Differentiable]\n    public static double " + name + "(double[] w, double b)\n    {\n        double acc = 0.25, s = 0.5;\n"
            + "        for (int i = 0; i < w.Length; i++)\n        {\n" + body + "        }\n        return acc + s * b;\n    }\n";
        return (name, text, outside);
    }

    /// <summary>
    /// Property: random programs (branches, loops, every scalar gate), each method's Backward and Forward written with and
    /// without inlining (values, and in Forward tangents too: perf24), compiled apart and called at the same points: the same
    /// value, gradient and tangent, bit for bit; and the tangent is the gradient along the direction and agrees with central
    /// differences of the value.
    /// </summary>
    [Fact]
    public void Random_programs_give_the_same_bits_with_and_without_inlining()
    {
        var generator = new RandomProgramGenerator(20261202);
        var programs = Enumerable.Range(0, 80).Select(i => generator.Next("P" + i)).Where(p => !p.MustBeDiagnosed).ToList();
        string source = RandomProgram.Source("R", programs, forward: true);
        var (inlined, plain, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, inlineForward: false));
        Assert.True(names.Count > 60, names.Count + " programs analysed");
        int changed = inlined.Zip(plain).Count(t => t.First != t.Second);
        Assert.True(changed > names.Count / 3, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(inlined) < TwoWays.Statements(plain));

        var withInlining = TwoWays.Load(source, inlined);
        var without = TwoWays.Load(source, plain);
        var points = new Random(7);
        int forwardChecked = 0;
        foreach (var name in names)
        {
            var a = new Differentiated(withInlining, "Random.R", name);
            var b = new Differentiated(without, "Random.R", name);
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 4 - 2, 3)).ToArray();
                var (va, ga) = a.Backward(x);
                var (vb, gb) = b.Backward(x);
                Assert.Equal(BitConverter.DoubleToInt64Bits(vb), BitConverter.DoubleToInt64Bits(va));
                Assert.Equal(gb.Select(BitConverter.DoubleToInt64Bits), ga.Select(BitConverter.DoubleToInt64Bits));
                var t = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 2 - 1, 3)).ToArray();
                var (fa, ta) = a.Forward(x, t);
                var (fb, tb) = b.Forward(x, t);
                Assert.Equal(BitConverter.DoubleToInt64Bits(fb), BitConverter.DoubleToInt64Bits(fa));
                Assert.Equal(BitConverter.DoubleToInt64Bits(tb), BitConverter.DoubleToInt64Bits(ta));
                if (!double.IsFinite(ta) || Math.Abs(ta) > 1e3 || ga.Any(g => !double.IsFinite(g) || Math.Abs(g) > 1e3)) continue;
                // The tangent is ∇f·t (reverse mode, another program) and the slope of f along t (central differences).
                double dot = ga.Zip(t, (g, d) => g * d).Sum();
                Assert.True(Math.Abs(dot - ta) <= 1e-9 * (1 + ga.Zip(t, (g, d) => Math.Abs(g * d)).Sum()), name + ": tangent " + ta + " vs ∇f·t " + dot);
                const double h = 1e-6;
                double fd = (a.Value(x.Zip(t, (xi, ti) => xi + h * ti).ToArray()) - a.Value(x.Zip(t, (xi, ti) => xi - h * ti).ToArray())) / (2 * h);
                if (double.IsFinite(fd) && Math.Abs(fd - ta) <= 1e-4 * (1 + Math.Abs(fd))) forwardChecked++;
            }
        }
        // Central differences fail only near a kink or branch switch of a random program (Abs, Max, a condition at x ± h).
        Assert.True(forwardChecked > names.Count * 2, forwardChecked + " tangents agree with central differences");
    }

    private static string Backward(string method) =>
        BackwardEmitter.Emit(Programs.Model(Source, method));
}
