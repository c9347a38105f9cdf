using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Held-out check 4 (hunt16): OpenTK's <c>Vector3d.Slerp</c> assigns a local inside the right operand of <c>||</c>
/// (<c>if (abLength == 0 || Math.Abs(cosTheta = Dot(a, b) / abLength) &gt; 0.99999999)</c>) and reads it in the <c>else</c>.
/// C# proves the read sees the assignment; the generator does not follow that proof and refused it as "a read of a
/// variable before it is assigned", of a variable the user sees assigned. It stays ADG0003 at the read, now naming the
/// assignment and the operand, and saying to hoist it; the hoisted form is right, and so is an '&amp;&amp;' whose read is in
/// the branch where the operand ran, which already generated. Minimal methods of our own.
/// </summary>
public class ShortCircuitAssignmentTests
{
    private const string Prelude = "using System;\nusing AutoDiffGen;\n\npublic static partial class C\n{\n";

    /// <summary>
    /// The '&amp;&amp;' form whose read is in the branch where the operand ran generates (the lowering sees the assignment on
    /// that path): 2c = 2b/a where b/a &gt; 0.9, so ∂/∂a = −2b/a², ∂/∂b = 2/a; elsewhere the value is a: (1, 0).
    /// </summary>
    [Theory]
    [InlineData(1.0, 2.0)]
    [InlineData(2.0, 0.5)]
    [InlineData(-0.5, -1.5)]
    public void TheAndForm_ReadWhereItRan_IsRight(double a, double b)
    {
        var type = GeneratorHarness.CompileAndLoad(Prelude + "[Differentiable] public static double F(double a, double b)\n{\ndouble c;\nif (a != 0 && (c = b / a) > 0.9) return c * 2;\nreturn a;\n}\n}\n").GetType("C")!;
        var g = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { a, b }).Gradient;
        bool inner = b / a > 0.9;
        Tolerance.AssertFormula(inner ? -2 * b / (a * a) : 1, g[0]![0], "∂/∂a");
        Tolerance.AssertFormula(inner ? 2 / a : 0, g[1]![0], "∂/∂b");
    }

    [Fact]
    public void TheOrForm_IsADG0003AtTheRead_NamingTheAssignment()
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + "[Differentiable] public static double F(double a, double b)\n{\ndouble c;\nif (a == 0 || Math.Abs(c = b / a) > 0.9) return a;\nreturn c * 3;\n}\n}\n",
            "ADG0003", "c * 3", "assigned inside the right operand of '||' ('c = b / a')");
    }

    [Fact]
    public void InAnInlinedHelper_TheCallQuotesIt()
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + "static double H(double a, double b)\n{\ndouble c;\nif (a == 0 || Math.Abs(c = b / a) > 0.9) return a;\nreturn c * 3;\n}\n[Differentiable] public static double F(double x, double y) => H(x, y) * y;\n}\n",
            "ADG0004", "H(x, y)", "assigned inside the right operand of '||'");
    }

    /// <summary>Hoisted: c = b/a, and where |c| ≤ 0.9 the value is 3c: ∂/∂a = −3b/a², ∂/∂b = 3/a; where |c| &gt; 0.9 it is a: (1, 0).</summary>
    [Theory]
    [InlineData(2.0, 0.5)]
    [InlineData(-1.5, 0.3)]
    [InlineData(0.5, 2.0)]
    public void Hoisted_IsRight(double a, double b)
    {
        var type = GeneratorHarness.CompileAndLoad(Prelude + "[Differentiable] public static double F(double a, double b)\n{\ndouble c = b / a;\nif (a == 0 || Math.Abs(c) > 0.9) return a;\nreturn c * 3;\n}\n}\n").GetType("C")!;
        var g = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { a, b }).Gradient;
        bool inner = Math.Abs(b / a) <= 0.9;
        Tolerance.AssertFormula(inner ? -3 * b / (a * a) : 1, g[0]![0], "∂/∂a");
        Tolerance.AssertFormula(inner ? 3 / a : 0, g[1]![0], "∂/∂b");
    }
}
