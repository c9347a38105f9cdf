using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.NoDiffMethods;

/// <summary>
/// Random programs over x and y mixing calls to a [NoDiff] helper N with calls to an unmarked helper U that has no
/// derivative. Whenever U receives a value that carries a gradient, ADG0004 stays (never a constant); otherwise the
/// program compiles and its gradient equals the stop-gradient one: a dual-number evaluation in this test where N's value
/// has zero derivative, and central differences of the same program with N's values frozen at the point.
/// </summary>
public class NoDiffMethodPropertyTests
{
    private const string Helpers = """
        public static class H
        {
            [NoDiff] public static double N(double v) => 2 * v + 1;
            public static double U(double v) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(v));
        }
        """;

    private abstract record E;
    private sealed record Var(int Index) : E;
    private sealed record Const(double Value) : E;
    private sealed record Bin(char Op, E Left, E Right) : E;
    private sealed record Sin(E Arg) : E;
    private sealed record Call(bool NoDiff, E Arg) : E;

    private static E Make(Random r, int depth)
    {
        if (depth == 0 || r.NextDouble() < 0.2) return r.Next(3) == 0 ? new Const(Math.Round(r.NextDouble() * 3 - 1, 2)) : new Var(r.Next(2));
        return r.Next(5) switch
        {
            0 => new Sin(Make(r, depth - 1)),
            1 or 2 => new Call(r.Next(4) != 0, Make(r, depth - 1)),
            _ => new Bin(r.Next(2) == 0 ? '+' : '*', Make(r, depth - 1), Make(r, depth - 1)),
        };
    }

    private static string Text(E e) => e switch
    {
        Var v => v.Index == 0 ? "x" : "y",
        Const c => c.Value.ToString("R", CultureInfo.InvariantCulture),
        Bin b => "(" + Text(b.Left) + " " + b.Op + " " + Text(b.Right) + ")",
        Sin s => "Math.Sin(" + Text(s.Arg) + ")",
        Call c => (c.NoDiff ? "H.N(" : "H.U(") + Text(c.Arg) + ")",
        _ => throw new InvalidOperationException(),
    };

    private static bool Depends(E e) => e switch
    {
        Var => true,
        Const => false,
        Bin b => Depends(b.Left) || Depends(b.Right),
        Sin s => Depends(s.Arg),
        Call c => !c.NoDiff && Depends(c.Arg), // a [NoDiff] call cuts the dependence
        _ => throw new InvalidOperationException(),
    };

    private static bool ULeaks(E e) => e switch
    {
        Bin b => ULeaks(b.Left) || ULeaks(b.Right),
        Sin s => ULeaks(s.Arg),
        Call { NoDiff: false } c => Depends(c.Arg) || ULeaks(c.Arg),
        Call c => ULeaks(c.Arg),
        _ => false,
    };

    /// <summary>Value and derivative along direction (dx, dy), N's value a constant; <paramref name="frozen"/> replaces N's values when given.</summary>
    private static (double V, double D) Eval(E e, double x, double y, double dx, double dy, Queue<double>? frozen, List<double>? record)
    {
        switch (e)
        {
            case Var v: return v.Index == 0 ? (x, dx) : (y, dy);
            case Const c: return (c.Value, 0);
            case Sin s: { var a = Eval(s.Arg, x, y, dx, dy, frozen, record); return (Math.Sin(a.V), Math.Cos(a.V) * a.D); }
            case Call { NoDiff: false } u: return Eval(u.Arg, x, y, dx, dy, frozen, record); // U is the identity (bit round trip)
            case Call c: { var a = Eval(c.Arg, x, y, dx, dy, frozen, record); double n = frozen?.Dequeue() ?? 2 * a.V + 1; record?.Add(n); return (n, 0); }
            case Bin b:
                {
                    var l = Eval(b.Left, x, y, dx, dy, frozen, record);
                    var r = Eval(b.Right, x, y, dx, dy, frozen, record);
                    return b.Op == '+' ? (l.V + r.V, l.D + r.D) : (l.V * r.V, l.D * r.V + l.V * r.D);
                }
        }
        throw new InvalidOperationException();
    }

    [Fact]
    public void RandomProgramsMixingNoDiffAndUnknownCalls_AreStopGradientsOrADG0004()
    {
        var random = new Random(1213);
        int compiled = 0, refused = 0;
        for (int k = 0; k < 40; k++)
        {
            var e = Make(random, 4);
            if (!Depends(e) && !ULeaks(e)) e = new Bin('*', new Var(0), e);
            string body = Text(e);
            string source = "using System;\nusing AutoDiffGen;\n" + Helpers + "\npublic static partial class Net { [Differentiable] public static double F(double x, double y) => x * y + " + body + "; }";
            var result = GeneratorHarness.RunForLoad(source);
            Assert.Empty(result.Exceptions);
            Assert.Empty(result.CompileDiagnostics);
            var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (ULeaks(e))
            {
                // ADG0004 at an unmarked call; ADG0016 when it sits inside a [NoDiff] call's argument (written out as constant
                // text, where an unknown call fed a gradient is refused too: conservative, never a constant).
                Assert.True(errors.Count > 0 && errors.All(d => d.Id is "ADG0004" or "ADG0016"), body + ": " + string.Join("; ", errors));
                refused++;
                continue;
            }
            Assert.True(errors.Count == 0, body + ": " + string.Join("; ", errors));
            var net = GeneratorHarness.Load(result).GetType("Net", throwOnError: true)!;
            double x = Math.Round(random.NextDouble() * 2 - 1, 3), y = Math.Round(random.NextDouble() * 2 - 1, 3);
            var args = new object[] { x, y, 0.0, 0.0, 1.0 };
            net.GetMethod("FBackward")!.Invoke(null, args);
            double gx = (double)args[2], gy = (double)args[3];
            // By the chain rule with N's derivative zero (the documented stop-gradient).
            Tolerance.AssertClose(y + Eval(e, x, y, 1, 0, null, null).D, gx, 1e-9, body + " d/dx");
            Tolerance.AssertClose(x + Eval(e, x, y, 0, 1, null, null).D, gy, 1e-9, body + " d/dy");
            // Central differences of the program with N's values frozen at (x, y).
            var values = new List<double>();
            Eval(e, x, y, 0, 0, null, values);
            double h = 1e-6;
            double F(double a, double b) => a * b + Eval(e, a, b, 0, 0, new Queue<double>(values), null).V;
            Tolerance.AssertClose((F(x + h, y) - F(x - h, y)) / (2 * h), gx, 1e-5 * (1 + Math.Abs(gx)), body + " central d/dx");
            Tolerance.AssertClose((F(x, y + h) - F(x, y - h)) / (2 * h), gy, 1e-5 * (1 + Math.Abs(gy)), body + " central d/dy");
            compiled++;
        }
        // Both kinds of programs were drawn: the property is not vacuous.
        Assert.True(compiled >= 10 && refused >= 5, "compiled " + compiled + ", refused " + refused);
    }
}
