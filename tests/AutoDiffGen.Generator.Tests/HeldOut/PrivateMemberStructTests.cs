using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Held-out check 4 (hunt16): OpenTK's <c>Box2d</c> keeps its corners in private <c>Vector2d</c> fields, so
/// <c>new Box2d(x0, y0, x1, y1)</c> from differentiated values is no struct of reals. It stays ADG0003 at the creation (the
/// generated code could not read or build those members), but the message said only "rewrite it with +, -, *, /"; it now
/// names the member that stops it. The same struct with public fields generates and is right. Minimal types of our own.
/// </summary>
public class PrivateMemberStructTests
{
    private const string Types = """
        using System;
        using AutoDiffGen;

        public struct V { public double X, Y; public V(double x, double y) { X = x; Y = y; } }

        public struct Hidden
        {
            private V _min;
            public Hidden(V min) { _min = min; }
            public readonly double Gap(double px) => Math.Max(0, _min.X - px);
        }

        public struct Open
        {
            public V Min;
            public Open(V min) { Min = min; }
            public readonly double Gap(double px) => Math.Max(0, Min.X - px);
        }

        """;

    [Fact]
    public void APrivateStructMember_IsNamedAtTheCreation()
    {
        ProgramBatch.AssertSingleErrorAt(Types + "public static partial class C\n{\n[Differentiable] public static double F(double x, double p) { var b = new Hidden(new V(x, 1)); return x * p; }\n}\n",
            "ADG0003", "new Hidden(new V(x, 1))", "a struct with the member '_min', which is not public or internal");
    }

    /// <summary>Open(V(x, 1)).Gap(p) = max(0, x − p): ∂/∂x = 1 and ∂/∂p = −1 where x &gt; p, both 0 where x &lt; p.</summary>
    [Theory]
    [InlineData(1.5, 0.5)]
    [InlineData(-0.5, 0.25)]
    public void WithPublicMembers_ItIsRight(double x, double p)
    {
        var type = GeneratorHarness.CompileAndLoad(Types + "public static partial class C\n{\n[Differentiable] public static double F(double x, double p) => new Open(new V(x, 1)).Gap(p);\n}\n").GetType("C")!;
        var g = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { x, p }).Gradient;
        Tolerance.AssertFormula(x > p ? 1 : 0, g[0]![0], "∂/∂x");
        Tolerance.AssertFormula(x > p ? -1 : 0, g[1]![0], "∂/∂p");
    }
}
