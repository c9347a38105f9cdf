using System.Reflection;
using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Local arrays of tuples of reals (<c>var pairs = new (double W, double C)[] { (1.0, 0.5), (2.0, -0.5) };</c>): carried
/// as one local array per element (<c>pairsItem1</c>, <c>pairsItem2</c>), as a local array of structs is
/// (<see cref="LocalStructArrayTests"/>); walked by <c>foreach (var (w, c) in pairs)</c>, <c>foreach (var p in pairs)</c>,
/// read as <c>pairs[i].C</c>, written as <c>pairs[i] = (…)</c> and <c>pairs[i].C *= …</c>. Each checked by hand and
/// against central differences, in Backward, Forward, Hessian and Jacobian modes.
/// </summary>
public class LocalTupleArrayTests
{
    /// <summary>C# 7.3 as well (the collection expression is in <see cref="Modern"/>).</summary>
    public const string Source = @"
using System;
using AutoDiffGen;

namespace LocalTupleArrays
{
    public struct V2 { public double X; public double Y; }

    public static partial class L
    {
        /// The natural batch's Idioms.ForeachTuple: constant pairs walked by deconstruction.
        [Differentiable(Forward = true, Hessian = true)]
        public static double ForeachTuple(double x)
        {
            var pairs = new (double W, double C)[] { (1.0, 0.5), (2.0, -0.5) };
            double s = 0;
            foreach (var (w, c) in pairs) s += w * Math.Exp(c * x);
            return s;
        }

        public static double[] ForeachTupleHessianOf(double x) { var h = new double[1]; ForeachTupleHessian(x, h); return h; }

        /// Unnamed elements made from differentiated values, stored whole and element by element, read three ways.
        [Differentiable(Forward = true, Hessian = true)]
        public static double Mixed(double x, double y)
        {
            var a = new (double, double)[3];
            a[0] = (x, 2 * x);
            a[1] = (y, x * y);
            a[2].Item1 = 3;
            a[2].Item2 += y;
            double s = 0;
            foreach (var p in a) s += p.Item1 * p.Item2;
            for (int i = 0; i < a.Length; i++) s += a[i].Item2;
            foreach ((double u, _) in a) s += u * u;
            return s;
        }

        public static double[] MixedHessianOf(double x, double y) { var h = new double[4]; MixedHessian(x, y, h); return h; }

        /// Named elements filled in a loop, updated in place, an element deconstructed and one kept in a tuple local.
        [Differentiable(Forward = true)]
        public static double Weights(double x, double y, int n)
        {
            var ws = new (double W, double C)[n];
            for (int i = 0; i < n; i++) ws[i] = (x * (i + 1), y);
            for (int i = 0; i < ws.Length; i++) ws[i].C *= ws[i].W;
            double s = 0;
            for (int i = 0; i < ws.Length; i++) { var (w, c) = ws[i]; s += w + c; }
            var last = ws[n - 1];
            return s + last.C * x;
        }

        /// A vector result computed through a local tuple array: its Jacobian.
        [Differentiable(Jacobian = true)]
        public static V2 Square(double x, double y)
        {
            var a = new (double U, double V)[2];
            a[0] = (x * y, y);
            a[1].U = a[0].U * x;
            a[1].V = Math.Sin(a[0].V);
            return new V2 { X = a[1].U, Y = a[1].V };
        }

        public static double[] SquareJacobianOf(double x, double y) { var j = new double[4]; SquareJacobian(x, y, j); return j; }
    }
}
";

    /// <summary>A collection expression (C# 12) of float triples.</summary>
    public const string Modern = """
        using System;
        using AutoDiffGen;

        namespace LocalTupleArraysModern
        {
            public static partial class M
            {
                [Differentiable(Forward = true)]
                public static float Triples(float x, float y)
                {
                    (float, float, float)[] a = [(x, y, 1f), (y, x, 2f)];
                    float s = 0;
                    foreach (var (p, q, r) in a) s += p * q * r;
                    return s;
                }
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));
    private static readonly Lazy<Assembly> CompiledModern = new(() => GeneratorHarness.CompileAndLoad(Modern));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("LocalTupleArrays.L")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.4)]
    public void ForeachTuple_MatchesTheHandDerivative_InEveryMode(double x)
    {
        // f = e^{x/2} + 2 e^{−x/2}; f′ = ½ e^{x/2} − e^{−x/2}; f″ = ¼ e^{x/2} + ½ e^{−x/2}.
        double f = Math.Exp(0.5 * x) + (2 * Math.Exp(-0.5 * x));
        double d = (0.5 * Math.Exp(0.5 * x)) - Math.Exp(-0.5 * x);
        double dd = (0.25 * Math.Exp(0.5 * x)) + (0.5 * Math.Exp(-0.5 * x));
        var args = new object[] { x, 0.0, 1.0 };
        Tolerance.AssertFormula(f, (double)Method("ForeachTupleBackward").Invoke(null, args)!, "f");
        Tolerance.AssertFormula(d, (double)args[1], "f′ (Backward)");
        var forward = new object?[] { x, 1.0, null };
        Tolerance.AssertFormula(f, (double)Method("ForeachTupleForward").Invoke(null, forward)!, "f (Forward)");
        Tolerance.AssertFormula(d, (double)forward[2]!, "f′ (Forward)");
        Tolerance.AssertFormula(dd, ((double[])Method("ForeachTupleHessianOf").Invoke(null, new object[] { x })!)[0], "f″");
        CentralDifferenceRunner.Check(Method("ForeachTuple"), null, new object[] { x });
    }

    [Theory]
    [InlineData(0.6, -1.2)]
    [InlineData(-0.9, 0.35)]
    public void Mixed_MatchesTheHandDerivative_InEveryMode(double x, double y)
    {
        // Elements (x, 2x), (y, xy), (3, y): s = 2x² + xy² + 3y  +  (2x + xy + y)  +  (x² + y² + 9) = 3x² + xy² + xy + 2x + 4y + y² + 9.
        double f = (3 * x * x) + (x * y * y) + (x * y) + (2 * x) + (4 * y) + (y * y) + 9;
        double dx = (6 * x) + (y * y) + y + 2, dy = (2 * x * y) + x + 4 + (2 * y);
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        Tolerance.AssertFormula(f, (double)Method("MixedBackward").Invoke(null, args)!, "f");
        Tolerance.AssertFormula(dx, (double)args[2], "∂f/∂x");
        Tolerance.AssertFormula(dy, (double)args[3], "∂f/∂y");
        var forward = new object?[] { x, y, 0.5, -2.0, null };
        Tolerance.AssertFormula(f, (double)Method("MixedForward").Invoke(null, forward)!, "f (Forward)");
        Tolerance.AssertFormula((0.5 * dx) - (2 * dy), (double)forward[4]!, "∇f · (0.5, −2) (Forward)");
        // H = [[6, 2y + 1], [2y + 1, 2x + 2]].
        var h = (double[])Method("MixedHessianOf").Invoke(null, new object[] { x, y })!;
        Tolerance.AssertFormula(6, h[0], "H[0,0]");
        Tolerance.AssertFormula((2 * y) + 1, h[1], "H[0,1]");
        Tolerance.AssertFormula((2 * y) + 1, h[2], "H[1,0]");
        Tolerance.AssertFormula((2 * x) + 2, h[3], "H[1,1]");
        CentralDifferenceRunner.Check(Method("Mixed"), null, new object[] { x, y });
    }

    [Theory]
    [InlineData(0.8, -0.4, 3)]
    [InlineData(-1.1, 1.3, 1)]
    public void Weights_MatchesTheHandDerivative(double x, double y, int n)
    {
        // w_i = x (i + 1), c_i = x y (i + 1); with T = n (n + 1) / 2: f = x (1 + y) T + n x² y.
        double t = n * (n + 1) / 2.0;
        double f = (x * (1 + y) * t) + (n * x * x * y);
        double dx = ((1 + y) * t) + (2 * n * x * y), dy = (x * t) + (n * x * x);
        var args = new object[] { x, y, n, 0.0, 0.0, 1.0 };
        Tolerance.AssertFormula(f, (double)Method("WeightsBackward").Invoke(null, args)!, "f");
        Tolerance.AssertFormula(dx, (double)args[3], "∂f/∂x");
        Tolerance.AssertFormula(dy, (double)args[4], "∂f/∂y");
        var forward = new object?[] { x, y, n, 1.0, 1.0, null };
        Tolerance.AssertFormula(f, (double)Method("WeightsForward").Invoke(null, forward)!, "f (Forward)");
        Tolerance.AssertFormula(dx + dy, (double)forward[5]!, "∇f · (1, 1) (Forward)");
        CentralDifferenceRunner.Check(Method("Weights"), null, new object[] { x, y, n });
    }

    [Theory]
    [InlineData(0.8, -1.3)]
    [InlineData(-0.5, 0.4)]
    public void Square_Jacobian_MatchesTheHandDerivative(double x, double y)
    {
        var j = (double[])Method("SquareJacobianOf").Invoke(null, new object[] { x, y })!;
        // Result (x² y, sin y): rows are its members, columns x and y.
        Tolerance.AssertFormula(2 * x * y, j[0], "∂X/∂x");
        Tolerance.AssertFormula(x * x, j[1], "∂X/∂y");
        Tolerance.AssertFormula(0, j[2], "∂Y/∂x");
        Tolerance.AssertFormula(Math.Cos(y), j[3], "∂Y/∂y");
        // Central differences of each member.
        const double h = 1e-6;
        double X(double a, double b)
        {
            object v = Method("Square").Invoke(null, new object[] { a, b })!;
            return (double)v.GetType().GetField("X")!.GetValue(v)!;
        }

        Tolerance.AssertCentral((X(x + h, y) - X(x - h, y)) / (2 * h), j[0], X(x, y), "∂X/∂x vs central differences");
        Tolerance.AssertCentral((X(x, y + h) - X(x, y - h)) / (2 * h), j[1], X(x, y), "∂X/∂y vs central differences");
    }

    [Theory]
    [InlineData(0.5f, -1.5f)]
    [InlineData(1.25f, 0.75f)]
    public void Triples_Float_MatchTheHandDerivative(float x, float y)
    {
        var type = CompiledModern.Value.GetType("LocalTupleArraysModern.M")!;
        // s = x y · 1 + y x · 2 = 3 x y.
        var args = new object[] { x, y, 0f, 0f, 1f };
        Tolerance.AssertClose(3 * x * y, (float)type.GetMethod("TriplesBackward")!.Invoke(null, args)!, 1e-5, "s");
        Tolerance.AssertClose(3 * y, (float)args[2], 1e-5, "∂s/∂x");
        Tolerance.AssertClose(3 * x, (float)args[3], 1e-5, "∂s/∂y");
        var forward = new object?[] { x, y, 1f, 0f, null };
        type.GetMethod("TriplesForward")!.Invoke(null, forward);
        Tolerance.AssertClose(3 * y, (float)forward[4]!, 1e-5, "∂s/∂x (Forward)");
        CentralDifferenceRunner.Check(type.GetMethod("Triples")!, null, new object[] { x, y });
    }

    [Theory]
    [MemberData(nameof(LanguageVersionTests.Versions), MemberType = typeof(LanguageVersionTests))]
    public void CompilesWithoutErrorsOrWarnings_OnEveryLanguageVersion(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.RunForLoad(version, nullable, null, Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Empty(GeneratorHarness.AnalyzerDiagnostics(result.Compilation));
        if (version != LanguageVersion.CSharp7_3) return;
        var type = result.Load().GetType("LocalTupleArrays.L")!;
        CentralDifferenceRunner.Check(type.GetMethod("Mixed")!, null, new object[] { 0.3, -0.7 });
    }

    /// <summary>What stays outside: each an ADG error at the construct, and no generated method.</summary>
    [Theory]
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, double)[2]; a[0].Item1 = x; var b = a; return b[0].Item1; }", "ADG0003", "a")]
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, double)[2]; a[0].Item1 = x; return Plain(a); }", "ADG0003", "a")]
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, double)[2]; a[0].Item1 = x; ref (double, double) e = ref a[0]; e.Item1 += x; return a[0].Item1; }", "ADG0003", "a")]
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, double)[2]; double t = a[0].Item1 = x; return t * a[0].Item1; }", "ADG0003", "a[0].Item1 = x")]
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, double)[2]; a[0] = (x, x); a = new (double, double)[3]; return a[0].Item1; }", "ADG0003", "new (double, double)[3]")]
    // A tuple nested in the element is not a tuple of reals; a tuple array parameter has no adjoint yet.
    [InlineData("[Differentiable] public static double F(double x) { var a = new (double, (double, double))[2]; a[0].Item1 = x; return a[0].Item1 * x; }", "ADG0003", "new (double, (double, double))[2]")]
    [InlineData("[Differentiable] public static double F((double, double)[] a, double x) => a[0].Item1 * x;", "ADG0006", "(double, double)[] a")]
    public void Outside_IsAnErrorAtTheConstruct(string method, string id, string at)
    {
        string source = """
            #nullable enable
            using System;
            using AutoDiffGen;
            public partial class C
            {
                public static double Plain((double, double)[] p) => p[0].Item1;
                METHOD
            }
            """.Replace("METHOD", method);
        OutsideErrors.AssertAt(source, id, at, ".F_");
    }
}
