using System.Globalization;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 13 item 2, statements as people write them (the natural batch's diagnosed forms): <c>var</c> patterns on a
/// differentiated switch selector (<c>case var v when v &gt; 10:</c>, <c>case var v:</c> without default, Huber's
/// <c>var a when a &lt;= delta =&gt;</c>), <c>Math.SinCos</c> deconstructed, <c>try</c>/<c>finally</c>, forward <c>goto</c>s.
/// Each is checked by hand and against central differences; <c>try</c>/<c>catch</c>, a backward <c>goto</c> and a finally
/// with an effect stay errors at the statement that say what to write.
/// </summary>
public class AsWrittenTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using AutoDiffGen;

        public struct V2
        {
            public double X, Y;
            public double Len { get { double s = X * X + Y * Y; return Math.Sqrt(s); } }
        }

        public static partial class W
        {
            [Differentiable]
            public static double LongerThanOne(V2 p)
            {
                if (p.Len > 1) return p.X * p.Y;
                return p.Y;
            }

            [Differentiable]
            public static double SwitchStatement(double x)
            {
                double r;
                switch (x)
                {
                    case < 0:
                        r = -x;
                        break;
                    case var v when v > 10:
                        r = 10 + Math.Log(v - 9);
                        break;
                    default:
                        r = x * x / 10;
                        break;
                }
                return r;
            }

            [Differentiable]
            public static double NoDefault(double x, double y)
            {
                switch (x * y)
                {
                    case < -1:
                        return -x;
                    case var v when v > 2:
                        return Math.Log(v) * y;
                    case var v:
                        return v * v + x;
                }
            }

            [Differentiable]
            public static double Huber(double residual, double delta = 1.0) => Math.Abs(residual) switch
            {
                var a when a <= delta => 0.5 * residual * residual,
                var a => delta * (a - 0.5 * delta),
            };

            [Differentiable] public static double SinCos(double x) { var (s, c) = Math.SinCos(x); return s * c; }
            [Differentiable] public static float SinCosF(float x) { (float s, float c) = MathF.SinCos(x); return s + c * x; }
            [Differentiable] public static double SinCosItem(double x) => Math.SinCos(x * x).Cos * x;
            [Differentiable] public static double SinCosLocal(double x) { var t = double.SinCos(x); return t.Sin * t.Cos; }

            [Differentiable]
            public static double TryFinally(double x)
            {
                double r = 0;
                try { r = x * x; }
                finally { r += Math.Sin(x); }
                return r;
            }

            [Differentiable]
            public static double TryReturn(double x)
            {
                double r = 0;
                try
                {
                    if (x > 0) return x * x;
                    r = x;
                }
                finally { r += 1; }
                return r * 3;
            }

            [Differentiable]
            public static double GotoForward(double x)
            {
                double r = x;
                if (x > 1) goto done;
                r = r * r;
                if (r < 0.25) goto done;
                r = Math.Sin(r);
            done:
                return r * 2;
            }

            [Differentiable]
            public static double ListNoDiff(double x, [NoDiff] List<double> w, [NoDiff] IReadOnlyList<double> u)
            {
                double s = 0;
                for (int i = 0; i < w.Count; i++) s += w[i] * x;
                foreach (var v in w) s += v * x * x;
                foreach (double v in u) { if (v > 1) break; s += Math.Sin(v * x); }
                return s;
            }

            [Differentiable]
            public static void GotoVoid(double x, ref double y)
            {
                if (x > 1) { y *= x; goto end; }
                y = y * y;
            end:
                y += x;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("W")!.GetMethod(name)!;

    private static double Gradient(string name, double x)
    {
        var args = new object[] { x, 0.0, 1.0 };
        Method(name + "Backward").Invoke(null, args);
        return (double)args[1];
    }

    [Theory]
    [InlineData(-2.0, -1.0)]          // -x
    [InlineData(12.0, 1.0 / 3.0)]     // 10 + log(v - 9): 1 / (v - 9)
    [InlineData(4.0, 0.8)]            // x² / 10: x / 5
    public void VarPatternWithGuard_InASwitchStatement_ByHandAndCentralDifferences(double x, double expected)
    {
        Assert.Equal(expected, Gradient("SwitchStatement", x), 12);
        CentralDifferenceRunner.Check(Method("SwitchStatement"), null, new object[] { x });
    }

    [Theory]
    [InlineData(-2.0, 1.5)]   // x·y < -1: -x
    [InlineData(2.0, 1.5)]    // x·y > 2: log(xy)·y
    [InlineData(0.5, 0.7)]    // case var v: (xy)² + x
    [InlineData(-0.3, 0.4)]
    public void CaseVarWithoutDefault_IsTheDefault(double x, double y)
    {
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        Method("NoDefaultBackward").Invoke(null, args);
        double v = x * y;
        double dx = v < -1 ? -1 : v > 2 ? y / x : 2 * v * y + 1;
        Assert.Equal(dx, (double)args[2], 10);
        CentralDifferenceRunner.Check(Method("NoDefault"), null, new object[] { x, y });
    }

    [Theory]
    [InlineData(0.4, 1.0)]
    [InlineData(-2.5, 1.0)]
    [InlineData(3.0, 0.7)]
    public void VarArmsOnADifferentiatedSelector_Huber(double r, double delta)
    {
        var args = new object[] { r, delta, 0.0, 0.0, 1.0 };
        Compiled.Value.GetType("W")!.GetMethods().Single(m => m.Name == "HuberBackward" && m.GetParameters().Length == 5).Invoke(null, args);
        Assert.Equal(Math.Abs(r) <= delta ? r : delta * Math.Sign(r), (double)args[2], 12);
        Assert.Equal(Math.Abs(r) <= delta ? 0 : Math.Abs(r) - delta, (double)args[3], 12);
        CentralDifferenceRunner.Check(Method("Huber"), null, new object[] { r, delta });
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(-1.7)]
    public void MathSinCos_Deconstructed_ItsElementsAndATupleLocal(double x)
    {
        Assert.Equal(Math.Cos(2 * x), Gradient("SinCos", x), 12); // (sin x cos x)' = cos 2x
        Assert.Equal(-Math.Sin(x * x) * 2 * x * x + Math.Cos(x * x), Gradient("SinCosItem", x), 12);
        foreach (var name in new[] { "SinCos", "SinCosItem", "SinCosLocal" }) CentralDifferenceRunner.Check(Method(name), null, new object[] { x });
        // MathF.SinCos: (sin x + x cos x)' = 2 cos x - x sin x, in float.
        var args = new object[] { (float)x, 0f, 1f };
        Method("SinCosFBackward").Invoke(null, args);
        Assert.Equal(2 * Math.Cos(x) - x * Math.Sin(x), (float)args[1], 4);
    }

    [Theory]
    [InlineData(0.8)]
    [InlineData(-1.1)]
    public void TryFinally_RunsItsBodyThenItsFinally(double x)
    {
        Assert.Equal(2 * x + Math.Cos(x), Gradient("TryFinally", x), 12);
        CentralDifferenceRunner.Check(Method("TryFinally"), null, new object[] { x });
        // A return out of the try: the finally's assignment is dead after it.
        Assert.Equal(x > 0 ? 2 * x : 3, Gradient("TryReturn", x), 12);
        CentralDifferenceRunner.Check(Method("TryReturn"), null, new object[] { x });
    }

    [Theory]
    [InlineData(1.5, 2.0)]                     // jumps at once: 2r
    [InlineData(0.3, 4 * 0.3)]                 // r² < 0.25: 2·2x
    [InlineData(0.8, 2 * 2 * 0.8)]             // sin(x²)·2: 2·cos(x²)·2x, below
    [InlineData(-0.9, 0)]
    public void ForwardGoto_SkipsToItsLabel(double x, double expected)
    {
        if (Math.Abs(x) > 0.5 && x <= 1) expected = 2 * Math.Cos(x * x) * 2 * x;
        Assert.Equal(expected, Gradient("GotoForward", x), 12);
        CentralDifferenceRunner.Check(Method("GotoForward"), null, new object[] { x });
    }

    [Theory]
    [InlineData(1.5, 0.7)]
    [InlineData(0.5, -0.4)]
    public void ForwardGoto_InAVoidMethod(double x, double y)
    {
        var args = new object[] { x, y, 0.0, 1.0 };
        Method("GotoVoidBackward").Invoke(null, args);
        Assert.Equal(x > 1 ? x : 2 * y, (double)args[3], 12); // dY in/out, seeded 1
        Assert.Equal(x > 1 ? y + 1 : 1, (double)args[2], 12);
        Assert.Equal(x > 1 ? y * x + x : y * y + x, (double)args[1], 12);
    }

    [Theory]
    [InlineData(0.9, 0.8)]   // |p| > 1: d(xy) = (y, x)
    [InlineData(0.3, -0.4)]  // |p| < 1: dy = 1
    public void AStructsGetterOfSeveralStatements_ReadOnlyInACondition_IsATest(double x, double y)
    {
        var type = Compiled.Value.GetType("V2")!;
        object p = Activator.CreateInstance(type)!, dP = Activator.CreateInstance(type)!;
        type.GetField("X")!.SetValue(p, x);
        type.GetField("Y")!.SetValue(p, y);
        var args = new object[] { p, dP, 1.0 };
        Method("LongerThanOneBackward").Invoke(null, args);
        bool longer = Math.Sqrt(x * x + y * y) > 1;
        Assert.Equal(longer ? y : 0, (double)type.GetField("X")!.GetValue(args[1])!, 12);
        Assert.Equal(longer ? x : 1, (double)type.GetField("Y")!.GetValue(args[1])!, 12);
    }

    [Fact]
    public void AGetterWithAnEffect_ReadInACondition_StaysAnErrorAtTheRead()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public struct Q
            {
                public double X, Y;
                public double Len { get { Console.WriteLine(X); return Math.Sqrt(X * X + Y * Y); } }
            }
            public static partial class G
            {
                [Differentiable]
                public static double F(Q q) { if (q.Len > 1) return q.X; return q.Y; }
            }
            """;
        var run = GeneratorHarness.Run(source);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        Assert.Equal("ADG0016", error.Id);
        Assert.Equal("q.Len", error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.7)]
    [InlineData(-1.3)]
    public void ForEachOverANoDiffList_ReadsItsElementsAsConstants(double x)
    {
        var w = new List<double> { 0.5, -1.5, 2.0 };
        var u = new List<double> { 0.3, 0.9, 1.4, 0.2 };
        var args = new object[] { x, w, u, 0.0, 1.0 };
        Method("ListNoDiffBackward").Invoke(null, args);
        double expected = w.Sum() + w.Sum(v => 2 * v * x) + 0.3 * Math.Cos(0.3 * x) + 0.9 * Math.Cos(0.9 * x);
        Assert.Equal(expected, (double)args[3], 12);
        CentralDifferenceRunner.Check(Method("ListNoDiff"), null, new object[] { x, w, u });
    }

    [Theory]
    [InlineData("var t = new List<double> { x, x * x }; t.Sort((a, b) => b.CompareTo(a)); return t[0] + t[1];", "t.Sort((a, b) => b.CompareTo(a))", "sort in ascending order with Sort() (then Reverse() for descending)")] // t.Remove(x): lists8, t.RemoveAll(v => v > 1), t.Sort(): lists11, Lists/ListMethodsTests and ListSortTests
    // (try/catch is lowered since 2026-12-03 where the generator knows when each statement of the try throws:
    // Statements/TryCatchTests, which keeps the refusals of the rest.)
    [InlineData("double r = 0; try { r = x * x; } finally { Console.WriteLine(r); } return r;", "Console.WriteLine(r)", "does more than assign locals")]
    [InlineData("double s = 0; for (int i = 0; i < 3; i++) { try { if (i == 1) break; s += x; } finally { s += 1; } } return s;", "break;", "leave after the try/finally")]
    // (A backward goto that is a do/while as written, "again: x = x * 0.5 + 1; if (++k < 4) goto again;", is lowered as
    // that loop since 2026-12-03: Statements/BackwardGotoTests, which keeps the other backward jumps' errors.)
    [InlineData("double s = 0; for (int i = 0; i < 3; i++) { if (i == 1) goto next; s += x; next: s += 0.5; } return s;", "goto next;", "inside a loop")]
    // (case double v on a differentiated double names the value since idioms11: TypeTests/RealTypePatternTests. A nullable
    // that carries a gradient is tested at run time: still an error at the pattern.)
    [InlineData("double? w = x > 0 ? x : (double?)null; switch (w) { case double v when v > 1: return v; default: return x; }", "double v", "decided at run time")]
    public void OutsideSupport_IsAnErrorAtTheStatement_AndNoCode(string body, string at, string says)
    {
        string source = "using System;\nusing System.Collections.Generic;\nusing AutoDiffGen;\npublic static partial class G\n{\n    [Differentiable]\n    public static double F(double x)\n    {\n        " + body + "\n    }\n}\n";
        var run = GeneratorHarness.Run(source);
        Assert.Empty(run.Exceptions);
        var error = Assert.Single(run.GeneratorDiagnostics, d => d.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error);
        // At the statement (its first token, as the compiler points at a statement) or the expression named.
        Assert.Equal(source.IndexOf(at, StringComparison.Ordinal), error.Location.SourceSpan.Start);
        Assert.Contains(says, error.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        Assert.DoesNotContain(run.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }
}
