using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Selectors that are not int: an enum (switch statement, switch expression, ==), a [Flags] enum with a
/// combined value, a string, a char and a long. Enum constants used to be written as bare numbers
/// (CS0019: 'Op' == int) in the generated file.
/// </summary>
public class NonIntSwitchTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public enum Op { Add, Mul, Neg }

        [Flags]
        public enum Fl : byte { None = 0, A = 1, B = 2 }

        public static partial class Sel
        {
            [Differentiable]
            public static double Statement(double x, Op op)
            {
                switch (op)
                {
                    case Op.Add: return x + 1;
                    case Op.Mul: return x * x;
                    default: return Math.Sin(x);
                }
            }

            [Differentiable]
            public static double Expression(double x, Op op) => op switch { Op.Add => x + 1, Op.Mul or Op.Neg => x * x, _ => Math.Sin(x) };

            [Differentiable]
            public static double Compare(double x, Op op)
            {
                if (op == Op.Mul) return x * x;
                double y = op != Op.Neg ? x + 1 : Math.Sin(x);
                return y;
            }

            [Differentiable]
            public static double ConstantArms(double x, Op op)
            {
                double t = 0.5;
                t -= op switch { Op.Add => 0.25, _ => 1.0 };
                return x * t;
            }

            [Differentiable]
            public static double Flags(double x, Fl f)
            {
                if (f == (Fl.A | Fl.B)) return x * x;
                if (f == Fl.A) return x + 1;
                return Math.Sin(x);
            }

            [Differentiable]
            public static double Text(double x, string s)
            {
                switch (s)
                {
                    case "add": return x + 1;
                    case "mul": return x * x;
                    default: return Math.Sin(x);
                }
            }

            [Differentiable]
            public static double Letter(double x, char c) => c switch { 'a' => x + 1, 'm' => x * x, _ => Math.Sin(x) };

            [Differentiable]
            public static double Wide(double x, long n)
            {
                switch (n)
                {
                    case 1: return x + 1;
                    case 3000000000: return x * x;
                    default: return Math.Sin(x);
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    /// <summary>Branch 0: x + 1, branch 1: x², branch 2: sin x; their derivatives by hand.</summary>
    private static (double Value, double Gradient) Expected(double x, int branch) => branch switch
    {
        0 => (x + 1, 1.0),
        1 => (x * x, 2 * x),
        _ => (Math.Sin(x), Math.Cos(x)),
    };

    public static TheoryData<string, object, int> Cases => new()
    {
        { "Statement", Op.Add, 0 }, { "Statement", Op.Mul, 1 }, { "Statement", Op.Neg, 2 },
        { "Expression", Op.Add, 0 }, { "Expression", Op.Mul, 1 }, { "Expression", Op.Neg, 1 },
        { "Compare", Op.Add, 0 }, { "Compare", Op.Mul, 1 }, { "Compare", Op.Neg, 2 },
        { "Flags", Fl.A | Fl.B, 1 }, { "Flags", Fl.A, 0 }, { "Flags", Fl.B, 2 },
        { "Text", "add", 0 }, { "Text", "mul", 1 }, { "Text", "other", 2 },
        { "Letter", 'a', 0 }, { "Letter", 'm', 1 }, { "Letter", 'z', 2 },
        { "Wide", 1L, 0 }, { "Wide", 3000000000L, 1 }, { "Wide", 2L, 2 },
    };

    public enum Op { Add, Mul, Neg }

    [Flags]
    public enum Fl : byte { None = 0, A = 1, B = 2 }

    [Theory]
    [InlineData(Op.Add, 0.25)]
    [InlineData(Op.Neg, -0.5)]
    public void SwitchExpressionWithConstantArms_InACompoundAssignment(Op op, double expected)
    {
        // Was ADG0003: a switch expression that carries no gradient was written back as text, which has no patterns.
        var type = Compiled.Value.GetType("Sel")!;
        var selector = Enum.ToObject(type.GetMethod("ConstantArms")!.GetParameters()[1].ParameterType, (int)op);
        var args = new object[] { 0.9, selector, 0.0, 1.0 };
        double value = (double)type.GetMethod("ConstantArmsBackward")!.Invoke(null, args)!;
        Assert.Equal(0.9 * expected, value, 12);
        Assert.Equal(expected, (double)args[2], 12);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Selector_TakesTheRightBranch_ByHandAndCentralDifferences(string method, object selector, int branch)
    {
        var type = Compiled.Value.GetType("Sel")!;
        var primal = type.GetMethod(method)!;
        var selectorType = primal.GetParameters()[1].ParameterType;
        // The test's own enums mirror the compiled ones by value.
        object arg = selectorType.IsEnum ? Enum.ToObject(selectorType, Convert.ToInt64(selector)) : selector;
        const double x = 0.7;
        var args = new object[] { x, arg, 0.0, 1.0 };
        double value = (double)type.GetMethod(method + "Backward")!.Invoke(null, args)!;
        double gradient = (double)args[2];

        var (v, g) = Expected(x, branch);
        Assert.Equal(v, value, 12);
        Assert.Equal(g, gradient, 12);
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], arg })!, new[] { x }, new[] { gradient }).ThrowIfFailed();
    }
}
