using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Differentiation;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// <c>Emit/ProgramWriter.ZeroDeclarations</c>: a run of locals declared at zero before a branch is one declaration per
/// type. The text shows it; the gradient is the hand-derived one and central differences agree; on random programs the
/// code compiles warning-free and gives the same value and gradient, bit for bit, as the same code with each group split
/// back into one declaration per local (the form before).
/// </summary>
public class ZeroDeclarationsTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Z
        {
            [Differentiable]
            public static double Branches(double x, double y)
            {
                double r;
                if (x > y) r = Math.Tanh(x) * y;
                else if (y > 1.0) r = Math.Sqrt(y) * x;
                else r = x / (1.0 + y * y);
                return r * r + x;
            }
        }
        """;

    /// <summary>One declaration with several declarators, each initialized to zero (or default).</summary>
    private static readonly Regex Grouped = new(@"^[ \t]*(?<type>[\w.:<>\[\]?]+) (?<rest>\w+ = (0\.0|0f|0\.0f|default!?)(, \w+ = (0\.0|0f|0\.0f|default!?))+);[ \t]*$", RegexOptions.Multiline);

    /// <summary>The text with each grouped zero declaration written as one declaration per local, at its indentation.</summary>
    private static string Split(string text) => Grouped.Replace(text, m =>
    {
        string indent = m.Value.Substring(0, m.Value.Length - m.Value.TrimStart().Length);
        return string.Join("\n", m.Groups["rest"].Value.Split(", ").Select(d => indent + m.Groups["type"].Value + " " + d + ";"));
    });

    private static readonly Regex LoneZero = new(@"^[ \t]*(?<type>[\w.:<>\[\]?]+) \w+ = (0\.0|0f|0\.0f|default!?);\s*$");

    [Theory]
    [InlineData(0.7, 0.2)]
    [InlineData(-1.1, 1.6)]
    [InlineData(-0.4, 0.3)]
    public void A_run_of_zero_declarations_is_one_declaration_per_type(double x, double y)
    {
        string code = BackwardEmitter.Emit(Programs.Model(Source, "Branches"));
        // The doubles the branches set (tanh, sqrt, …, the phis of r) are declared together; the condition's bool apart.
        Assert.Matches(@"\n\s*double \w+ = 0\.0(, \w+ = 0\.0){2,};\n", code);
        Assert.Matches(@"\n\s*bool \w+ = default;\n", code);
        var lines = code.Split('\n');
        for (int i = 1; i < lines.Length; i++)
        {
            var (a, b) = (LoneZero.Match(lines[i - 1]), LoneZero.Match(lines[i]));
            Assert.False(a.Success && b.Success && a.Groups["type"].Value == b.Groups["type"].Value, lines[i - 1] + " / " + lines[i]);
        }

        var branches = new Differentiated(GeneratorHarness.CompileAndLoad(Source), "Z", "Branches");
        var (value, g) = branches.Backward(new[] { x, y });
        // By hand: f = r² + x with r = tanh(x)·y (x > y), √y·x (y > 1), x / (1 + y²) otherwise.
        double r, drdx, drdy;
        if (x > y) (r, drdx, drdy) = (Math.Tanh(x) * y, (1 - Math.Tanh(x) * Math.Tanh(x)) * y, Math.Tanh(x));
        else if (y > 1.0) (r, drdx, drdy) = (Math.Sqrt(y) * x, Math.Sqrt(y), x / (2 * Math.Sqrt(y)));
        else (r, drdx, drdy) = (x / (1 + y * y), 1 / (1 + y * y), -2 * x * y / ((1 + y * y) * (1 + y * y)));
        Assert.Equal(r * r + x, value, 12);
        Assert.Equal(2 * r * drdx + 1, g[0], 12);
        Assert.Equal(2 * r * drdy, g[1], 12);
        GradCheck.Check(v => branches.Value(v), new[] { x, y }, g).ThrowIfFailed();
    }

    /// <summary>
    /// Property: random programs of three generators (branches, loops with break and return, calls, local arrays); their
    /// Backward as generated and with the groups split back compile warning-free apart and return the same value and
    /// gradient bit for bit (or the same exception); every grouped declaration holds only zero initializers.
    /// </summary>
    [Theory]
    [InlineData(20261231, false, false)]
    [InlineData(20261232, true, false)]
    [InlineData(20261233, true, true)]
    public void Random_programs_give_the_same_bits_as_one_declaration_per_local(int seed, bool widened, bool arrays)
    {
        var (source, grouped, split, names) = TwoWays.EmitRandom(seed, widened, arrays, m => BackwardEmitter.Emit(m), m => Split(BackwardEmitter.Emit(m)));
        int changed = grouped.Zip(split).Count(t => t.First != t.Second);
        Assert.True(changed >= 3, changed + " of " + names.Count + " changed");
        Assert.True(TwoWays.Statements(grouped) < TwoWays.Statements(split));
        // Split undoes every group: no declaration with several declarators is left but the tapes' own
        // (int tapeDoubleWant = 0, tapeIntWant = 0;), so no group held anything but zeros.
        Assert.DoesNotContain(split, t => Regex.IsMatch(t, @"^\s*(?!int tape)[\w.:<>\[\]?]+ \w+ = [^;]*, \w+ = ", RegexOptions.Multiline));

        var asGenerated = TwoWays.Load(source, grouped);
        var oneEach = TwoWays.Load(source, split);
        var points = new Random(seed);
        foreach (var name in names)
        {
            var a = new Differentiated(asGenerated, "Random.R", name);
            var b = new Differentiated(oneEach, "Random.R", name);
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 4 - 2, 3)).ToArray();
                var (ra, ea) = TwoWays.Call(() => a.Backward(x));
                var (rb, eb) = TwoWays.Call(() => b.Backward(x));
                Assert.Equal(eb, ea);
                if (eb is not null) continue;
                Assert.Equal(BitConverter.DoubleToInt64Bits(rb.Value), BitConverter.DoubleToInt64Bits(ra.Value));
                Assert.Equal(rb.Gradient.Select(BitConverter.DoubleToInt64Bits), ra.Gradient.Select(BitConverter.DoubleToInt64Bits));
            }
        }
    }
}
