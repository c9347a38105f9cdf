using System;
using AutoDiffGen;

namespace Gallery;

/// <summary>A decay curve A·e^(−R·t) + O whose parameters are an object the optimiser steps.</summary>
public sealed class DecayCurve
{
    public double Amplitude { get; set; }
    public double Rate { get; set; }
    public double Offset { get; set; }

    /// <summary>One step of gradient descent along <paramref name="gradient"/>.</summary>
    public void Step(DecayCurve gradient, double learningRate)
    {
        Amplitude -= learningRate * gradient.Amplitude;
        Rate -= learningRate * gradient.Rate;
        Offset -= learningRate * gradient.Offset;
    }
}

/// <summary>
/// Fitting a <see cref="DecayCurve"/> by its own gradient: the loss calls the prediction, both taking the curve as a
/// <c>[WithRespectTo]</c> parameter, so <c>LossBackward(times, values, curve, ref grad)</c> fills a <see cref="DecayCurve"/>
/// of gradients that <see cref="DecayCurve.Step"/> takes.
/// </summary>
public static partial class Regression
{
    /// <summary>The curve at time <paramref name="t"/>.</summary>
    [Differentiable]
    public static double Predict([WithRespectTo] DecayCurve curve, double t) => curve.Amplitude * Math.Exp(-curve.Rate * t) + curve.Offset;

    /// <summary>The mean squared error of the curve over the samples.</summary>
    [Differentiable]
    public static double Loss([NoDiff] double[] times, [NoDiff] double[] values, [WithRespectTo] DecayCurve curve)
    {
        double sum = 0;
        for (int i = 0; i < times.Length; i++)
        {
            double residual = Predict(curve, times[i]) - values[i];
            sum += residual * residual;
        }
        return sum / times.Length;
    }

    /// <summary>Gradient descent from A = R = 1, O = 0.</summary>
    public static DecayCurve Fit(double[] times, double[] values, int steps, double learningRate)
    {
        var curve = new DecayCurve { Amplitude = 1, Rate = 1 };
        for (int step = 0; step < steps; step++)
        {
            var grad = new DecayCurve();
            LossBackward(times, values, curve, ref grad);
            curve.Step(grad, learningRate);
        }
        return curve;
    }
}
