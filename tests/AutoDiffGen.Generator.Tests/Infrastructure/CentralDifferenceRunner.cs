using System.Reflection;
using AutoDiffGen.Tensors;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// Checks any compiled [Differentiable] method's generated Backward against central differences, through
/// reflection: parameters may be double, float, double[], float[], double[,], float[,], double[][], float[][], Complex[] (its parts
/// in element order, Re then Im), arrays of structs of reals (Vector3[]: each element's components in turn) or Tensor (differentiated unless [NoDiff])
/// or List<double>/List<float> (for a List, IList or IReadOnlyList parameter: its adjoint a T[] of its Count)
/// and anything else (int, int[], [NoDiff] values), which is passed through. Spans cannot be boxed, so
/// span methods need a delegate of their own.
/// </summary>
public static partial class CentralDifferenceRunner
{
    /// <summary>The value and the gradient Backward added with seed 1, one array per differentiable parameter (null for the others).</summary>
    public sealed record Result(double Value, double[]?[] Gradient);

    /// <summary>
    /// Runs <paramref name="method"/>'s Backward at <paramref name="point"/> and asserts: it returns the primal value;
    /// each component of the gradient matches central differences; and with preloaded adjoints and seed 2 it adds
    /// 2·gradient to what was there (the contract: it never overwrites).
    /// </summary>
    public static Result Check(MethodInfo method, object? receiver, object[] point)
    {
        using var _ = HarnessProfile.Time("central differences (Check)");
        var (ps, active, type, backward, floats) = Prepare(method);

        double f = Primal(method, receiver, point);
        var (value, gradient) = Backward(backward, receiver, point, active, preload: 0, seed: 1);
        AssertValue(f, value, floats);

        for (int i = 0; i < ps.Length; i++)
        {
            if (!active[i]) continue;
            double[] components = Components(point[i]);
            for (int j = 0; j < components.Length; j++)
            {
                // float: a large step, measured after rounding the perturbed inputs; double: 1e-6.
                double h = floats ? 1e-2 : 1e-6;
                var plus = With(point, i, Perturb(point[i], j, h, out double up));
                var minus = With(point, i, Perturb(point[i], j, -h, out double down));
                double numeric = (Primal(method, receiver, plus) - Primal(method, receiver, minus)) / (up - down);
                string what = $"{type.Name}.{method.Name}: d/d{ps[i].Name}{(point[i] is Array or Tensor or System.Collections.IList ? "[" + j + "]" : "")}";
                if (floats)
                {
                    // As TensorMethodTests: truncation h²·|f‴|/6 and float rounding of f divided by 2h.
                    Tolerance.AssertClose(numeric, gradient[i]![j], 2e-3 + (2e-2 * Math.Abs(numeric)), what);
                }
                else
                {
                    Tolerance.AssertCentral(numeric, gradient[i]![j], f, what);
                }
            }
        }

        var (_, added) = Backward(backward, receiver, point, active, preload: 0.5, seed: 2);
        for (int i = 0; i < ps.Length; i++)
        {
            if (!active[i]) continue;
            for (int j = 0; j < added[i]!.Length; j++)
            {
                // Backward already subtracted the preload: what is left is what this call added.
                double expected = 2 * gradient[i]![j];
                double tolerance = (floats ? Tolerance.Float : Tolerance.Double) * 8 * (1 + Math.Abs(expected));
                Tolerance.AssertClose(expected, added[i]![j], tolerance, $"{type.Name}.{method.Name}: adjoint {ps[i].Name}[{j}] preloaded with 0.5, seed 2");
            }
        }
        return new Result(value, gradient);
    }

    /// <summary>
    /// The method's parameters, which are differentiated, its type, its Backward, and whether it computes in float (a
    /// float result, float or tensor parameters: checked with float steps and tolerances).
    /// </summary>
    private static (ParameterInfo[] Parameters, bool[] Active, Type Type, MethodInfo Backward, bool Floats) Prepare(MethodInfo method)
    {
        var ps = method.GetParameters();
        var active = ps.Select(IsDifferentiated).ToArray();
        var type = method.DeclaringType!;
        var backward = type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .SingleOrDefault(b => b.Name == method.Name + "Backward" && b.GetParameters().Length == ps.Length + active.Count(a => a) + 1)
            ?? throw new Xunit.Sdk.XunitException($"{type.Name}.{method.Name}Backward with the contract's shape was not generated");
        // A generic method (generic math) closed at T: its Backward is closed at the same T.
        if (backward.IsGenericMethodDefinition && method.IsGenericMethod) backward = backward.MakeGenericMethod(method.GetGenericArguments());
        bool floats = method.ReturnType == typeof(float) || ps.Any(p => Element(p.ParameterType) == typeof(float) || RealStructs.HasFloat(p.ParameterType) || StructArray(p.ParameterType) && RealStructs.HasFloat(p.ParameterType.GetElementType()!));
        return (ps, active, type, backward, floats);
    }

    /// <summary>Differentiated: a real, real array or tensor without [NoDiff].</summary>
    public static bool IsDifferentiated(ParameterInfo p) =>
        (Element(p.ParameterType) is { } e && (e == typeof(double) || e == typeof(float)) || RealStructs.Is(p.ParameterType) || StructArray(p.ParameterType)) &&
        !p.CustomAttributes.Any(a => a.AttributeType.Name == "NoDiffAttribute");

    /// <summary>A one-dimensional array of Complex or of a struct of reals (Vector3[], Particle[]).</summary>
    private static bool StructArray(Type t) => t.IsArray && t.GetArrayRank() == 1 && RealStructs.Is(t.GetElementType()!);

    private static Type? Element(Type t) => t == typeof(Tensor) ? typeof(float) : Grids.IsType(t) ? Grids.Element(t) : t.IsArray ? t.GetElementType() : IsListType(t) ? t.GetGenericArguments()[0] : t;

    /// <summary>
    /// List&lt;T&gt;, IList&lt;T&gt; or IReadOnlyList&lt;T&gt;: a list parameter, whose adjoint is a T[] of its Count; IEnumerable&lt;T&gt;,
    /// ICollection&lt;T&gt; or IReadOnlyCollection&lt;T&gt;: a sequence parameter (passed a List), its adjoint in enumeration order.
    /// </summary>
    private static bool IsListType(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var g && (g == typeof(List<>) || g == typeof(IList<>) || g == typeof(IReadOnlyList<>)
            || g == typeof(IEnumerable<>) || g == typeof(ICollection<>) || g == typeof(IReadOnlyCollection<>));

    private static double Primal(MethodInfo method, object? receiver, object[] point)
    {
        using var _ = HarnessProfile.Time("reflection invoke (in Check)");
        return Convert.ToDouble(method.Invoke(receiver, point.Select(Copy).ToArray()));
    }

    private static (double Value, double[]?[] Gradient) Backward(MethodInfo backward, object? receiver, object[] point, bool[] active, double preload, double seed)
    {
        var args = point.Select(Copy).ToList();
        var slots = new List<int>();
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            slots.Add(args.Count);
            args.Add(Adjoint(point[i], preload));
        }
        args.Add(backward.ReturnType == typeof(float) ? (object)(float)seed : seed);
        var all = args.ToArray();
        double value;
        using (HarnessProfile.Time("reflection invoke (in Check)"))
        {
            value = Convert.ToDouble(backward.Invoke(receiver, all));
        }
        var gradient = new double[]?[point.Length];
        int k = 0;
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            gradient[i] = Components(all[slots[k++]]).Select(g => g - preload).ToArray();
        }
        return (value, gradient);
    }

    private static void AssertValue(double primal, double backward, bool floats)
    {
        double tolerance = (floats ? Tolerance.Float : Tolerance.Double) * 64 * Math.Max(1, Math.Abs(primal));
        Tolerance.AssertClose(primal, backward, tolerance, "Backward's returned value against the method's");
    }

    /// <summary>An adjoint of the parameter's shape, every component set to <paramref name="value"/>.</summary>
    private static object Adjoint(object parameter, double value) => parameter switch
    {
        // A null array the method accepts: its adjoint may be null too.
        null => null!,
        double => value,
        float => (float)value,
        double[] a => Enumerable.Repeat(value, a.Length).ToArray(),
        float[] a => Enumerable.Repeat((float)value, a.Length).ToArray(),
        List<double> l => Enumerable.Repeat(value, l.Count).ToArray(),
        List<float> l => Enumerable.Repeat((float)value, l.Count).ToArray(),
        System.Numerics.Complex[] a => Enumerable.Repeat(new System.Numerics.Complex(value, value), a.Length).ToArray(),
        Tensor t => Like(t, Enumerable.Repeat((float)value, t.ToArray().Length).ToArray()),
        _ when Grids.Is(parameter) => Grids.Map(parameter, (_, _) => value),
        _ when RealStructs.Is(parameter.GetType()) => RealStructs.Map(parameter, (_, _) => value),
        Array a when StructArray(a.GetType()) => MapElements(a, e => RealStructs.Map(e, (_, _) => value)),
        _ => throw new ArgumentException("no adjoint for " + parameter.GetType()),
    };

    private static double[] Components(object value) => value switch
    {
        null => Array.Empty<double>(),
        double d => new[] { d },
        float s => new double[] { s },
        double[] a => a.ToArray(),
        float[] a => a.Select(v => (double)v).ToArray(),
        List<double> l => l.ToArray(),
        List<float> l => l.Select(v => (double)v).ToArray(),
        System.Numerics.Complex[] a => a.SelectMany(c => new[] { c.Real, c.Imaginary }).ToArray(),
        Tensor t => t.ToArray().Select(v => (double)v).ToArray(),
        _ when Grids.Is(value) => Grids.Components(value),
        _ when RealStructs.Is(value.GetType()) => RealStructs.Components(value),
        Array a when StructArray(a.GetType()) => a.Cast<object>().SelectMany(RealStructs.Components).ToArray(),
        _ => throw new ArgumentException("not real: " + value.GetType()),
    };

    /// <summary>A new array of the same element type, element i being <paramref name="map"/>(a[i]).</summary>
    private static Array MapElements(Array a, Func<object, object> map)
    {
        var copy = Array.CreateInstance(a.GetType().GetElementType()!, a.Length);
        for (int i = 0; i < a.Length; i++) copy.SetValue(map(a.GetValue(i)!), i);
        return copy;
    }

    /// <summary>Component <paramref name="j"/> moved by <paramref name="h"/>; <paramref name="at"/> is its value after rounding to the parameter's type.</summary>
    private static object Perturb(object value, int j, double h, out double at)
    {
        switch (value)
        {
            case double d: at = d + h; return at;
            case float s: { float v = (float)(s + h); at = v; return v; }
            case double[] a: { var c = a.ToArray(); c[j] += h; at = c[j]; return c; }
            case float[] a: { var c = a.ToArray(); c[j] = (float)(c[j] + h); at = c[j]; return c; }
            case List<double> l: { var c = l.ToList(); c[j] += h; at = c[j]; return c; }
            case List<float> l: { var c = l.ToList(); c[j] = (float)(c[j] + h); at = c[j]; return c; }
            case System.Numerics.Complex[] a:
                {
                    // Component j is the real (even j) or imaginary (odd j) part of element j / 2.
                    var c = a.ToArray();
                    var e = c[j / 2];
                    c[j / 2] = j % 2 == 0 ? new System.Numerics.Complex(e.Real + h, e.Imaginary) : new System.Numerics.Complex(e.Real, e.Imaginary + h);
                    at = j % 2 == 0 ? c[j / 2].Real : c[j / 2].Imaginary;
                    return c;
                }
            case Tensor t: { var c = t.ToArray(); c[j] = (float)(c[j] + h); at = c[j]; return Like(t, c); }
            case var _ when Grids.Is(value):
                {
                    var moved = Grids.Map(value, (k, v) => k == j ? v + h : v);
                    at = Grids.Components(moved)[j];
                    return moved;
                }
            case var _ when RealStructs.Is(value.GetType()):
                {
                    // One member moved, rounded to its own type (Vector2's are float).
                    var moved = RealStructs.Map(value, (k, v) => k == j ? v + h : v);
                    at = RealStructs.Components(moved)[j];
                    return moved;
                }
            case Array a when StructArray(a.GetType()):
                {
                    // Component j is member j % m of element j / m, m the components per element; rounded to the member's type.
                    int m = RealStructs.Components(a.GetValue(0)!).Length;
                    var moved = RealStructs.Map(a.GetValue(j / m)!, (k, v) => k == j % m ? v + h : v);
                    var c = MapElements(a, e => e);
                    c.SetValue(moved, j / m);
                    at = RealStructs.Components(moved)[j % m];
                    return c;
                }
            default: throw new ArgumentException("not real: " + value.GetType());
        }
    }

    private static object[] With(object[] point, int i, object value)
    {
        var copy = (object[])point.Clone();
        copy[i] = value;
        return copy;
    }

    /// <summary>Arrays and tensors are copied for every call, so no call sees another's writes.</summary>
    private static object Copy(object value) => value switch
    {
        _ when Grids.Is(value) => Grids.Copy(value),
        Array a => a.Clone(),
        Tensor t => t.Clone(),
        List<double> l => l.ToList(),
        List<float> l => l.ToList(),
        _ => value,
    };

    private static Tensor Like(Tensor shape, float[] values) =>
        shape.Rank == 1 ? Tensor.FromArray(values) : Tensor.FromArray(shape.Rows, shape.Columns, values);
}
