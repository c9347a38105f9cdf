using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Integer arithmetic of a <c>checked</c> context stays checked in the generated code: <c>checked(n * 1_000_000_000)</c>,
/// <c>m += …</c>, <c>m++</c> and <c>-m</c> in a <c>checked</c> block, a checked narrowing. Before, the generated code wrote
/// them unchecked: where the method throws OverflowException its Backward returned a value (and a gradient the method
/// never had). Each method here: Backward and Forward throw exactly where the method throws; elsewhere the gradient is
/// the hand-derived one and agrees with central differences. A random batch checks the same for generated expressions.
/// </summary>
public class CheckedArithmeticTests
{
    private const string Source = """
        using AutoDiffGen;

        public static partial class K
        {
            // d/dx = 2x + m·1e-12 with m = n·10⁹ (throws for |n| ≥ 3).
            [Differentiable(Forward = true)]
            public static double Product(double x, int n)
            {
                int m = checked(n * 1_000_000_000);
                return x * x + m * 1e-12 * x;
            }

            // m = −(n + 2·10⁹ + 1), checked step by step (throws for n ≥ 147,483,647); d/dx = m·1e-9.
            [Differentiable(Forward = true)]
            public static double Steps(double x, int n)
            {
                int m = n;
                checked
                {
                    m += 2_000_000_000;
                    m++;
                    m = -m;
                }
                return x * m * 1e-9;
            }

            // h = (short)(n + 30000), checked (throws for n ≥ 2768 or n < −62768); d/dx = h.
            [Differentiable(Forward = true)]
            public static double Narrowing(double x, int n)
            {
                short h = 0;
                checked
                {
                    h = (short)n;
                    h += 30000;
                }
                return h * x;
            }

            // The same operations outside a checked context wrap, as C# does, in the method and its Backward alike.
            [Differentiable(Forward = true)]
            public static double Wrapping(double x, int n)
            {
                int m = n * 1_000_000_000;
                m += 2_000_000_000;
                return x * m * 1e-9;
            }
        }
        """;

    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("K")!);

    public static TheoryData<string, int, bool> Cases() => new()
    {
        { "Product", 2, false }, { "Product", -2, false }, { "Product", 3, true }, { "Product", -3, true },
        { "Steps", 0, false }, { "Steps", 147_483_646, false }, { "Steps", 147_483_647, true },
        { "Narrowing", 2767, false }, { "Narrowing", 2768, true }, { "Narrowing", -40000, true },
        { "Wrapping", 3, false }, { "Wrapping", 7, false },
    };

    /// <summary>The method's m (or h) worked out in the test with C#'s own arithmetic, for the hand-derived gradient.</summary>
    private static double HandGradient(string name, double x, int n) => name switch
    {
        "Product" => 2 * x + checked(n * 1_000_000_000) * 1e-12,
        "Steps" => checked(-(n + 2_000_000_000 + 1)) * 1e-9,
        "Narrowing" => checked((short)((short)n + 30000)),
        "Wrapping" => unchecked(n * 1_000_000_000 + 2_000_000_000) * 1e-9,
        _ => throw new ArgumentException(name),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void BackwardAndForwardThrowExactlyWhereTheMethodThrows(string name, int n, bool overflows)
    {
        var type = Compiled.Value;
        const double x = 0.7;
        object?[] primalArgs = { x, n };
        object?[] backwardArgs = { x, n, 0.0, 1.0 };
        object?[] forwardArgs = { x, n, 1.0, 0.0 };
        var primal = type.GetMethod(name)!;
        var backward = type.GetMethod(name + "Backward")!;
        var forward = type.GetMethod(name + "Forward")!;
        if (overflows)
        {
            Assert.IsType<OverflowException>(Assert.Throws<TargetInvocationException>(() => primal.Invoke(null, primalArgs)).InnerException);
            Assert.IsType<OverflowException>(Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, backwardArgs)).InnerException);
            Assert.IsType<OverflowException>(Assert.Throws<TargetInvocationException>(() => forward.Invoke(null, forwardArgs)).InnerException);
            return;
        }

        double value = (double)primal.Invoke(null, primalArgs)!;
        Assert.Equal(value, (double)backward.Invoke(null, backwardArgs)!);
        Assert.Equal(value, (double)forward.Invoke(null, forwardArgs)!);
        double dx = (double)backwardArgs[2]!;
        double hand = HandGradient(name, x, n);
        Assert.Equal(hand, dx, 1e-12 * Math.Max(1, Math.Abs(hand)));
        Assert.Equal(hand, (double)forwardArgs[3]!, 1e-12 * Math.Max(1, Math.Abs(hand)));
        double F(double v) => (double)primal.Invoke(null, new object?[] { v, n })!;
        const double h = 1e-6;
        Assert.Equal((F(x + h) - F(x - h)) / (2 * h), dx, 1e-6 * Math.Max(1, Math.Abs(hand)));
    }

    [Fact]
    public void TheGeneratedCodeSaysChecked()
    {
        var result = GeneratorHarness.Run(Source);
        result.AssertClean();
        string product = result.Generated.Single(g => g.Key.Contains("Product", StringComparison.Ordinal)).Value;
        Assert.Contains("checked(n * 1000000000)", product, StringComparison.Ordinal);
        string wrapping = result.Generated.Single(g => g.Key.Contains("Wrapping", StringComparison.Ordinal)).Value;
        Assert.DoesNotContain("checked", wrapping, StringComparison.Ordinal);
    }

    /// <summary>
    /// Random checked integer expressions over n and literals (+, −, ×, unary −, compound updates), some of which overflow
    /// at the sampled n: Backward throws iff the method does; elsewhere dX = 2x + m·1e-9 with m computed here by C#.
    /// </summary>
    [Fact]
    public void RandomCheckedExpressions_ThrowWhereTheMethodThrows_AndHaveTheHandGradientElsewhere()
    {
        var random = new Random(20261203);
        var programs = new List<(string Name, Func<int, int> Eval)>();
        var source = new System.Text.StringBuilder("using AutoDiffGen;\npublic static partial class R\n{\n");
        for (int p = 0; p < 40; p++)
        {
            var (text, eval) = Expression(random, 3);
            bool asSteps = random.Next(2) == 0;
            string body = asSteps
                ? "int m = n; checked { m += " + text + "; m *= 3; m--; }"
                : "int m = checked(" + text + ");";
            Func<int, int> full = asSteps ? n => checked((n + eval(n)) * 3 - 1) : eval;
            source.Append("    [Differentiable]\n    public static double P" + p + "(double x, int n) { " + body + " return x * x + m * 1e-9 * x; }\n");
            programs.Add(("P" + p, full));
        }
        source.Append("}\n");
        var type = GeneratorHarness.CompileAndLoad(source.ToString()).GetType("R")!;
        int overflowed = 0, judged = 0;
        foreach (var (name, eval) in programs)
        {
            foreach (int n in new[] { 3, -41, 70_000, 1_000_000_007 })
            {
                int? m;
                try { m = eval(n); }
                catch (OverflowException) { m = null; }
                const double x = 1.3;
                object?[] args = { x, n, 0.0, 1.0 };
                var backward = type.GetMethod(name + "Backward")!;
                if (m is null)
                {
                    overflowed++;
                    Assert.IsType<OverflowException>(Assert.Throws<TargetInvocationException>(() => type.GetMethod(name)!.Invoke(null, new object?[] { x, n })).InnerException);
                    Assert.IsType<OverflowException>(Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args)).InnerException);
                    continue;
                }
                judged++;
                backward.Invoke(null, args);
                double hand = 2 * x + m.Value * 1e-9;
                Assert.True(Math.Abs(hand - (double)args[2]!) <= 1e-12 * Math.Max(1, Math.Abs(hand)), name + " at n = " + n + ": " + args[2] + " vs " + hand);
            }
        }
        // The batch must exercise both sides, or it proves nothing.
        Assert.True(overflowed >= 20 && judged >= 20, overflowed + " overflowed, " + judged + " judged");
    }

    private static (string Text, Func<int, int> Eval) Expression(Random random, int depth)
    {
        if (depth == 0 || random.Next(4) == 0)
        {
            if (random.Next(2) == 0) return ("n", n => n);
            // Every leaf reads n: a subexpression of literals alone would be folded, and overflow at compile time (CS0220).
            int c = random.Next(3) switch { 0 => random.Next(-9, 10), 1 => random.Next(1000, 100_000), _ => 2_000_000_000 };
            return ("(n + (" + c.ToString(System.Globalization.CultureInfo.InvariantCulture) + "))", n => checked(n + c));
        }
        var (lt, le) = Expression(random, depth - 1);
        if (random.Next(6) == 0) return ("-(" + lt + ")", n => checked(-le(n)));
        var (rt, re) = Expression(random, depth - 1);
        return random.Next(3) switch
        {
            0 => ("(" + lt + " + " + rt + ")", n => checked(le(n) + re(n))),
            1 => ("(" + lt + " - " + rt + ")", n => checked(le(n) - re(n))),
            _ => ("(" + lt + " * " + rt + ")", n => checked(le(n) * re(n))),
        };
    }
}
