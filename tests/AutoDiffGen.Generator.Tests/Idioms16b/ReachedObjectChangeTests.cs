using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// A wrong gradient found on main by idioms16b (item 1): <c>ObjectChanges</c> refused a call that changes a class object
/// only when the call was made on an object of a related class, but a method of <c>this</c>, a static helper, or any call
/// handed the object reaches it too. With <c>Value(x) = s·x²</c> (s = 1) and <c>Bump()</c> adding 1 to s,
/// <c>double a = g_.Value(x); double b = Poke(); return a + b;</c> (Poke calling <c>g_.Bump()</c>) gave 4x for 2x: the
/// reverse sweep's <c>g_.ValueBackward</c> read s = 2. So did <c>H.Bump2(g)</c> and <c>Poke2(g)</c> on a local. Each is now
/// ADG0003 at the changing call, with no code; a call on an unrelated object, or a helper that only reads, stays right.
/// </summary>
public class ReachedObjectChangeTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;

        public partial class G
        {
            public double s = 1;
            [Differentiable] public double Value(double x) => s * x * x;
            public double Bump() { s += 1; return 0; }
            public double Peek() => s;
        }

        public static class H
        {
            public static double Bump2(G g) => g.Bump();
            public static double Peek2(G g) => g.Peek();
        }

        """;

    [Theory]
    [InlineData("private readonly G g_ = new G();\nprivate double Poke() { return g_.Bump(); }\n[Differentiable] public double F(double x) { double a = g_.Value(x); double b = Poke(); return a + b; }", "Poke(); return")]
    [InlineData("[Differentiable] public double F(double x) { var g = new G(); double a = g.Value(x); double b = H.Bump2(g); return a + b; }", "H.Bump2(g)")]
    [InlineData("private double Poke2(G g) { return g.Bump(); }\n[Differentiable] public double F(double x) { var g = new G(); double a = g.Value(x); double b = Poke2(g); return a + b; }", "Poke2(g)")]
    [InlineData("[Differentiable] public static double F(double x, G g) { double a = g.Value(x); double b = H.Bump2(g); return a + b; }", "H.Bump2(g)")]
    public void ACallThatReachesTheObjectAndChangesIt_IsADG0003(string members, string at)
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + "public partial class C\n{\n" + members + "\n}\n", "ADG0003", at, "A call that changes state");
    }

    private const string Supported = Prelude + """
        public partial class C
        {
            private readonly G g_ = new G();
            private double Look() => g_.Peek();
            [Differentiable] public double F(double x) { double a = g_.Value(x); double b = Look() + H.Peek2(g_); return a + b * x; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    /// <summary>s·x² + 2s·x with s = 1 (the helpers only read): derivative 2x + 2.</summary>
    [Theory]
    [InlineData(0.6)]
    [InlineData(-1.7)]
    public void HelpersThatOnlyRead_StayRight(double x)
    {
        var type = Compiled.Value.GetType("C")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("F")!, Activator.CreateInstance(type)!, new object[] { x });
        Tolerance.AssertFormula((x * x) + (2 * x), r.Value, "x² + 2x");
        Tolerance.AssertFormula((2 * x) + 2, r.Gradient[0]![0], "d(x² + 2x)/dx");
    }
}
