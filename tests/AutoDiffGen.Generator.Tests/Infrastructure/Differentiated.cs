using System.Reflection;

namespace AutoDiffGen.Generator.Tests.Infrastructure;

/// <summary>
/// A compiled static [Differentiable] method and its generated Backward, called through reflection
/// with all-real parameters: the shape every compile-and-run test needs.
/// </summary>
public sealed class Differentiated
{
    private readonly MethodInfo _primal;
    private readonly MethodInfo _backward;

    public Differentiated(Assembly assembly, string typeName, string methodName)
    {
        var type = assembly.GetType(typeName, throwOnError: true)!;
        _primal = type.GetMethod(methodName, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                  ?? throw new InvalidOperationException($"{typeName}.{methodName} not found");
        _backward = type.GetMethod(methodName + "Backward", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                    ?? throw new InvalidOperationException($"{typeName}.{methodName}Backward was not generated");
    }

    public int Arity => _primal.GetParameters().Length;

    /// <summary>Calls the generated MForward (all-scalar methods): returns the value and tResult.</summary>
    public (double Value, double Tangent) Forward(double[] x, double[] t)
    {
        var forward = _primal.DeclaringType!.GetMethod(_primal.Name + "Forward", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
                      ?? throw new InvalidOperationException(_primal.Name + "Forward was not generated");
        var args = Box(x).Concat(t.Select((v, i) => Adjoint(i, v))).Append(null!).ToArray();
        double value = Convert.ToDouble(forward.Invoke(null, args));
        return (value, Convert.ToDouble(args[^1]));
    }

    public double Value(params double[] x) => Convert.ToDouble(_primal.Invoke(null, Box(x)));

    /// <summary>Calls Backward with zeroed adjoints and the given seed; returns the value and the gradient.</summary>
    public (double Value, double[] Gradient) Backward(double[] x, double seed = 1)
    {
        bool isFloat = _primal.ReturnType == typeof(float);
        var args = new object[x.Length * 2 + 1];
        Array.Copy(Box(x), args, x.Length);
        for (int i = 0; i < x.Length; i++) args[x.Length + i] = Adjoint(i, 0);
        args[^1] = isFloat ? (object)(float)seed : seed;
        double value = Convert.ToDouble(_backward.Invoke(null, args));
        var gradient = new double[x.Length];
        for (int i = 0; i < x.Length; i++) gradient[i] = Convert.ToDouble(args[x.Length + i]);
        return (value, gradient);
    }

    /// <summary>Calls Backward with adjoints that already hold values, to check that it adds.</summary>
    public double[] BackwardInto(double[] x, double[] adjoints)
    {
        bool isFloat = _primal.ReturnType == typeof(float);
        var args = new object[x.Length * 2 + 1];
        Array.Copy(Box(x), args, x.Length);
        for (int i = 0; i < x.Length; i++) args[x.Length + i] = Adjoint(i, adjoints[i]);
        args[^1] = isFloat ? (object)1f : 1.0;
        _backward.Invoke(null, args);
        return Enumerable.Range(0, x.Length).Select(i => Convert.ToDouble(args[x.Length + i])).ToArray();
    }

    /// <summary>An adjoint has its parameter's type, whatever the return type.</summary>
    private object Adjoint(int parameter, double value) =>
        _primal.GetParameters()[parameter].ParameterType == typeof(float) ? (object)(float)value : value;

    private object[] Box(double[] x)
    {
        var parameters = _primal.GetParameters();
        return x.Select((v, i) => parameters[i].ParameterType == typeof(float) ? (object)(float)v : v).ToArray();
    }
}
