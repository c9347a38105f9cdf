// Switch shapes with C#'s own scoping: a local declared in one section and assigned in another, when clauses,
// relational patterns.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class SwitchScopes
    {
        [Differentiable]
        public static double LocalSharedAcrossSections(double x, int k)
        {
            double r = 0;
            switch (k % 3)
            {
                case 0:
                    double t = x * 2;
                    r = t;
                    break;
                case 1:
                    t = x * 3;
                    r = t * t;
                    break;
                default:
                    t = x;
                    r = t + x;
                    break;
            }
            return r;
        }

        [Differentiable]
        public static double WhenClause(double x, int k)
        {
            switch (k)
            {
                case int j when j > 2: return x * j;
                case 2: return x * x;
                default: return -x;
            }
        }

        [Differentiable]
        public static double RelationalCases(double x, int k)
        {
            double r = x;
            switch (k)
            {
                case > 2: r *= x; break;
                case < 0: r = -r; break;
                case 1 or 2: r += x * x; break;
                default: break;
            }
            return r;
        }

        [Differentiable]
        public static double SwitchOnDoubleThreshold(double x)
        {
            double r;
            switch (x)
            {
                case < 1.0: r = x * x; break;
                case < 2.0: r = 2 * x - 1; break;
                default: r = 3 * x - 3; break;
            }
            return r;
        }

        [Differentiable]
        public static double SharedLocalInLoopSwitch(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n + 2; i++)
            {
                switch (i % 2)
                {
                    case 0:
                        double u = x * i;
                        s += u;
                        break;
                    default:
                        u = s * x;
                        s = u;
                        break;
                }
            }
            return s;
        }
    }
}
