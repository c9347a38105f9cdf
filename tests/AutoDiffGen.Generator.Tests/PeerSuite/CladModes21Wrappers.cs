namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// Callers of what the generator writes for ModeSources/CladModes21.cs and HandSources/CladModes21Outputs.cs, compiled with
/// them: each takes its differentiable scalars as one flat <c>double[]</c> (arrays flattened in parameter order), so the
/// test reaches spans, <c>ref</c> tangents and instance methods through reflection. Per Hessian case: <c>…H(p, h)</c>
/// (MHessian), <c>…V(p, v, hv)</c> (MHessianVector), <c>…G(p, g)</c> (MBackward's gradient); per forward case
/// <c>…T(p, t)</c>: MForward's tangent(s) along t; per Jacobian case <c>…J(p, j)</c> and <c>…Y(p)</c> (the outputs).
/// </summary>
internal static class CladModes21Wrappers
{
    public const string Source = """
        #nullable enable
        using System;
        namespace PeerModes
        {
            public static class Hand21
            {
                // Forward: value and tangent(s) along t.
                public static double[] PowRecT(double[] p, double[] t) { Modes21Forward.PowRecForward(p[0], 3, t[0], out var r); return new[] { r }; }
                public static double PowRec(double[] p) => Modes21Forward.PowRec(p[0], 3);
                public static double[] SignedSquareT(double[] p, double[] t) { Modes21Forward.SignedSquareForward(p[0], t[0], out var r); return new[] { r }; }
                public static double SignedSquare(double[] p) => Modes21Forward.SignedSquare(p[0]);
                private static readonly int[] Mask = { 1, -1, 1 };
                public static double[] MaskedSumT(double[] p, double[] t) { Modes21Forward.MaskedSumForward(new[] { p[0], p[1], p[2] }, 3, Mask, p[3], p[4], new[] { t[0], t[1], t[2] }, t[3], t[4], out var r); return new[] { r }; }
                public static double MaskedSum(double[] p) => Modes21Forward.MaskedSum(new[] { p[0], p[1], p[2] }, 3, Mask, p[3], p[4]);
                public static double[] DivideT(double[] p, double[] t) { Modes21Forward.DivideForward(new[] { p[0], p[1] }, t, out var r); return new[] { r }; }
                public static double Divide(double[] p) => Modes21Forward.Divide(new[] { p[0], p[1] });
                public static double[] PowExpLoopT(double[] p, double[] t) { Modes21Forward.PowExpLoopForward(p[0], p[1], 3, t[0], t[1], out var r); return new[] { r }; }
                public static double PowExpLoop(double[] p) => Modes21Forward.PowExpLoop(p[0], p[1], 3);
                public static double[] MT(double[] p, double[] t) { new StructCalls21().MForward(p[0], p[1], t[0], t[1], out var r); return new[] { r }; }
                public static double M(double[] p) => new StructCalls21().M(p[0], p[1]);
                public static double[] MemFn2T(double[] p, double[] t) { new Widget21().MemFn2Forward(p[0], p[1], t[0], t[1], out var r); return new[] { r }; }
                public static double MemFn2(double[] p) => new Widget21().MemFn2(p[0], p[1]);
                public static double[] OuterT(double[] p, double[] t) { Modes21Hessian.OuterForward(p[0], p[1], p[2], t[0], t[1], t[2], out var r); return new[] { r }; }
                public static double Outer(double[] p) => Modes21Hessian.Outer(p[0], p[1], p[2]);
                public static double[] EarlyInLoopT(double[] p, double[] t) { Modes21Hessian.EarlyInLoopForward(p[0], p[1], p[2], p[3], t[0], t[1], t[2], t[3], out var r); return new[] { r }; }
                public static double EarlyInLoop(double[] p) => Modes21Hessian.EarlyInLoop(p[0], p[1], p[2], p[3]);
                public static double[] SumOfCubesT(double[] p, double[] t) { Modes21Hessian.SumOfCubesForward(p[0], p[1], t[0], t[1], out var r); return new[] { r }; }
                public static double SumOfCubes(double[] p) => Modes21Hessian.SumOfCubes(p[0], p[1]);
                public static double[] FT(double[] p, double[] t) { Nested21.FForward(p[0], p[1], t[0], t[1], out var r); return new[] { r }; }
                public static double F(double[] p) => Nested21.F(p[0], p[1]);
                public static double[] SumOfSquaresT(double[] p, double[] t) { Modes21Outputs.SumOfSquaresForward(new[] { p[0], p[1], p[2] }, p[3], new[] { t[0], t[1], t[2] }, t[3], out var r); return new[] { r }; }
                public static double SumOfSquares(double[] p) => Modes21Outputs.SumOfSquares(new[] { p[0], p[1], p[2] }, p[3]);
                public static double[] PolarT(double[] p, double[] t) { Modes21Jacobian.PolarForward(p[0], p[1], t[0], t[1], out var r); return new[] { r.Item1, r.Item2 }; }
                public static double[] PolarY(double[] p) { var r = Modes21Jacobian.Polar(p[0], p[1]); return new[] { r.Item1, r.Item2 }; }
                public static double[] SquareTwiceT(double[] p, double[] t) { var o = new double[2]; var to = new double[2]; Modes21Outputs.SquareTwiceForward(p[0], o, t[0], to); return to; }
                public static double[] SquareTwiceY(double[] p) { var o = new double[2]; Modes21Outputs.SquareTwice(p[0], o); return o; }
                public static double[] TwoArraysT(double[] p, double[] t) { var o = new double[3]; var to = new double[3]; Modes21Outputs.TwoArraysForward(new[] { p[0], p[1] }, new[] { p[2] }, o, new[] { t[0], t[1] }, new[] { t[2] }, to); return to; }
                public static double[] TwoArraysY(double[] p) { var o = new double[3]; Modes21Outputs.TwoArrays(new[] { p[0], p[1] }, new[] { p[2] }, o); return o; }
                public static double[] PowersT(double[] p, double[] t) { var o = new double[3]; var to = new double[3]; Modes21Outputs.PowersForward(p[0], p[1], o, t[0], t[1], to); return to; }
                public static double[] PowersY(double[] p) { var o = new double[3]; Modes21Outputs.Powers(p[0], p[1], o); return o; }
                public static double[] FillT(double[] p, double[] t) { var o = new double[2]; var to = new double[2]; Modes21Outputs.FillForward(p[0], p[1], o, t[0], t[1], to); return to; }
                public static double[] FillY(double[] p) { var o = new double[2]; Modes21Outputs.Fill(p[0], p[1], o); return o; }
                public static double[] FillThenShiftArrayT(double[] p, double[] t) { var o = new double[2]; var to = new double[2]; Modes21Outputs.FillThenShiftArrayForward(p[0], p[1], o, t[0], t[1], to); return to; }
                public static double[] FillThenShiftArrayY(double[] p) { var o = new double[2]; Modes21Outputs.FillThenShiftArray(p[0], p[1], o); return o; }
                public static double[] RefOutputsT(double[] p, double[] t) { double b = 0, c = 0, tb = 0, tc = 0; Modes21Outputs.RefOutputsNoJacobianForward(p[0], ref b, ref c, t[0], ref tb, ref tc); return new[] { tb, tc }; }
                public static double[] RefOutputsY(double[] p) { double b = 0, c = 0; Modes21Outputs.RefOutputsNoJacobian(p[0], ref b, ref c); return new[] { b, c }; }

                // Jacobian: the m×n matrix, row-major.
                public static void PolarJ(double[] p, double[] j) => Modes21Jacobian.PolarJacobian(p[0], p[1], j);
                public static void SquareTwiceJ(double[] p, double[] j) => Modes21Outputs.SquareTwiceJacobian(p[0], new double[2], j);
                public static void TwoArraysJ(double[] p, double[] j) => Modes21Outputs.TwoArraysJacobian(new[] { p[0], p[1] }, new[] { p[2] }, new double[3], j);
                public static void PowersJ(double[] p, double[] j) => Modes21Outputs.PowersJacobian(p[0], p[1], new double[3], j);
                public static void FillJ(double[] p, double[] j) => Modes21Outputs.FillJacobian(p[0], p[1], new double[2], j);
                public static void FillThenShiftArrayJ(double[] p, double[] j) => Modes21Outputs.FillThenShiftArrayJacobian(p[0], p[1], new double[2], j);
                public static void FJ(double[] p, double[] j) => Nested21.FJacobian(p[0], p[1], j);
                public static void RefOutputsJ(double[] p, double[] j) { double b = p[1], c = p[2]; Modes21Outputs.RefOutputsJacobian(p[0], ref b, ref c, j); }
                public static double[] RefOutputsBC(double[] p) { double b = p[1], c = p[2]; Modes21Outputs.RefOutputs(p[0], ref b, ref c); return new[] { b, c }; }

                // Hessian: MHessian, MHessianVector and MBackward's gradient over the flat scalars.
                public static double MaskedSumH(double[] p, double[] h) => Modes21Forward.MaskedSumHessian(new[] { p[0], p[1], p[2] }, 3, Mask, p[3], p[4], h);
                public static double MaskedSumV(double[] p, double[] v, double[] hv) => Modes21Forward.MaskedSumHessianVector(new[] { p[0], p[1], p[2] }, 3, Mask, p[3], p[4], v, hv);
                public static void MaskedSumG(double[] p, double[] g) { var da = new double[3]; double dA = 0, dB = 0; Modes21Forward.MaskedSumBackward(new[] { p[0], p[1], p[2] }, 3, Mask, p[3], p[4], da, ref dA, ref dB); da.CopyTo(g, 0); g[3] = dA; g[4] = dB; }
                public static double DivideH(double[] p, double[] h) => Modes21Forward.DivideHessian(new[] { p[0], p[1] }, h);
                public static double DivideV(double[] p, double[] v, double[] hv) => Modes21Forward.DivideHessianVector(new[] { p[0], p[1] }, v, hv);
                public static void DivideG(double[] p, double[] g) { var d = new double[2]; Modes21Forward.DivideBackward(new[] { p[0], p[1] }, d); d.CopyTo(g, 0); }
                public static double PowExpLoopH(double[] p, double[] h) => Modes21Forward.PowExpLoopHessian(p[0], p[1], 3, h);
                public static double PowExpLoopV(double[] p, double[] v, double[] hv) => Modes21Forward.PowExpLoopHessianVector(p[0], p[1], 3, v, hv);
                public static void PowExpLoopG(double[] p, double[] g) { double dx = 0, dy = 0; Modes21Forward.PowExpLoopBackward(p[0], p[1], 3, ref dx, ref dy); g[0] = dx; g[1] = dy; }
                public static double MH(double[] p, double[] h) => new StructCalls21().MHessian(p[0], p[1], h);
                public static double MV(double[] p, double[] v, double[] hv) => new StructCalls21().MHessianVector(p[0], p[1], v, hv);
                public static void MG(double[] p, double[] g) { double dx = 0, dy = 0; new StructCalls21().MBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
                public static double MemFn2H(double[] p, double[] h) => new Widget21().MemFn2Hessian(p[0], p[1], h);
                public static double MemFn2V(double[] p, double[] v, double[] hv) => new Widget21().MemFn2HessianVector(p[0], p[1], v, hv);
                public static void MemFn2G(double[] p, double[] g) { double di = 0, dj = 0; new Widget21().MemFn2Backward(p[0], p[1], ref di, ref dj); g[0] = di; g[1] = dj; }
                public static double WeightedSquareH(double[] p, double[] h) => Modes21Hessian.WeightedSquareHessian(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] }, p[6], h);
                public static double WeightedSquareV(double[] p, double[] v, double[] hv) => Modes21Hessian.WeightedSquareHessianVector(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] }, p[6], v, hv);
                public static void WeightedSquareG(double[] p, double[] g) { var da = new double[3]; var dw = new double[3]; double dm = 0; Modes21Hessian.WeightedSquareBackward(new[] { p[0], p[1], p[2] }, new[] { p[3], p[4], p[5] }, p[6], da, dw, ref dm); da.CopyTo(g, 0); dw.CopyTo(g, 3); g[6] = dm; }
                public static double OuterH(double[] p, double[] h) => Modes21Hessian.OuterHessian(p[0], p[1], p[2], h);
                public static double OuterV(double[] p, double[] v, double[] hv) => Modes21Hessian.OuterHessianVector(p[0], p[1], p[2], v, hv);
                public static void OuterG(double[] p, double[] g) { double dx = 0, dy = 0, dz = 0; Modes21Hessian.OuterBackward(p[0], p[1], p[2], ref dx, ref dy, ref dz); g[0] = dx; g[1] = dy; g[2] = dz; }
                public static double EarlyInLoopH(double[] p, double[] h) => Modes21Hessian.EarlyInLoopHessian(p[0], p[1], p[2], p[3], h);
                public static double EarlyInLoopV(double[] p, double[] v, double[] hv) => Modes21Hessian.EarlyInLoopHessianVector(p[0], p[1], p[2], p[3], v, hv);
                public static void EarlyInLoopG(double[] p, double[] g) { double da = 0, db = 0, dc = 0, dd = 0; Modes21Hessian.EarlyInLoopBackward(p[0], p[1], p[2], p[3], ref da, ref db, ref dc, ref dd); g[0] = da; g[1] = db; g[2] = dc; g[3] = dd; }
                public static double SumOfCubesH(double[] p, double[] h) => Modes21Hessian.SumOfCubesHessian(p[0], p[1], h);
                public static double SumOfCubesV(double[] p, double[] v, double[] hv) => Modes21Hessian.SumOfCubesHessianVector(p[0], p[1], v, hv);
                public static void SumOfCubesG(double[] p, double[] g) { double da = 0, db = 0; Modes21Hessian.SumOfCubesBackward(p[0], p[1], ref da, ref db); g[0] = da; g[1] = db; }
                public static double CubeChainH(double[] p, double[] h) => Modes21Hessian.CubeChainHessian(new[] { p[0], p[1], p[2] }, h);
                public static double CubeChainV(double[] p, double[] v, double[] hv) => Modes21Hessian.CubeChainHessianVector(new[] { p[0], p[1], p[2] }, v, hv);
                public static void CubeChainG(double[] p, double[] g) { var d = new double[3]; Modes21Hessian.CubeChainBackward(new[] { p[0], p[1], p[2] }, d); d.CopyTo(g, 0); }
                public static double JaggedRowsH(double[] p, double[] h) => Modes21Hessian.JaggedRowsHessian(new[] { p[0], p[1], p[2] }, h);
                public static double JaggedRowsV(double[] p, double[] v, double[] hv) => Modes21Hessian.JaggedRowsHessianVector(new[] { p[0], p[1], p[2] }, v, hv);
                public static void JaggedRowsG(double[] p, double[] g) { var d = new double[3]; Modes21Hessian.JaggedRowsBackward(new[] { p[0], p[1], p[2] }, d); d.CopyTo(g, 0); }
                public static double FH(double[] p, double[] h) => Nested21.FHessian(p[0], p[1], h);
                public static double FV(double[] p, double[] v, double[] hv) => Nested21.FHessianVector(p[0], p[1], v, hv);
                public static void FG(double[] p, double[] g) { double dx = 0, dy = 0; Nested21.FBackward(p[0], p[1], ref dx, ref dy); g[0] = dx; g[1] = dy; }
                // The parameter written by the inlined void callee: every call gets a fresh array (the method leaves it scaled).
                public static double ScaleParamH(double[] p, double[] h) => Modes21Outputs.ScaleParamHessian(p[0], new[] { p[1], p[2] }, h);
                public static double ScaleParamV(double[] p, double[] v, double[] hv) => Modes21Outputs.ScaleParamHessianVector(p[0], new[] { p[1], p[2] }, v, hv);
                public static void ScaleParamG(double[] p, double[] g) { double dk = 0; var da = new double[2]; Modes21Outputs.ScaleParamBackward(p[0], new[] { p[1], p[2] }, ref dk, da); g[0] = dk; g[1] = da[0]; g[2] = da[1]; }
                public static double ScaleParamTwiceH(double[] p, double[] h) => Modes21Outputs.ScaleParamTwiceHessian(p[0], new[] { p[1], p[2] }, h);
                public static double ScaleParamTwiceV(double[] p, double[] v, double[] hv) => Modes21Outputs.ScaleParamTwiceHessianVector(p[0], new[] { p[1], p[2] }, v, hv);
                public static void ScaleParamTwiceG(double[] p, double[] g) { double dk = 0; var da = new double[2]; Modes21Outputs.ScaleParamTwiceBackward(p[0], new[] { p[1], p[2] }, ref dk, da); g[0] = dk; g[1] = da[0]; g[2] = da[1]; }
            }
        }
        """;
}
