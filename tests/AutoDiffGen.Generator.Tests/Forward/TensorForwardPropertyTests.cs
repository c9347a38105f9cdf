using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Tensors;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// Property test of <c>MForward</c> on tensor methods (modes8): random programs
/// <c>float P(Tensor a, Tensor b, Tensor w, Tensor bias, float s, int[] labels)</c> chain 1–4 ops of the Tensors package
/// (MatMul, MatMulTransposeB, AddBias, Relu, Tanh, Sigmoid, Square, Scale, +, −, ⊙, unary −) into a reduction (Sum,
/// Mean, SquaredL2Norm, SoftmaxCrossEntropy). Each inside program generates cleanly and, at three points with a random
/// tangent per input, its tangent matches central differences of the primal along it and ⟨t, MBackward's gradient⟩. Each
/// just outside (a call to a user op that has a reverse [DerivativeOf] only) gets ADG0018 at that call and no code.
/// CI runs 60 programs; AUTODIFFGEN_TENSORFWD_COUNT runs more.
/// </summary>
public class TensorForwardPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using AutoDiffGen;
        using AutoDiffGen.Tensors;

        public static class UserOps
        {
            public static Tensor Clip(Tensor x) => Tensor.Tanh(x);

            [DerivativeOf(nameof(Clip))]
            public static void ClipPullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX) => Tensor.TanhPullback(x, result, dResult, dX);
        }

        public static partial class TensorFwd
        {

        """;

    [Fact]
    public void TensorMethods_Forward_MatchCentralDifferencesAndBackward_OrADG0018AtTheCall()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_TENSORFWD_COUNT", 60);
        var random = new Random(20261204);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "T" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => p, "ADG0018");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "TensorFwd");
        int points = 0, kinks = 0;
        foreach (var (name, text, _) in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                if (Check(type, name, text, random)) points++;
                else kinks++;
            }
        }
        output.WriteLine($"{kinks} points skipped for a ReLU kink within the central difference's step");
        // A point is skipped only where the two step sizes disagree (a kink between them); the duality check ran there too.
        Assert.True(kinks * 10 <= points + kinks, kinks + " of " + (points + kinks) + " points skipped");
        ProgramBatch.AssertCounts(all.Count, all.Count(p => p.Bad is not null), clean.Count, points + kinks, output.WriteLine);
    }

    /// <summary>
    /// One point: MForward against ⟨t, MBackward⟩ always; against central differences unless the steps h and h/2 disagree
    /// beyond the bound (a ReLU kink crossed by one of them): then false.
    /// </summary>
    private static bool Check(Type type, string name, string text, Random random)
    {
        Tensor[] p = { Tensor.RandomNormal(3, 2, 1f, random), Tensor.RandomNormal(3, 2, 1f, random), Tensor.RandomNormal(2, 2, 1f, random), TensorTangents.Vector(2, 1f, random) };
        Tensor[] t = p.Select(q => TensorTangents.Like(q, random)).ToArray();
        float s = (float)Math.Round((random.NextDouble() * 2) - 1, 3), ts = (float)((random.NextDouble() * 2) - 1);
        var labels = new[] { random.Next(2), random.Next(2), random.Next(2) };
        MethodInfo M(string suffix) => type.GetMethod(name + suffix, BindingFlags.Public | BindingFlags.Static)!;
        object[] Primal(Tensor[] q, float f) => new object[] { q[0], q[1], q[2], q[3], f, labels };
        string at = name + " at a = [" + string.Join(", ", p[0].ToArray()) + "], s = " + s + "\n" + text;

        var args = Primal(p, s).Cast<object?>().Concat(t).Append(ts).Append(null).ToArray();
        M("Forward").Invoke(null, args);
        float jvp = (float)args[^1]!;
        var d = p.Select(q => q.ZeroAdjoint()).ToArray();
        var back = Primal(p, s).Concat(d).Append(0f).Append(1f).ToArray();
        M("Backward").Invoke(null, back);
        float ds = (float)back[^2];
        try
        {
            double reverse = t.Select((q, i) => TensorForwardTests.Dot(q, d[i])).Sum() + ((double)ts * ds);
            double magnitude = TensorTangents.Magnitude(t, d) + Math.Abs((double)ts * ds) + Math.Abs(jvp);
            Tolerance.AssertClose(reverse, jvp, Tolerance.ForSum(t.Sum(q => q.Length) + 64, magnitude, Tolerance.Float), "⟨t, MBackward⟩ against MForward");

            double Along(double h) =>
                ((float)M("").Invoke(null, Primal(p.Select((q, i) => TensorForwardTests.Shifted(q, t[i], h)).ToArray(), s + (float)(h * ts)))!
                 - (float)M("").Invoke(null, Primal(p.Select((q, i) => TensorForwardTests.Shifted(q, t[i], -h)).ToArray(), s - (float)(h * ts)))!) / (2 * h);
            double full = Along(1e-3), half = Along(5e-4);
            if (Math.Abs(full - half) > 2e-3 + (2e-2 * Math.Abs(full))) return false;
            TensorTangents.AssertCentral(full, jvp, "MForward against central differences");
            return true;
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException(at + "\n" + e.Message);
        }
    }

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var values = new List<string> { "a", "b" };
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static float ").Append(name)
            .Append("(Tensor a, Tensor b, Tensor w, Tensor bias, float s, int[] labels)\n    {\n");
        int statements = 1 + random.Next(4);
        int bad = outside ? random.Next(statements) : -1;
        string? badText = null;
        for (int i = 0; i < statements; i++)
        {
            // Every value is 3 × 2: MatMul by the 2 × 2 w (or its transpose) keeps the shape, bias has 2 columns.
            // The two operands of a binary operator differ: main refuses `v + v` with ADG0003 at it (the same operand twice
            // through a user-defined operator), in every mode.
            string x = Pick(values.ToArray()), y = Pick(values.Where(v => v != x).ToArray());
            string op = i == bad ? badText = "UserOps.Clip(" + x + ")" : random.Next(12) switch
            {
                0 => "Tensor.MatMul(" + x + ", w)",
                1 => "Tensor.MatMulTransposeB(" + x + ", w)",
                2 => "Tensor.AddBias(" + x + ", bias)",
                3 => "Tensor.Relu(" + x + ")",
                4 => "Tensor.Tanh(" + x + ")",
                5 => "Tensor.Sigmoid(" + x + ")",
                6 => "Tensor.Scale(" + x + ", s)",
                7 => "Tensor.Square(Tensor.Tanh(" + x + "))",
                8 => x + " + " + y,
                9 => x + " - " + y,
                10 => x + " * " + Pick("Tensor.Tanh(" + y + ")", y),
                _ => "-" + x,
            };
            string v = "v" + i.ToString(CultureInfo.InvariantCulture);
            text.Append("        Tensor ").Append(v).Append(" = ").Append(op).Append(";\n");
            values.Add(v);
        }
        string last = values[^1];
        text.Append("        return ").Append(Pick(
            "Tensor.Sum(" + last + ")", "Tensor.Mean(" + last + ")", "Tensor.SquaredL2Norm(Tensor.Tanh(" + last + "))",
            "Tensor.SoftmaxCrossEntropy(" + last + ", labels)", "s * Tensor.Mean(" + last + ") + Tensor.Sum(" + Pick(values.ToArray()) + ")"))
            .Append(";\n    }\n");
        return (name, text.ToString(), badText);
    }
}
