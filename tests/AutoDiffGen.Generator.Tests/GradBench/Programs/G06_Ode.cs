// Port of GradBench's `ode` eval (https://github.com/gradbench/gradbench, evals/ode and cpp/gradbench/evals/ode.hpp;
// MIT License, Copyright (c) 2024 Sam Estep), based on cmpad's runge_kutta/an_ode by Bradley M. Bell
// (https://github.com/bradbell/cmpad, used under the terms of the EPL-2.0 or GPL-2.0-or-later). The eval differentiates
// the last element of the solution, so that is what the [Differentiable] method returns.
using AutoDiffGen;

namespace GradBench;

public static partial class OdeSolution
{
    private static void OdeFun(double[] x, double[] y, double[] z)
    {
        z[0] = x[0];
        for (int i = 1; i < x.Length; i++)
        {
            z[i] = x[i] * y[i - 1];
        }
    }

    public static void Primal(double[] xi, int s, double[] yf)
    {
        int n = xi.Length;
        double tf = 2;
        double h = tf / s;
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var yTmp = new double[n];
        Array.Fill(yf, 0.0);

        for (int step = 0; step < s; step++)
        {
            OdeFun(xi, yf, k1);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k1[i] / 2;
            OdeFun(xi, yTmp, k2);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k2[i] / 2;
            OdeFun(xi, yTmp, k3);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k3[i];
            OdeFun(xi, yTmp, k4);
            for (int i = 0; i < n; i++) yf[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
        }
    }

    [Differentiable]
    public static double Last(double[] xi, int s)
    {
        int n = xi.Length;
        double tf = 2;
        double h = tf / s;
        var k1 = new double[n];
        var k2 = new double[n];
        var k3 = new double[n];
        var k4 = new double[n];
        var yTmp = new double[n];
        var yf = new double[n];

        for (int step = 0; step < s; step++)
        {
            OdeFun(xi, yf, k1);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k1[i] / 2;
            OdeFun(xi, yTmp, k2);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k2[i] / 2;
            OdeFun(xi, yTmp, k3);
            for (int i = 0; i < n; i++) yTmp[i] = yf[i] + h * k3[i];
            OdeFun(xi, yTmp, k4);
            for (int i = 0; i < n; i++) yf[i] += h * (k1[i] + 2 * k2[i] + 2 * k3[i] + k4[i]) / 6;
        }
        return yf[n - 1];
    }
}
