using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// A wrong gradient found while reading the held-out check 3 (QLNet's distribution objects, <c>phi.value(d1)</c> on a
/// <c>new CumulativeNormalDistribution()</c>), already on main: a [Differentiable] instance method called on a class object,
/// and a call that changes that object after it. <c>var g = new G(); double a = g.Value(x); double b = g.Bump(); return a
/// + b;</c> with <c>Value(x) = s·x²</c>, s = 1 and Bump setting s = 2: the reverse sweep called <c>g.ValueBackward</c>
/// after Bump, which computed with s = 2, so the derivative was 4x instead of 2x. Such a call (a method or getter that
/// writes its object's fields, on an object of a related class, <c>this</c> included) is now ADG0003 at it
/// (<c>ObjectChanges</c>). A method that only reads the object, and calls on objects of unrelated classes, stay supported.
/// </summary>
public class ObjectChangeTests
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
            public double Next { get { s += 1; return s; } }
            public void Reset() { s = 1; }
        }

        public partial class H : G
        {
        }

        public static partial class Uses
        {
        """;

    private const string Supported = Prelude + """
            [Differentiable] public static double Reads(double x) { var g = new G(); double a = g.Value(x); double b = g.Peek(); return a + b * x; }
            [Differentiable] public static double Unrelated(double x) { var g = new G(); var r = new Random(1); double a = g.Value(x); double b = r.NextDouble(); return a + 0 * b; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    /// <summary>Reads: s·x² + s·x with s = 1, derivative 2x + 1; Unrelated: x², derivative 2x.</summary>
    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.9)]
    public void ReadingTheObject_OrChangingAnUnrelatedOne_IsRight(double x)
    {
        var type = Compiled.Value.GetType("Uses")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Reads")!, null, new object[] { x });
        Tolerance.AssertFormula(2 * x + 1, r.Gradient[0]![0], "d(x² + x)/dx");
        var u = CentralDifferenceRunner.Check(type.GetMethod("Unrelated")!, null, new object[] { x });
        Tolerance.AssertFormula(2 * x, u.Gradient[0]![0], "d(x²)/dx");
    }

    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { var g = new G(); double a = g.Value(x); double b = g.Bump(); return a + b; }", "g.Bump()")]
    [InlineData("[Differentiable] public static double F(double x) { var g = new G(); double a = g.Value(x); double b = g.Next; return a + b * 0; }", "g.Next")]
    [InlineData("[Differentiable] public static double F(double x) { var g = new G(); double t = 0; for (int i = 0; i < 3; i++) { t += g.Value(x); t += g.Bump(); } return t; }", "g.Bump()")]
    [InlineData("[Differentiable] public static double F(double x) { var g = new H(); double b = g.Bump(); return g.Value(x) + b; }", "g.Bump()")]
    [InlineData("[Differentiable] public static double F(double x, [NoDiff] G g) { double a = g.Value(x); double b = g.Bump(); return a + b; }", "g.Bump()")]
    public void ChangingTheObject_IsADG0003AtTheChange(string member, string at)
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + member + "\n}\n", "ADG0003", at, "changes the object it is made on");
    }

    /// <summary>On 'this': the method's own object changed by a call of its own.</summary>
    [Fact]
    public void ChangingThis_IsADG0003AtTheChange()
    {
        string source = Prelude.Replace("public double Peek() => s;", "public double Peek() => s;\n    [Differentiable] public double OnThis(double x) { double a = Value(x); double b = Bump(); return a + b; }") + "}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0003", "Bump(); return a + b; }", "changes the object it is made on", "OnThisBackward");
    }
}
