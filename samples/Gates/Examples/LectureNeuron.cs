using System;
using AutoDiffGen;

namespace GatesSample.Examples
{
    internal static partial class Lecture
    {
        /// <summary>The sigmoid neuron f(w, x) = σ(w0·x0 + w1·x1 + w2); the program prints its generated Backward.</summary>
        [Differentiable(Graph = true)]
        public static double Neuron(double w0, double x0, double w1, double x1, double w2)
        {
            double dot = w0 * x0 + w1 * x1 + w2;
            double f = 1.0 / (1.0 + Math.Exp(-dot));
            return f;
        }

        /// <summary>At w = (2, −3, −3), x = (−1, −2) the slide gives 0.73 and gradients rounded to 2 decimals.</summary>
        public static WorkedExample NeuronExample()
        {
            double[] p = { 2, -1, -3, -2, -3 };
            double dw0 = 0, dx0 = 0, dw1 = 0, dx1 = 0, dw2 = 0;
            double f = NeuronBackward(p[0], p[1], p[2], p[3], p[4], ref dw0, ref dx0, ref dw1, ref dx1, ref dw2);
            double[] gradient = { dw0, dx0, dw1, dx1, dw2 };
            return new WorkedExample
            {
                Title = "the sigmoid neuron",
                Function = "f(w, x) = 1 / (1 + exp(-(w0·x0 + w1·x1 + w2)))",
                Inputs = new[] { "w0", "x0", "w1", "x1", "w2" },
                Point = p,
                Value = f,
                Gradient = gradient,
                LectureSource = "slides, 2 decimals",
                LectureValue = 0.73,
                LectureGradient = new[] { -0.20, 0.39, -0.39, -0.59, 0.20 },
                // Half a unit in the last printed decimal: the slide's rounding, nothing more.
                LectureTolerance = 0.005,
                LectureFormat = "0.00",
                Check = WorkedExample.CheckNumerically(v => Neuron(v[0], v[1], v[2], v[3], v[4]), p, gradient),
            };
        }
    }
}
