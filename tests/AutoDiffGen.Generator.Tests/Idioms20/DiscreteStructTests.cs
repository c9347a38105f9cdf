using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms20;

/// <summary>
/// Issue 13 (idioms20, item 1): a struct whose members are all discrete (bool, int, an enum: a <c>Bool3</c> of flags, a
/// mask, a record struct of a bool and an int, a struct nesting one) carries no gradient. A plain helper may return one
/// from differentiated reals (<c>Step(a, b, c)</c>: ADG0004 before) and a plain helper may take one (<c>Pick(x, flags)</c>,
/// <c>Select(mask, a, b)</c>: ADG0004 before); the reals it chooses between route as a branch does. Each gradient by hand
/// (derived in the comments) and against central differences; the loop also in <c>MForward</c> and <c>MHessian</c>. A helper
/// returning such a struct that has an effect (writes a static field, prints) is ADG0016 at the differentiated argument.
/// </summary>
public class DiscreteStructTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public readonly struct Bool3
        {
            public Bool3(bool x, bool y, bool z) { X = x; Y = y; Z = z; }
            public bool X { get; }
            public bool Y { get; }
            public bool Z { get; }
        }
        public struct Flags { public bool Clamp; public int Mode; }
        public enum Kind { Plain, Heavy }
        public struct Mask { public bool Lo; public bool Hi; public Kind K; }

        public static partial class D
        {
            static Bool3 Step(double a, double b, double c) => new Bool3(a > 0, b > 0, c > 0);
            static double Pick(double x, Flags f) => f.Clamp ? Math.Max(x, 0) : x * f.Mode;
            static double Select(Bool3 m, double a, double b) => m.Y ? a : b;
            static Mask Classify(double v, double lo, double hi)
            {
                var m = new Mask { Lo = v < lo, Hi = v > hi };
                if (v > 0.5) m.K = Kind.Heavy;
                return m;
            }
            static double Clip(double v, Mask m, double lo, double hi) => m.Lo ? lo : m.Hi ? hi : v;

            [Differentiable]
            public static double Steps(double a, double b, double c)
            {
                var s = Step(a, b, c);
                return (s.X ? a * a : b) + (s.Y ? b * c : c);
            }

            [Differentiable]
            public static double Flagged(double x, double y, bool clamp)
            {
                var f = new Flags { Clamp = clamp, Mode = 3 };
                return Pick(x, f) * y;
            }

            [Differentiable]
            public static double Selected(double x, double y) => Select(Step(x, y - x, 1), x * y, y);

            [Differentiable(Forward = true, Hessian = true)]
            public static double Clipped(double[] x, double lo, double hi)
            {
                double s = 0;
                for (int i = 0; i < x.Length; i++)
                {
                    var m = Classify(x[i], lo, hi);
                    double c = Clip(x[i], m, lo, hi);
                    s += c * c * (m.K == Kind.Heavy ? 2 : 1);
                }
                return s;
            }

            public static double ClippedForwardAlong(double[] x, double lo, double hi, double[] t)
            {
                ClippedForward(x, lo, hi, t.AsSpan(0, 4), t[4], t[5], out double tResult);
                return tResult;
            }

            public static double ClippedHessianInto(double[] x, double lo, double hi, double[] h) => ClippedHessian(x, lo, hi, h);
        }
        """;

    private static readonly Lazy<Type> Type = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("D")!);

    private static MethodInfo M(string name) => Type.Value.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!;

    [Fact]
    public void AStepHelperReturningABool3_RoutesTheGradientToTheChosenOperands()
    {
        // At (a, b, c) = (1.5, 2, -0.5): s = (true, true, false), so f = a² + b·c: ∂a = 2a = 3, ∂b = c = -0.5, ∂c = b = 2.
        var r = CentralDifferenceRunner.Check(M("Steps"), null, new object[] { 1.5, 2.0, -0.5 });
        Tolerance.AssertFormula(1.5 * 1.5 + (2 * -0.5), r.Value);
        Tolerance.AssertFormula(3, r.Gradient[0]![0], "∂a");
        Tolerance.AssertFormula(-0.5, r.Gradient[1]![0], "∂b");
        Tolerance.AssertFormula(2, r.Gradient[2]![0], "∂c");
        // At (-1, 0.5, 3): s.X false, s.Y true, so f = b + b·c: ∂a = 0, ∂b = 1 + c = 4, ∂c = b = 0.5.
        r = CentralDifferenceRunner.Check(M("Steps"), null, new object[] { -1.0, 0.5, 3.0 });
        Tolerance.AssertFormula(0, r.Gradient[0]![0], "∂a");
        Tolerance.AssertFormula(4, r.Gradient[1]![0], "∂b");
        Tolerance.AssertFormula(0.5, r.Gradient[2]![0], "∂c");
    }

    [Fact]
    public void AFlagsStructPassedToAPlainHelper_ChoosesTheBranch()
    {
        // Clamp false: Pick = 3x, f = 3xy: ∂x = 3y = -3.6, ∂y = 3x = 2.1 at (0.7, -1.2).
        var r = CentralDifferenceRunner.Check(M("Flagged"), null, new object[] { 0.7, -1.2, false });
        Tolerance.AssertFormula(3 * 0.7 * -1.2, r.Value);
        Tolerance.AssertFormula(-3.6, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(2.1, r.Gradient[1]![0], "∂y");
        // Clamp true, x > 0: Pick = max(x, 0) = x, f = xy: ∂x = y = -1.2, ∂y = x = 0.7.
        r = CentralDifferenceRunner.Check(M("Flagged"), null, new object[] { 0.7, -1.2, true });
        Tolerance.AssertFormula(-1.2, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(0.7, r.Gradient[1]![0], "∂y");
    }

    [Fact]
    public void ABool3MadeFromDifferentiatedValues_PassedOnToAPlainHelper()
    {
        // Select(Step(x, y - x, 1), xy, y) picks xy when y - x > 0: at (0.4, 1.5) f = xy, ∂x = y = 1.5, ∂y = x = 0.4;
        // at (0.9, 0.2) y - x < 0, f = y: ∂x = 0, ∂y = 1.
        var r = CentralDifferenceRunner.Check(M("Selected"), null, new object[] { 0.4, 1.5 });
        Tolerance.AssertFormula(1.5, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(0.4, r.Gradient[1]![0], "∂y");
        r = CentralDifferenceRunner.Check(M("Selected"), null, new object[] { 0.9, 0.2 });
        Tolerance.AssertFormula(0, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(1, r.Gradient[1]![0], "∂y");
    }

    [Fact]
    public void AMaskInALoop_InEveryMode()
    {
        // x = (-2, 0.3, 0.8, 3), lo = -1, hi = 2: -2 < lo clips to lo (weight 1), 0.3 stays (1), 0.8 stays but is Heavy (2),
        // 3 > hi clips to hi and is Heavy (2). f = lo² + x1² + 2·x2² + 2·hi² = 1 + 0.09 + 1.28 + 8 = 10.37.
        // ∇ over (x0, x1, x2, x3, lo, hi) = (0, 2·x1, 4·x2, 0, 2·lo, 4·hi) = (0, 0.6, 3.2, 0, -2, 8);
        // the Hessian is diagonal (0, 2, 4, 0, 2, 4).
        var x = new[] { -2.0, 0.3, 0.8, 3.0 };
        var r = CentralDifferenceRunner.Check(M("Clipped"), null, new object[] { x, -1.0, 2.0 });
        Tolerance.AssertFormula(10.37, r.Value);
        double[] hand = { 0, 0.6, 3.2, 0, -2, 8 };
        for (int i = 0; i < 4; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "∂x" + i);
        Tolerance.AssertFormula(-2, r.Gradient[1]![0], "∂lo");
        Tolerance.AssertFormula(8, r.Gradient[2]![0], "∂hi");

        // MForward along t: Σ ∇ᵢ tᵢ = 0.6·0.5 + 3.2·(-1) + (-2)·0.25 + 8·2 = 12.6.
        double[] t = { 1.0, 0.5, -1.0, 3.0, 0.25, 2.0 };
        Tolerance.AssertFormula(12.6, (double)M("ClippedForwardAlong").Invoke(null, new object[] { x, -1.0, 2.0, t })!, "MForward");

        var h = new double[36];
        double value = (double)M("ClippedHessianInto").Invoke(null, new object[] { x, -1.0, 2.0, h })!;
        Tolerance.AssertFormula(10.37, value);
        double[] diagonal = { 0, 2, 4, 0, 2, 4 };
        for (int i = 0; i < 6; i++)
        {
            for (int j = 0; j < 6; j++) Tolerance.AssertFormula(i == j ? diagonal[i] : 0, h[(i * 6) + j], "H[" + i + "," + j + "]");
        }
    }

    [Theory]
    [InlineData("public struct M2 { public bool Lo; public static double Last; public M2(double v) { Lo = v > 0; Last = v; } }", "var m = new M2(x * y); return M2.Last * y + (m.Lo ? x : y);")]
    [InlineData("public struct M2 { public bool Lo; public static double Last; public double Keep { set { Last = value; } } }", "var m = new M2 { Keep = x * y }; return M2.Last * y + (m.Lo ? x : y);")]
    public void AStructOfFlagsMadeWithAnEffect_IsRefusedAtTheDifferentiatedValue(string type, string body)
    {
        // The constructor (or setter) stores x·y in a static field that the method reads back: the struct holds no real,
        // but making it carried the value on, so it is not taken as a constant (a wrong ∂x = 0 before this check).
        string source = "using System;\nusing AutoDiffGen;\n" + type + "\npublic static partial class D\n{\n    [Differentiable] public static double F(double x, double y) { " + body + " }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0016", "x * y", "the making of 'M2'");
    }

    [Fact]
    public void AStructOfFlagsMadeByAMemberwiseConstructorFromAReal_IsAConstant()
    {
        // new Sign(v) sets Pos = v > 0 and nothing else: f = Sign(xy).Pos ? x : y; at (0.5, 2) f = x: ∂x = 1, ∂y = 0;
        // at (-0.5, 2) f = y: ∂x = 0, ∂y = 1.
        const string source = """
            using System;
            using AutoDiffGen;
            public readonly struct Sign { public Sign(double v) { Pos = v > 0; } public bool Pos { get; } }
            public static partial class S { [Differentiable] public static double F(double x, double y) { var s = new Sign(x * y); return s.Pos ? x : y; } }
            """;
        var f = GeneratorHarness.CompileAndLoad(source).GetType("S")!.GetMethod("F")!;
        var r = CentralDifferenceRunner.Check(f, null, new object[] { 0.5, 2.0 });
        Tolerance.AssertFormula(1, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(0, r.Gradient[1]![0], "∂y");
        r = CentralDifferenceRunner.Check(f, null, new object[] { -0.5, 2.0 });
        Tolerance.AssertFormula(0, r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(1, r.Gradient[1]![0], "∂y");
    }

    [Theory]
    [InlineData("static int calls; static Mask Counted(double v) { calls++; return new Mask { Lo = v < 0 }; }", "Counted")]
    [InlineData("static Mask Logged(double v) { Console.WriteLine(v); return new Mask { Lo = v < 0 }; }", "Logged")]
    public void AHelperReturningAMaskWithAnEffect_IsRefusedAtTheDifferentiatedArgument(string helper, string name)
    {
        // The struct holds no real, but the helper is not pure: what it does with the value cannot be judged a constant.
        string source = "using System;\nusing AutoDiffGen;\npublic enum Kind { Plain, Heavy }\npublic struct Mask { public bool Lo; public bool Hi; public Kind K; }\n"
            + "public static partial class D\n{\n    " + helper + "\n    [Differentiable] public static double F(double x, double y) { var m = " + name + "(x * y); return m.Lo ? x : y; }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0016", "x * y", "carries a gradient into the call to 'D." + name + "'");
    }
}
