namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// <c>Forward = true</c> methods with <c>ref</c> and <c>out</c> parameters, and forward callers passing them <c>ref</c>/<c>out</c>
/// arguments in loops and branches, two levels down, with a discard, double and float. C# 7.3.
/// </summary>
public static class RefParameterForwardSources
{
    public const string Source = @"
using System;
using AutoDiffGen;

namespace RefForward
{
    public static partial class M
    {
        // v' = v − h·sin x, x' = x + h·v'.
        [Differentiable(Forward = true)]
        public static void Step(ref double x, ref double v, double h) { v -= h * Math.Sin(x); x += h * v; }

        // y = x², returns sin x.
        [Differentiable(Forward = true)]
        public static double Split(double x, out double y) { y = x * x; return Math.Sin(x); }

        // s' = s + x², returns s'·x.
        [Differentiable(Forward = true)]
        public static double Accum(ref double s, double x) { s += x * x; return s * x; }

        // x' = x + h·x².
        [Differentiable(Forward = true)]
        public static void StepF(ref float x, float h) { x += h * x * x; }

        // Step(ref x, ref v, 0.5), then x'·v'.
        [Differentiable(Forward = true)]
        public static double Once(double x, double v) { Step(ref x, ref v, 0.5); return x * v; }

        // Three steps of the caller's own ref parameters: a ref caller of a ref callee.
        [Differentiable(Forward = true)]
        public static void Drive(ref double x, ref double v, double h) { for (int k = 0; k < 3; k++) Step(ref x, ref v, h); }

        // Loops, a branch, an out argument, an out discard, Accum's result and its ref output.
        [Differentiable(Forward = true)]
        public static double Energy(double x0, double v0)
        {
            double x = x0, v = v0, h = 0.15;
            for (int k = 0; k < 4; k++) Step(ref x, ref v, h);
            double s = Split(x, out double q) + Split(v, out _);
            if (x > 0) Drive(ref x, ref v, 0.1);
            double acc = v;
            double r = Accum(ref acc, q);
            return 0.5 * v * v + 0.25 * x * x * x * x + s * q + r * acc;
        }

        [Differentiable(Forward = true)]
        public static float Single(float x, float h) { float y = x; StepF(ref y, h); StepF(ref y, h); return y * x; }
    }
}
";
}
