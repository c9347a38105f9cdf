using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Throw expressions beside a value (<c>x &gt;= 0 ? Math.Sqrt(x) : throw …</c>, <c>w ?? throw …</c>), <c>??</c> on a
/// nullable constant, and type/declaration patterns in guards (<c>o is double d</c>, <c>case double d:</c>): each
/// gradient by hand and against central differences; where the method throws, Backward throws the same exception
/// before writing any adjoint; forward mode and Hessians of the guard; the generated code compiles without warnings
/// from C# 7.3 (nullable off) to the latest (nullable on). The source is C# 7.3 itself.
/// </summary>
public class ThrowExpressionTests
{
    internal const string Source = @"
using System;
using AutoDiffGen;

namespace Guards
{
    public static partial class Written
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double Root(double x) => x >= 0 ? Math.Sqrt(x) : throw new ArgumentOutOfRangeException(nameof(x), ""x = "" + x);

        [Differentiable(Forward = true, Hessian = true)]
        public static double Scaled(double x, double c)
        {
            double r = c <= 0 ? throw new ArgumentException(""c must be positive"", nameof(c)) : x * c;
            return r * x;
        }

        [Differentiable]
        public static double Counted(double x, int k)
        {
            int n = k > 0 ? k : throw new ArgumentOutOfRangeException(nameof(k));
            return x * x;
        }

        [Differentiable]
        public static double Weighted(double x, [NoDiff] double? w) => x * (w ?? throw new ArgumentNullException(nameof(w)));

        [Differentiable(Forward = true)]
        public static double Fallback(double x, [NoDiff] double? w) => (w ?? x * x) * x;

        [Differentiable]
        public static double Constant(double x, [NoDiff] double? w)
        {
            double v = w ?? 2.0;
            return v * x;
        }

        [Differentiable]
        public static double Boxed(double x, object o)
        {
            if (o is double d && d > 0.5) return d * x * x;
            return x;
        }

        [Differentiable]
        public static double Held(double x, [NoDiff] double? w)
        {
            if (w is double v) return v * Math.Sin(x);
            return x;
        }

        [Differentiable]
        public static double Cases(double x, object o)
        {
            switch (o)
            {
                case double d: return d * x;
                case int i when i > 2: return i + x;
                case int i: return i * x * x;
                default: return x;
            }
        }

        [Differentiable]
        public static double InLoop(double x, double[] a)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i] > -10 ? a[i] * x : throw new ArgumentException(""a["" + i + ""]"");
            return s;
        }
    }
}
";

    public static TheoryData<Microsoft.CodeAnalysis.CSharp.LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(10, result.Generated.Count);
    }

    private static Type Load() => LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, Source).Load().GetType("Guards.Written")!;

    private static double[] Gradient(Type type, string name, params object[] point) =>
        CentralDifferenceRunner.Check(type.GetMethod(name)!, null, point).Gradient.Where(g => g is not null).SelectMany(g => g!).ToArray();

    [Fact]
    public void Gradients_MatchHandValuesAndCentralDifferences()
    {
        var type = Load();
        Tolerance.AssertFormula(0.5 / Math.Sqrt(2.3), Gradient(type, "Root", 2.3)[0], "d sqrt(x)/dx");
        var scaled = Gradient(type, "Scaled", 0.7, 1.5);
        Tolerance.AssertFormula(2 * 1.5 * 0.7, scaled[0], "d c x²/dx");
        Tolerance.AssertFormula(0.7 * 0.7, scaled[1], "d c x²/dc");
        Tolerance.AssertFormula(2 * 0.9, Gradient(type, "Counted", 0.9, 3)[0], "d x²/dx");
        Tolerance.AssertFormula(2.5, Gradient(type, "Weighted", 0.9, (double?)2.5)[0], "d w x/dx");
        Tolerance.AssertFormula(3 * 0.8 * 0.8, Gradient(type, "Fallback", 0.8, null!)[0], "d x³/dx (w null)");
        Tolerance.AssertFormula(1.25, Gradient(type, "Fallback", 0.8, (double?)1.25)[0], "d w x/dx");
        Tolerance.AssertFormula(2.0, Gradient(type, "Constant", 0.8, null!)[0], "d 2x/dx");
        Tolerance.AssertFormula(-3.0, Gradient(type, "Constant", 0.8, (double?)-3.0)[0], "d w x/dx");
        Tolerance.AssertFormula(2 * 1.5 * 0.6, Gradient(type, "Boxed", 0.6, 1.5)[0], "d d x²/dx");
        Tolerance.AssertFormula(1.0, Gradient(type, "Boxed", 0.6, 0.25)[0], "d x/dx (d ≤ 0.5)");
        Tolerance.AssertFormula(1.0, Gradient(type, "Boxed", 0.6, "text")[0], "d x/dx (not a double)");
        Tolerance.AssertFormula(-2 * Math.Cos(0.6), Gradient(type, "Held", 0.6, (double?)-2.0)[0], "d w sin x/dx");
        Tolerance.AssertFormula(1.0, Gradient(type, "Held", 0.6, null!)[0], "d x/dx (w null)");
        Tolerance.AssertFormula(1.75, Gradient(type, "Cases", 0.6, 1.75)[0], "case double");
        Tolerance.AssertFormula(1.0, Gradient(type, "Cases", 0.6, 5)[0], "case int when");
        Tolerance.AssertFormula(2 * 2 * 0.6, Gradient(type, "Cases", 0.6, 2)[0], "case int");
        Tolerance.AssertFormula(1.0, Gradient(type, "Cases", 0.6, 2f)[0], "default");
        Tolerance.AssertFormula(0.5 - 1.5 + 2, Gradient(type, "InLoop", 0.6, new[] { 0.5, -1.5, 2.0 })[0], "d Σ a x/dx");
    }

    [Theory]
    [InlineData("Root", new object[] { -1.0 })]
    [InlineData("Scaled", new object[] { 0.7, -1.0 })]
    [InlineData("Counted", new object[] { 0.7, 0 })]
    [InlineData("Weighted", new object?[] { 0.7, null })]
    public void WhereTheMethodThrows_BackwardThrowsTheSameBeforeWritingAnAdjoint(string name, object?[] point)
    {
        var type = Load();
        var method = type.GetMethod(name)!;
        var primal = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, point)).InnerException!;
        var backward = type.GetMethod(name + "Backward")!;
        int adjoints = method.GetParameters().Count(CentralDifferenceRunner.IsDifferentiated);
        var args = point.Concat(Enumerable.Repeat((object?)0.0, adjoints)).Append(1.0).ToArray();
        var generated = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args)).InnerException!;
        Assert.Equal(primal.GetType(), generated.GetType());
        Assert.Equal(primal.Message, generated.Message);
        Assert.All(args.Skip(point.Length).Take(adjoints), a => Assert.Equal(0.0, (double)a!));
    }

    [Fact]
    public void ForwardAndHessian_OfTheGuardedRoot_AreByHand()
    {
        var type = Load();
        var forward = type.GetMethod("RootForward")!;
        var args = new object[] { 2.3, 1.0, 0.0 };
        Tolerance.AssertFormula(Math.Sqrt(2.3), (double)forward.Invoke(null, args)!, "value");
        Tolerance.AssertFormula(0.5 / Math.Sqrt(2.3), (double)args[2], "tangent");
        var fallback = type.GetMethod("FallbackForward")!;
        var f = new object?[] { 0.8, null, 1.0, 0.0 };
        fallback.Invoke(null, f);
        Tolerance.AssertFormula(3 * 0.8 * 0.8, (double)f[3]!, "tangent of x³");
        // Scaled = c·x²: Hessian [[2c, 2x], [2x, 0]].
        var hessian = (Func<double, double, double[]>)((x, c) =>
        {
            var h = new double[4];
            var method = type.GetMethod("ScaledHessian")!;
            var span = typeof(ThrowExpressionTests).GetMethod(nameof(CallHessian), BindingFlags.NonPublic | BindingFlags.Static)!;
            span.Invoke(null, new object[] { method, x, c, h });
            return h;
        });
        var m = hessian(0.7, 1.5);
        Tolerance.AssertFormula(3.0, m[0], "∂²/∂x²");
        Tolerance.AssertFormula(1.4, m[1], "∂²/∂x∂c");
        Tolerance.AssertFormula(1.4, m[2], "∂²/∂c∂x");
        Tolerance.AssertFormula(0.0, m[3], "∂²/∂c²");
        Assert.Throws<TargetInvocationException>(() => hessian(0.7, -1.0));
    }

    private delegate double Hessian2(double x, double c, Span<double> hessian);

    private static void CallHessian(MethodInfo method, double x, double c, double[] h) =>
        ((Hessian2)Delegate.CreateDelegate(typeof(Hessian2), method))(x, c, h);
}
