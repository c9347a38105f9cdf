using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.InlinedScopes;

/// <summary>
/// <c>Action</c>/<c>Action&lt;T&gt;</c> lambdas held in a local and only invoked (lists11): each call is inlined where it
/// stands, as a void local function's is, so it reads and writes the captured variables as they are at that call. Hand
/// values and central differences in Backward, Forward along a direction against the hand value; a lambda that escapes
/// (passed on, reassigned, stored in a field) stays an error.
/// </summary>
public class ActionLambdaTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public static partial class A
        {
            // s = 1 → 1 + x → (1 + x)²: d/dx = 2(1 + x).
            [Differentiable(Forward = true)]
            public static double Steps(double x, double y)
            {
                double s = 1;
                Action step = () => { s += x * s; };
                step();
                step();
                return s + 0 * y;
            }

            // The natural pin Captures.CapturedTupleWrittenByLambda: t.Item1 = x + 0.5y + y², result t.Item1 · y.
            [Differentiable(Forward = true)]
            public static double TupleWritten(double x, double y)
            {
                var t = (x, y);
                Action<double> bump = h => { t.Item1 += h * t.Item2; };
                bump(0.5);
                bump(y);
                return t.Item1 * t.Item2;
            }

            // s_0 = x, s_{i+1} = s_i·x + i·y, n times in a loop.
            [Differentiable(Forward = true)]
            public static double InALoop(double x, double y, int n)
            {
                double s = x;
                Action<int> step = i => s = s * x + i * y;
                for (int i = 0; i < n; i++) step(i);
                return s;
            }

            // An early return in the body: only positive values add their square.
            [Differentiable(Forward = true)]
            public static double EarlyReturn(double x, double y)
            {
                double s = 0;
                Action<double> add = v => { if (v < 0) return; s += v * v; };
                add(x);
                add(-y);
                add(x * y);
                return s;
            }

            // Adds to a local list: [xy, x²] → x³y.
            [Differentiable(Forward = true)]
            public static double AddsToAList(double x, double y)
            {
                var l = new List<double>();
                Action<double> put = v => l.Add(v * x);
                put(y);
                put(x);
                return l[0] * l[1];
            }

            // Two lambdas, one calling state the other wrote; an array element written.
            [Differentiable(Forward = true)]
            public static double TwoActions(double x, double y)
            {
                var a = new double[2];
                double s = y;
                Action<int> set = i => a[i] = s * (i + 1);
                Action grow = () => s *= x;
                set(0);
                grow();
                set(1);
                return a[0] + a[1] + s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static Type A => Compiled.Value.GetType("A")!;

    /// <summary>Backward against central differences and the hand gradient; Forward along (0.5, −2) against the hand value.</summary>
    private static void Check(string name, object[] point, double dx, double dy)
    {
        var r = CentralDifferenceRunner.Check(A.GetMethod(name)!, null, point);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "d/dy");
        var args = point.Concat(new object?[] { 0.5, -2.0, null }).ToArray();
        A.GetMethod(name + "Forward")!.Invoke(null, args);
        Tolerance.AssertFormula(dx * 0.5 + dy * -2.0, (double)args[^1]!, "tangent");
    }

    [Fact]
    public void AnAction_CalledTwice_UpdatesWhatItCaptures() => Check("Steps", [0.3, 1.0], 2 * 1.3, 0);

    [Fact]
    public void AnActionWritingACapturedTuple()
    {
        double x = 0.7, y = -1.2;
        Check("TupleWritten", [x, y], y, x + y + 3 * y * y);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void AnActionInvokedInALoop(int n)
    {
        double x = 0.8, y = 0.3;
        // The recurrence's derivative by hand: ds' = ds·x + s (d/dx), ds' = ds·x + i (d/dy).
        double s = x, dx = 1, dy = 0;
        for (int i = 0; i < n; i++)
        {
            dx = dx * x + s;
            dy = dy * x + i;
            s = s * x + i * y;
        }
        var r = CentralDifferenceRunner.Check(A.GetMethod("InALoop")!, null, [x, y, n]);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "d/dy");
        var args = new object?[] { x, y, n, 0.5, -2.0, null };
        A.GetMethod("InALoopForward")!.Invoke(null, args);
        Tolerance.AssertFormula(dx * 0.5 - 2 * dy, (double)args[^1]!, "tangent");
    }

    [Fact]
    public void AnActionWithAnEarlyReturn()
    {
        // x = 0.6, y = 1.5: x² + (xy)² (−y returns early).
        Check("EarlyReturn", [0.6, 1.5], 2 * 0.6 + 2 * 0.6 * 1.5 * 1.5, 2 * 1.5 * 0.6 * 0.6);
        // x = 0.6, y = −1.5: x² + y² (xy < 0 returns early).
        Check("EarlyReturn", [0.6, -1.5], 2 * 0.6, 2 * -1.5);
    }

    [Fact]
    public void AnActionAddingToALocalList() => Check("AddsToAList", [1.1, 0.4], 3 * 1.1 * 1.1 * 0.4, 1.1 * 1.1 * 1.1);

    [Fact]
    public void TwoActions_InTheOrderCalled()
    {
        // a[0] = y, s = xy, a[1] = 2xy: y + 3xy.
        double x = 0.9, y = -0.7;
        Check("TwoActions", [x, y], 3 * y, 1 + 3 * x);
    }

    [Theory]
    // Passed on: the callee could call it any number of times, or keep it.
    [InlineData("Action step = () => { s += x * s; }; Apply(step);", "ADG0003")]
    // Reassigned: the call may run either body.
    [InlineData("Action step = () => { s += x; }; step = () => { s *= x; }; step();", "ADG0003")]
    // Kept in a field (ADG0007 at the field write too).
    [InlineData("Action step = () => { s += x; }; Kept = step; step();", "ADG0003")]
    // Handed to List.ForEach.
    [InlineData("var l = new List<double> { x }; Action<double> add = v => { s += v; }; l.ForEach(add);", "ADG0003")]
    public void ALambdaThatEscapes_IsAnError(string statements, string id)
    {
        string source = """
            using System;
            using System.Collections.Generic;
            using AutoDiffGen;
            public static partial class R
            {
                static Action? Kept;
                static void Apply(Action a) { a(); a(); }
                [Differentiable]
                public static double F(double x)
                {
                    double s = 1;
                    STATEMENTS
                    return s;
                }
            }
            """.Replace("STATEMENTS", statements);
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).ToList();
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(e.Id is "ADG0002" or "ADG0003" or "ADG0007" or "ADG0016" or "ADG0017", e.ToString()));
        Assert.Contains(errors, e => e.Id == id);
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains(".F_", StringComparison.Ordinal));
    }
}
