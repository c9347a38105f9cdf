using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Random structs whose [Differentiable(Forward = true)] instance method calls a plain helper of <c>this</c> returning a
/// struct of reals (<see cref="ThisStructHelperTests"/>): the helper's body an expression, a block with an early return,
/// a loop, or a call of a second this-helper through the struct's own operator; the call sites a sum of members, a loop
/// over an int argument, a conditional between two calls, and locals combined by the operator. Inside support every
/// gradient matches central differences and the Forward's tangent the gradient along a random direction. Just outside, a
/// helper that calls itself: exactly ADG0003 at the inner call, and no code for that struct.
/// </summary>
public class ThisStructHelperPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using AutoDiffGen;

        public struct Q2
        {
            public double X, Y;
            public Q2(double x, double y) { X = x; Y = y; }
            public readonly double Length => Math.Sqrt(X * X + Y * Y + 1e-3);
            public static Q2 operator -(Q2 a, Q2 b) { a.X -= b.X; a.Y -= b.Y; return a; }
        }

        public static partial class Calls
        {

        """;

    [Fact]
    public void RandomThisHelpersReturningAStruct_MatchCentralDifferences_AndRecursionIsADG0003AtTheCall()
    {
        var random = new Random(16_2026_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_THIS_STRUCT_COUNT", 24);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text)));
        // A nested type's generated file is named Calls.S3.F_…: the judge finds it by "S3.F".
        var clean = ProgramBatch.Judge(run, Header, all, p => (p.Name + ".F", p.Text, p.Bad));
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var calls = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Calls");
        int points = 0;
        foreach (var p in clean)
        {
            var type = calls.GetNestedType(p.Name)!;
            for (int n = 0; n < 3; n++)
            {
                object receiver = Activator.CreateInstance(type, Math.Round(random.NextDouble() + 0.2, 3), Math.Round(random.NextDouble() - 0.5, 3))!;
                var point = ProgramBatch.PointXYK(random);
                var gradient = CentralDifferenceRunner.Check(type.GetMethod("F")!, receiver, point).Gradient;
                double tx = Math.Round(random.NextDouble() - 0.5, 3), ty = Math.Round(random.NextDouble() - 0.5, 3);
                var args = new object?[] { point[0], point[1], point[2], tx, ty, null };
                type.GetMethod("FForward")!.Invoke(receiver, args);
                Tolerance.AssertClose(gradient[0]![0] * tx + gradient[1]![0] * ty, (double)args[5]!, 1e-9 * (1 + Math.Abs((double)args[5]!)), p.Name + ": tangent");
                points++;
            }
        }
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points, Backward and Forward");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "S" + index;
        var text = new StringBuilder();
        text.Append("    public partial struct ").Append(name).Append("\n    {\n        public double A, B;\n");
        text.Append("        public ").Append(name).Append("(double a, double b) { A = a; B = b; }\n");
        text.Append("        private Q2 G(double s) => new Q2(Math.Exp(-s * s), s + A);\n");
        text.Append("        private Q2 H(double t, Q2 q)").Append(random.Next(4) switch
        {
            0 => " => new Q2(A * t + q.X, B - t * q.Y);\n",
            1 => "\n        {\n            if (t > A) return new Q2(t * t, q.Y);\n            var r = new Q2(Math.Sin(t) * B, q.X * t);\n            return r;\n        }\n",
            2 => "\n        {\n            var r = q;\n            for (int j = 1; j <= 2; j++) r = new Q2(r.X * 0.5 + t * j, r.Y + A * t);\n            return r;\n        }\n",
            _ => " => G(t * B) - q;\n",
        });
        string? bad = null;
        if (outside)
        {
            // Its depth is the int argument's: not known when the code is generated.
            text.Append("        private Q2 R(double t, int n) => n <= 0 ? new Q2(t, A) : R(t * 0.5, n - 1);\n");
            bad = "R(t * 0.5, n - 1)";
        }
        text.Append("        [Differentiable(Forward = true)]\n        public double F(double x, double y, int k)\n        {\n");
        text.Append(outside ? "            return R(x, k).X * y;\n" : random.Next(4) switch
        {
            0 => "            return H(x, new Q2(y, x)).X + H(y, new Q2(1, 2)).Y;\n",
            1 => "            double s = 0;\n            for (int j = 0; j < k; j++) s += H(x + j, new Q2(y, s)).Length;\n            return s + y;\n",
            2 => "            var p = x > y ? H(x, new Q2(y, y)) : H(y, new Q2(x, 1));\n            return p.X * p.Y;\n",
            _ => "            var a = H(x, new Q2(y, 0.5));\n            var b = H(y, a);\n            return (a - b).Length;\n",
        });
        text.Append("        }\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
