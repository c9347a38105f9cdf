namespace AutoDiffGen.Generator.Tests.RefAliases;

/// <summary>Ref locals passed as ref arguments (C# 7.3 source): the call reads and writes what the ref local stands for.</summary>
public static class RefAliasExamples
{
    public const string Source = @"
using System;
using AutoDiffGen;

public struct Q { public double X; public double Y; }

public static partial class Aliases
{
    [Differentiable]
    public static double Sq(ref double e)
    {
        e = e * e + 0.5;
        return e;
    }

    [Differentiable]
    public static void Step(ref double e, double h)
    {
        e = e * h + 1;
    }

    // Ref returns: the returned reference is the argument itself (an alias), so its adjoint is the argument's.
    [Differentiable]
    public static ref double Identity(ref double x) => ref x;

    [Differentiable]
    public static ref double Scale(ref double x, double k)
    {
        x *= k;
        return ref x;
    }

    [Differentiable]
    public static ref double Second(double[] a, double y)
    {
        a[1] *= y;
        return ref a[1];
    }

    [Differentiable]
    public static ref readonly double Peek(in double x) => ref x;

    // Clad's fnIdLoop: the value of a ref return, in a loop: 3x + y.
    [Differentiable]
    public static double UseValue(double x, double y)
    {
        double a = x;
        double s = 0;
        for (int c = 0; c < 3; ++c) s += Identity(ref a);
        return s + y;
    }

    // Clad's fn7: ref locals bound to ref returns write the arguments: i₂ = i + 7ij, j₂ = 9i + 64ij; i₂ + j₂ + i₂j₂.
    [Differentiable]
    public static double Bind(double i, double j)
    {
        ref double k = ref Identity(ref i);
        ref double l = ref Scale(ref j, i);
        k += 7 * j;
        l += 9 * i;
        return i + j + k * l;
    }

    // Clad's fn28: a returned array element: arr[1] = uv + 2; (uv + 2)·u.
    [Differentiable]
    public static double Elem(double u, double v)
    {
        double[] arr = { u, v, 1 };
        ref double r = ref Second(arr, u);
        r += 2;
        return r * arr[0];
    }

    // Bound inside a loop: s ← 1.5s + x, n times.
    [Differentiable]
    public static double BoundInLoop(double x, int n)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            ref double r = ref Scale(ref s, 1.5);
            r += x;
        }
        return s;
    }

    // ref readonly: x·x.
    [Differentiable]
    public static double ReadOnlyBound(double x)
    {
        ref readonly double p = ref Peek(in x);
        return p * x;
    }

    // Clad's fn21: a ref local of a parameter passed by ref: (x² + 0.5)·(x² + 0.5).
    [Differentiable]
    public static double OfParameter(double x)
    {
        ref double p = ref x;
        return Sq(ref p) * x;
    }

    // A ref local of a local array's element: a[1] = 4x² + 0.5, then a[1] + a[1]·x.
    [Differentiable]
    public static double OfElement(double x)
    {
        var a = new double[2];
        a[0] = x;
        a[1] = 2 * x;
        ref double e = ref a[1];
        double r = Sq(ref e);
        return r + a[1] * a[0];
    }

    // Declared in the loop, passed to a void helper: s ← s·y + 1, n times.
    [Differentiable]
    public static double InLoop(double x, double y, int n)
    {
        double s = x;
        for (int i = 0; i < n; i++)
        {
            ref double r = ref s;
            Step(ref r, y);
        }
        return s;
    }

    // A struct member: (X·k + 1)·Y.
    [Differentiable]
    public static double OfMember(Q q, double k)
    {
        ref double r = ref q.X;
        Step(ref r, k);
        return q.X * q.Y;
    }

    // A ref local of a ref local: x·h + 1, then squared plus a half.
    [Differentiable]
    public static double OfAlias(double x, double h)
    {
        double s = x;
        ref double a = ref s;
        ref double b = ref a;
        Step(ref b, h);
        return Sq(ref a) + s;
    }
}
";
}
