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

    private const string Header = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // The array is the caller's: a write through it would be seen by the sequence path's reads, which a copy would not show.
    [InlineData("", "if (data is double[] arr) { Array.Reverse(arr); return arr[0] + data.Sum(); } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr'")]
    [InlineData("", "if (data is double[] arr) { arr[0] = 1; return arr.Sum(); } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr[0]'")]
    [InlineData("", "if (data is double[] arr) { Array.Sort(arr); return arr[0]; } return data.Sum();", "double[] arr", "whose array 'arr' is then written ('arr'")]
    // Another type than the element's array: the run-time type would choose the path.
    [InlineData("", "return data is List<double> l ? l[0] : data.Sum();", "List<double> l", "A type test of the sequence 'data', which carries a gradient, for an array")]
    public void OutsideTheDispatch_IsOneADG0003AtThePattern(string helper, string body, string at, string says)
    {
        AtThePattern(helper, body, "ADG0003", at, says);
    }

    [Fact]
    public void APlainHelperWritingTheArray_IsOneADG0004AtTheCall()
    {
        // The helper's own refusal (it writes into its array argument) says it at the call.
        AtThePattern("static double Scale(double[] a) { a[0] *= 2; return a[0] + a[1]; }", "return data is double[] arr ? Scale(arr) + data.Sum() : 0;", "ADG0004", "Scale(arr)", "writes into an element of its array argument 'a'");
    }

    private static void AtThePattern(string helper, string body, string id, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + helper + "\n    [Differentiable] public static double F(IEnumerable<double> data) {\n        " + body + "\n    }\n}\n", id, at, says);
    }
}
