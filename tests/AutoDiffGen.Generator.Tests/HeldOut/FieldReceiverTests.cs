using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.HeldOut;

/// <summary>
/// Issue 13 (held-out check 3): QLNet's distributions call a [Differentiable] instance method on a readonly field of
/// <c>this</c> (<c>gaussian_.value(z)</c>) or on an object made in the call (<c>new CumulativeNormalDistribution()
/// .derivative(d1)</c>); both were ADG0003 "an instance call on a computed receiver" while the same call on a local
/// generated. A readonly field names the same object in the reverse sweep, and a new object is kept as a local's
/// (<c>ObjectReceivers</c>); a call changing the object stays ADG0003 at the change (<c>ObjectChanges</c>), and a field that
/// is not readonly stays ADG0003 at the call. A minimal class of our own, not QLNet's text.
/// </summary>
public class FieldReceiverTests
{
    private const string Prelude = """
        using System;
        using AutoDiffGen;

        public partial class N
        {
            private readonly double mean_, sigma_;
            public double s = 1;
            public N() : this(0.0, 1.0) { }
            public N(double mean, double sigma) { if (sigma <= 0) throw new ArgumentException("sigma"); mean_ = mean; sigma_ = sigma; }
            [Differentiable(Forward = true)] public double Value(double x) { double d = (x - mean_) / sigma_; return s * Math.Exp(-0.5 * d * d) / sigma_; }
            public double Bump() { s += 1; return 0; }
        }

        """;

    private const string Supported = Prelude + """
        public partial class Phi
        {
            private readonly N n_ = new N();
            private readonly double k_;
            public Phi() : this(2.0) { }
            public Phi(double k) { k_ = k; }
            [Differentiable(Forward = true)] public double Value(double x) => k_ * n_.Value(x);
            [Differentiable] public double Loop(double x) { double t = 0; for (int i = 1; i <= 3; i++) t += this.n_.Value(i * x); return t; }
        }

        public static partial class Uses
        {
            [Differentiable(Forward = true)] public static double Made(double x) => new Phi().Value(x) + new Phi(3.0).Value(x * x);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Supported));

    private static double Pdf(double x) => Math.Exp(-0.5 * x * x);

    /// <summary>Phi(2).Value(x) = 2·e^(−x²/2): derivative −2x·e^(−x²/2); the Forward's tangent is the same.</summary>
    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void OnAReadonlyFieldOfThis(double x)
    {
        var type = Compiled.Value.GetType("Phi")!;
        object phi = Activator.CreateInstance(type, 2.0)!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Value")!, phi, new object[] { x });
        Tolerance.AssertFormula(-2 * x * Pdf(x), r.Gradient[0]![0], "d(2·e^(−x²/2))/dx");
        var args = new object[] { x, 1.0, 0.0 };
        type.GetMethod("ValueForward")!.Invoke(phi, args);
        Tolerance.AssertFormula(-2 * x * Pdf(x), (double)args[2], "tangent");
    }

    /// <summary>Σ_{i=1..3} e^(−(ix)²/2) in a loop on this.n_: derivative Σ −i²x·e^(−(ix)²/2).</summary>
    [Theory]
    [InlineData(0.4)]
    [InlineData(-0.9)]
    public void OnAReadonlyField_InALoop(double x)
    {
        var type = Compiled.Value.GetType("Phi")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Loop")!, Activator.CreateInstance(type)!, new object[] { x });
        double expected = 0;
        for (int i = 1; i <= 3; i++) expected += -i * i * x * Pdf(i * x);
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "d/dx Σ e^(−(ix)²/2)");
    }

    /// <summary>new Phi().Value(x) + new Phi(3).Value(x²) = 2e^(−x²/2) + 3e^(−x⁴/2): derivative −2x·e^(−x²/2) − 6x³·e^(−x⁴/2).</summary>
    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.1)]
    public void OnANewObject(double x)
    {
        var type = Compiled.Value.GetType("Uses")!;
        var r = CentralDifferenceRunner.Check(type.GetMethod("Made")!, null, new object[] { x });
        double expected = -2 * x * Pdf(x) - 6 * x * x * x * Math.Exp(-0.5 * x * x * x * x);
        Tolerance.AssertFormula(expected, r.Gradient[0]![0], "d/dx");
        var args = new object[] { x, 1.0, 0.0 };
        type.GetMethod("MadeForward")!.Invoke(null, args);
        Tolerance.AssertFormula(expected, (double)args[2], "tangent");
    }

    [Theory]
    // A field that is not readonly: the method (or any call) could point it at another object before the Backward.
    [InlineData("public N m_ = new N();\n[Differentiable] public double F(double x) => m_.Value(x);", "m_.Value(x)", "which is not readonly")]
    // A readonly field whose object a call changes after the [Differentiable] call: its Backward would read the change.
    [InlineData("private readonly N m_ = new N();\n[Differentiable] public double F(double x) { double a = m_.Value(x); double b = m_.Bump(); return a + b; }", "m_.Bump()", "changes the object it is made on")]
    [InlineData("private readonly N m_ = new N();\n[Differentiable] public double F(double x) { double t = 0; for (int i = 0; i < 2; i++) { t += m_.Value(x); t += new N().Bump(); } return t; }", "new N().Bump()", "changes the object it is made on")]
    public void OutsideTheSupport_IsADG0003(string members, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + "public partial class C\n{\n" + members + "\n}\n", "ADG0003", at, says);
    }

    /// <summary>Writing the field's object directly (m_.s = 2 after the call) is a field write, ADG0007 at it.</summary>
    [Fact]
    public void WritingTheFieldsObject_IsADG0007()
    {
        ProgramBatch.AssertSingleErrorAt(Prelude + "public partial class C\n{\nprivate readonly N m_ = new N();\n[Differentiable] public double F(double x) { double a = m_.Value(x); m_.s = 2; return a; }\n}\n",
            "ADG0007", "m_.s = 2", "writes to the field");
    }

    /// <summary>A field the method assigns: the assignment is ADG0007 and the call on it ADG0003, each at its span.</summary>
    [Fact]
    public void AnAssignedField_IsAnErrorAtTheCallToo()
    {
        string source = Prelude + "public partial class C\n{\npublic N m_ = new N();\n[Differentiable] public double F(double x) { m_ = new N(0.0, 2.0); return m_.Value(x); }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).OrderBy(d => d.Location.SourceSpan.Start).ToList();
        Assert.Equal(new[] { "ADG0007", "ADG0003" }, errors.Select(d => d.Id));
        Assert.Equal(source.IndexOf("m_ = new N(0.0, 2.0)", StringComparison.Ordinal), errors[0].Location.SourceSpan.Start);
        Assert.Equal(source.IndexOf("m_.Value(x)", StringComparison.Ordinal), errors[1].Location.SourceSpan.Start);
        Assert.Contains("which is not readonly", errors[1].GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
