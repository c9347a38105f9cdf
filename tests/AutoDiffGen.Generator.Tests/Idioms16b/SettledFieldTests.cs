using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms16b;

/// <summary>
/// Issue 13, idioms16b item 1: a [Differentiable] instance call on a field of <c>this</c> that is not readonly but that only
/// constructors give new objects, of a class no call can change (QLNet's <c>private NormalDistribution gaussian_ = new
/// NormalDistribution();</c> read by <c>gaussian_.value(z)</c>), generates as a readonly field's call does
/// (<c>SettledFields</c>); and a constructor chaining <c>: this(0.0, 1.0)</c>, or with the implicit <c>base()</c> of object,
/// is no longer a call that changes state (ADG0032 in Hessian mode and at a caller). Each gradient by hand and against
/// central differences; MForward's tangent and MHessian by hand. A minimal class of our own, not QLNet's text.
/// </summary>
public class SettledFieldTests
{
    internal const string Prelude = """
        using System;
        using AutoDiffGen;

        public partial class N
        {
            private double mean_, sigma_;
            public N() : this(0.0, 1.0) { }
            public N(double mean, double sigma) { if (sigma <= 0) throw new ArgumentException("sigma"); mean_ = mean; sigma_ = sigma; }
            [Differentiable(Forward = true, Hessian = true)] public double Value(double x) { double d = (x - mean_) / sigma_; return Math.Exp(-0.5 * d * d) / sigma_; }
        }

        """;

    private const string Supported = Prelude + """
        public partial class Cdf
        {
            private double k_;
            private N gaussian_ = new N();
            public Cdf() : this(2.0) { }
            public Cdf(double k) { k_ = k; }
            [Differentiable(Forward = true, Hessian = true)] public double Value(double x) => k_ * gaussian_.Value(x);
        }

        public partial class Scaled
        {
            private N g_;
            public Scaled(double sigma) { this.g_ = new N(0.5, sigma); }
            [Differentiable(Forward = true)] public double Value(double x) { double t = 0; for (int i = 1; i <= 2; i++) t += this.g_.Value(i * x); return t; }
        }

        public static partial class Uses
        {
            [Differentiable(Forward = true, Hessian = true)] public static double Made(double x) => new Cdf().Value(x) + new Cdf(3.0).Value(x * x);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    private delegate double Hessian(double x, Span<double> hessian);

    private delegate double Forward(double x, double tX, out double tResult);

    /// <summary>Cdf(2).Value(x) = 2e^(−x²/2): derivative −2x·e^(−x²/2), second derivative 2(x² − 1)e^(−x²/2).</summary>
    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void OnAFieldOnlyConstructorsSet_AllModes(double x)
    {
        var type = Compiled.Value.GetType("Cdf")!;
        object cdf = Activator.CreateInstance(type)!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Value")!, cdf, new object[] { x });
        double e = Math.Exp(-0.5 * x * x);
        Tolerance.AssertFormula(2 * e, r.Value, "2e^(−x²/2)");
        Tolerance.AssertFormula(-2 * x * e, r.Gradient[0]![0], "d(2e^(−x²/2))/dx");
        type.GetMethod("ValueForward")!.CreateDelegate<Forward>(cdf)(x, 1.0, out double tangent);
        Tolerance.AssertFormula(-2 * x * e, tangent, "tangent");
        var h = new double[1];
        type.GetMethod("ValueHessian")!.CreateDelegate<Hessian>(cdf)(x, h);
        Tolerance.AssertFormula(2 * ((x * x) - 1) * e, h[0], "d²/dx²");
    }

    /// <summary>Scaled(σ).Value(x) = Σ_{i=1,2} e^(−((ix − 0.5)/σ)²/2)/σ: derivative Σ −i(ix − 0.5)/σ³ · e^(…).</summary>
    [Theory]
    [InlineData(0.4, 1.5)]
    [InlineData(-0.9, 0.7)]
    public void OnAFieldAConstructorSets_InALoop(double x, double sigma)
    {
        var type = Compiled.Value.GetType("Scaled")!;
        object scaled = Activator.CreateInstance(type, sigma)!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Value")!, scaled, new object[] { x });
        double expected = 0;
        for (int i = 1; i <= 2; i++)
        {
            double d = ((i * x) - 0.5) / sigma;
            expected += -i * d / (sigma * sigma) * Math.Exp(-0.5 * d * d);
        }
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "d/dx Σ");
        type.GetMethod("ValueForward")!.CreateDelegate<Forward>(scaled)(x, 1.0, out double tangent);
        Tolerance.AssertFormula(expected, tangent, "tangent");
    }

    /// <summary>
    /// new Cdf().Value(x) + new Cdf(3).Value(x²) = 2e^(−x²/2) + 3e^(−x⁴/2), made through ': this(2.0)' (ADG0032 in Hessian
    /// mode before): derivative −2x·e^(−x²/2) − 6x³·e^(−x⁴/2), second derivative 2(x² − 1)e^(−x²/2) + (12x⁶ − 18x²)e^(−x⁴/2).
    /// </summary>
    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.1)]
    public void OnNewObjectsMadeThroughAChainedConstructor_AllModes(double x)
    {
        var type = Compiled.Value.GetType("Uses")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Made")!, null, new object[] { x });
        double e2 = Math.Exp(-0.5 * x * x), e4 = Math.Exp(-0.5 * x * x * x * x);
        Tolerance.AssertFormula((-2 * x * e2) - (6 * x * x * x * e4), r.Gradient[0]![0], "d/dx");
        type.GetMethod("MadeForward")!.CreateDelegate<Forward>()(x, 1.0, out double tangent);
        Tolerance.AssertFormula(r.Gradient[0]![0], tangent, "tangent");
        var h = new double[1];
        type.GetMethod("MadeHessian")!.CreateDelegate<Hessian>()(x, h);
        Tolerance.AssertFormula((2 * ((x * x) - 1) * e2) + (((12 * Math.Pow(x, 6)) - (18 * x * x)) * e4), h[0], "d²/dx²");
    }

    [Theory]
    // Assigned by a method: the method (or a call) could point it at another object before the Backward.
    [InlineData("private N g_ = new N();\npublic void Reset() { g_ = new N(); }")]
    // Not private: another class could assign it.
    [InlineData("internal N g_ = new N();")]
    // Given an object the constructor did not make: the caller may keep it and change it.
    [InlineData("private N g_;\npublic C(N n) { g_ = n; }")]
    // Passed by reference, assigned in a lambda, deconstructed into.
    [InlineData("private N g_;\npublic C() { Make(ref g_); }\nprivate static void Make(ref N n) { n = new N(); }")]
    [InlineData("private N g_ = new N();\npublic C() { Action a = () => g_ = new N(); a(); }")]
    [InlineData("private N g_ = new N();\nprivate double k_;\npublic void Set() { (g_, k_) = (new N(), 1.0); }")]
    // Another object's field, in a constructor.
    [InlineData("private N g_ = new N();\npublic C(C other) { other.g_ = new N(); }")]
    // A class whose state a method changes, or with a settable auto-property.
    [InlineData("private M g_ = new M();\nprivate sealed partial class M { private double m_; public void Set(double m) { m_ = m; } [Differentiable] public double Value(double x) => x * x + m_; }")]
    [InlineData("private P g_ = new P();\npublic partial class P { public double Scale { get; set; } = 1; [Differentiable] public double Value(double x) => Scale * x * x; }")]
    public void OutsideTheSupport_IsADG0003AtTheCall(string members)
    {
        string source = Prelude + "public partial class C\n{\n" + members + "\n[Differentiable] public double F(double x) => g_.Value(x);\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error && d.Id != "ADG0007");
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(source.IndexOf("g_.Value(x)", StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains("which is not readonly", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
