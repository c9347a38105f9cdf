namespace AutoDiffGen.Generator.Tests.ArrayChoices;

/// <summary>
/// Array locals chosen at run time between arrays (written in C# 7.3, so every language version compiles them; the
/// arrays are nullable-oblivious there, so a null one is accepted as the method accepts it): <c>??</c> with an array
/// made in the choice, <c>?:</c> of two parameters of different lengths, of a parameter and a local array, and nested.
/// </summary>
internal static class ArrayChoiceExamples
{
    internal const string Source = @"
using System;
using AutoDiffGen;

public static partial class Choices
{
    [Differentiable(Forward = true)]
    public static double Coalesce(double x, double[] weights)
    {
        var w = weights ?? new[] { 1.0, 1.0 };
        return w[0] * x + w[1] * x * x;
    }

    [Differentiable(Forward = true)]
    public static double Pick(double[] a, double[] b, [NoDiff] bool first, double x)
    {
        double[] w = first ? a : b;
        double s = 0;
        for (int i = 0; i < w.Length; i++) s += w[i] * x;
        return s;
    }

    [Differentiable(Forward = true)]
    public static double WithLocal(double x, double[] a)
    {
        double[] local = { x, 2 * x };
        double[] w = a.Length > 2 ? a : local;
        return w[0] * w[w.Length - 1];
    }

    [Differentiable(Forward = true)]
    public static double Nested(double x, double[] a, double[] b, [NoDiff] bool first)
    {
        var w = a ?? (first ? b : new double[] { x, x * x });
        double s = 0;
        for (int i = 0; i < 2; i++) s += w[i] * w[i];
        return s;
    }
}
";
}
