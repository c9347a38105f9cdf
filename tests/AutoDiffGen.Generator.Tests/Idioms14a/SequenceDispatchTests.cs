using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms14a;

/// <summary>
/// Issue 13, idioms14a item 1: Math.NET's dispatch on a sequence (<c>data is double[] array ? ArrayStatistics… :
/// StreamingStatistics…</c>, <c>if (data is double[] arr) {…} else {…}</c>) over an <c>IEnumerable&lt;double&gt;</c> or
/// <c>IList&lt;double&gt;</c> that carries a gradient: each path by hand and against central differences, called with an
/// array (the array path) and with a list (the sequence path), Backward and Forward; and what stays refused.
/// </summary>
public class SequenceDispatchTests
{
    private const string Source = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class ArrayStats
        {
            // Math.NET's ArrayStatistics.RootMeanSquare, word for word.
            [Differentiable(Forward = true)]
            public static double RootMeanSquare(double[] data)
            {
                if (data.Length == 0) return double.NaN;
                double mean = 0;
                ulong m = 0;
                for (int i = 0; i < data.Length; i++) mean += (data[i] * data[i] - mean) / ++m;
                return Math.Sqrt(mean);
            }
        }

        public static partial class StreamStats
        {
            // Math.NET's StreamingStatistics.RootMeanSquare, word for word.
            [Differentiable(Forward = true)]
            public static double RootMeanSquare(IEnumerable<double> stream)
            {
                double mean = 0;
                ulong m = 0;
                bool any = false;
                foreach (var d in stream) { mean += (d * d - mean) / ++m; any = true; }
                return any ? Math.Sqrt(mean) : double.NaN;
            }
        }

        public static partial class Dispatch
        {
            // Math.NET's Statistics.RootMeanSquare (natural Statistics8.RootMeanSquare), word for word.
            [Differentiable(Forward = true)]
            public static double RootMeanSquare(this IEnumerable<double> data)
            {
                return data is double[] array
                    ? ArrayStats.RootMeanSquare(array)
                    : StreamStats.RootMeanSquare(data);
            }

            // An array: f = Σ a_i²; otherwise f = 3 Σ d_i. Different paths on purpose, so the test sees which one ran.
            [Differentiable(Forward = true)]
            public static double IfForm(IList<double> data, double w)
            {
                if (data is double[] arr)
                {
                    double s = 0;
                    for (int i = 0; i < arr.Length; i++) s += arr[i] * arr[i] * w;
                    return s;
                }
                else
                {
                    double t = 0;
                    foreach (var d in data) t += 3 * d;
                    return t * w;
                }
            }

            // A type pattern without a variable, in a loop, read through LINQ: an array: f = Σ_k w·(Σ d)·(k+1); else f = Σ_k (Σ d²).
            [Differentiable]
            public static double Loop(IEnumerable<double> data, double w)
            {
                double s = 0;
                for (int k = 0; k < 2; k++) s += data is double[] ? w * data.Sum() * (k + 1) : data.Sum(v => v * v);
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string type, string name) => Compiled.Value.GetType(type)!.GetMethod(name)!;

    private static readonly double[] Data = { 0.5, -1.5, 2.0, 0.25 };

    [Fact]
    public void MathNetsRootMeanSquare_OverAnArrayAndOverAList_ByHandAndCentralDifferences()
    {
        double rms = Math.Sqrt(Data.Select(d => d * d).Average());
        // Either path: d/dd_i √(Σ d²/n) = d_i / (n · rms).
        var hand = Data.Select(d => d / (Data.Length * rms)).ToArray();
        foreach (object data in new object[] { Data.ToArray(), Data.ToList() })
        {
            var r = CentralDifferenceRunner.Check(Get("Dispatch", "RootMeanSquare"), null, new[] { data });
            Tolerance.AssertFormula(rms, r.Value, "RootMeanSquare value");
            for (int i = 0; i < hand.Length; i++) Tolerance.AssertFormula(hand[i], r.Gradient[0]![i], "dData[" + i + "] (" + data.GetType().Name + ")");
        }
    }

    [Fact]
    public void TheIfForm_TakesTheArrayPathForAnArrayOnly_ByHandAndCentralDifferences()
    {
        double w = 0.7;
        var array = CentralDifferenceRunner.Check(Get("Dispatch", "IfForm"), null, new object[] { Data.ToArray(), w });
        // f = w Σ a²: ∂/∂a_i = 2 w a_i, ∂/∂w = Σ a² = 6.5625.
        for (int i = 0; i < Data.Length; i++) Tolerance.AssertFormula(2 * w * Data[i], array.Gradient[0]![i], "dData[" + i + "] (array)");
        Tolerance.AssertFormula(6.5625, array.Gradient[1]![0], "dW (array)");
        var list = CentralDifferenceRunner.Check(Get("Dispatch", "IfForm"), null, new object[] { Data.ToList(), w });
        // f = 3 w Σ d: ∂/∂d_i = 3w, ∂/∂w = 3 Σ d = 3.75.
        for (int i = 0; i < Data.Length; i++) Tolerance.AssertFormula(3 * w, list.Gradient[0]![i], "dData[" + i + "] (list)");
        Tolerance.AssertFormula(3.75, list.Gradient[1]![0], "dW (list)");
    }

    [Fact]
    public void ATypePatternInALoop_ByHandAndCentralDifferences()
    {
        double w = -0.4;
        var array = CentralDifferenceRunner.Check(Get("Dispatch", "Loop"), null, new object[] { Data.ToArray(), w });
        // f = w Σd (1 + 2) = 3 w Σ d: ∂/∂d_i = 3w, ∂/∂w = 3 Σ d = 3.75.
        for (int i = 0; i < Data.Length; i++) Tolerance.AssertFormula(3 * w, array.Gradient[0]![i], "dData[" + i + "] (array)");
        Tolerance.AssertFormula(3.75, array.Gradient[1]![0], "dW (array)");
        var list = CentralDifferenceRunner.Check(Get("Dispatch", "Loop"), null, new object[] { Data.ToList(), w });
        // f = 2 Σ d²: ∂/∂d_i = 4 d_i, nothing for w.
        for (int i = 0; i < Data.Length; i++) Tolerance.AssertFormula(4 * Data[i], list.Gradient[0]![i], "dData[" + i + "] (list)");
        Tolerance.AssertFormula(0, list.Gradient[1]![0], "dW (list)");
    }

    private delegate double RmsForward(IEnumerable<double> data, ReadOnlySpan<double> tData, out double tResult);

    private delegate double IfFormForward(IList<double> data, double w, ReadOnlySpan<double> tData, double tW, out double tResult);

    [Fact]
    public void Forward_IsTheGradientAlongTheTangent_OnEachPath()
    {
        double[] t = { 0.3, -0.2, 0.9, 0.1 };
        double rms = Math.Sqrt(Data.Select(d => d * d).Average());
        double along = Data.Select((d, i) => d / (Data.Length * rms) * t[i]).Sum();
        var rmsForward = Get("Dispatch", "RootMeanSquareForward").CreateDelegate<RmsForward>();
        foreach (IEnumerable<double> data in new IEnumerable<double>[] { Data.ToArray(), Data.ToList() })
        {
            Tolerance.AssertFormula(rms, rmsForward(data, t, out double tResult), "RootMeanSquareForward value");
            Tolerance.AssertFormula(along, tResult, "RootMeanSquareForward tResult (" + data.GetType().Name + ")");
        }
        var ifForward = Get("Dispatch", "IfFormForward").CreateDelegate<IfFormForward>();
        double w = 0.7, tW = -0.5;
        ifForward(Data.ToArray(), w, t, tW, out double tArray);
        // 2w Σ a_i t_i + tW Σ a².
        Tolerance.AssertFormula((2 * w * Data.Select((d, i) => d * t[i]).Sum()) + (tW * 6.5625), tArray, "IfFormForward (array)");
        ifForward(Data.ToList(), w, t, tW, out double tList);
        // 3w Σ t_i + tW · 3 Σ d.
        Tolerance.AssertFormula((3 * w * t.Sum()) + (tW * 3.75), tList, "IfFormForward (list)");
    }

    private const string PlacesSource = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Odd
        {
            [Differentiable]
            public static double InLambda(IEnumerable<double> data, double x) => Enumerable.Range(0, 2).Sum(i => data is double[] a ? a[i] * x : x);

            [Differentiable]
            public static double InLocal(IEnumerable<double> data, double x) { double F() => data is double[] a ? a[0] * x : x; return F() + F(); }

            [Differentiable]
            public static double AndLength(IList<double> data, double x) => data is double[] arr && arr.Length > 2 ? arr[2] * x : x * x;

            [Differentiable(Jacobian = true)]
            public static double Jac(IEnumerable<double> data, double x) => data is double[] arr ? arr[0] * x : x;

            [Differentiable]
            public static double Arm(IEnumerable<double> data, int k, double x) => k switch { 0 => data is double[] arr ? arr[0] * x : x, _ => x };

            [Differentiable]
            public static double Twice(IEnumerable<double> data, double x) { double s = 0; if (data is double[] a) s += a[0]; if (data is double[] b) s += b[1] * x; return s; }
        }
        """;

    private static readonly Lazy<Assembly> Places = new(() => GeneratorHarness.CompileAndLoad(PlacesSource));

    [Theory]
    // d = Data (4 elements), x = 0.6; an array takes the array path, a list the other.
    [InlineData("InLambda", true, new[] { 0.6, 0.6, 0, 0 }, -1.0)]      // Σ_{i<2} d_i x: dx = d0 + d1
    [InlineData("InLambda", false, new[] { 0.0, 0, 0, 0 }, 2.0)]        // 2x
    [InlineData("InLocal", true, new[] { 1.2, 0, 0, 0 }, 1.0)]          // 2 d0 x
    [InlineData("InLocal", false, new[] { 0.0, 0, 0, 0 }, 2.0)]
    [InlineData("AndLength", true, new[] { 0, 0, 0.6, 0 }, 2.0)]        // d2 x (length 4 > 2)
    [InlineData("AndLength", false, new[] { 0.0, 0, 0, 0 }, 1.2)]       // x²
    [InlineData("Jac", true, new[] { 0.6, 0, 0, 0 }, 0.5)]              // d0 x
    [InlineData("Jac", false, new[] { 0.0, 0, 0, 0 }, 1.0)]
    [InlineData("Twice", true, new[] { 1, 0.6, 0, 0 }, -1.5)]           // d0 + d1 x: dx = d1
    [InlineData("Twice", false, new[] { 0.0, 0, 0, 0 }, 0.0)]
    public void InALambdaALocalFunctionAnAndAJacobianMethodOrTwice_ByHandAndCentralDifferences(string name, bool array, double[] dData, double dX)
    {
        var method = Places.Value.GetType("Odd")!.GetMethod(name)!;
        object data = array ? Data.ToArray() : Data.ToList();
        object[] point = method.GetParameters().Length == 3 ? new object[] { data, 0, 0.6 } : new object[] { data, 0.6 };
        var r = CentralDifferenceRunner.Check(method, null, point);
        for (int i = 0; i < dData.Length; i++) Tolerance.AssertFormula(dData[i], r.Gradient[0]![i], name + " dData[" + i + "]");
        Tolerance.AssertFormula(dX, r.Gradient[point.Length - 1]![0], name + " dX");
    }

    [Fact]
    public void InASwitchArm_ByHandAndCentralDifferences()
    {
        var method = Places.Value.GetType("Odd")!.GetMethod("Arm")!;
        var r = CentralDifferenceRunner.Check(method, null, new object[] { Data.ToArray(), 0, 0.6 });
        // k = 0, an array: d0 x.
        Tolerance.AssertFormula(0.6, r.Gradient[0]![0], "Arm dData[0]");
        Tolerance.AssertFormula(0.5, r.Gradient[2]![0], "Arm dX");
    }

    private const string Header = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // The array is the caller's: a write through it would be seen by the sequence path's reads, which a copy would not show.
    [InlineData("", "if (data is double[] arr) { Array.Reverse(arr); return arr[0] + data.Sum(); } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr'")]
    [InlineData("", "if (data is double[] arr) { arr[0] = 1; return arr.Sum(); } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr[0]'")]
    [InlineData("", "if (data is double[] arr) { Array.Sort(arr); return arr[0]; } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr'")]
    // Writes the scan must see however they are spelled: a local function or a lambda capturing the array, a ref local.
    [InlineData("", "if (data is double[] arr) { void Bump() { arr[0] = 5; } Bump(); return data.Sum(); } return 0;", "double[] arr", "whose array 'arr' is then written")]
    [InlineData("", "if (data is double[] arr) { Action bump = () => arr[0] = 5; bump(); return data.Sum(); } return 0;", "double[] arr", "whose array 'arr' is then written")]
    [InlineData("", "if (data is double[] arr) { ref double r = ref arr[0]; r = 5; return data.Sum(); } return 0;", "double[] arr", "whose array 'arr' is then written")]
    // Another type than the element's array: the run-time type would choose the path.
    [InlineData("", "return data is List<double> l ? l[0] : data.Sum();", "List<double> l", "A type test of the sequence 'data', which carries a gradient, for an array")]
    public void OutsideTheDispatch_IsOneADG0003AtThePattern(string helper, string body, string at, string says)
    {
        AtThePattern(helper, body, "ADG0003", at, says);
    }

    [Theory]
    // A plain helper writing its array argument is inlined (idioms14b), so the write is the dispatch's own: in C# Scale
    // changes data, which data.Sum() then reads (f = 4·d0 + 2·d1 at data = (1, 2): 8), while the copy would leave it
    // unchanged (3·d0 + 2·d1: 7). Refused at the pattern, naming the argument written through (as Array.Reverse's above).
    [InlineData("static double Scale(double[] a) { a[0] *= 2; return a[0] + a[1]; }", "return data is double[] arr ? Scale(arr) + data.Sum() : 0;")]
    [InlineData("static void Twice(double[] a) { for (int i = 0; i < a.Length; i++) a[i] *= 2; }", "if (data is double[] arr) { Twice(arr); return data.Sum(); } return 0;")]
    public void APlainHelperWritingTheArray_IsOneADG0003AtThePattern(string helper, string body)
    {
        AtThePattern(helper, body, "ADG0003", "double[] arr", "whose array 'arr' is then written ('arr'");
    }

    private static void AtThePattern(string helper, string body, string id, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + helper + "\n    [Differentiable] public static double F(IEnumerable<double> data) {\n        " + body + "\n    }\n}\n", id, at, says);
    }
}
