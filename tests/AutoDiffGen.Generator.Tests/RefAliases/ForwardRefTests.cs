using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefAliases;

/// <summary>
/// Forward mode of a method with ref parameters it only reads (Clad's ReferenceArguments.C Fn1): each has an input
/// tangent, as an in parameter has, and MForward takes it by value. Its tangent is Backward's gradient along the
/// direction and the hand derivative; a ref parameter the method writes stays ADG0018 at the parameter, saying why.
/// </summary>
public class ForwardRefTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class ForwardRefs
        {
            [Differentiable(Forward = true)]
            public static double Fn1(ref double i, ref double j)
            {
                double res = i * i * j;
                return res;
            }

            [Differentiable(Forward = true)]
            public static double InLoop(ref double i, double j)
            {
                double s = 0;
                for (int k = 0; k < 3; k++) s += Math.Sin(i) * j;
                return s;
            }
        }
        """;

    [Theory]
    [InlineData("Fn1", 0.7, -1.3, 0.4, 1.1)]
    [InlineData("InLoop", 0.7, -1.3, -0.6, 0.9)]
    public void Tangent_IsBackwardsGradientAlongTheDirection_AndTheHandValue(string name, double i, double j, double ti, double tj)
    {
        var type = GeneratorHarness.CompileAndLoad(Source).GetType("ForwardRefs")!;
        var args = new object?[] { i, j, ti, tj, null };
        double value = (double)type.GetMethod(name + "Forward")!.Invoke(null, args)!;
        double tangent = (double)args[4]!;
        var backward = new object[] { i, j, 0.0, 0.0, 1.0 };
        double primal = (double)type.GetMethod(name + "Backward")!.Invoke(null, backward)!;
        Assert.Equal(primal, value);
        Tolerance.AssertFormula(((double)backward[2] * ti) + ((double)backward[3] * tj), tangent, name + " tResult vs Backward · t");
        double hand = name == "Fn1" ? (2 * i * j * ti) + (i * i * tj) : 3 * ((Math.Cos(i) * j * ti) + (Math.Sin(i) * tj));
        Tolerance.AssertFormula(hand, tangent, name + " tResult by hand");
    }

    [Fact]
    public void AWrittenRefParameter_IsADG0018_SayingWhy()
    {
        var result = GeneratorHarness.Run("using AutoDiffGen; public static partial class C { [Differentiable(Forward = true)] public static double W(ref double i, double j) { i *= j; return i; } }");
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == "ADG0018");
        Assert.Equal("ref double i", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.Contains("passed by ref and written by the method", d.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.Generated);
    }
}
