using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Matrices;

/// <summary>
/// Property test of forward mode writing into a double[,] parameter: random void <c>Forward = true</c> programs
/// <c>P(double[,] a, double x, double y, int k)</c> store, accumulate and scale elements of a 2×3 <c>a</c>, in loops over
/// its shape, branches and through a Forward helper that writes it. Inside support, at three points each, MForward leaves
/// <c>a</c> as P does and its <c>tA</c> (in/out) matches central differences of what P leaves along the direction
/// (<see cref="MatrixForwardCheck"/>) and the Backward: ⟨w, tA⟩ = ⟨dA, tA₀⟩ + dX·tX + dY·tY for a seed w. Just outside (a
/// helper without Forward = true writing <c>a</c>, whose body calls a reverse-only hand-written derivative) it is ADG0018 at that call and no code.
/// AUTODIFFGEN_MATRIXFORWARD_COUNT runs more.
/// </summary>
public class MatrixWriteForwardPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void WritesIntoAGrid_MatchCentralDifferences_OrAnErrorAtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_MATRIXFORWARD_COUNT", 60);
        var random = new Random(202612032);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0018");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "GridForward");
        int points = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            var forward = type.GetMethod(p.Name + "Forward", BindingFlags.Public | BindingFlags.Static)!;
            var backward = type.GetMethod(p.Name + "Backward", BindingFlags.Public | BindingFlags.Static)!;
            for (int j = 0; j < 3; j++)
            {
                double x = Draw(random), y = Draw(random), tX = Draw(random), tY = Draw(random);
                int k = random.Next(4);
                var a = Grid(random);
                var tA = Grid(random);
                try
                {
                    MatrixForwardCheck.Check(Fixed(method, k), Fixed(forward, k), new object[] { a, x, y }, new object[] { tA, tX, tY }, p.Name);
                    AgreesWithBackward(forward, backward, a, x, y, k, tA, tX, tY, Grid(random));
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at x " + x + ", y " + y + ", k " + k + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    /// <summary>⟨w, J·t⟩ from MForward equals ⟨Jᵀ·w, t⟩ from MBackward seeded with w on what P leaves in a.</summary>
    private static void AgreesWithBackward(MethodInfo forward, MethodInfo backward, double[,] a, double x, double y, int k, double[,] tA, double tX, double tY, double[,] w)
    {
        var tOut = (double[,])tA.Clone();
        forward.Invoke(null, new object[] { a.Clone(), x, y, k, tOut, tX, tY });
        var dA = (double[,])w.Clone();
        var args = new object[] { a.Clone(), x, y, k, dA, 0.0, 0.0 };
        backward.Invoke(null, args);
        double left = 0, right = ((double)args[5] * tX) + ((double)args[6] * tY), size = 1;
        for (int i = 0; i < 2; i++)
        {
            for (int j = 0; j < 3; j++)
            {
                left += w[i, j] * tOut[i, j];
                right += dA[i, j] * tA[i, j];
                size += Math.Abs(w[i, j] * tOut[i, j]);
            }
        }
        Tolerance.AssertClose(left, right, 1e-9 * size, "⟨w, tA⟩ vs Backward");
    }

    /// <summary>The method called over (a, x, y[, tangents]) with its int k fixed, for MatrixForwardCheck.</summary>
    private static Action<object[]> Fixed(MethodInfo method, int k) => args => method.Invoke(null, args.Take(3).Append(k).Concat(args.Skip(3)).ToArray());

    private static double Draw(Random random) => Math.Round((random.NextDouble() * 2) - 1, 3);

    private static double[,] Grid(Random random)
    {
        var g = new double[2, 3];
        for (int i = 0; i < 2; i++)
            for (int j = 0; j < 3; j++) g[i, j] = Draw(random);
        return g;
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Slot() => random.Next(2).ToString(CultureInfo.InvariantCulture) + ", " + random.Next(3).ToString(CultureInfo.InvariantCulture);
        string Real() => Pick("x * y", "Math.Sin(a[" + Slot() + "])", "a[" + Slot() + "] * x", "Math.Tanh(s)", "a[" + Slot() + "] * a[" + Slot() + "]", "s - y", "0.5");
        string Test() => Pick("x > 0.2", "y < 0", "a[" + Slot() + "] > 0", "k > 1", "s < x");
        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 9 : 8))
            {
                case 0: return "a[" + Slot() + "] = " + Real() + ";";
                case 1: return "a[" + Slot() + "] += " + Real() + ";";
                case 2: return "a[" + Slot() + "] *= Math.Tanh(" + Real() + ");";
                case 3: return "s = Math.Tanh(s + a[" + Slot() + "]);";
                case 4: return "for (int i = 0; i < a.GetLength(0); i++) a[i, " + random.Next(3) + "] = Math.Tanh(a[i, " + random.Next(3) + "] * " + Real() + ");";
                case 5: return "for (int r = 0; r < k; r++) a[r % 2, 2] += 0.3 * a[1 - r % 2, 0];";
                case 6: return "if (" + Test() + ") a[" + Slot() + "] = " + Real() + "; else a[" + Slot() + "] -= " + Real() + ";";
                case 7: return "Mix(a, " + Real() + ");";
                default: return "for (int j = 0; j < 2; j++) { " + Statement(depth - 1) + " }";
            }
        }
        // Just outside: a helper without forward mode writes into the grid.
        (string Bad, string Statement) Outside()
        {
            string bad = "Drift(a, " + Real() + ")";
            return (bad, Pick(bad + ";", "if (" + Test() + ") " + bad + ";", "for (int i = 0; i < k; i++) " + bad + ";"));
        }

        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static void ").Append(name).Append("(double[,] a, double x, double y, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * a[1, 1];\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        a[0, 0] += s * y;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class GridForward
        {
            [Differentiable(Forward = true)]
            public static void Mix(double[,] m, double by) { m[1, 2] = Math.Sin(m[0, 1] + by); m[0, 1] *= by; }

            // No Forward = true, and its body calls Hand, whose hand-written derivative is reverse only: no MForward can be
            // written for it (a plain Drift gets one from its body since 2026-12-03, hess6: DerivedForms).
            [Differentiable]
            public static void Drift(double[,] m, double by) { m[0, 0] += by * Hand(m[1, 0]); }

            public static double Hand(double a) => Math.Exp(0.1 * a);

            [DerivativeOf(nameof(Hand))]
            public static double HandBackward(double a, ref double dA, double dResult = 1) { double e = Math.Exp(0.1 * a); dA += 0.1 * e * dResult; return e; }

        """;
}
