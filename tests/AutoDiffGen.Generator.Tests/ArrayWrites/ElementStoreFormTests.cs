using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ArrayWrites;

/// <summary>
/// The element-store forms Clad's own tests use (PeerSuite/Sources/Clad*.cs), supported since this session: <c>t[i]++</c>
/// as a statement, a store inside an expression (<c>sum += (a[i] += b[i])</c>, <c>x = ++t[0]</c>, <c>t[0] = t[1] = y</c>),
/// an element passed by ref to a [Differentiable] callee (<c>Sq(ref a[i])</c>), ref locals of ref locals and of whole
/// struct locals, and a local <c>double[,]</c> with an initializer. Each against a hand derivation and central
/// differences; random programs over them; and the forms that stay errors, at the offending expression.
/// </summary>
public class ElementStoreFormTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class E
        {
            // t = {1, x, x²}; t[0]++ ... ends t[0] = x + 1 after the sequence below: value x·x + 1.
            [Differentiable]
            public static double Increments(double x, double y)
            {
                double[] t = { 1, x, x * x };
                t[0]++;
                t[1]--;
                ++t[2];
                --t[0];
                return t[0] * t[1] + t[2] * y;          // 1·(x − 1) + (x² + 1)·y
            }

            // The parameter's own elements, incremented in a loop: a[i] + 1 each, squared.
            [Differentiable]
            public static double IncrementsParameter(double[] a)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++)
                {
                    a[i]++;
                    s += a[i] * a[i];
                }
                return s;                                // Σ (a_i + 1)²
            }

            [Differentiable]
            public static double StoreInSum(double[] a, double[] b)
            {
                double sum = 0;
                for (int i = 0; i < 3; i++)
                    sum += (a[i] += b[i]) * b[i];
                return sum + a[0];                       // Σ (a_i + b_i)·b_i + a_0 + b_0
            }

            [Differentiable]
            public static double Chained(double x, double y)
            {
                double[] t = { 1, x, y, 1 };
                t[3] = (y *= (t[0] = t[1] = t[2]));
                return t[3] + t[0] * x + t[1];           // y·y + y·x + y
            }

            [Differentiable]
            public static double PrefixAndPostfix(double x)
            {
                double[] t = { x, x * x };
                double a = t[0]++;                       // a = x, t[0] = x + 1
                double b = ++t[1];                       // b = x² + 1
                double c = t[0]--;                       // c = x + 1, t[0] = x
                return a * b + c * t[0] + t[1];          // x(x² + 1) + (x + 1)x + x² + 1
            }

            [Differentiable]
            public static double Sq(ref double e)
            {
                e = e * e;
                return e;
            }

            [Differentiable]
            public static void Set(ref double e, double v) { e = v * 3; }

            [Differentiable]
            public static double SquaresInPlace(double[] arr, int n)
            {
                double res = 0;
                for (int i = 0; i < n; ++i) res += Sq(ref arr[i]) + arr[i];
                return res;                              // Σ 2·a_i² over the first n
            }

            [Differentiable]
            public static double SetLocalElements(double x, double y)
            {
                double[] t = new double[3];
                for (int k = 0; k < 3; ++k) Set(ref t[k], x * (k + 1));
                t[1] *= y;
                return t[0] + t[1] + t[2];               // 3x + 6xy + 9x
            }

            [Differentiable]
            public static double RefOfRef(double i, double j)
            {
                ref double a = ref i;
                ref double b = ref a;
                ref double c = ref b;
                c *= 4 * j;
                b += i;
                return i;                                // 8ij
            }

            public struct Pair { public double A; public double B; }

            [Differentiable]
            public static double StructRef(double x, double y)
            {
                Pair p;
                p.A = x * y;
                p.B = x + y;
                ref Pair r = ref p;
                r.A *= 2;
                return r.A * p.B;                        // 2xy(x + y)
            }

            // Was StructDiagnosticTests' refused ref local: a ref local of a whole struct local.
            [Differentiable]
            public static float StructRefVector(System.Numerics.Vector2 v, float k) { var w = v; ref var r = ref w; r.X *= k; return w.X + r.Y; }

            // Was GridDiagnosticTests' refused a[0, 0]++, on a local double[,].
            [Differentiable]
            public static double GridIncrement(double x, double y)
            {
                double[,] m = new double[1, 2];
                m[0, 0] = x;
                m[0, 1] = y;
                m[0, 0]++;
                return m[0, 1] * m[0, 0];                // y(x + 1)
            }

            [Differentiable]
            public static double GridInitializer(double a, double b, double c, double d)
            {
                double[,] m = { { a, b }, { c, d * d } };
                double[,] k = { { 1, 2 }, { 3, 4 } };
                double s = 0;
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 2; j++)
                        s += m[i, j] * k[j, i];
                return s;                                // a + 3b + 2c + 4d²
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Get(string name) => Compiled.Value.GetType("E")!.GetMethod(name)!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) => CentralDifferenceRunner.Check(Get(name), null, point);

    /// <summary>
    /// For a method that writes its array parameters, whose adjoints are in/out (docs/ref-out.md): the gradient with zero
    /// adjoints and seed 1, each component against central differences of the result; returned per parameter.
    /// </summary>
    private static double[][] CheckWritten(string name, params object[] point)
    {
        var method = Get(name);
        var backward = method.DeclaringType!.GetMethod(name + "Backward")!;
        var ps = method.GetParameters();
        var args = point.Select(Copy).ToList();
        var slots = new List<int>();
        foreach (var (p, i) in ps.Select((p, i) => (p, i)))
        {
            if (p.ParameterType == typeof(double)) { slots.Add(args.Count); args.Add(0.0); }
            else if (p.ParameterType == typeof(double[])) { slots.Add(args.Count); args.Add(new double[((double[])point[i]).Length]); }
            else slots.Add(-1);
        }
        args.Add(1.0);
        var all = args.ToArray();
        backward.Invoke(null, all);
        double F(object[] at) => (double)method.Invoke(null, at.Select(Copy).ToArray())!;
        var gradient = new double[ps.Length][];
        for (int i = 0; i < ps.Length; i++)
        {
            if (slots[i] < 0) { gradient[i] = []; continue; }
            gradient[i] = all[slots[i]] is double[] g ? g.ToArray() : [(double)all[slots[i]]!];
            for (int j = 0; j < gradient[i].Length; j++)
            {
                const double h = 1e-6;
                var plus = point.Select(Copy).ToArray();
                var minus = point.Select(Copy).ToArray();
                if (plus[i] is double[] up) { up[j] += h; ((double[])minus[i])[j] -= h; } else { plus[i] = (double)plus[i] + h; minus[i] = (double)minus[i] - h; }
                Tolerance.AssertCentral((F(plus) - F(minus)) / (2 * h), gradient[i][j], F(point), name + ": d/d" + ps[i].Name + "[" + j + "]");
            }
        }
        return gradient;
    }

    private static object Copy(object o) => o is Array a ? a.Clone() : o;

    [Fact]
    public void IncrementsOfLocalElements()
    {
        double x = 1.3, y = 0.7;
        var r = Check("Increments", x, y);
        Tolerance.AssertFormula(x - 1 + (x * x + 1) * y, r.Value);
        Tolerance.AssertFormula(1 + 2 * x * y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(x * x + 1, r.Gradient[1]![0]);
    }

    [Fact]
    public void IncrementsOfParameterElements()
    {
        var a = new[] { 0.5, -1.25, 2.0 };
        var g = CheckWritten("IncrementsParameter", (object)a.Clone());
        for (int i = 0; i < 3; i++) Tolerance.AssertFormula(2 * (a[i] + 1), g[0][i]);
    }

    [Fact]
    public void StoreInsideASum()
    {
        var a = new[] { 0.5, 1.5, -0.75 };
        var b = new[] { 2.0, -0.5, 1.25 };
        var g = CheckWritten("StoreInSum", a.Clone(), b.Clone());
        for (int i = 0; i < 3; i++)
        {
            Tolerance.AssertFormula(b[i] + (i == 0 ? 1 : 0), g[0][i]);
            Tolerance.AssertFormula(a[i] + 2 * b[i] + (i == 0 ? 1 : 0), g[1][i]);
        }
    }

    [Fact]
    public void ChainedElementAssignments()
    {
        double x = 3, y = 4;
        var r = Check("Chained", x, y);
        Tolerance.AssertFormula(y * y + y * x + y, r.Value);
        Tolerance.AssertFormula(y, r.Gradient[0]![0]);
        Tolerance.AssertFormula(2 * y + x + 1, r.Gradient[1]![0]);
    }

    [Fact]
    public void PrefixAndPostfixReadTheRightVersion()
    {
        double x = 1.7;
        var r = Check("PrefixAndPostfix", x);
        Tolerance.AssertFormula(x * (x * x + 1) + (x + 1) * x + x * x + 1, r.Value);
        Tolerance.AssertFormula(3 * x * x + 1 + 2 * x + 1 + 2 * x, r.Gradient[0]![0]);
    }

    [Fact]
    public void ElementsPassedByRef()
    {
        var a = new[] { 1.0, 2.0, 3.0, 4.0, 5.0 };
        var g = CheckWritten("SquaresInPlace", a.Clone(), 3);
        for (int i = 0; i < 5; i++) Tolerance.AssertFormula(i < 3 ? 4 * a[i] : 0, g[0][i]);
        double x = 0.9, y = -1.4;
        var s = Check("SetLocalElements", x, y);
        Tolerance.AssertFormula(3 + 6 * y + 9, s.Gradient[0]![0]);
        Tolerance.AssertFormula(6 * x, s.Gradient[1]![0]);
    }

    [Fact]
    public void RefLocalsOfRefLocalsAndOfStructs()
    {
        var r = Check("RefOfRef", 3.0, 4.0);
        Tolerance.AssertFormula(96, r.Value);
        Tolerance.AssertFormula(32, r.Gradient[0]![0]);
        Tolerance.AssertFormula(24, r.Gradient[1]![0]);
        double x = 1.5, y = 0.25;
        var s = Check("StructRef", x, y);
        Tolerance.AssertFormula(2 * y * (x + y) + 2 * x * y, s.Gradient[0]![0]);
        Tolerance.AssertFormula(2 * x * (x + y) + 2 * x * y, s.Gradient[1]![0]);
    }

    [Fact]
    public void RefLocalOfAVectorLocal()
    {
        var v = new System.Numerics.Vector2(1.5f, -0.5f);
        var r = Check("StructRefVector", v, 2.5f);
        Assert.Equal(v.X * 2.5f + v.Y, r.Value, 5);
        Assert.Equal(new[] { 2.5, 1.0 }, r.Gradient[0]!.Select(g => Math.Round(g, 4)).ToArray());
        Assert.Equal(v.X, r.Gradient[1]![0], 4);
    }

    [Fact]
    public void IncrementOfAGridElement()
    {
        var r = Check("GridIncrement", 0.75, -1.5);
        Tolerance.AssertFormula(-1.5 * 1.75, r.Value);
        Tolerance.AssertFormula(-1.5, r.Gradient[0]![0]);
        Tolerance.AssertFormula(1.75, r.Gradient[1]![0]);
    }

    [Fact]
    public void LocalGridWithAnInitializer()
    {
        var r = Check("GridInitializer", 1.0, 2.0, 3.0, 0.5);
        Tolerance.AssertFormula(1 + 6 + 6 + 1, r.Value);
        Assert.Equal(new[] { 1.0 }, r.Gradient[0]);
        Assert.Equal(new[] { 3.0 }, r.Gradient[1]);
        Assert.Equal(new[] { 2.0 }, r.Gradient[2]);
        Tolerance.AssertFormula(8 * 0.5, r.Gradient[3]![0]);
    }

    private static Diagnostic Only(string member, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { " +
            "[Differentiable] public static double Sq(ref double e) { e = e * e; return e; } " +
            "[Differentiable] public static double SqPlus(ref double e, double[] w) { e = e * w[0]; return e; } " + member + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.Generated.Keys, k => k.StartsWith("C.F", StringComparison.Ordinal));
        Assert.Empty(result.CompileDiagnostics);
        var d = Assert.Single(result.GeneratorDiagnostics.Concat(result.AnalyzerDiagnostics), d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal(id, d.Id);
        Assert.Equal(underlined, d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Theory]
    // The callee also sees the array: copying the element in and out would differ from passing the slot.
    [InlineData("[Differentiable] public static double F(double[] a) => SqPlus(ref a[1], a);", "ADG0003", "a[1]")]
    // A [NoDiff] array has no adjoint for the element's new value.
    [InlineData("[Differentiable] public static double F(double x, [NoDiff] double[] a) { a[0] = 2; return Sq(ref a[0]) * x; }", "ADG0003", "ref a[0]")]
    // A store on only some paths of an expression that is not a short-circuit or ?: (which are branches: ShortCircuits/ShortCircuitTests).
    [InlineData("[Differentiable] public static double F(double x, double[] a) { double s = x switch { > 0 => a[0] = x, _ => x }; return s + a[0]; }", "ADG0003", "a[0] = x")]
    public void FormsThatStayErrors(string member, string id, string underlined) => Only(member, id, underlined);

    /// <summary>
    /// Random straight-line and looped programs over two local arrays (one built from an array parameter), mixing every new form with
    /// the plain ones; each must compile warning-free and match central differences (seeded, so a failure reproduces).
    /// </summary>
    [Fact]
    public void RandomElementStorePrograms()
    {
        const int Programs = 60;
        var random = new Random(20261202);
        var source = new StringBuilder("using System; using AutoDiffGen; public static partial class R {\n");
        source.Append("[Differentiable] public static double Sq(ref double e) { e = e * e + 0.5; return e; }\n");
        source.Append("[Differentiable] public static void Twice(ref double e, double v) { e = 2 * e + v; }\n");
        string[] forms =
        [
            "t[{i}]++;", "t[{i}]--;", "++t[{j}];", "a[{i}]++;", "--a[{j}];",
            "t[{i}] += a[{j}] * x;", "a[{i}] *= t[{j}];",
            "s += (t[{i}] += a[{j}]) * y;", "s += (a[{i}] *= 0.5 + x * x);", "s += t[{i}]++ * x;", "s += ++a[{i}] * y;",
"t[{i}] = t[{j}] = s * 0.25 + x;", "s = (a[{i}] = t[{j}] * y) + s;",
            "s += Sq(ref t[{i}]);", "s += Sq(ref a[{i}]) * 0.1;", "Twice(ref t[{i}], a[{j}]);", "Twice(ref a[{i}], y);",
            "s += t[{i}] * a[{j}];", "x = x * 0.9 + t[{i}] * 0.1;",
        ];
        var texts = new List<string>();
        for (int p = 0; p < Programs; p++)
        {
            int start = source.Length;
            source.Append("[Differentiable] public static double P").Append(p).Append("(double x, double y, double[] p) {\n");
            // Local arrays only: a written array parameter's adjoint is in/out (docs/ref-out.md), which the runner's
            // preloaded-adjoint check does not model; the hand tests above cover writes into parameters.
            source.Append("  double s = 0; double[] t = { x, y, x * y }; double[] a = { p[0], p[1] * p[0], p[2] };\n");
            bool loop = random.Next(3) == 0;
            if (loop) source.Append("  for (int k = 0; k < 2; k++) {\n");
            int statements = 3 + random.Next(5);
            for (int s = 0; s < statements; s++)
            {
                string form = forms[random.Next(forms.Length)];
                source.Append("  ").Append(form.Replace("{i}", random.Next(3).ToString(), StringComparison.Ordinal).Replace("{j}", random.Next(3).ToString(), StringComparison.Ordinal)).Append('\n');
            }
            if (loop) source.Append("  }\n");
            source.Append("  return s + t[0] * t[1] + t[2] + a[0] * a[1] + a[2] + x * y;\n}\n");
            texts.Add(source.ToString(start, source.Length - start));
        }
        source.Append('}');
        if (Environment.GetEnvironmentVariable("AUTODIFFGEN_ELEMENT_PROGRAMS") is { Length: > 0 } dump) File.WriteAllText(dump, source.ToString());
        var assembly = GeneratorHarness.CompileAndLoad(source.ToString());
        var type = assembly.GetType("R")!;
        for (int p = 0; p < Programs; p++)
        {
            var method = type.GetMethod("P" + p)!;
            double x = 0.3 + 0.9 * random.NextDouble(), y = 0.2 + 0.8 * random.NextDouble();
            var a = new[] { 0.2 + random.NextDouble(), 0.3 + random.NextDouble(), 0.1 + random.NextDouble() };
            try
            {
                CentralDifferenceRunner.Check(method, null, new object[] { x, y, a });
            }
            catch (Exception e)
            {
                throw new Xunit.Sdk.XunitException(e.Message + "\n" + texts[p]);
            }
        }
    }
}
