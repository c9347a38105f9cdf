using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Differentiation;

/// <summary>
/// The optimisations of the adjoint program, each on the shape it targets: the IR shows the rewrite, the generated
/// code its form, and the gradients stay those derived by hand and by central differences.
/// </summary>
public class PassTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class O
        {
            // x * x: one node on both inputs of a gate.
            [Differentiable]
            public static double Square(double x, double y)
            {
                double diff = x - y;
                return diff * diff + y;
            }

            [Differentiable]
            public static float SquareF(float x) => x * x;

            // x reaches the result three ways: its adjoint is written through the ref once.
            [Differentiable]
            public static double Thrice(double x, double y) => x * y + Math.Sin(x) + Math.Exp(x) * y;

            // y once: no sum for it.
            [Differentiable]
            public static double Once(double x, double y) => x * x + y;

            // Add gates pass their gradient through: copies of one adjoint.
            [Differentiable]
            public static double Copies(double a, double b, double c) => (a * b + b * c) + (c * a + 1.0);

            // A running sum: the carried adjoint is handed through the add gate and back unchanged.
            [Differentiable]
            public static double Dot(double[] a, double[] b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            // A chain: each gate's adjoint is read once, by the next gate's rule.
            [Differentiable]
            public static double Chain(double x, double y) => Math.Tanh(Math.Sin(x * y) * y);

            // In a loop a copy of a carried adjoint that is reassigned later in the iteration must stay.
            [Differentiable]
            public static double Horner(double[] c, double x)
            {
                double acc = 0;
                for (int i = c.Length - 1; i >= 0; i--) acc = acc * x + c[i];
                return acc;
            }
        }
        """;

    private static readonly Lazy<GeneratorOutput> Generated = new(() => GeneratorHarness.Run(Source));
    private static readonly Lazy<System.Reflection.Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static string Backward(string method) => Generated.Value.Generated.Single(g => g.Key.StartsWith("O." + method + "_", StringComparison.Ordinal)).Value;

    private static int Count(string text, string pattern) => Regex.Matches(text, pattern).Count;

    [Theory]
    [InlineData(1.5, 0.25)]
    [InlineData(-2.0, 3.0)]
    public void Twin_contributions_become_one_doubled(double x, double y)
    {
        var model = Programs.Model(Source, "Square");
        var program = Programs.Backward(model);
        var mul = model.Graph.Nodes.Single(n => n.Gate == GateKind.Multiply);
        var fromMul = Programs.All(program.Body).OfType<Contribute>().Where(c => c.Source == mul.Id).ToList();
        Assert.Single(fromMul);
        // 2·diff as diff + diff (exact): an operator without a constant operand is cheaper for the compiler to bind.
        Assert.StartsWith("(diff + diff) * ", fromMul[0].Value.Text[0]);
        Assert.Contains("= (diff + diff) * dResult;", Backward("Square"));

        var square = new Differentiated(Compiled.Value, "O", "Square");
        var (_, g) = square.Backward(new[] { x, y });
        Tolerance.AssertFormula(2 * (x - y), g[0]);
        Tolerance.AssertFormula(-2 * (x - y) + 1, g[1]);
        GradCheck.Check(p => square.Value(p), new[] { x, y }, g).ThrowIfFailed();
    }

    [Fact]
    public void Twin_contributions_in_float_double_in_float()
    {
        Assert.Contains("dX += (x + x) * dResult;", Backward("SquareF"));
        var square = new Differentiated(Compiled.Value, "O", "SquareF");
        Assert.Equal(2 * 1.25f, (float)square.Backward(new[] { 1.25 }).Gradient[0]);
    }

    [Theory]
    [InlineData(0.5, 2.0)]
    [InlineData(-1.25, -0.5)]
    public void A_ref_adjoint_written_more_than_once_is_summed_and_written_once(double x, double y)
    {
        string code = Backward("Thrice");
        // Without the pass: three `dX +=` through the ref. Its three contributions follow each other, so FusedSums writes
        // them as one sum, which goes through the ref directly; without FusedSums they are summed in dXSum.
        Assert.Equal(1, Count(code, @"\bdX \+="));
        Assert.DoesNotContain("dXSum", code);
        Assert.Equal(1, Count(code, @"\bdY \+="));
        string unfused = AutoDiffGen.Generator.Emit.BackwardEmitter.Emit(Programs.Model(Source, "Thrice"), fuseSums: false);
        Assert.Equal(1, Count(unfused, @"\bdX \+="));
        Assert.Contains("dX += dXSum;", unfused);

        var once = Backward("Once");
        Assert.DoesNotContain("dYSum", once);
        Assert.Equal(1, Count(once, @"\bdY \+="));

        var thrice = new Differentiated(Compiled.Value, "O", "Thrice");
        var (_, g) = thrice.Backward(new[] { x, y });
        Tolerance.AssertFormula(y + Math.Cos(x) + Math.Exp(x) * y, g[0]);
        Tolerance.AssertFormula(x + Math.Exp(x), g[1]);
        GradCheck.Check(p => thrice.Value(p), new[] { x, y }, g).ThrowIfFailed();
        // Backward adds into what the adjoints held.
        var into = thrice.BackwardInto(new[] { x, y }, new[] { 10.0, -3.0 });
        Tolerance.AssertFormula(10 + g[0], into[0]);
        Tolerance.AssertFormula(-3 + g[1], into[1]);
    }

    [Theory]
    [InlineData(1.0, 2.0, 3.0)]
    [InlineData(-0.5, 0.25, 4.0)]
    public void Copies_of_an_adjoint_read_the_original(double a, double b, double c)
    {
        var program = Programs.Backward(Programs.Model(Source, "Copies"));
        // Every add gate's pass-through was a declaration `double dX = dY;`: none is left.
        Assert.DoesNotContain(Programs.All(program.Body).OfType<Contribute>(), s => s.How == Accumulation.Declare && s.Value.IsAdjoint(out _));
        string code = Backward("Copies");
        Assert.DoesNotMatch(@"double \w+ = dResult;", code);
        // An add gate whose lines were all copies keeps its comment (in the IR; Backward writes no comments, the trace
        // does), saying where its gradient is.
        Assert.Contains(Comments(program), c => Regex.IsMatch(c, @"^\w+: add gate: distribute \(the gradient stays in .+\)$"));

        var copies = new Differentiated(Compiled.Value, "O", "Copies");
        var (_, g) = copies.Backward(new[] { a, b, c });
        Tolerance.AssertFormula(b + c, g[0]);
        Tolerance.AssertFormula(a + c, g[1]);
        Tolerance.AssertFormula(b + a, g[2]);
        GradCheck.Check(p => copies.Value(p), new[] { a, b, c }, g).ThrowIfFailed();
    }

    [Fact]
    public void A_carried_adjoint_handed_through_and_back_is_neither_copied_nor_reassigned()
    {
        var program = Programs.Backward(Programs.Model(Source, "Dot"));
        var loop = Programs.All(program.Body).OfType<ReverseLoop>().Single();
        // Without the pass: `double dS_2 = dS_1;`, then `dS_1 = dS_2;` from the add gate.
        Assert.DoesNotContain(Programs.All(loop.Body).OfType<Contribute>(), c => c.Index is null && c.Value.IsAdjoint(out _));
        Assert.Contains(Comments(program), c => Regex.IsMatch(c, @"^s_\d+: add gate: distribute \(the gradient stays in dS_\d+\)$"));

        var compiled = Compiled.Value.GetType("O")!.GetMethod("DotBackward")!;
        var a = new[] { 1.5, -2.0, 0.25 };
        var b = new[] { 3.0, 0.5, -4.0 };
        var dA = new double[3];
        var dB = new double[3];
        object[] args = { a, b, dA, dB, 2.0 };
        compiled.Invoke(null, args);
        // d(a·b)/da = b, d/db = a, times the seed 2.
        Assert.Equal(b.Select(v => 2 * v), dA);
        Assert.Equal(a.Select(v => 2 * v), dB);
    }

    [Fact]
    public void A_copy_whose_source_is_reassigned_later_in_the_loop_stays()
    {
        var program = Programs.Backward(Programs.Model(Source, "Horner"));
        var loop = Programs.All(program.Body).OfType<ReverseLoop>().Single();
        Assert.Contains(Programs.All(loop.Body).OfType<Contribute>(), s => s.How == Accumulation.Declare && s.Value.IsAdjoint(out _));
        var compiled = Compiled.Value.GetType("O")!.GetMethod("HornerBackward")!;
        var c = new[] { 1.0, -2.0, 0.5 };
        var dC = new double[3];
        object[] args = { c, 1.5, dC, 0.0, 1.0 };
        compiled.Invoke(null, args);
        // p(x) = 1 − 2x + 0.5x²: p'(x) = −2 + x; dp/dc_k = x^k.
        Tolerance.AssertFormula(-2 + 1.5, (double)args[3]);
        Tolerance.AssertFormula(1.5 * 1.5, dC[2]);
    }

    [Theory]
    [InlineData(0.7, 1.3)]
    [InlineData(-2.0, 0.4)]
    public void An_adjoint_read_once_by_the_next_step_is_written_into_it(double x, double y)
    {
        string code = Backward("Chain");
        // Without the pass: `double dSin = y * dProd2;` and `double dProd = Math.Cos(prod) * dSin;`, each read once.
        var declared = Regex.Matches(code, @"double (d\w+) = ").Select(m => m.Groups[1].Value).ToList();
        foreach (var name in declared) Assert.True(Count(code, @"\b" + name + @"\b") > 2, name + " is declared and read once:\n" + code);
        Assert.DoesNotMatch(@"double dSin\b", code);

        var chain = new Differentiated(Compiled.Value, "O", "Chain");
        var (_, g) = chain.Backward(new[] { x, y });
        // The hand derivation, in the order the sweep applies it: the same operations, so the same bits.
        double p = x * y, sin = Math.Sin(p), s = sin * y, t = Math.Tanh(s);
        double dS = (1.0 - t * t) * 1.0, dSin = y * dS, dP = Math.Cos(p) * dSin;
        Assert.Equal(y * dP, g[0]);
        Assert.Equal(sin * dS + x * dP, g[1]);
        GradCheck.Check(q => chain.Value(q), new[] { x, y }, g).ThrowIfFailed();
    }

    /// <summary>The program's comment lines as written (the trace writes them; Backward does not).</summary>
    private static List<string> Comments(AdjointProgram program) =>
        Programs.All(program.Body).OfType<Comment>().Select(c => c.Text.Render(n => program.Adjoints[n])).ToList();
}
