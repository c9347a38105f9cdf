using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Corpus;

/// <summary>
/// Judges a method's generated <c>MForward</c>, when it has one and every differentiated parameter is a scalar (array
/// and list tangents are spans, which reflection cannot pass): at a point where the Backward was judged, the forward value must be
/// the method's and the tangent along a random direction t must be ⟨gradient, t⟩, both sides exact derivatives.
/// </summary>
public static class ForwardJudge
{
    /// <summary>Null when the Forward agrees (or there is none to judge); else what is wrong.</summary>
    public static string? Check(MethodInfo primal, object? receiver, int[] active, object[] point, object?[] backwardArgs, double f, bool single, Random random)
    {
        var ps = primal.GetParameters();
        if (active.Any(i => RealLeaves.IsContainer(point[i]))) return null;
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;
        var forward = primal.DeclaringType!.GetMethods(all).SingleOrDefault(x => x.Name == primal.Name + "Forward" && x.GetParameters().Length == ps.Length + active.Length + 1
            && x.GetParameters().Take(ps.Length).Select(p => p.ParameterType).SequenceEqual(ps.Select(p => p.ParameterType)));
        if (forward is null) return null;
        var args = new List<object?>(point.Select(RealLeaves.DeepCopy));
        double expected = 0, scale = 0;
        int slot = ps.Length;
        foreach (int i in active)
        {
            double t = Math.Round((random.NextDouble() * 2) - 1, 3);
            double g = Convert.ToDouble(backwardArgs[slot++]);
            expected += g * t;
            scale += Math.Abs(g * t);
            args.Add(point[i] is float ? (object)(float)t : t);
        }
        args.Add(null);
        var call = args.ToArray();
        double value, tangent;
        try
        {
            value = Convert.ToDouble(CallLimit.Invoke(forward, receiver, call));
            tangent = Convert.ToDouble(call[call.Length - 1]);
        }
        catch (TargetInvocationException e)
        {
            return "Forward threw " + e.InnerException?.GetType().Name + " where the method returns " + f;
        }
        if (!(value == f || Math.Abs(value - f) <= 1e-12 * Math.Abs(f)) && !(double.IsNaN(value) && double.IsNaN(f)))
        {
            return "Forward returned " + value.ToString("R") + " but the method returns " + f.ToString("R");
        }
        // Forward and reverse sum the same products in other orders: round-off of the terms' magnitudes.
        double tolerance = (single ? 1e-4 : 1e-10) * (scale + Math.Abs(tangent)) + (single ? 1e-6 : 1e-14);
        return Math.Abs(tangent - expected) <= tolerance ? null
            : "Forward's tangent is " + tangent.ToString("R") + " but ⟨gradient, t⟩ is " + expected.ToString("R");
    }
}
