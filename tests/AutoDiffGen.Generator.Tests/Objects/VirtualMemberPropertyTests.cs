using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Objects;

/// <summary>
/// Random class hierarchies whose derived class overrides (or seals an override of) a base's [Differentiable] virtual
/// method and hides a [Differentiable] instance and static method with 'new', every one marked, some with Forward = true
/// (Clad's ClassMethodCall.C and VirtualMethodsCall.C; round25). Until round25 the derived class's generated members hid
/// the base's with CS0108 in generated code (a broken build), and a call the runtime dispatches ran the derived body
/// forward but called the base's Backward (a wrong gradient). Inside support, calls whose body is known where the code is
/// generated (an object made in the call, a sealed override, a static or 'new' method) compile warning-free and match
/// central differences. Just outside (one in five), a call the runtime dispatches (an A-typed local holding a B, or a
/// B-typed local whose override is not sealed): exactly ADG0003 at that call, and no code for the method.
/// </summary>
public class VirtualMemberPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Calls
        {

        """;

    private static readonly string[] Bodies =
    {
        "x * y + Math.Sin(x)", "Math.Exp(0.5 * x) - y * y", "x * x * y", "Math.Cos(x * y) + x", "y / (1.5 + x * x)", "Math.Tanh(x - y) * y",
    };

    [Fact]
    public void RandomOverridesAndHiddenMembers_BuildWarningFree_MatchCentralDifferences_AndDispatchIsADG0003AtTheCall()
    {
        var random = new Random(25_1206);
        int count = ProgramBatch.Count("AUTODIFFGEN_VIRTUAL_MEMBER_COUNT", 10);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 5 == 4)).ToList();
        ProgramBatch.JudgeAndCheck(Header, "Calls", all, () => ProgramBatch.PointXYK(random), output.WriteLine);
    }

    [Fact]
    public void ClassMethodCallsVm_BaseAndDerivedBodies_ByHand()
    {
        // Clad's ClassMethodCall.C: A.vm = x + y, B.vm (override) = x² + y². F = new B().vm(x, y) + new A().vm(y, x)·x =
        // x² + y² + (x + y)x: ∂F/∂x = 2x + (2x + y) = 4x + y = 16 and ∂F/∂y = 2y + x = 11 at (3, 4); the derived body's
        // gradient alone would give (6, 8), the base's alone (1 + 7, 1 + 3) = (8, 4).
        string program = """
                public partial class A { [Differentiable(Forward = true)] public virtual double vm(double x, double y) { return x + y; } }
                public partial class B : A { [Differentiable(Forward = true)] public override double vm(double x, double y) { return x * x + y * y; } }
                [Differentiable]
                public static double F(double x, double y) { return new B().vm(x, y) + new A().vm(y, x) * x; }
            """;
        var type = ProgramBatch.LoadClean(Header, new[] { program }, "Calls");
        var gradient = CentralDifferenceRunner.Check(type.GetMethod("F")!, null, new object[] { 3.0, 4.0 }).Gradient;
        Tolerance.AssertFormula(16, gradient[0]![0], "∂F/∂x");
        Tolerance.AssertFormula(11, gradient[1]![0], "∂F/∂y");
    }

    [Fact]
    public void ABaseCall_IsRightWhereNothingHidesIt_AndADG0003WhereTheClassHasItsOwn()
    {
        // The lead's probe (2026-12-06): Derived.CallsBase(x, y) => base.F(x) * y + G(y) with Base.F = x², Derived.F = 3 sin x:
        // the generated FBackward bound to Derived's, a gradient of 3 cos(x)·y where the value used x² (a wrong gradient).
        var refused = GeneratorHarness.Run(Header + """
                public partial class Base0 { [Differentiable] public virtual double F(double x) => x * x; }
                public partial class Derived0 : Base0
                {
                    [Differentiable] public override double F(double x) => Math.Sin(x) * 3;
                    [Differentiable] public double CallsBase(double x, double y) => base.F(x) * y + y * y * y;
                }
            }
            """);
        var d = Assert.Single(refused.GeneratorDiagnostics, d => d.Id.StartsWith("ADG", StringComparison.Ordinal));
        Assert.Equal("ADG0003", d.Id);
        Assert.Equal("base.F(x)", d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        Assert.DoesNotContain(refused.Generated.Keys, k => k.Contains("Derived0.CallsBase_", StringComparison.Ordinal));

        // Where no class between the caller's and F's declares an F, base.F(x) names the base's generated members: right.
        // Kept(x, y) = x²·y + y³: ∂/∂x = 2xy = −0.56, ∂/∂y = x² + 3y² = 0.97 at (0.7, −0.4).
        string program = """
                public partial class Base1 { [Differentiable] public virtual double F(double x) => x * x; }
                public partial class Derived1 : Base1 { [Differentiable] public double CallsBase(double x, double y) => base.F(x) * y + y * y * y; }
                [Differentiable]
                public static double Kept(double x, double y) => new Derived1().CallsBase(x, y);
            """;
        var type = ProgramBatch.LoadClean(Header, new[] { program }, "Calls");
        var gradient = CentralDifferenceRunner.Check(type.GetMethod("Kept")!, null, new object[] { 0.7, -0.4 }).Gradient;
        Tolerance.AssertFormula(-0.56, gradient[0]![0], "∂/∂x");
        Tolerance.AssertFormula(0.97, gradient[1]![0], "∂/∂y");
    }

    private static string Body(Random random) => Bodies[random.Next(Bodies.Length)];

    private static (string Name, string Text, string? Bad) Next(Random random, int index, bool outside)
    {
        string name = "P" + index, a = "A" + index, b = "B" + index;
        string mark = random.Next(2) == 0 ? "[Differentiable]" : "[Differentiable(Forward = true)]";
        bool sealedOverride = !outside && random.Next(3) == 0;
        var text = new StringBuilder();
        text.Append("    public partial class ").Append(a).Append("\n    {\n");
        text.Append("        ").Append(mark).Append(" public virtual double G(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("        ").Append(mark).Append(" public double H(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("        ").Append(mark).Append(" public static double S(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("    }\n");
        text.Append("    public partial class ").Append(b).Append(" : ").Append(a).Append("\n    {\n");
        text.Append("        ").Append(mark).Append(sealedOverride ? " public sealed override" : " public override").Append(" double G(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("        ").Append(mark).Append(" public new double H(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("        ").Append(mark).Append(" public static new double S(double x, double y) => ").Append(Body(random)).Append(";\n");
        text.Append("    }\n");
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, int k)\n    {\n");
        // Calls whose body is known here: an object made in the call, a 'new' or static method, a sealed override.
        var known = new List<string>
        {
            "new " + b + "().G(x, y)", "new " + a + "().G(y, x)", "new " + b + "().H(x, y)", "new " + a + "().H(x, y)", b + ".S(y, x)", a + ".S(x, y)",
        };
        string? bad = null;
        if (outside)
        {
            // The runtime picks the body: B.G through an A, or through a B whose override a further class could override.
            bool throughBase = random.Next(2) == 0;
            text.Append("        ").Append(throughBase ? a : b).Append(" o = new ").Append(b).Append("();\n");
            bad = "o.G(x, y)";
            known.Add(bad);
        }
        else if (sealedOverride)
        {
            text.Append("        ").Append(b).Append(" o = new ").Append(b).Append("();\n");
            known.Add("o.G(x, y)");
        }
        var picked = known.OrderBy(_ => random.Next()).Take(2).ToList();
        if (bad is not null && !picked.Contains(bad)) picked[0] = bad;
        text.Append("        double r = ").Append(picked[0]).Append(";\n");
        text.Append("        for (int j = 0; j < k; j++) r += 0.5 * ").Append(picked[1]).Append(";\n");
        text.Append("        return r * ").Append(random.Next(2) == 0 ? "x" : "(1 + y)").Append(";\n    }\n");
        return (name, text.ToString(), bad);
    }
}
