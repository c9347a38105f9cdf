// Clad's functor tests (vgvassilev/clad 4b2c0eef): test/Hessian/Functors.C and test/ForwardMode/Functors.C. A C++
// functor (a struct with fields and operator()) is, in C#, a class or struct with fields and an instance method; a
// lambda is a static method; a lambda capturing globals reads static fields. Clad checks the Hessian at (7, 9) with
// x = 3, y = 5: {54, 132, 132, 70} = [[2xj, 2xi + 2yj], [2xi + 2yj, 2yi]]; the mode judge checks it against central
// differences of the gradient around its sampled points.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public partial class Experiment
    {
        public double X = 3, Y = 5;

        [Differentiable(Forward = true, Hessian = true)]
        public double Invoke(double i, double j) => X * i * i * j + Y * i * j * j;

        public void SetX(double val) { X = val; }
    }

    public partial struct ExperimentStruct
    {
        public double X, Y;

        public ExperimentStruct() { X = 3; Y = 5; }

        [Differentiable(Forward = true, Hessian = true)]
        public double Invoke(double i, double j) => X * i * i * j + Y * i * j * j;
    }

    public readonly partial struct ExperimentReadOnly
    {
        public readonly double X, Y;

        public ExperimentReadOnly() { X = 3; Y = 5; }

        [Differentiable(Forward = true, Hessian = true)]
        public double Invoke(double i, double j) => X * i * i * j + Y * i * j * j;
    }

    public static partial class CladLambdas
    {
        public static double x = 3;
        public static double y = 5;

        [Differentiable(Forward = true, Hessian = true)]
        public static double Lambda(double i, double j) => i * i * j * j;

        [Differentiable(Forward = true, Hessian = true)]
        public static double LambdaWithCapture(double i, double jj) => x * i * i * jj + y * i * jj * jj;

        // The lambda as a C# user may keep it: a Func local, called once.
        [Differentiable(Forward = true, Hessian = true)]
        public static double LambdaLocal(double i, double j)
        {
            Func<double, double, double> f = (a, b) => a * a * b * b;
            return f(i, j);
        }
    }
}
