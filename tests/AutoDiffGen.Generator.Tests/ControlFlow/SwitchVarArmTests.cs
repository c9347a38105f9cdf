using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// A switch expression whose last arm is <c>var v =&gt;</c> rather than <c>_ =&gt;</c> (found by the natural-programs batch:
/// the most common diagnosed form there). The arm matches everything and names the selector; a guard on it
/// (<c>var v when v &gt; 2 =&gt;</c>) does not match everything and stays an error at the switch.
/// </summary>
public class SwitchVarArmTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class Arms
        {
            [Differentiable]
            public static double Power(double x, int n) => n switch { 0 => 1.0, 1 => x, var k => Math.Pow(x, k) * k };

            [Differentiable]
            public static double Only(double x, int n) => n switch { var k => x * k };

        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    [Theory]
    [InlineData(0, 0.0)]
    [InlineData(1, 1.0)]
    [InlineData(3, 9.0 * 0.7 * 0.7)]   // d/dx (x³·3) = 9x²
    [InlineData(4, 16.0 * 0.7 * 0.7 * 0.7)]
    public void VarArm_NamesTheSelector_ByHandAndCentralDifferences(int n, double expected)
    {
        var type = Compiled.Value.GetType("Arms")!;
        var args = new object[] { 0.7, n, 0.0, 1.0 };
        type.GetMethod("PowerBackward")!.Invoke(null, args);
        Assert.Equal(expected, (double)args[2], 12);
        var primal = type.GetMethod("Power")!;
        GradCheck.Check(p => (double)primal.Invoke(null, new object[] { p[0], n })!, new[] { 0.7 }, new[] { (double)args[2] }).ThrowIfFailed();
    }

    [Fact]
    public void VarArmAlone_IsTheSelector()
    {
        var args = new object[] { 0.7, 5, 0.0, 1.0 };
        double value = (double)Compiled.Value.GetType("Arms")!.GetMethod("OnlyBackward")!.Invoke(null, args)!;
        Assert.Equal(3.5, value, 12);
        Assert.Equal(5.0, (double)args[2], 12);
    }

    [Fact]
    public void GuardedVarArm_IsAnErrorAtTheSwitch_AndNoCode()
    {
        const string source = """
            using AutoDiffGen;
            public static partial class G
            {
                [Differentiable]
                public static double F(double x, int n) => n switch { 0 => x, var k when k > 2 => x * k };
            }
            """;
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Id == "ADG0003");
        Assert.Contains("var v =>", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture));
        Assert.StartsWith("n switch", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward"));
    }
}
