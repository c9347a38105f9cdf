using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.State;

/// <summary>
/// Gradients of an object's state (issue 13 item 6): <c>MBackward(p…, &lt;adjoints&gt;, T dThis, R dResult = 1)</c> adds
/// into dThis's members. Each member's gradient is checked against central differences (the member moved on its own),
/// and against a hand-derived value for the linear model.
/// </summary>
public class ThisGradientTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(ThisExamples.Source));

    private static Type T(string name) => Compiled.Value.GetType("State." + name)!;

    private static object Linear(double[] w, double b)
    {
        var m = Activator.CreateInstance(T("LinearModel"), w.Length)!;
        T("LinearModel").GetField("W")!.SetValue(m, (double[])w.Clone());
        T("LinearModel").GetField("B")!.SetValue(m, b);
        return m;
    }

    [Fact]
    public void Backward_TakesAnotherInstanceAfterTheAdjoints_BeforeDResult()
    {
        var names = T("LinearModel").GetMethod("MixedBackward")!.GetParameters().Select(p => p.Name + ":" + p.ParameterType.Name).ToArray();
        Assert.Equal(new[] { "s:Double", "x:Double[]", "dS:Double&", "dX:Double[]", "dThis:LinearModel", "dResult:Double" }, names);
        var energy = T("Particle").GetMethod("EnergyBackward")!.GetParameters();
        Assert.Equal("Particle&", energy.Single(p => p.Name == "dThis").ParameterType.Name); // a struct: by ref
        Assert.Null(T("LinearModel").GetMethod("PlainBackward")!.GetParameters().FirstOrDefault(p => p.Name == "dThis"));
    }

    [Theory]
    [InlineData(new[] { 0.5, -1.0, 2.0 }, 0.3, new[] { 1.0, 2.0, -0.5 }, 0.7)]
    [InlineData(new[] { -0.2, 0.1, 0.0 }, -1.5, new[] { 3.0, 0.5, 1.0 }, -2.0)]
    public void LinearModel_Loss_MatchesHandDerivationAndCentralDifferences(double[] w, double b, double[] x, double y)
    {
        var model = Linear(w, b);
        var grad = Linear(new double[w.Length], 0);
        T("LinearModel").GetField("Lambda")!.SetValue(grad, 123.0); // a [NoDiff] member of dThis is neither read nor written
        double value = (double)T("LinearModel").GetMethod("LossBackward")!.Invoke(model, new object[] { x, y, grad, 1.0 })!;
        double e = w.Zip(x, (a, c) => a * c).Sum() + b - y;
        Tolerance.AssertFormula(0.5 * e * e + 0.1 * w.Sum(v => v * v) + b * b, value);
        var dW = (double[])T("LinearModel").GetField("W")!.GetValue(grad)!;
        for (int i = 0; i < w.Length; i++) Tolerance.AssertFormula(e * x[i] + 0.2 * w[i], dW[i], "dW[" + i + "]");
        Tolerance.AssertFormula(e + 2 * b, (double)T("LinearModel").GetField("B")!.GetValue(grad)!, "dB");
        Assert.Equal(123.0, T("LinearModel").GetField("Lambda")!.GetValue(grad));
        StateCheck.Members(model, "Loss", new object[] { x, y }, () => Linear(new double[w.Length], 0));
    }

    [Fact]
    public void Backward_AddsIntoDThis_AndScalesByDResult()
    {
        var model = Linear(new[] { 1.0, 2.0 }, 0.5);
        var once = Linear(new double[2], 0);
        var twice = Linear(new double[2], 0);
        var backward = T("LinearModel").GetMethod("LossBackward")!;
        backward.Invoke(model, new object[] { new[] { 1.0, -1.0 }, 0.2, once, 1.0 });
        backward.Invoke(model, new object[] { new[] { 1.0, -1.0 }, 0.2, twice, 1.0 });
        backward.Invoke(model, new object[] { new[] { 1.0, -1.0 }, 0.2, twice, 1.0 });
        var scaled = Linear(new double[2], 0);
        backward.Invoke(model, new object[] { new[] { 1.0, -1.0 }, 0.2, scaled, 2.0 });
        var w1 = (double[])T("LinearModel").GetField("W")!.GetValue(once)!;
        Assert.Equal(w1.Select(v => 2 * v), (double[])T("LinearModel").GetField("W")!.GetValue(twice)!);
        Assert.Equal(w1.Select(v => 2 * v), (double[])T("LinearModel").GetField("W")!.GetValue(scaled)!);
    }

    [Theory]
    [InlineData(0.8, 0.4)]
    [InlineData(-0.6, 0.4)]
    public void Mixed_ParameterAndState_BothBranches_MatchCentralDifferences(double b, double s)
    {
        var model = Linear(new[] { 0.3, -0.7 }, b);
        T("LinearModel").GetField("Calls")!.SetValue(model, 4);
        var x = new[] { 1.5, -0.25 };
        var args = StateCheck.Members(model, "Mixed", new object[] { s, x }, () => Linear(new double[2], 0), adjointsBefore: new object[] { 0.0, new double[2] });
        // The parameters' own adjoints, by central differences too.
        var mixed = T("LinearModel").GetMethod("Mixed")!;
        double F(double s2, double[] x2) => (double)mixed.Invoke(model, new object[] { s2, x2 })!;
        double value = F(s, x);
        Tolerance.AssertCentral((F(s + 1e-6, x) - F(s - 1e-6, x)) / 2e-6, (double)args[2]!, value, "dS");
        for (int i = 0; i < 2; i++)
        {
            var up = (double[])x.Clone();
            var down = (double[])x.Clone();
            up[i] += 1e-6;
            down[i] -= 1e-6;
            Tolerance.AssertCentral((F(s, up) - F(s, down)) / 2e-6, ((double[])args[3]!)[i], value, "dX[" + i + "]");
        }
    }

    [Fact]
    public void ArrayMemberPassedToAStaticHelper_GetsItsGradientInDThis()
    {
        var model = Linear(new[] { 0.3, -0.7, 0.2 }, 0.1);
        var x = new[] { 1.0, 0.5, -2.0 };
        StateCheck.Members(model, "ThroughHelper", new object[] { x }, () => Linear(new double[3], 0));
        // d tanh(w·x + b)/dw_i = (1 − t²)·x_i.
        var grad = Linear(new double[3], 0);
        T("LinearModel").GetMethod("ThroughHelperBackward")!.Invoke(model, new object[] { x, grad, 1.0 });
        double t = Math.Tanh((0.3 * 1.0) + (-0.7 * 0.5) + (0.2 * -2.0) + 0.1);
        var dW = (double[])T("LinearModel").GetField("W")!.GetValue(grad)!;
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula((1 - (t * t)) * x[i], dW[i]);
    }

    [Fact]
    public void ACallOnThisToACalleeThatOptsIn_AddsItsGradientIntoTheCallersDThis()
    {
        var c = Activator.CreateInstance(T("Composed"))!;
        T("Composed").GetField("W")!.SetValue(c, new[] { 0.5, -1.5 });
        T("Composed").GetField("B")!.SetValue(c, 0.25);
        var args = StateCheck.Members(c, "Loss", new object[] { new[] { 2.0, 1.0 }, 0.3 }, () => Activator.CreateInstance(T("Composed"))!, adjointsBefore: new object[] { 0.0 });
        // f = e² + B·p with p = W·x + B, e = p − y: dW = (2e + B)·x, dB = 2e + p + B, dY = −2e.
        double p = (0.5 * 2.0) + (-1.5 * 1.0) + 0.25, e = p - 0.3;
        var dW = (double[])T("Composed").GetField("W")!.GetValue(args[3])!;
        Tolerance.AssertFormula(((2 * e) + 0.25) * 2.0, dW[0], "dW[0]");
        Tolerance.AssertFormula(((2 * e) + 0.25) * 1.0, dW[1], "dW[1]");
        Tolerance.AssertFormula((2 * e) + p + 0.25, (double)T("Composed").GetField("B")!.GetValue(args[3])!, "dB");
        Tolerance.AssertFormula(-2 * e, (double)args[2]!, "dY");
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(-1.0)]
    public void GoldenPerceptron_MatchesHandDerivationAndCentralDifferences(double label)
    {
        var type = GeneratorHarness.CompileAndLoad(GoldenExamples.State.Source).GetType("Golden.State.Perceptron")!;
        var model = Activator.CreateInstance(type)!;
        type.GetField("W")!.SetValue(model, new[] { 0.7, -0.2 });
        type.GetField("B")!.SetValue(model, 0.1);
        type.GetField("Temperature")!.SetValue(model, 2.0);
        var x = new[] { 1.5, 0.5 };
        var args = StateCheck.Members(model, "Loss", new object[] { x, label }, () => Activator.CreateInstance(type)!);
        // f = log(1 + e^{−y z / T}): df/dz = −(y/T)·σ(−y z/T).
        double z = (0.7 * 1.5) + (-0.2 * 0.5) + 0.1, s = 1 / (1 + Math.Exp(label * z / 2.0)), dz = -(label / 2.0) * s;
        var dW = (double[])type.GetField("W")!.GetValue(args[2])!;
        Tolerance.AssertFormula(dz * 1.5, dW[0], "dW[0]");
        Tolerance.AssertFormula(dz * 0.5, dW[1], "dW[1]");
        Tolerance.AssertFormula(dz, (double)type.GetField("B")!.GetValue(args[2])!, "dB");
    }

    [Fact]
    public void WithoutTheOptIn_MembersAreConstants()
    {
        var model = Linear(new[] { 5.0 }, 0.75);
        double dX = 0;
        var args = new object[] { 2.0, dX, 1.0 };
        double value = (double)T("LinearModel").GetMethod("PlainBackward")!.Invoke(model, args)!;
        Assert.Equal((2.0 * 0.75) + 5.0, value);
        Assert.Equal(0.75, (double)args[1]);
    }

    [Fact]
    public void BaseFields_FloatArrays_AndFloatAutoProperties_MatchCentralDifferences()
    {
        var d = Activator.CreateInstance(T("Derived"))!;
        T("Derived").GetField("Scale")!.SetValue(d, 1.5);
        T("Derived").GetField("V")!.SetValue(d, new[] { 0.5f, -1.25f });
        T("Derived").GetProperty("Gain")!.SetValue(d, 2f);
        StateCheck.Members(d, "F", new object[] { 0.7 }, () =>
        {
            var g = Activator.CreateInstance(T("Derived"))!;
            T("Derived").GetField("Scale")!.SetValue(g, 0.0);
            T("Derived").GetProperty("Gain")!.SetValue(g, 0f);
            return g;
        }, adjointsBefore: new object[] { 0.0 });
    }

    [Fact]
    public void StructState_IsAddedThroughARef_AndMatchesCentralDifferences()
    {
        var p = Activator.CreateInstance(T("Particle"))!;
        T("Particle").GetField("X")!.SetValue(p, 0.9);
        T("Particle").GetProperty("Y")!.SetValue(p, 1.5f);
        var grad = Activator.CreateInstance(T("Particle"))!;
        var args = new object[] { 2.0, 0.0, grad, 1.0 };
        T("Particle").GetMethod("EnergyBackward")!.Invoke(p, args);
        // d/dX = kX + cos(X)·Y, d/dY = sin X, d/dk = X²/2.
        Tolerance.AssertFormula((2.0 * 0.9) + (Math.Cos(0.9) * 1.5), (double)T("Particle").GetField("X")!.GetValue(args[2])!, "dX");
        Tolerance.AssertClose(Math.Sin(0.9), (float)T("Particle").GetProperty("Y")!.GetValue(args[2])!, 1e-6, "dY");
        Tolerance.AssertFormula(0.5 * 0.81, (double)args[1], "dK");
        StateCheck.Members(p, "Energy", new object[] { 2.0 }, () => Activator.CreateInstance(T("Particle"))!, adjointsBefore: new object[] { 0.0 });
    }

    [Fact]
    public void DThisArrays_OfAnotherLength_AreAnArgumentException_BeforeAnyWrite()
    {
        var model = Linear(new[] { 1.0, 2.0 }, 0.5);
        var grad = Linear(new double[3], 0.25);
        var e = Assert.Throws<TargetInvocationException>(() => T("LinearModel").GetMethod("LossBackward")!.Invoke(model, new object[] { new[] { 1.0, 1.0 }, 0.0, grad, 1.0 }));
        var inner = Assert.IsAssignableFrom<ArgumentException>(e.InnerException);
        Assert.Equal("dThis.W", inner.ParamName);
        Assert.Equal(0.25, T("LinearModel").GetField("B")!.GetValue(grad));
        var none = Assert.Throws<TargetInvocationException>(() => T("LinearModel").GetMethod("LossBackward")!.Invoke(model, new object?[] { new[] { 1.0, 1.0 }, 0.0, null, 1.0 }));
        Assert.Equal("dThis", Assert.IsType<ArgumentNullException>(none.InnerException).ParamName);
    }
}
