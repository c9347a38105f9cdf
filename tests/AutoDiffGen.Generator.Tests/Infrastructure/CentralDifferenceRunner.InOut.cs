using System.Reflection;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// The check of a method that writes into its array parameters (docs/ref-out.md, in/out adjoints): each array's adjoint
/// comes in holding a seed w for what the method leaves in it and goes back holding the adjoint of what it was passed.
/// So Backward, seeded with dResult = s and the arrays' adjoints = w, must give the gradient of
/// L = s·F(p) + Σ w·(the arrays as F leaves them), which central differences measure on F directly; a by-value
/// real's adjoint is added into, as always. Backward must also return F's value and leave the arrays as F does.
/// </summary>
public static partial class CentralDifferenceRunner
{
    public static Result CheckInOut(MethodInfo method, object? receiver, object[] point, int seed)
    {
        var (ps, active, type, backward, floats) = Prepare(method);
        var random = new Random(seed);
        const double s = 1.5, preload = 0.5;
        // The seed of each array's final contents, one weight per component.
        var weights = point.Select((p, i) => active[i] && p is Array ? Components(p).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 2)).ToArray() : null).ToArray();

        double Loss(object[] at)
        {
            var args = at.Select(Copy).ToArray();
            double value = s * Convert.ToDouble(method.Invoke(receiver, args));
            for (int i = 0; i < args.Length; i++)
            {
                if (weights[i] is not { } w) continue;
                var left = Components(args[i]);
                for (int j = 0; j < w.Length; j++) value += w[j] * left[j];
            }
            return value;
        }

        var primalArgs = point.Select(Copy).ToArray();
        double f = Convert.ToDouble(method.Invoke(receiver, primalArgs));
        var all = point.Select(Copy).ToList();
        var slots = new List<int>();
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            slots.Add(all.Count);
            var adjoint = Adjoint(point[i], preload);
            if (weights[i] is { } w) adjoint = FromComponents(point[i], w);
            all.Add(adjoint);
        }
        all.Add(backward.ReturnType == typeof(float) ? (object)(float)s : s);
        var argsArray = all.ToArray();
        double returned = Convert.ToDouble(backward.Invoke(receiver, argsArray));
        AssertValue(f, returned, floats);
        for (int i = 0; i < point.Length; i++)
        {
            if (point[i] is not Array) continue;
            // Backward leaves every array as the method does.
            Assert.Equal(Components(primalArgs[i]), Components(argsArray[i]));
            // And an array of structs' discrete members (a particle's Id and Alive) too: each element equal as a value.
            if (point[i] is Array { Rank: 1 } structs && structs.GetType().GetElementType() is { IsValueType: true, IsPrimitive: false })
            {
                Assert.Equal(((Array)primalArgs[i]).Cast<object>(), ((Array)argsArray[i]).Cast<object>());
            }
        }
        var gradient = new double[]?[point.Length];
        int k = 0;
        for (int i = 0; i < point.Length; i++)
        {
            if (!active[i]) continue;
            var got = Components(argsArray[slots[k++]]);
            gradient[i] = weights[i] is null ? got.Select(g => g - preload).ToArray() : got;
            var components = Components(point[i]);
            for (int j = 0; j < components.Length; j++)
            {
                double h = floats ? 1e-2 : 1e-6;
                var plus = With(point, i, Perturb(point[i], j, h, out double up));
                var minus = With(point, i, Perturb(point[i], j, -h, out double down));
                double numeric = (Loss(plus) - Loss(minus)) / (up - down);
                string what = $"{type.Name}.{method.Name}: d/d{ps[i].Name}{(point[i] is Array ? "[" + j + "]" : "")} (in/out)";
                if (floats) Tolerance.AssertClose(numeric, gradient[i]![j], 2e-3 + (2e-2 * Math.Abs(numeric)), what);
                else Tolerance.AssertCentral(numeric, gradient[i]![j], f, what);
            }
        }
        return new Result(f, gradient);
    }

    /// <summary>An array of the parameter's shape whose components are <paramref name="values"/>, in order.</summary>
    private static object FromComponents(object parameter, double[] values) => parameter switch
    {
        double[] => values.ToArray(),
        float[] => values.Select(v => (float)v).ToArray(),
        Array a when StructArray(a.GetType()) => Filled(a, values),
        _ => throw new ArgumentException("no in/out adjoint for " + parameter.GetType()),
    };

    /// <summary>A copy of an array of structs whose element e's component c is values[e·m + c], m the components per element.</summary>
    private static Array Filled(Array a, double[] values)
    {
        var copy = MapElements(a, element => element);
        int m = values.Length / Math.Max(1, a.Length);
        for (int e = 0; e < copy.Length; e++)
        {
            int first = e * m;
            copy.SetValue(RealStructs.Map(copy.GetValue(e)!, (c, _) => values[first + c]), e);
        }
        return copy;
    }
}
