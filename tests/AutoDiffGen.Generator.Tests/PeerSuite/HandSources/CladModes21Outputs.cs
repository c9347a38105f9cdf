// The rest of hess21's reading of Clad's mode tests (vgvassilev/clad 4b2c0eef; see ModeSources/CladModes21.cs): the
// methods that leave their results in ref, array or span parameters, which the mode judge's probes do not call.
// CladModes21HandTests compiles this file with ModeSources/CladModes21.cs and checks each by hand and against central
// differences. FillThenShift is as first written (ADG0003 at the call: its Span output passed on while written);
// FillThenShiftArray is what that error says to write. Scale/ScaleParam are HessianWritingCalleeTests' and
// HessianLoopWritesTests' former refusals (a void callee writing the caller's double[] parameter, ADG0019 until hess21).
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class Modes21Outputs
    {
        // ReferenceArguments.C's style: a void helper accumulating through ref, called in a loop.
        [Differentiable(Forward = true)]
        public static void AddSquare(ref double acc, double v) { acc += v * v; }

        [Differentiable(Forward = true)]
        public static double SumOfSquares(double[] v, double scale)
        {
            double acc = 0;
            for (int i = 0; i < v.Length; i++) AddSquare(ref acc, v[i] * scale);
            return acc;
        }

        // Jacobian.C's f_7: the outputs are C++ references, in C# ref parameters.
        [Differentiable(Forward = true, Jacobian = true)]
        public static void RefOutputs(double a, ref double b, ref double c)
        {
            b = 3 * a;
            c = -5 * b;
        }

        // What ADG0003 at RefOutputs said until hess24: without Jacobian = true (its MForward and MBackward take the outputs in/out).
        [Differentiable(Forward = true)]
        public static void RefOutputsNoJacobian(double a, ref double b, ref double c)
        {
            b = 3 * a;
            c = -5 * b;
        }

        // Jacobian.C's f_10 into a Span, an output read back.
        [Differentiable(Forward = true, Jacobian = true)]
        public static void SquareTwice(double a, Span<double> output)
        {
            output[0] = a * a;
            output[1] = output[0] * a;
        }

        // Jacobian.C's f_11: two array inputs, outputs in an array.
        [Differentiable(Forward = true, Jacobian = true)]
        public static void TwoArrays(double[] a, double[] b, double[] output)
        {
            output[0] = a[0] * a[1];
            output[1] = a[0] * a[0] + b[0];
            output[2] = 2 * (a[0] + b[0]);
        }

        // Powers of x in a loop: one output per power, scaled by y.
        [Differentiable(Forward = true, Jacobian = true)]
        public static void Powers(double x, double y, double[] output)
        {
            for (int i = 0; i < output.Length; i++) output[i] = Math.Pow(x, i + 1) * y;
        }

        // FunctionCalls.C's fn2 with a void helper writing the outputs (a nested call in Jacobian mode).
        [Differentiable(Forward = true, Jacobian = true)]
        public static void Fill(double a, double b, Span<double> res)
        {
            res[0] = a * 10 + b * b * 9;
            res[1] = a * a * 9 + b * b * 10;
        }

        [Differentiable(Forward = true, Jacobian = true)]
        public static void FillThenShift(double a, double b, Span<double> res)
        {
            Fill(a * b, b, res);
            res[0] = res[0] + Math.Sin(a);
        }

        // What ADG0003 at FillThenShift says to write: the output as a double[] parameter.
        [Differentiable(Forward = true, Jacobian = true)]
        public static void FillThenShiftArray(double a, double b, double[] res)
        {
            Fill(a * b, b, res);
            res[0] = res[0] + Math.Sin(a);
        }

        // A void callee writing the caller's own double[] parameter, once and in a loop (Hessian mode inlines it since hess21).
        [Differentiable] public static void Scale(double[] a, double k) { for (int i = 0; i < a.Length; i++) a[i] = a[i] * k; }

        [Differentiable(Hessian = true)] public static double ScaleParam(double k, double[] a) { Scale(a, k); return a[0] * a[1]; }

        [Differentiable(Hessian = true)]
        public static double ScaleParamTwice(double k, double[] a)
        {
            for (int j = 0; j < 2; j++) Scale(a, k);
            return a[0] * a[1];
        }
    }
}
