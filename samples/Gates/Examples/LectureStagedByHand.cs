using System;
using System.Collections.Generic;

namespace GatesSample.Examples
{
    /// <summary>
    /// The CS231n notes' hand-written staged backward pass for f(x, y) = (x + σ(y)) / (σ(x) + (x + y)²),
    /// transliterated line by line, to print next to what the generator derives.
    /// </summary>
    internal static class StagedByHand
    {
        internal readonly record struct Stage(string Line, double Value);

        internal sealed record Pass(double F, double Dx, double Dy, Stage[] Stages);

        internal static Pass Run(double x, double y)
        {
            // forward pass, as in the notes
            double sigy = 1.0 / (1 + Math.Exp(-y));
            double num = x + sigy;
            double sigx = 1.0 / (1 + Math.Exp(-x));
            double xpy = x + y;
            double xpysqr = xpy * xpy;
            double den = sigx + xpysqr;
            double invden = 1.0 / den;
            double f = num * invden;

            // backward pass: each stage is its local gradient times the upstream one; each value is recorded to print it
            var stages = new List<Stage>();
            double dnum = invden;                           // f = num * invden
            stages.Add(new("dnum    = invden", dnum));
            double dinvden = num;
            stages.Add(new("dinvden = num", dinvden));
            double dden = (-1.0 / (den * den)) * dinvden;   // invden = 1 / den
            stages.Add(new("dden    = (-1 / den²) · dinvden", dden));
            double dsigx = 1 * dden;                        // den = sigx + xpysqr
            stages.Add(new("dsigx   = 1 · dden", dsigx));
            double dxpysqr = 1 * dden;
            stages.Add(new("dxpysqr = 1 · dden", dxpysqr));
            double dxpy = (2 * xpy) * dxpysqr;              // xpysqr = xpy²
            stages.Add(new("dxpy    = (2 · xpy) · dxpysqr", dxpy));
            double dx = 1 * dxpy;                           // xpy = x + y
            stages.Add(new("dx      = 1 · dxpy", dx));
            double dy = 1 * dxpy;
            stages.Add(new("dy      = 1 · dxpy", dy));
            dx += ((1 - sigx) * sigx) * dsigx;              // sigx = σ(x): gradients add where x fans out
            stages.Add(new("dx     += ((1 - sigx) · sigx) · dsigx", dx));
            dx += 1 * dnum;                                 // num = x + sigy
            stages.Add(new("dx     += 1 · dnum", dx));
            double dsigy = 1 * dnum;
            stages.Add(new("dsigy   = 1 · dnum", dsigy));
            dy += ((1 - sigy) * sigy) * dsigy;              // sigy = σ(y)
            stages.Add(new("dy     += ((1 - sigy) · sigy) · dsigy", dy));

            return new Pass(f, dx, dy, stages.ToArray());
        }
    }
}
