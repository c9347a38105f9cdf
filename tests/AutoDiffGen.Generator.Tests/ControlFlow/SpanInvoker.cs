using System.Reflection;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Calls a span-taking Backward through a delegate: spans cannot be boxed for reflection.</summary>
internal static class SpanInvoker
{
    private delegate double SpanBackward(ReadOnlySpan<double> x, Span<double> dX, double dResult);

    private delegate double SineBackward(ReadOnlySpan<double> x, double w, Span<double> dX, ref double dW, double dResult);

    /// <summary>Returns ∂/∂w; fills dX.</summary>
    public static double SineFeatures(Assembly assembly, double[] x, double w, double[] dX)
    {
        var backward = assembly.GetType("Flow")!.GetMethod("SineFeaturesBackward")!.CreateDelegate<SineBackward>();
        double dW = 0;
        backward(x, w, dX, ref dW, 1.0);
        return dW;
    }

    public static double Rastrigin(Assembly assembly, double[] x, double[] dX)
    {
        var method = assembly.GetType("Flow")!.GetMethod("RastriginBackward")!;
        var backward = method.CreateDelegate<SpanBackward>();
        return backward(x, dX, 1.0);
    }
}
