using System;
using System.Globalization;
using AutoDiffGen;

namespace GatesSample.Examples
{
    internal static partial class Lecture
    {
        /// <summary>The lecture notes' staged computation f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²), stage by stage.</summary>
        [Differentiable(Graph = true)]
        public static double Staged(double x, double y)
        {
            double sigy = 1.0 / (1 + Math.Exp(-y));
            double num = x + sigy;
            double sigx = 1.0 / (1 + Math.Exp(-x));
            double xpy = x + y;
            double xpysqr = xpy * xpy;
            double den = sigx + xpysqr;
            double invden = 1.0 / den;
            double f = num * invden;
            return f;
        }

        /// <summary>At x = 3, y = −4 (the notes' point) the generated gradient is compared with the notes' hand-derived staged backward pass.</summary>
        public static WorkedExample StagedExample()
        {
            double[] p = { 3, -4 };
            double dx = 0, dy = 0;
            double f = StagedBackward(p[0], p[1], ref dx, ref dy);
            double[] gradient = { dx, dy };

            StagedByHand.Pass hand = StagedByHand.Run(p[0], p[1]);
            var notes = new string[hand.Stages.Length + 1];
            notes[0] = "the notes' staged backward pass, by hand (Examples/LectureStagedByHand.cs):";
            for (int i = 0; i < hand.Stages.Length; i++)
            {
                StagedByHand.Stage s = hand.Stages[i];
                notes[i + 1] = string.Format(CultureInfo.InvariantCulture, "  {0,-38} = {1,10}", s.Line, s.Value.ToString("G6", CultureInfo.InvariantCulture));
            }

            return new WorkedExample
            {
                Title = "the staged (x + σ(y)) / (σ(x) + (x + y)²)",
                Function = "f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²)",
                Inputs = new[] { "x", "y" },
                Point = p,
                Value = f,
                Gradient = gradient,
                LectureSource = "the notes' staged backward pass, by hand (above)",
                LectureValue = hand.F,
                LectureGradient = new[] { hand.Dx, hand.Dy },
                // Both are double arithmetic on the same stages; only the order of a few roundings differs.
                LectureTolerance = 1e-12,
                Check = WorkedExample.CheckNumerically(v => Staged(v[0], v[1]), p, gradient),
                Notes = notes,
            };
        }
    }
}
