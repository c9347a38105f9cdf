using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// MBackward called with a seed of 2 and every adjoint preloaded (0.5 for a scalar, 0.25 in each slot of an array), the
/// harness of the property tests that compare two Backwards of one model (the carried, mixed or folded-seed form against the
/// reverse sweep: Forward/MixedBackwardPropertyTests, Forward/UnitSeedPropertyTests). Preloading checks that each adds.
/// </summary>
public static class PreloadedBackward
{
    /// <summary>What a scalar adjoint holds before the call.</summary>
    public const double Scalar = 0.5;

    /// <summary>What each slot of an array adjoint holds before the call.</summary>
    public const double Slot = 0.25;

    /// <summary>The preloaded adjoints of the point's differentiated (non-int) arguments, in order.</summary>
    public static object[] Adjoints(object[] at) =>
        at.Where(v => v is not int).Select(v => v is double[] a ? (object)Enumerable.Repeat(Slot, a.Length).ToArray() : Scalar).ToArray();

    /// <summary>True when an adjoint still holds its preload (a Backward that threw must leave it so).</summary>
    public static bool Untouched(object adjoint) => adjoint is double[] d ? d.All(e => e == Slot) : (double)adjoint == Scalar;

    /// <summary>The value, and each adjoint's change (halved: the seed is 2) in the parameters' order, array slots flattened.</summary>
    public static (double Value, double[] Gradient) Call(MethodInfo backward, object[] at)
    {
        var adjoints = Adjoints(at);
        var args = at.Concat(adjoints).Append(2.0).ToArray();
        double value = (double)backward.Invoke(null, args)!;
        var gradient = new List<double>();
        for (int i = 0; i < adjoints.Length; i++)
        {
            if (args[at.Length + i] is double[] d) gradient.AddRange(d.Select(v => (v - Slot) / 2));
            else gradient.Add(((double)args[at.Length + i] - Scalar) / 2);
        }
        return (value, gradient.ToArray());
    }
}
