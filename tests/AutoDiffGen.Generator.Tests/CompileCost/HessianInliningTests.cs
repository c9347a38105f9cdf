using System.Reflection;
using AutoDiffGen.Generator.Emit;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Properties;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Xunit;

namespace AutoDiffGen.Generator.Tests.CompileCost;

/// <summary>
/// perf25: forward inlining (<c>Emit/ForwardInlining</c>) in <c>MHessianVector</c> and <c>MBackwardTangent</c>, the forward
/// sweeps of forward over reverse. On random programs the products written with and without it return the same bits,
/// and the product is the central difference of the gradient along the direction; programs outside what is supported are
/// diagnosed at the construct, with no code. A hand-derived product pins one method.
/// </summary>
public class HessianInliningTests
{
    private const string Pinned = """
        using System;
        using AutoDiffGen;

        public static partial class Hi
        {
            [Differentiable(Hessian = true)]
            public static double Chain(double x, double y)
            {
                double p = x * y;
                double q = p + 1.5;
                return Math.Sin(q) * y;
            }
        }
        """;

    /// <summary>
    /// f = sin(xy + 1.5)·y. With s = sin(q), c = cos(q), q = xy + 1.5:
    /// f_x = c·y², f_y = s + c·xy; f_xx = −s·y³, f_xy = 2c·y − s·xy², f_yy = 2c·x − s·x²y.
    /// At x = 0.3, y = 0.7, v = (1, −2): H·v = (f_xx − 2f_xy, f_xy − 2f_yy), distinct and non-zero.
    /// </summary>
    [Fact]
    public void A_product_with_inlined_forward_values_is_the_hand_derived_one()
    {
        var run = GeneratorHarness.Run(Pinned);
        string code = string.Concat(run.Generated.Values);
        // The product's value and tangent read once are written into their reader: no `double prod = x * y;` of their own.
        Assert.Contains("double q = x * y + 1.5;", code, StringComparison.Ordinal);
        Assert.DoesNotContain("double p = x * y;", code, StringComparison.Ordinal);
        var type = GeneratorHarness.CompileAndLoad(Pinned + "public static partial class Hi { public static double Hv(double x, double y, double[] v, double[] o) => ChainHessianVector(x, y, v, o); }\n").GetType("Hi")!;
        double x = 0.3, y = 0.7;
        double q = x * y + 1.5, s = Math.Sin(q), c = Math.Cos(q);
        double fxx = -s * y * y * y, fxy = 2 * c * y - s * x * y * y, fyy = 2 * c * x - s * x * x * y;
        var hv = new double[2];
        type.GetMethod("Hv")!.Invoke(null, new object[] { x, y, new[] { 1.0, -2.0 }, hv });
        Tolerance.AssertFormula(fxx - 2 * fxy, hv[0], "H·v[0]");
        Tolerance.AssertFormula(fxy - 2 * fyy, hv[1], "H·v[1]");
        Assert.NotEqual(hv[0], hv[1]);
        // Central differences of the gradient along v.
        const double h = 1e-6;
        double[] Grad(double a, double b) => new[] { Math.Cos(a * b + 1.5) * b * b, Math.Sin(a * b + 1.5) + Math.Cos(a * b + 1.5) * a * b };
        var up = Grad(x + h, y - 2 * h);
        var down = Grad(x - h, y + 2 * h);
        for (int i = 0; i < 2; i++) Assert.True(Math.Abs((up[i] - down[i]) / (2 * h) - hv[i]) <= 1e-6 * (1 + Math.Abs(hv[i])), "H·v[" + i + "] " + hv[i]);
    }

    /// <summary>
    /// Property: 60 random programs with <c>Hessian = true</c> (about one in five holding a construct that must be diagnosed:
    /// an ADG error at it and no code); the others' <c>MHessianVector</c> and <c>MBackwardTangent</c> written with and without
    /// forward inlining, compiled apart, called at the same points: the same value, product, gradient and tangents, bit for
    /// bit; and the product agrees with central differences of <c>MBackward</c>'s gradient along the direction.
    /// </summary>
    [Fact]
    public void Random_programs_give_the_same_products_with_and_without_inlining()
    {
        var generator = new RandomProgramGenerator(20261206);
        var random = new Random(25);
        // One in five gets a span alias of a stackalloc (outside what is supported: ADG0003 at the alias) before its return.
        var all = Enumerable.Range(0, 60).Select(i => generator.Next("H" + i)).Where(p => !p.MustBeDiagnosed)
            .Select(p => (p.Name, Text: p.Render(), Outside: random.Next(5) == 0)).ToList();
        string Method((string Name, string Text, bool Outside) p) =>
            (p.Outside ? p.Text.Replace("        return ", "        " + Alias + "\n        return ", StringComparison.Ordinal) : p.Text)
                .Replace("[Differentiable]", "[Differentiable(Hessian = true)]", StringComparison.Ordinal);
        string Source(IEnumerable<(string Name, string Text, bool Outside)> programs) =>
            "using System;\nusing AutoDiffGen;\n\nnamespace Random;\n\npublic static partial class R\n{\n" + string.Concat(programs.Select(Method)) + "}\n";

        // Outside what is supported: diagnosed at the construct, nothing generated for it.
        var run = GeneratorHarness.Run(Source(all));
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        int diagnosed = 0;
        foreach (var p in all.Where(p => p.Outside))
        {
            var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.IsInSource
                && d.Location.SourceTree!.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText == p.Name).ToList();
            Assert.True(mine.Count > 0 && mine.All(RandomProgramTests.IsWrittenDiagnostic), p.Name + " must be diagnosed at its alias:\n" + Method(p) + string.Join("\n", mine));
            Assert.DoesNotContain(run.Generated.Values, g => g.Contains(" " + p.Name + "HessianVector(", StringComparison.Ordinal) || g.Contains(" " + p.Name + "Backward(", StringComparison.Ordinal));
            diagnosed++;
        }
        Assert.InRange(diagnosed, 5, 20);

        string source = Source(all.Where(p => !p.Outside));
        var (inlined, plain, names) = TwoWays.Emit(source, m => BackwardEmitter.Emit(m), m => BackwardEmitter.Emit(m, inlineForward: false));
        var products = names.Where(n => inlined.Any(t => t.Contains(" " + n + "HessianVector(", StringComparison.Ordinal)) && inlined.Any(t => t.Contains(" " + n + "BackwardTangent(", StringComparison.Ordinal))).ToList();
        Assert.True(products.Count > 30, products.Count + " products written");
        Assert.True(TwoWays.Statements(inlined) < TwoWays.Statements(plain));
        // The source's namespace is file-scoped: the wrappers, appended, are in it.
        string wrappers = "public static partial class R {\n" + string.Concat(products.Select(n =>
            "public static double " + n + "Hv(double[] x, double[] v, double[] o) => " + n + "HessianVector(x[0], x[1], x[2], v, o);\n"
            + "public static double " + n + "Bt(double[] x, double[] t, double[] d, double[] td, double s, double ts, double[] tr) => " + n
            + "BackwardTangent(x[0], x[1], x[2], t[0], t[1], t[2], ref d[0], ref d[1], ref d[2], ref td[0], ref td[1], ref td[2], s, ts, out tr[0]);\n")) + "}\n";
        var withInlining = TwoWays.Load(source + wrappers, inlined);
        var without = TwoWays.Load(source + wrappers, plain);
        var points = new Random(11);
        int differenced = 0;
        foreach (var name in products)
        {
            Type a = withInlining.GetType("Random.R")!, b = without.GetType("Random.R")!;
            var gradient = new Differentiated(withInlining, "Random.R", name);
            for (int k = 0; k < 2; k++)
            {
                double[] x = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 4 - 2, 3)).ToArray();
                double[] v = Enumerable.Range(0, 3).Select(_ => Math.Round(points.NextDouble() * 2 - 1, 3)).ToArray();
                var (hvA, hvB) = (new double[3], new double[3]);
                var va = TwoWays.Call(() => ((double)a.GetMethod(name + "Hv")!.Invoke(null, new object[] { x, v, hvA })!, hvA));
                var vb = TwoWays.Call(() => ((double)b.GetMethod(name + "Hv")!.Invoke(null, new object[] { x, v, hvB })!, hvB));
                Assert.Equal(vb.Exception, va.Exception);
                Assert.Equal(Bits(vb.Result.Value), Bits(va.Result.Value));
                Assert.Equal(hvB.Select(Bits), hvA.Select(Bits));
                double s = Math.Round(points.NextDouble() + 0.5, 3), ts = Math.Round(points.NextDouble() - 0.5, 3);
                object[] Args() => new object[] { x, v, new double[3], new double[3], s, ts, new double[1] };
                object[] argsA = Args(), argsB = Args();
                var ba = TwoWays.Call(() => ((double)a.GetMethod(name + "Bt")!.Invoke(null, argsA)!, (double[])argsA[2]));
                var bb = TwoWays.Call(() => ((double)b.GetMethod(name + "Bt")!.Invoke(null, argsB)!, (double[])argsB[2]));
                Assert.Equal(bb.Exception, ba.Exception);
                Assert.Equal(Bits(bb.Result.Value), Bits(ba.Result.Value));
                for (int j = 2; j <= 3; j++) Assert.Equal(((double[])argsB[j]).Select(Bits), ((double[])argsA[j]).Select(Bits));
                Assert.Equal(Bits(((double[])argsB[6])[0]), Bits(((double[])argsA[6])[0]));
                if (va.Exception is not null || hvA.Any(e => !double.IsFinite(e) || Math.Abs(e) > 1e3)) continue;
                // H·v against central differences of the gradient along v (a kink or a branch switch at x ± h aside).
                const double h = 1e-5;
                var (_, up) = gradient.Backward(x.Zip(v, (xi, vi) => xi + h * vi).ToArray());
                var (_, down) = gradient.Backward(x.Zip(v, (xi, vi) => xi - h * vi).ToArray());
                if (Enumerable.Range(0, 3).All(j => Math.Abs((up[j] - down[j]) / (2 * h) - hvA[j]) <= 1e-4 * (1 + Math.Abs(hvA[j])))) differenced++;
            }
        }
        Assert.True(differenced > products.Count, differenced + " products agree with central differences of the gradient");
    }

    private const string Alias = "{ Span<double> v = stackalloc double[2]; v[0] = a * b; Span<double> u = v; c = u[0]; }";

    private static long Bits(double value) => BitConverter.DoubleToInt64Bits(value);
}
