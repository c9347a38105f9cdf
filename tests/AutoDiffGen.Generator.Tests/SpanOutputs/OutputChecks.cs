using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.SpanOutputs;

/// <summary>
/// The three modes of a method that writes its m outputs y into a parameter, from n inputs p, through the flat wrappers
/// of <see cref="SpanOutputSources"/>, each against central differences of the method itself:
/// <list type="bullet">
/// <item>Backward (VJP) seeded with w in dY: dP = wᵀ·∂y/∂p, and dY on return = wᵀ·∂y/∂y₀ (the adjoint of what y held
/// on entry: the in/out convention of docs/ref-out.md);</item>
/// <item>Forward (JVP) with tangents tP and, in tY, the tangent of y's incoming contents: tY on return = ∂y/∂p·tP + ∂y/∂y₀·tY;</item>
/// <item>Jacobian: J[i, k] = ∂yᵢ/∂pₖ, row-major, with y₀ held constant.</item>
/// </list>
/// Every mode must also leave y as the method does.
/// </summary>
internal sealed class OutputChecks
{
    private readonly Type _type;
    private readonly string _name;
    private readonly bool _single;

    public OutputChecks(Assembly assembly, string name, bool single = false)
    {
        _type = assembly.GetType("SpanOut.S", throwOnError: true)!;
        _name = name;
        _single = single;
    }

    private double H => _single ? 1e-2 : 1e-6;

    private void Call(string suffix, params object[] args)
    {
        var m = _type.GetMethod(_name + suffix) ?? throw new InvalidOperationException(_name + suffix + " is not in the source");
        m.Invoke(null, args);
    }

    public double[] Run(double[] p, double[] y0)
    {
        var y = (double[])y0.Clone();
        Call("_P", (double[])p.Clone(), y);
        return y;
    }

    private void Central(double analytic, Func<double, double> f, string what)
    {
        double numeric = (f(H) - f(-H)) / (2 * H);
        double size = Math.Abs(f(0)) + 1;
        if (_single) Tolerance.AssertClose(numeric, analytic, 2e-3 * Math.Max(Math.Abs(numeric), size), what);
        else Tolerance.AssertCentral(numeric, analytic, size, what);
    }

    private static double[] Moved(double[] v, int k, double h)
    {
        var c = (double[])v.Clone();
        c[k] += h;
        return c;
    }

    private void AssertLeftAsTheMethodDoes(double[] expected, double[] y, string mode)
    {
        for (int i = 0; i < y.Length; i++) Tolerance.AssertClose(expected[i], y[i], _single ? 1e-5 * (1 + Math.Abs(expected[i])) : 0, mode + " leaves y[" + i + "]");
    }

    /// <summary>Backward seeded with <paramref name="w"/>; returns (dP, dY on return).</summary>
    public (double[] DP, double[] DY) Vjp(double[] p, double[] y0, double[] w)
    {
        var y = (double[])y0.Clone();
        var dP = new double[p.Length];
        var dY = (double[])w.Clone();
        Call("_B", (double[])p.Clone(), y, dP, dY);
        AssertLeftAsTheMethodDoes(Run(p, y0), y, "Backward");
        double Weighted(double[] v) => v.Zip(w, (a, b) => a * b).Sum();
        for (int k = 0; k < p.Length; k++) Central(dP[k], h => Weighted(Run(Moved(p, k, h), y0)), _name + " dP[" + k + "]");
        for (int j = 0; j < y0.Length; j++) Central(dY[j], h => Weighted(Run(p, Moved(y0, j, h))), _name + " dY[" + j + "] on return (in/out)");
        return (dP, dY);
    }

    /// <summary>Forward with tangents <paramref name="tP"/> and <paramref name="tY0"/>; returns tY on return.</summary>
    public double[] Jvp(double[] p, double[] y0, double[] tP, double[] tY0)
    {
        var y = (double[])y0.Clone();
        var tY = (double[])tY0.Clone();
        Call("_F", (double[])p.Clone(), y, (double[])tP.Clone(), tY);
        AssertLeftAsTheMethodDoes(Run(p, y0), y, "Forward");
        double[] Along(double h) => Run(p.Zip(tP, (a, t) => a + h * t).ToArray(), y0.Zip(tY0, (a, t) => a + h * t).ToArray());
        for (int i = 0; i < y0.Length; i++)
        {
            int row = i;
            Central(tY[i], h => Along(h)[row], _name + " tY[" + i + "]");
        }
        return tY;
    }

    /// <summary>The dense Jacobian, m × n row-major; returns it.</summary>
    public double[] Jacobian(double[] p, double[] y0)
    {
        var y = (double[])y0.Clone();
        var j = new double[y0.Length * p.Length];
        Call("_J", (double[])p.Clone(), y, j);
        AssertLeftAsTheMethodDoes(Run(p, y0), y, "Jacobian");
        for (int i = 0; i < y0.Length; i++)
        {
            for (int k = 0; k < p.Length; k++)
            {
                int row = i, column = k;
                Central(j[i * p.Length + k], h => Run(Moved(p, column, h), y0)[row], _name + " J[" + i + ", " + k + "]");
            }
        }
        return j;
    }

    /// <summary>A Jacobian span of the wrong length throws ArgumentException before any work.</summary>
    public Exception? JacobianOfLength(double[] p, double[] y0, int length)
    {
        try
        {
            Call("_J", (double[])p.Clone(), (double[])y0.Clone(), new double[length]);
            return null;
        }
        catch (TargetInvocationException e)
        {
            return e.InnerException;
        }
    }
}
