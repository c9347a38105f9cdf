using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms14a;

/// <summary>
/// Issue 13, idioms14a item 4: a Try-shaped plain helper (<c>static bool TryG(double v, out double r)</c>) called in a
/// switch expression's arm (each arm is a branch of its own: the call runs only on its path), under <c>??</c>, in a
/// nested <c>?:</c>: each path by hand and against central differences, Backward, Forward and Hessian; what stays
/// refused is one error at the call.
/// </summary>
public class TryCallPlacesTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class TryPlaces
        {
            static bool TryG(double v, out double r)
            {
                if (v > 0) { r = Math.Sqrt(v); return true; }
                r = 0;
                return false;
            }

            // k = 0: x > 0: x^1.5, else 0; k = 1: x²; else x.
            [Differentiable(Forward = true, Hessian = true)]
            public static double InArm(double x, int k) => k switch { 0 => TryG(x, out var r) ? r * x : 0, 1 => x * x, _ => x };

            // x > 2: √(x - 2) + x y; else x² y. Arms guarded by a relational pattern, the call in the first.
            [Differentiable(Forward = true)]
            public static double GuardedArm(double x, double y) => x switch { > 2 => TryG(x - 2, out var r) ? r + x * y : x, _ => x * x * y };

            // x > 0: √x; else x.
            [Differentiable(Forward = true)]
            public static double UnderCoalesce(double x) => (TryG(x, out var r) ? r : (double?)null) ?? x;

            // x > 1: √x · y; else x y (a ?: in a ?: branch).
            [Differentiable]
            public static double Nested(double x, double y) => x > 1 ? (TryG(x, out var r) ? r * y : 0) : x * y;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("TryPlaces")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(-0.6, 0)]
    [InlineData(0.8, 1)]
    [InlineData(0.8, 5)]
    public void ATryCallInASwitchArm_ByHandAndCentralDifferences(double x, int k)
    {
        var r = CentralDifferenceRunner.Check(Get("InArm"), null, new object[] { x, k });
        double hand = k switch { 0 => x > 0 ? 1.5 * Math.Sqrt(x) : 0, 1 => 2 * x, _ => 1 };
        Tolerance.AssertFormula(hand, r.Gradient[0]![0], "dInArm/dx");
    }

    private delegate double InArmForward(double x, int k, double tX, out double tResult);

    private delegate double InArmHessian(double x, int k, Span<double> hessian);

    [Theory]
    [InlineData(0.8, 0)]
    [InlineData(0.8, 1)]
    public void ATryCallInASwitchArm_ForwardAndHessian_ByHand(double x, int k)
    {
        Get("InArmForward").CreateDelegate<InArmForward>()(x, k, 0.5, out double t);
        Tolerance.AssertFormula(0.5 * (k == 0 ? 1.5 * Math.Sqrt(x) : 2 * x), t, "InArmForward");
        var h = new double[1];
        Get("InArmHessian").CreateDelegate<InArmHessian>()(x, k, h);
        // (x^1.5)'' = 0.75 / √x; (x²)'' = 2.
        Tolerance.AssertFormula(k == 0 ? 0.75 / Math.Sqrt(x) : 2, h[0], "InArmHessian");
    }

    [Theory]
    [InlineData(2.8, 0.5)]
    [InlineData(1.5, 0.5)]
    public void ATryCallInAGuardedArm_ByHandAndCentralDifferences(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("GuardedArm"), null, new object[] { x, y });
        var (dx, dy) = x > 2 ? ((0.5 / Math.Sqrt(x - 2)) + y, x) : (2 * x * y, x * x);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dGuardedArm/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dGuardedArm/dy");
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-0.7)]
    public void ATryCallUnderCoalesce_ByHandAndCentralDifferences(double x)
    {
        var r = CentralDifferenceRunner.Check(Get("UnderCoalesce"), null, new object[] { x });
        Tolerance.AssertFormula(x > 0 ? 0.5 / Math.Sqrt(x) : 1, r.Gradient[0]![0], "dUnderCoalesce/dx");
    }

    [Theory]
    [InlineData(1.7, 0.3)]
    [InlineData(0.4, 0.3)]
    public void ATryCallInANestedConditional_ByHandAndCentralDifferences(double x, double y)
    {
        var r = CentralDifferenceRunner.Check(Get("Nested"), null, new object[] { x, y });
        var (dx, dy) = x > 1 ? (0.5 * y / Math.Sqrt(x), Math.Sqrt(x)) : (y, x);
        Tolerance.AssertFormula(dx, r.Gradient[0]![0], "dNested/dx");
        Tolerance.AssertFormula(dy, r.Gradient[1]![0], "dNested/dy");
    }

    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n    static bool TryG(double v, out double r) { if (v > 0) { r = Math.Sqrt(v); return true; } r = 0; return false; }\n";

    [Theory]
    // The out argument names a variable outside the arm: the arm's branch merges only its value.
    [InlineData("double r = 1; return k switch { 0 => TryG(x, out r) ? r : 0, _ => x } + r;", "TryG(x, out r)")]
    // The right of ?? runs only when the left is null: no branch of its own there.
    [InlineData("double? m = k > 0 ? x : null; return m ?? (TryG(x, out var r) ? r : 0);", "TryG(x, out var r)")]
    // A switch arm's guard is a test, not a branch.
    [InlineData("return k switch { 0 when TryG(x, out var r) => r, _ => x };", "TryG(x, out var r)")]
    public void ATryCallWhereItRunsOnlySometimes_IsOneErrorAtTheCall(string body, string at)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x, int k) { " + body + " }\n}\n", "ADG0004", at, "evaluated only on some paths of an expression");
    }
}
