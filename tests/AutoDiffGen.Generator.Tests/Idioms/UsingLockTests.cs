using System.Collections;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms;

/// <summary>
/// <see cref="UsingLockExamples"/>: gradients against central differences and by hand, MForward against MBackward,
/// MHessian by hand; each resource opened and closed once per forward sweep, in order, and a lock left as it was found;
/// the forms that would skip the release or read the resource stay errors at them.
/// </summary>
public class UsingLockTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(UsingLockExamples.Source));

    private static Type Type => Compiled.Value.GetType("Guarded")!;

    private static MethodInfo Get(string name) => Type.GetMethod(name)!;

    private static IList Log => (IList)Compiled.Value.GetType("Scope")!.GetField("Log")!.GetValue(null)!;

    private static object Gate => Type.GetField("Gate", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;

    private delegate double Hessian2(double x, double y, Span<double> hessian);

    [Theory]
    [InlineData("InUsing", 0.7, -1.3)]
    [InlineData("Declared", 1.2, 0.4)]
    [InlineData("InLoop", -0.6, 0.9)]
    [InlineData("Locked", 0.3, 1.7)]
    [InlineData("TwoResources", 0.8, -0.2)]
    public void GradientMatchesCentralDifferences(string name, double x, double y)
    {
        lock (Log) CentralDifferenceRunner.Check(Get(name), null, new object[] { x, y });
    }

    [Fact]
    public void Gradients_ByHand()
    {
        lock (Log)
        {
            double x = 0.7, y = -1.3, r = (x * y) + Math.Sin(x);
            var a = CentralDifferenceRunner.Check(Get("InUsing"), null, new object[] { x, y });
            Tolerance.AssertFormula(2 * r * (y + Math.Cos(x)), a.Gradient[0]![0], "dInUsing/dx");
            Tolerance.AssertFormula(2 * r * x, a.Gradient[1]![0], "dInUsing/dy");

            var d = CentralDifferenceRunner.Check(Get("Declared"), null, new object[] { 1.2, 0.4 });
            Tolerance.AssertFormula((2 * 1.2 * 0.4) + 1, d.Gradient[0]![0], "dDeclared/dx");
            Tolerance.AssertFormula(1.44, d.Gradient[1]![0], "dDeclared/dy");

            // Σ (x + i)y = 3xy + 3y.
            var l = CentralDifferenceRunner.Check(Get("InLoop"), null, new object[] { -0.6, 0.9 });
            Tolerance.AssertFormula(3 * 0.9, l.Gradient[0]![0], "dInLoop/dx");
            Tolerance.AssertFormula((3 * -0.6) + 3, l.Gradient[1]![0], "dInLoop/dy");

            var k = CentralDifferenceRunner.Check(Get("Locked"), null, new object[] { 0.3, 1.7 });
            Tolerance.AssertFormula(Math.Exp(0.3) * 1.7, k.Gradient[0]![0], "dLocked/dx");
            Tolerance.AssertFormula(Math.Exp(0.3), k.Gradient[1]![0], "dLocked/dy");

            var t = CentralDifferenceRunner.Check(Get("TwoResources"), null, new object[] { 0.8, -0.2 });
            Tolerance.AssertFormula(6, t.Gradient[0]![0], "dTwoResources/dx");
            Tolerance.AssertFormula(1, t.Gradient[1]![0], "dTwoResources/dy");
        }
    }

    [Theory]
    [InlineData("InUsing", "open a|close a")]
    [InlineData("Declared", "open b|close b")]
    [InlineData("InLoop", "open loop|close loop|open loop|close loop|open loop|close loop")]
    [InlineData("TwoResources", "open c1|open c2|close c2|close c1")]
    public void EachResource_IsOpenedAndClosedOncePerForwardSweep_InOrder(string name, string expected)
    {
        lock (Log)
        {
            Log.Clear();
            Get(name).Invoke(null, new object[] { 0.5, 0.25 });
            string primal = string.Join("|", Log.Cast<string>());
            Assert.Equal(expected, primal);

            Log.Clear();
            var args = new object[] { 0.5, 0.25, 0.0, 0.0, 1.0 };
            Type.GetMethod(name + "Backward")!.Invoke(null, args);
            Assert.Equal(expected, string.Join("|", Log.Cast<string>()));

            Log.Clear();
            Type.GetMethod(name + "Forward")!.Invoke(null, new object[] { 0.5, 0.25, 1.0, 0.0, null! });
            Assert.Equal(expected, string.Join("|", Log.Cast<string>()));
        }
        Assert.False(Monitor.IsEntered(Gate));
    }

    [Fact]
    public void ALongLoop_GrowsItsTapeWithoutRerunningTheResources()
    {
        // InLoop's tape is reserved before the loop; a lock and a using inside never run twice per iteration.
        lock (Log)
        {
            Log.Clear();
            Type.GetMethod("InLoopBackward")!.Invoke(null, new object[] { 0.5, 0.25, 0.0, 0.0, 1.0 });
            Assert.Equal(6, Log.Count);
        }
        Assert.False(Monitor.IsEntered(Gate));
    }

    [Theory]
    [InlineData("InUsing", 0.7, -1.3, 0.4, 1.0)]
    [InlineData("Declared", 1.2, 0.4, -0.5, 0.3)]
    [InlineData("InLoop", -0.6, 0.9, 1.0, 1.0)]
    [InlineData("Locked", 0.3, 1.7, 0.2, -0.6)]
    [InlineData("TwoResources", 0.8, -0.2, 0.7, 0.1)]
    public void ForwardMode_IsBackwardsGradientAlongTheDirection(string name, double x, double y, double tx, double ty)
    {
        lock (Log)
        {
            var args = new object[] { x, y, tx, ty, null! };
            double value = (double)Type.GetMethod(name + "Forward")!.Invoke(null, args)!;
            var r = CentralDifferenceRunner.Check(Get(name), null, new object[] { x, y });
            Assert.Equal(r.Value, value);
            Tolerance.AssertFormula((r.Gradient[0]![0] * tx) + (r.Gradient[1]![0] * ty), (double)args[4], name + " tResult vs Backward · t");
        }
    }

    [Fact]
    public void Hessians_ByHand_OpenAndCloseOncePerSweep()
    {
        lock (Log)
        {
            // x²y + x: [[2y, 2x], [2x, 0]].
            Log.Clear();
            var h = new double[4];
            Get("DeclaredHessian").CreateDelegate<Hessian2>()(1.2, 0.4, h);
            Tolerance.AssertFormula(0.8, h[0], "H[x, x]");
            Tolerance.AssertFormula(2.4, h[1], "H[x, y]");
            Tolerance.AssertFormula(2.4, h[2], "H[y, x]");
            Tolerance.AssertFormula(0, h[3], "H[y, y]");
            // One forward sweep per row of the Hessian (two), each opening and closing its scope.
            Assert.Equal("open b|close b|open b|close b", string.Join("|", Log.Cast<string>()));

            // e^x·y: [[e^x y, e^x], [e^x, 0]].
            Get("LockedHessian").CreateDelegate<Hessian2>()(0.3, 1.7, h);
            Tolerance.AssertFormula(Math.Exp(0.3) * 1.7, h[0], "Locked H[x, x]");
            Tolerance.AssertFormula(Math.Exp(0.3), h[1], "Locked H[x, y]");
            Tolerance.AssertFormula(0, h[3], "Locked H[y, y]");
        }
        Assert.False(Monitor.IsEntered(Gate));
    }

    private const string Header = """
        using System;
        using AutoDiffGen;
        public sealed class R : IDisposable { public R(double k) { K = k; } public double K { get; } public void Dispose() { } }
        public struct SR : IDisposable { public void Dispose() { } }
        public static partial class G
        {
            private static readonly object Gate = new object();

        """;

    [Theory]
    // The resource made from a value with a gradient, or read in the body.
    [InlineData("double r; using (var s = new R(x)) { r = x * x; } return r;", "new R(x)", "carries a gradient")]
    [InlineData("double r; using (var s = new R(1)) { r = x * s.K; } return r;", "using", "read in its body")]
    // A jump out of the body would skip the release.
    [InlineData("double r; using (new R(1)) { if (x > 0) return x; r = -x; } return r;", "return x;", "skip its release")]
    [InlineData("double s = 0; for (int i = 0; i < 3; i++) { using (new R(1)) { if (i > 1) break; s += x; } } return s;", "break;", "skip its release")]
    // A struct resource (disposed by a constrained call on the variable itself).
    [InlineData("double r; using (var e = new SR()) { r = x * x; } return r;", "new SR()", "not a class")]
    // Something that may throw inside a lock would leave it held.
    [InlineData("double r; lock (Gate) { r = a[0] * x; } return r;", "a[0]", "lock held")]
    [InlineData("double r; lock (Gate) { if (x < 0) throw new ArgumentException(); r = x; } return r;", "throw new ArgumentException();", "lock held")]
    public void OutsideSupport_IsAnErrorAtIt(string body, string at, string says)
    {
        string source = Header + "    [Differentiable]\n    public static double F(double x, double[] a)\n    {\n        " + body + "\n    }\n}\n";
        string id = at == "using" ? "ADG0002" : "ADG0003";
        var run = OutsideErrors.AssertAt(source, id, at, "FBackward");
        Assert.Contains(run.GeneratorDiagnostics, d => d.Id == id && d.GetMessage(System.Globalization.CultureInfo.InvariantCulture).Contains(says, StringComparison.Ordinal));
    }
}
