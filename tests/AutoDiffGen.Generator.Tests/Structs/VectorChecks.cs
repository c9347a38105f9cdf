using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Checks a vector-valued [Differentiable] method (it returns a struct or tuple of reals) through reflection: the
/// Jacobian J (m result components × n differentiable scalars) by central differences; MBackward with each unit
/// dResult gives a row of J and with a random dResult gives dResultᵀ·J, adding into preloaded adjoints; MForward
/// (when generated) with each unit tangent gives a column of J and with a random tangent gives J·t; both return the
/// method's value. Parameters: double, float, real structs (each member a scalar), and anything else passed through.
/// </summary>
public static class VectorChecks
{
    /// <summary>J by central differences, J from MBackward's rows, and J from MForward's columns (null without MForward).</summary>
    public sealed record Jacobians(double[,] Numeric, double[,] Reverse, double[,]? Forward);

    public static Jacobians Check(MethodInfo method, object[] point, int seed = 1)
    {
        var ps = method.GetParameters();
        var active = ps.Select(CentralDifferenceRunner.IsDifferentiated).ToArray();
        bool floats = Floats(method);
        object value = method.Invoke(null, point.ToArray())!;
        double[] r = Scalars(value);
        int m = r.Length;
        var inputs = new List<(int Param, int Component)>();
        for (int i = 0; i < ps.Length; i++)
        {
            if (active[i]) inputs.AddRange(Enumerable.Range(0, Scalars(point[i]).Length).Select(j => (i, j)));
        }
        int n = inputs.Count;

        var numeric = new double[m, n];
        for (int col = 0; col < n; col++)
        {
            var (pi, cj) = inputs[col];
            double h = floats ? 1e-2 : 1e-6;
            var up = With(point, pi, Perturb(point[pi], cj, h, out double a));
            var down = With(point, pi, Perturb(point[pi], cj, -h, out double b));
            var fu = Scalars(method.Invoke(null, up)!);
            var fd = Scalars(method.Invoke(null, down)!);
            for (int row = 0; row < m; row++) numeric[row, col] = (fu[row] - fd[row]) / (a - b);
        }

        var type = method.DeclaringType!;
        var backward = type.GetMethod(method.Name + "Backward") ?? throw new Xunit.Sdk.XunitException(method.Name + "Backward was not generated");
        var reverse = new double[m, n];
        for (int row = 0; row < m; row++)
        {
            var (returned, gradient) = Backward(backward, point, active, Unit(value, row), preload: 0);
            AssertSame(value, returned, floats, "Backward's value");
            for (int col = 0; col < n; col++) reverse[row, col] = gradient[col];
        }
        AssertClose(numeric, reverse, floats, method.Name + ": MBackward row vs central differences", r);

        // A random combination of the rows, into preloaded adjoints: dResultᵀ·J is added, never overwritten.
        var random = new Random(seed);
        var w = Enumerable.Range(0, m).Select(_ => random.NextDouble() * 2 - 1).ToArray();
        var (_, combined) = Backward(backward, point, active, Mapped(value, k => w[k]), preload: 0.5);
        for (int col = 0; col < n; col++)
        {
            double expected = Enumerable.Range(0, m).Sum(row => w[row] * reverse[row, col]);
            Tolerance.AssertClose(expected, combined[col], (floats ? 1e-4 : 1e-12) * (1 + Math.Abs(expected)) * 8, method.Name + ": dResultᵀ·J added to a preloaded adjoint, input " + col);
        }

        double[,]? forward = null;
        if (type.GetMethod(method.Name + "Forward") is { } fwd)
        {
            forward = new double[m, n];
            for (int col = 0; col < n; col++)
            {
                var t = new double[n];
                t[col] = 1;
                var (returned, tangent) = Forward(fwd, point, active, t);
                AssertSame(value, returned, floats, "Forward's value");
                for (int row = 0; row < m; row++) forward[row, col] = tangent[row];
            }
            AssertClose(numeric, forward, floats, method.Name + ": MForward column vs central differences", r);
            var tr = Enumerable.Range(0, n).Select(_ => random.NextDouble() * 2 - 1).ToArray();
            var (_, jt) = Forward(fwd, point, active, tr);
            for (int row = 0; row < m; row++)
            {
                double expected = Enumerable.Range(0, n).Sum(col => reverse[row, col] * tr[col]);
                Tolerance.AssertClose(expected, jt[row], (floats ? 1e-4 : 1e-12) * (1 + Math.Abs(expected)) * 8, method.Name + ": J·t by MForward vs MBackward's rows, component " + row);
            }
        }
        if (type.GetMethod(method.Name + "Jacobian") is { } dense)
        {
            // MJacobian writes every entry (the span starts at NaN here): row-major, equal to MBackward's rows.
            var element = dense.GetParameters()[^1].ParameterType;
            var values = DenseJacobian(dense, point, m * n, element == typeof(Span<float>));
            AssertSame(value, values.Value, floats, "MJacobian's value");
            for (int row = 0; row < m; row++)
            {
                for (int col = 0; col < n; col++)
                {
                    Tolerance.AssertClose(reverse[row, col], values.Entries[(row * n) + col], (element == typeof(Span<float>) ? 1e-6 : 1e-15) * (1 + Math.Abs(reverse[row, col])), method.Name + ": MJacobian [" + row + ", " + col + "]");
                }
            }
            Xunit.Assert.Throws<TargetInvocationException>(() => DenseJacobian(dense, point, (m * n) + 1, element == typeof(Span<float>)));
        }
        return new Jacobians(numeric, reverse, forward);
    }

    /// <summary>MJacobian through reflection: a span cannot be boxed, so a delegate over an array does the call.</summary>
    private static (object Value, double[] Entries) DenseJacobian(MethodInfo dense, object[] point, int length, bool floats)
    {
        var ps = dense.GetParameters();
        var args = System.Linq.Expressions.Expression.Parameter(typeof(object[]), "args");
        var array = System.Linq.Expressions.Expression.Parameter(floats ? typeof(float[]) : typeof(double[]), "array");
        var spanType = floats ? typeof(Span<float>) : typeof(Span<double>);
        var call = System.Linq.Expressions.Expression.Call(dense,
            ps.Take(ps.Length - 1).Select((p, i) => (System.Linq.Expressions.Expression)System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.ArrayIndex(args, System.Linq.Expressions.Expression.Constant(i)), p.ParameterType))
                .Append(System.Linq.Expressions.Expression.New(spanType.GetConstructor(new[] { array.Type })!, array)));
        var body = System.Linq.Expressions.Expression.Convert(call, typeof(object));
        if (floats)
        {
            var entries = Enumerable.Repeat(float.NaN, length).ToArray();
            var f = System.Linq.Expressions.Expression.Lambda<Func<object[], float[], object>>(body, args, array).Compile();
            object v = Invoke(() => f(point, entries));
            return (v, entries.Select(e => (double)e).ToArray());
        }
        else
        {
            var entries = Enumerable.Repeat(double.NaN, length).ToArray();
            var f = System.Linq.Expressions.Expression.Lambda<Func<object[], double[], object>>(body, args, array).Compile();
            object v = Invoke(() => f(point, entries));
            return (v, entries);
        }
    }

    /// <summary>An exception from the generated code, wrapped as reflection would wrap it.</summary>
    private static object Invoke(Func<object> call)
    {
        try
        {
            return call();
        }
        catch (Exception e) when (e is not TargetInvocationException)
        {
            throw new TargetInvocationException(e);
        }
    }

    public static bool Floats(MethodInfo method) =>
        RealStructs.HasFloat(method.ReturnType) || method.GetParameters().Any(p => p.ParameterType == typeof(float) || RealStructs.HasFloat(p.ParameterType));

    /// <summary>A hand-derived Jacobian against one computed.</summary>
    public static void AssertHand(double[,] hand, double[,] actual, bool floats, string what)
    {
        for (int i = 0; i < hand.GetLength(0); i++)
        {
            for (int j = 0; j < hand.GetLength(1); j++)
            {
                Tolerance.AssertClose(hand[i, j], actual[i, j], (floats ? 1e-5 : 1e-12) * 16 * (1 + Math.Abs(hand[i, j])), what + " [" + i + ", " + j + "]");
            }
        }
    }

    private static void AssertClose(double[,] numeric, double[,] analytic, bool floats, string what, double[] r)
    {
        double magnitude = r.Select(Math.Abs).DefaultIfEmpty(0).Max();
        for (int i = 0; i < numeric.GetLength(0); i++)
        {
            for (int j = 0; j < numeric.GetLength(1); j++)
            {
                string at = what + " [" + i + ", " + j + "]";
                if (floats) Tolerance.AssertClose(numeric[i, j], analytic[i, j], 2e-3 + (2e-2 * Math.Abs(numeric[i, j])), at);
                else Tolerance.AssertCentral(numeric[i, j], analytic[i, j], magnitude, at);
            }
        }
    }

    private static void AssertSame(object expected, object actual, bool floats, string what)
    {
        var e = Scalars(expected);
        var a = Scalars(actual);
        Xunit.Assert.Equal(expected.GetType(), actual.GetType());
        for (int k = 0; k < e.Length; k++) Tolerance.AssertClose(e[k], a[k], (floats ? 1e-6 : 1e-14) * 64 * Math.Max(1, Math.Abs(e[k])), what + " component " + k);
    }

    private static object Unit(object like, int k) => Mapped(like, i => i == k ? 1 : 0);

    /// <summary>A value of <paramref name="like"/>'s type (a scalar, struct or tuple) whose component k is <paramref name="map"/>(k).</summary>
    private static object Mapped(object like, Func<int, double> map) => like switch
    {
        double => map(0),
        float => (float)map(0),
        _ => RealStructs.Map(like, (k, _) => map(k)),
    };

    /// <summary>MBackward with zeroed (or preloaded) adjoints: the value and what it added, flattened over the differentiable scalars.</summary>
    private static (object Value, double[] Gradient) Backward(MethodInfo backward, object[] point, bool[] active, object dResult, double preload)
    {
        var args = point.ToList();
        var slots = new List<int>();
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            slots.Add(args.Count);
            args.Add(Filled(point[i], preload));
        }
        args.Add(dResult);
        var all = args.ToArray();
        object value = backward.Invoke(null, all)!;
        return (value, slots.SelectMany(s => Scalars(all[s]).Select(g => g - preload)).ToArray());
    }

    /// <summary>MForward with the flattened tangent <paramref name="t"/>: the value and tResult's components.</summary>
    private static (object Value, double[] Tangent) Forward(MethodInfo forward, object[] point, bool[] active, double[] t)
    {
        var args = point.ToList();
        int k = 0;
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            int start = k;
            args.Add(point[i] switch
            {
                double => t[k++],
                float => (object)(float)t[k++],
                _ => RealStructs.Map(point[i], (j, _) => t[start + j]),
            });
            if (point[i] is not (double or float)) k += Scalars(point[i]).Length;
        }
        args.Add(null!);
        var all = args.ToArray();
        object value = forward.Invoke(null, all)!;
        return (value, Scalars(all[^1]));
    }

    private static double[] Scalars(object v) => v switch
    {
        double d => new[] { d },
        float s => new double[] { s },
        double[] a => a.ToArray(),
        float[] a => a.Select(x => (double)x).ToArray(),
        _ => RealStructs.Components(v),
    };

    private static object Filled(object like, double value) => like switch
    {
        double => value,
        float => (float)value,
        double[] a => Enumerable.Repeat(value, a.Length).ToArray(),
        float[] a => Enumerable.Repeat((float)value, a.Length).ToArray(),
        _ => RealStructs.Map(like, (_, _) => value),
    };

    private static object Perturb(object v, int j, double h, out double at)
    {
        switch (v)
        {
            case double d: at = d + h; return at;
            case float s: { float x = (float)(s + h); at = x; return x; }
            case double[] a: { var c = a.ToArray(); c[j] += h; at = c[j]; return c; }
            case float[] a: { var c = a.ToArray(); c[j] = (float)(c[j] + h); at = c[j]; return c; }
            default:
                {
                    var moved = RealStructs.Map(v, (k, x) => k == j ? x + h : x);
                    at = RealStructs.Components(moved)[j];
                    return moved;
                }
        }
    }

    private static object[] With(object[] point, int i, object value)
    {
        var copy = (object[])point.Clone();
        copy[i] = value;
        return copy;
    }
}
