using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// "Never a wrong gradient" at extreme arguments: every function of <see cref="ExtremeArgumentCases"/> runs through the
/// generator as a double method, a float method and a generic method over T : IFloatingPointIeee754&lt;T&gt; (at double and
/// float), at huge, tiny, subnormal and near-domain-edge points, in reverse (MBackward), forward (MForward with each unit
/// tangent) and, for the non-generic methods, Hessian mode (MHessian, whose double form is the forward-over-reverse
/// product and whose float form is the second-order forward path). Each partial must be the exact value within a few
/// rounding errors. Where the exact value is beyond the type's range it must be ∞ with the right sign; where it is below
/// the smallest subnormal it must be 0 (or that subnormal). A 0, a NaN or an ∞ where the exact value is representable
/// fails, as does a finite value off by more than the tolerance (cancellation).
/// </summary>
public class ExtremeArgumentTests
{
    private static readonly Lazy<Type> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source()).GetType("Extreme.F", throwOnError: true)!);

    /// <summary>Per function: N_d (double), N_f (float), N_g&lt;T&gt;, with Hessian wrappers N_dH / N_fH taking arrays.</summary>
    private static string Source()
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Numerics;\nusing AutoDiffGen;\n\nnamespace Extreme;\n\npublic static partial class F\n{");
        foreach (var f in ExtremeArgumentCases.All)
        {
            string[] names = f.Arity == 1 ? new[] { "x" } : new[] { "x", "y" };
            string Params(string type) => string.Join(", ", names.Select(n => type + " " + n));
            string Body(string template) => string.Format(System.Globalization.CultureInfo.InvariantCulture, template, names.Cast<object>().ToArray());
            string p = string.Join(", ", names.Select((_, i) => "p[" + i + "]"));
            string pf = string.Join(", ", names.Select((_, i) => "(float)p[" + i + "]"));
            int nn = f.Arity * f.Arity;
            s.AppendLine($"    [Differentiable(Forward = true, Hessian = true)] public static double {f.Name}_d({Params("double")}) => {Body(f.Double)};");
            s.AppendLine($"    public static double {f.Name}_dH(double[] p, double[] h) => {f.Name}_dHessian({p}, h);");
            s.AppendLine($"    [Differentiable(Forward = true, Hessian = true)] public static float {f.Name}_f({Params("float")}) => {Body(f.Float)};");
            s.AppendLine($"    public static double {f.Name}_fH(double[] p, double[] h) {{ Span<float> o = stackalloc float[{nn}]; double v = {f.Name}_fHessian({pf}, o); for (int i = 0; i < {nn}; i++) h[i] = o[i]; return v; }}");
            s.AppendLine($"    [Differentiable(Forward = true)] public static T {f.Name}_g<T>({Params("T")}) where T : IFloatingPointIeee754<T> => {Body(f.Generic)};");
        }
        s.AppendLine("}");
        return s.ToString();
    }

    public static IEnumerable<object[]> Cases() => ExtremeArgumentCases.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public void EveryMode_GivesTheExactDerivative_OrItsOverflowOrUnderflow(string name, string precision)
    {
        var f = ExtremeArgumentCases.All.Single(c => c.Name == name);
        bool single = precision.EndsWith("float", StringComparison.Ordinal);
        bool generic = precision.StartsWith("generic", StringComparison.Ordinal);
        var failures = new List<string>();
        foreach (var point in single ? f.FloatPoints : f.DoublePoints)
        {
            // The point as the type holds it: the exact derivative is taken there.
            double[] x = single ? point.Select(v => (double)(float)v).ToArray() : point;
            var truth = f.Exact(x);
            string at = "(" + string.Join(", ", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + ")";
            // Documented limit (docs/supported.md, "Extreme arguments"): NaN is taken only where the derivative asked for
            // overflows itself. So Divide's ∂/∂x at (1, 1e-160), finite while ∂/∂y overflows, must be right in forward mode,
            // and in Hessian mode an entry whose own value is representable must be right even where another second partial
            // at the point overflows (a zero tangent contributes exactly zero in the forward-over-reverse product).
            void Check(string mode, string what, double expected, double actual)
            {
                bool nanTaken = double.IsNaN(actual) && mode is "forward" or "hessian" && Overflows(expected, single);
                if (!nanTaken && !Agrees(expected, actual, single)) failures.Add($"{name} {precision} {mode} at {at}: {what} = {actual:R}, exact {expected:R}");
            }

            var reverse = Reverse(f, x, single, generic);
            for (int i = 0; i < f.Arity; i++) Check("reverse", "∂" + i, truth.First[i], reverse[i]);
            for (int i = 0; i < f.Arity; i++) Check("forward", "∂" + i, truth.First[i], Forward(f, x, i, single, generic));
            if (!generic && truth.Second is { } second)
            {
                var h = Hessian(f, x, single);
                for (int i = 0; i < f.Arity; i++)
                    for (int j = 0; j < f.Arity; j++)
                        Check("hessian", "∂²" + i + j, second[i, j], h[i * f.Arity + j]);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>
    /// Within a few roundings of the exact value; ∞ of its sign where it overflows the type; 0 or the smallest subnormal where
    /// it underflows. The absolute slack (8 subnormal steps) is what rounding a subnormal result a few times can cost.
    /// </summary>
    private static bool Overflows(double exact, bool single) => Math.Abs(exact) > (single ? float.MaxValue : double.MaxValue);

    private static bool Agrees(double exact, double actual, bool single)
    {
        double max = single ? float.MaxValue : double.MaxValue;
        double tiny = single ? float.Epsilon : double.Epsilon;
        double relative = single ? 4e-6 : 1e-12;
        if (double.IsNaN(actual) || double.IsNaN(exact)) return false;
        if (Math.Abs(exact) > max) return Math.Sign(actual) == Math.Sign(exact) && Math.Abs(actual) >= max / 2;
        return Math.Abs(actual - exact) <= relative * Math.Abs(exact) + 8 * tiny;
    }

    private static Type Type => Compiled.Value;

    private static MethodInfo Find(string name, int parameters, Type? typeArgument)
    {
        var m = Type.GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == name && m.GetParameters().Length == parameters);
        return typeArgument is null ? m : m.MakeGenericMethod(typeArgument);
    }

    private static string Prefix(ExtremeFunction f, bool single, bool generic) => f.Name + (generic ? "_g" : single ? "_f" : "_d");

    private static object Box(double v, bool single) => single ? (object)(float)v : v;

    private static double Unbox(object? v) => v is float s ? s : (double)v!;

    private static double[] Reverse(ExtremeFunction f, double[] x, bool single, bool generic)
    {
        int n = f.Arity;
        var method = Find(Prefix(f, single, generic) + "Backward", 2 * n + 1, generic ? (single ? typeof(float) : typeof(double)) : null);
        var args = x.Select(v => Box(v, single)).Concat(x.Select(_ => Box(0, single))).Append(Box(1, single)).ToArray();
        method.Invoke(null, args);
        return args.Skip(n).Take(n).Select(Unbox).ToArray();
    }

    private static double Forward(ExtremeFunction f, double[] x, int direction, bool single, bool generic)
    {
        int n = f.Arity;
        var method = Find(Prefix(f, single, generic) + "Forward", 2 * n + 1, generic ? (single ? typeof(float) : typeof(double)) : null);
        var args = x.Select(v => Box(v, single)).Concat(Enumerable.Range(0, n).Select(i => Box(i == direction ? 1 : 0, single))).Append(Box(0, single)).ToArray();
        method.Invoke(null, args);
        return Unbox(args[2 * n]);
    }

    private static double[] Hessian(ExtremeFunction f, double[] x, bool single)
    {
        var h = Enumerable.Repeat(double.NaN, f.Arity * f.Arity).ToArray();
        Find(Prefix(f, single, false) + "H", 2, null).Invoke(null, new object[] { x, h });
        return h;
    }
}
