using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.RefForEach23;

/// <summary>
/// <c>foreach (ref var v in a.AsSpan(…))</c>: v is the element, so a write of v is a store into the array, seen by later
/// reads of <c>a[k]</c> in the body and after the loop. Before, v was a copy read once per iteration and its writes were
/// lost: a wrong gradient (and a wrong value in the forward sweep) whenever the array was read again. By hand, central
/// differences and every mode (<see cref="ModeChecks"/>); random programs with one in five writing through a ref loop
/// variable into a static table (an error at the loop, no code).
/// </summary>
public class RefForEachTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class R
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Squares(double x, double y, double z)
            {
                double[] a = { x, y, z };
                double s = 0;
                foreach (ref var v in a.AsSpan()) { v *= v; s += v * a[0]; }
                return s;
            }

            public static double[] SquaresH(double x, double y, double z) { var h = new double[9]; SquaresHessian(x, y, z, h); return h; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ReadThenTriple(double x, double y, double z)
            {
                double[] a = { x, y, z };
                double s = 0;
                foreach (ref var v in a.AsSpan()) { s += v * a[0]; v *= 3; }
                return s + a[0];
            }

            public static double[] ReadThenTripleH(double x, double y, double z) { var h = new double[9]; ReadThenTripleHessian(x, y, z, h); return h; }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ViewLocal(double x, double y)
            {
                double[] a = { x, y, 2 };
                Span<double> sp = a.AsSpan(1);
                foreach (ref var v in sp) v *= x;
                return a[1] * a[2] + a[0];
            }

            public static double[] ViewLocalH(double x, double y) { var h = new double[4]; ViewLocalHessian(x, y, h); return h; }

            private static void ScaleS(Span<double> s, double k) { foreach (ref var v in s) v *= k; }

            // A plain helper's ref loop over its span parameter: the caller's array is written.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Helper(double x, double y)
            {
                var b = new double[] { x, y, x * y };
                ScaleS(b, x);
                return b[0] + b[1] * b[2];
            }

            public static double[] HelperH(double x, double y) { var h = new double[4]; HelperHessian(x, y, h); return h; }

            [Differentiable]
            public static double Tail(double[] a)
            {
                double s = 0;
                foreach (ref var v in a.AsSpan(1)) { v *= a[0]; s += v * a[1]; }
                return s;
            }
        }
        """;

    private static readonly Lazy<Type> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("R")!);

    [Fact]
    public void WritesThroughTheLoopVariable_AreSeenByLaterReadsOfTheArray_ByHandAndInEveryMode()
    {
        double a0 = 0.7, a1 = 1.3, a2 = -0.4;
        // Squares: a0 ← a0², s = a0²·a0² + a1²·a0² + a2²·a0² (a[0] is already squared after the first element), so
        // ∂s/∂a0 = 4a0³ + 2a0(a1² + a2²), ∂s/∂a1 = 2a1·a0², ∂s/∂a2 = 2a2·a0² (3.962, 1.274, −0.392). Reading a[0] unsquared,
        // as before the fix, gives 3.32, 1.82, −0.56.
        var r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Squares")!, null, new object[] { a0, a1, a2 });
        Tolerance.AssertFormula((a0 * a0 * a0 * a0) + (a0 * a0 * ((a1 * a1) + (a2 * a2))), r.Value, "s");
        Tolerance.AssertFormula((4 * a0 * a0 * a0) + (2 * a0 * ((a1 * a1) + (a2 * a2))), r.Gradient[0]![0], "∂a0");
        Tolerance.AssertFormula(2 * a1 * a0 * a0, r.Gradient[1]![0], "∂a1");
        Tolerance.AssertFormula(2 * a2 * a0 * a0, r.Gradient[2]![0], "∂a2");
        ModeChecks.AtPoint(Loaded.Value, "Squares", new object[] { a0, a1, a2 }, new Random(23));

        // ReadThenTriple: s = a0·a0 + a1·3a0 + a2·3a0, then + a[0] = 3a0: ∂/∂a0 = 2a0 + 3(a1 + a2) + 3, ∂/∂a1 = ∂/∂a2 = 3a0
        // (7.1, 2.1, 2.1; before the fix 3.3, 0.7, 0.7).
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("ReadThenTriple")!, null, new object[] { a0, a1, a2 });
        Tolerance.AssertFormula((2 * a0) + (3 * (a1 + a2)) + 3, r.Gradient[0]![0], "∂a0");
        Tolerance.AssertFormula(3 * a0, r.Gradient[1]![0], "∂a1");
        Tolerance.AssertFormula(3 * a0, r.Gradient[2]![0], "∂a2");
        ModeChecks.AtPoint(Loaded.Value, "ReadThenTriple", new object[] { a0, a1, a2 }, new Random(24));

        // ViewLocal, through a span local viewing a[1..]: a = (x, xy, 2x), f = 2x²y + x: ∂f/∂x = 4xy + 1, ∂f/∂y = 2x² (4.64, 0.98).
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("ViewLocal")!, null, new object[] { a0, a1 });
        Tolerance.AssertFormula((4 * a0 * a1) + 1, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(2 * a0 * a0, r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "ViewLocal", new object[] { a0, a1 }, new Random(25));

        // Helper: b = (x², xy, x²y) after ScaleS(b, x), f = x² + x³y²: ∂f/∂x = 2x + 3x²y², ∂f/∂y = 2x³y (2.9919, 1.1668).
        // Before the fix the helper's loop was lost after it (b read unscaled: 1 + 2xy², 2x²y = 3.366, 1.274).
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Helper")!, null, new object[] { a0, a1 });
        Tolerance.AssertFormula((a0 * a0) + (a0 * a0 * a0 * a1 * a1), r.Value, "f");
        Tolerance.AssertFormula((2 * a0) + (3 * a0 * a0 * a1 * a1), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(2 * a0 * a0 * a0 * a1, r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "Helper", new object[] { a0, a1 }, new Random(26));

        // Tail over a[1..] writes its array parameter (an in/out adjoint, docs/ref-out.md: zeroed first, it returns the
        // gradient): a1 ← a1·a0, a2 ← a2·a0, s = a1a0·a1a0 + a2a0·a1a0 (a[1] is already scaled when a2's term reads it):
        // ∂/∂a0 = 2a0(a1² + a1a2), ∂/∂a1 = a0²(2a1 + a2), ∂/∂a2 = a0²a1 (1.638, 1.078, 0.637; before the fix 1.17, 1.54, 0.91).
        var tail = Loaded.Value.GetMethod("Tail")!;
        var tailBackward = Loaded.Value.GetMethod("TailBackward")!;
        var point = new[] { a0, a1, a2 };
        var d = new double[3];
        double value = (double)tailBackward.Invoke(null, new object[] { point.Clone(), d, 1.0 })!;
        Tolerance.AssertFormula(((a1 * a0) * (a1 * a0)) + ((a2 * a0) * (a1 * a0)), value, "s");
        double[] hand = { 2 * a0 * ((a1 * a1) + (a1 * a2)), a0 * a0 * ((2 * a1) + a2), a0 * a0 * a1 };
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(hand[i], d[i], "∂a" + i);
            var plus = (double[])point.Clone();
            var minus = (double[])point.Clone();
            plus[i] += 1e-6;
            minus[i] -= 1e-6;
            double central = ((double)tail.Invoke(null, new object[] { plus })! - (double)tail.Invoke(null, new object[] { minus })!) / 2e-6;
            Tolerance.AssertClose(central, d[i], 1e-6, "central ∂a" + i);
        }
    }

    [Fact]
    public void AWriteThroughTheLoopVariableIntoANoDiffArray_IsAnErrorAtTheLoop() =>
        ProgramBatch.AssertSingleErrorAt("""
            using System;
            using AutoDiffGen;

            public static partial class R
            {
                [Differentiable]
                public static double F([NoDiff] double[] c, double x)
                {
                    double s = 0;
                    foreach (ref var v in c.AsSpan()) { v *= x; s += v; }
                    return s;
                }
            }
            """, "ADG0002", "foreach (ref var v in c.AsSpan())", "writes into the [NoDiff] array 'c'");

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class P
        {
            private static readonly double[] Table = { 1.5, -0.5, 2.0 };
            private static void ScaleS(Span<double> s, double k) { foreach (ref var v in s) v *= k; }
            private static void Axpy(ReadOnlySpan<double> x, Span<double> y, double a) { int i = 0; foreach (ref var v in y) v += a * x[i++]; }

        """;

    private static (string Name, string Text, string? Bad) Make(Random random, int index, bool outside)
    {
        string name = "F" + index.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Span() => Pick("a.AsSpan()", "a.AsSpan(1)", "a.AsSpan(0, 3)", "a.AsSpan(1, 2)", "a.AsSpan(2)", "sp");
        string Index() => random.Next(4).ToString(CultureInfo.InvariantCulture);
        string Real() => Pick("x", "y", "0.5", "Math.Sin(y)", "x * y");
        string Write() => random.Next(4) switch
        {
            0 => "v *= " + Real() + ";",
            1 => "v = v * " + Real() + " + a[" + Index() + "];",
            2 => "v += s * 0.1;",
            _ => "if (v > " + Real() + ") v -= y; else s += v;",
        };
        string Read() => random.Next(2) == 0 ? "s += v * a[" + Index() + "];" : "a[" + Index() + "] += v * 0.5;";
        string Body(bool writes) => string.Join(" ", Enumerable.Range(0, 1 + random.Next(3)).Select(_ => writes && random.Next(2) == 0 ? Write() : Read()));
        string Loop() => random.Next(3) == 0
            ? "foreach (ref readonly var v in " + Span() + ") { " + Body(false) + " }"
            : "foreach (ref var v in " + Span() + ") { " + Body(true) + " }";
        // A plain helper's ref loop over its span parameter, bound to the caller's array or a view of it.
        string Helper() => random.Next(2) == 0 ? "ScaleS(" + Span() + ", " + Real() + ");" : "Axpy(a, " + Pick("a.AsSpan(1)", "sp", "a.AsSpan(2)") + ", " + Real() + ");";
        string Statement() => random.Next(5) switch
        {
            0 => "for (int i = 0; i < k + 1; i++) { " + Loop() + " }",
            1 => "if (" + Pick("x > y", "k > 1") + ") { " + Loop() + " }",
            2 => "for (int i = 0; i < k; i++) { " + Helper() + " }",
            3 => Helper(),
            _ => Loop(),
        };
        (string Bad, string Statement) Outside()
        {
            string loop = "foreach (ref var v in Table.AsSpan())";
            return ("foreach", loop + " { v *= x; s += v; }");
        }

        var text = new System.Text.StringBuilder();
        text.Append("    [Differentiable(Forward = true, Hessian = true)]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        text.Append("        double s = x * 0.5 + y;\n");
        text.Append("        double[] a = { x, y, x * y, 0.5 };\n");
        text.Append("        Span<double> sp = a.AsSpan(1, 2);\n");
        string? bad = ProgramBatch.AppendStatements(text, random, outside, Statement, Outside);
        text.Append("        return s + a[0] * a[1] + a[2] + a[3] * x;\n    }\n");
        if (!outside) text.Append("    public static double[] ").Append(name).Append("H(double x, double y, int k) { var h = new double[4]; ").Append(name).Append("Hessian(x, y, k, h); return h; }\n");
        return (name, text.ToString(), bad);
    }

    [Fact]
    public void RandomRefLoops_MatchCentralDifferencesInEveryMode_AndAWriteIntoAStaticTableIsAnErrorAtTheLoop()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_REF_FOREACH_COUNT", 25);
        var random = new Random(2026_12_05_23);
        var programs = Enumerable.Range(0, count).Select(i => Make(random, i, outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, Header, programs, p => p, "ADG0002,ADG0003,ADG0007");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "P");
        int points = ModeChecks.AtThreePoints(type, clean.Select(p => (p.Name, p.Text)), () => ProgramBatch.PointXYK(random), random);
        ProgramBatch.AssertCounts(count, programs.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }
}
