using System.Reflection;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>Calls a span-taking Backward through a delegate: spans cannot be boxed for reflection.</summary>
internal static class SpanInvoker
{
    private delegate double SpanBackward(ReadOnlySpan<double> x, Span<double> dX, double dResult);

    public static double Rastrigin(Assembly assembly, double[] x, double[] dX)
    {
        var method = assembly.GetType("Flow")!.GetMethod("RastriginBackward")!;
        var backward = method.CreateDelegate<SpanBackward>();
        return backward(x, dX, 1.0);
    }
}
