namespace AutoDiffGen.Generator.Tests.ShortCircuits;

/// <summary>Assignments that run on only some paths of an expression: the right of &amp;&amp; and ||, an arm of ?: (C# 7.3 source).</summary>
public static class ShortCircuitExamples
{
    public const string Source = @"
using System;
using AutoDiffGen;

public static partial class Sometimes
{
    // x > 0: y = x² runs, and s = x² + y (x²·… > 1 adds 3y); otherwise y stays.
    [Differentiable]
    public static double AndAssigns(double x, double y)
    {
        double s = y;
        if (x > 0 && (y = x * x) > 1) s += 3 * y;
        return s + y;
    }

    // The right of || runs only when the left is false.
    [Differentiable]
    public static double OrAssigns(double x, double y)
    {
        double t = 1;
        if (x < 0 || (t = x * y) > 2) t *= x;
        return t;
    }

    // An assignment in each arm of ?:, whose value is used.
    [Differentiable]
    public static double ChooseAssigns(double x, double y)
    {
        double a = 1, b = 2;
        double u = x > y ? (a = x * x) : (b = y * x);
        return u * a + b;
    }

    // Clad's fn_cond_add_assign: a chain of &&, each operand adding into res.
    [Differentiable]
    public static double Chain(double i, double j)
    {
        double res = 0;
        if ((res = 2 * i * j) != 0 && (res += 3 * i * j) != 0 && (res += 5 * i * j) != 0)
        {
            res += 6 * i * j;
        }
        return res;
    }

    // In a for loop's test: s grows by x until it reaches 10 or i reaches n.
    [Differentiable]
    public static double LoopTest(double x, int n)
    {
        double s = 0;
        int i = 0;
        for (; i < n && (s += x) < 10; i++) { s *= 1.5; }
        return s;
    }

    // A store into a local array's element in one arm: b[0]'s old value loses its gradient only when x > 0.
    [Differentiable]
    public static double StoreInArm(double x, double[] a)
    {
        double[] b = { a[0] * a[0], a[1] };
        double s = x > 0 ? (b[0] = x * b[1]) : x;
        return s + b[0] * b[1];
    }

    // Nested: the ?: inside the right of &&.
    [Differentiable]
    public static double Nested(double x, double y)
    {
        double a = 0;
        bool big = y > 0 && (x > 1 ? (a = x * y) : (a = y)) > 0.5;
        return big ? a * x : a + y;
    }
}
";
}
