using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Before
{

    /// <summary>AdBench/BundleAdjustment.cs with ComputeZachWeightError in another class, so that Objective calls it through its Backward as main (dcf7c38) did before small callees were inlined: the baseline of `adbench calls`.</summary>
    public static partial class BundleAdjustmentCalled
    {
        public const int NCamParams = 11;
        private const int RotIdx = 0, CIdx = 3, FIdx = 6, X0Idx = 7, RadIdx = 9;

        [Differentiable]
        public static double Sqsum(ReadOnlySpan<double> x)
        {
            double res = 0;
            for (int i = 0; i < x.Length; i++)
                res += x[i] * x[i];
            return res;
        }

        [Differentiable]
        public static void Cross(ReadOnlySpan<double> a, ReadOnlySpan<double> b, double[] result)
        {
            result[0] = a[1] * b[2] - a[2] * b[1];
            result[1] = a[2] * b[0] - a[0] * b[2];
            result[2] = a[0] * b[1] - a[1] * b[0];
        }

        [Differentiable]
        public static void RodriguesRotatePoint(ReadOnlySpan<double> rot, ReadOnlySpan<double> pt, double[] rotatedPt)
        {
            double sqtheta = Sqsum(rot);
            if (sqtheta != 0)
            {
                double theta = Math.Sqrt(sqtheta);
                double costheta = Math.Cos(theta);
                double sintheta = Math.Sin(theta);
                double thetaInverse = 1.0 / theta;
                var w = new double[3];
                for (int i = 0; i < 3; i++)
                    w[i] = rot[i] * thetaInverse;
                var wCrossPt = new double[3];
                Cross(w, pt, wCrossPt);
                double tmp = (w[0] * pt[0] + w[1] * pt[1] + w[2] * pt[2]) * (1.0 - costheta);
                for (int i = 0; i < 3; i++)
                    rotatedPt[i] = pt[i] * costheta + wCrossPt[i] * sintheta + w[i] * tmp;
            }
            else
            {
                var rotCrossPt = new double[3];
                Cross(rot, pt, rotCrossPt);
                for (int i = 0; i < 3; i++)
                    rotatedPt[i] = pt[i] + rotCrossPt[i];
            }
        }

        [Differentiable]
        public static void RadialDistort(ReadOnlySpan<double> radParams, double[] proj)
        {
            double rsq = Sqsum(proj);
            double l = 1.0 + radParams[0] * rsq + radParams[1] * rsq * rsq;
            proj[0] = proj[0] * l;
            proj[1] = proj[1] * l;
        }

        [Differentiable]
        public static void Project(ReadOnlySpan<double> cam, ReadOnlySpan<double> x, double[] proj)
        {
                    var xo = new double[3];
            xo[0] = x[0] - cam[CIdx];
            xo[1] = x[1] - cam[CIdx + 1];
            xo[2] = x[2] - cam[CIdx + 2];
            var xcam = new double[3];
            RodriguesRotatePoint(cam.Slice(RotIdx, 3), xo, xcam);
            proj[0] = xcam[0] / xcam[2];
            proj[1] = xcam[1] / xcam[2];
            RadialDistort(cam.Slice(RadIdx, 2), proj);
            proj[0] = proj[0] * cam[FIdx] + cam[X0Idx];
            proj[1] = proj[1] * cam[FIdx] + cam[X0Idx + 1];
        }

        [Differentiable]
        public static void ComputeReprojError(ReadOnlySpan<double> cam, ReadOnlySpan<double> x, double w,
            [NoDiff] ReadOnlySpan<double> feat, double[] err)
        {
            var proj = new double[2];
            Project(cam, x, proj);
            err[0] = w * (proj[0] - feat[0]);
            err[1] = w * (proj[1] - feat[1]);
        }

        // The objective as a sum of squares, the scalar a least-squares solver minimises.
        [Differentiable]
        public static double Objective(int n, int m, int p, double[] cams, double[] x, double[] w,
            int[] obs, [NoDiff] double[] feats)
        {
            double total = 0;
            var err = new double[2];
            for (int i = 0; i < p; i++)
            {
                int camIdx = obs[i * 2 + 0];
                int ptIdx = obs[i * 2 + 1];
                ComputeReprojError(cams.AsSpan(camIdx * NCamParams, NCamParams), x.AsSpan(ptIdx * 3, 3),
                    w[i], feats.AsSpan(i * 2, 2), err);
                total += err[0] * err[0] + err[1] * err[1];
            }
            for (int i = 0; i < p; i++)
            {
                double we = BundleAdjustmentCalledHelpers.ComputeZachWeightError(w[i]);
                total += we * we;
            }
            return total;
        }
    }

    /// <summary>BundleAdjustment.ComputeZachWeightError, in a class of its own: a callee of another type keeps its call.</summary>
    public static partial class BundleAdjustmentCalledHelpers
    {
        [Differentiable]
        public static double ComputeZachWeightError(double w) => 1 - w * w;
    }
}
