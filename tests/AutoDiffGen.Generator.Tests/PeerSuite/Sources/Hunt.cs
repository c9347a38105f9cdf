// Shapes chosen to break a reverse-mode generator: jumps out of nested constructs, loop-carried state that a
// jump skips, counters that change by other steps, integer/real mixing, and self-referencing updates.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Hunt
    {
        [Differentiable]
        public static double NestedIfReturnInLoop(double x, double a)
        {
            double r = 1;
            for (int i = 0; i < 4; i++)
            {
                r *= x;
                if (a > 0)
                {
                    if (r > 2) return r * a;
                }
                r += a;
            }
            return 3 * r;
        }

        [Differentiable]
        public static double ReturnInElseIfChain(double x, double y)
        {
            double t = x * y;
            if (t > 4) return t;
            else if (t > 1) t = t * t;
            else if (t > 0.5) return -t;
            t += x;
            if (y > 1) { t *= y; } else { return t * 2; }
            return t + 1;
        }

        [Differentiable]
        public static double ReturnInSwitchInLoop(double x, int n)
        {
            double r = x;
            for (int i = 0; i < n + 3; i++)
            {
                switch (i)
                {
                    case 0: r *= x; break;
                    case 2:
                        if (r > 5) return r;
                        r += 1;
                        break;
                    default: r = r * 0.5 + x; break;
                }
                r += i;
            }
            return r * r;
        }

        [Differentiable]
        public static double BreakInSwitchIsNotLoopBreak(double x)
        {
            double r = 0;
            for (int i = 0; i < 4; i++)
            {
                switch (i % 2)
                {
                    case 0:
                        r += x;
                        break;
                    default:
                        r *= x;
                        break;
                }
                r += 1;
            }
            return r;
        }

        [Differentiable]
        public static double ReturnInDoWhile(double x)
        {
            double r = x;
            int k = 0;
            do
            {
                r = r * 1.5 + x;
                if (r > 10) return r - x;
                k++;
            } while (k < 6);
            return r;
        }

        [Differentiable]
        public static double ReturnInForeach(double[] v, double t)
        {
            double s = 0;
            foreach (double e in v)
            {
                if (e > 2.5)
                {
                    if (t > 0) return s * t + e;
                }
                s += e * e;
            }
            return s;
        }

        [Differentiable]
        public static double ContinueWithRealIncrementor(double x)
        {
            double t = 1;
            double r = 0;
            for (int i = 0; i < 5; i++, t *= x)
            {
                if (i == 2) continue;
                r += t;
            }
            return r + t;
        }

        [Differentiable]
        public static double BreakOuterViaFlag(double x)
        {
            double r = 0;
            bool done = false;
            for (int i = 0; i < 4 && !done; i++)
            {
                for (int j = 0; j < 4; j++)
                {
                    r += x * (i + j);
                    if (r > 6) { done = true; break; }
                }
            }
            return r;
        }

        [Differentiable]
        public static double TriangularInputBound(double[] a, double x)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
                for (int j = 0; j <= i; j++)
                    s += a[i] * a[j] * x;
            return s;
        }

        [Differentiable]
        public static double StepTwo(double[] a)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i += 2) s += a[i] * a[i];
            for (int i = 1; i < a.Length; i *= 2) s += a[i];
            return s;
        }

        [Differentiable]
        public static double Downward(double[] a)
        {
            double s = 1;
            int i = a.Length;
            while (i > 0)
            {
                i--;
                s = s * a[i] + 1;
            }
            return s;
        }

        [Differentiable]
        public static double SelfCompound(double x)
        {
            double y = x + 1;
            y *= y;
            y += y;
            y /= y + 1;
            y -= y * y;
            return y;
        }

        [Differentiable]
        public static double SelfCompoundInLoop(double x)
        {
            double y = x;
            for (int i = 0; i < 3; i++) y *= y;
            return y;
        }

        [Differentiable]
        public static double ArraySelfCompound(double[] x)
        {
            double[] a = new double[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                a[i] = x[i] + 1;
                a[i] *= a[i];
                a[i] += a[(i + 1) % x.Length];
            }
            double s = 0;
            for (int i = 0; i < a.Length; i++) s += a[i];
            return s;
        }

        [Differentiable]
        public static double ArrayAliasing(double[] x)
        {
            double[] a = new double[3];
            double[] b = a;
            a[0] = x[0];
            b[0] *= x[1];
            return a[0] + b[0];
        }

        [Differentiable]
        public static double IntegerDivisionInReal(double x, int n)
        {
            return x * (1 / 2) + x * (n / 2) + x / 2 * 3 + (x + 1) / n + x * (n / 2.0);
        }

        [Differentiable]
        public static double RealModulo(double x, double y)
        {
            return (x * 3) % 2.0 + x % y;
        }

        [Differentiable]
        public static double TruncSign(double x)
        {
            return Math.Truncate(x * 3) + Math.Sign(x) * x + Math.Round(x * 2.5, 1) + Math.Round(x, MidpointRounding.AwayFromZero);
        }

        [Differentiable]
        public static double IntAccumulator(double x)
        {
            int count = 0;
            double s = 0;
            for (int i = 0; i < 5; i++)
            {
                if (x * i > 2) count++;
                s += x * count;
            }
            return s;
        }

        [Differentiable]
        public static float FloatDoubleMix(float x, double y)
        {
            float a = x * 2.5f;
            double b = a * y;
            float c = (float)b + x;
            c += (float)(y * y);
            return c * a;
        }

        [Differentiable]
        public static float FloatLiteralsDouble(float x)
        {
            float r = x;
            r *= 0.1f;
            r += (float)Math.Sin(x);
            return r / 3;
        }

        [Differentiable]
        public static double TernaryChainInLoop(double[] a)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                s += a[i] < 1 ? a[i] : a[i] < 2 ? a[i] * a[i] : a[i] < 2.5 ? Math.Exp(a[i]) : 0;
            }
            return s;
        }

        [Differentiable]
        public static double ConditionalAssignTarget(double x, double y)
        {
            double a = 1, b = 2;
            for (int i = 0; i < 3; i++)
            {
                if (i % 2 == 0) a = a * x + b; else b = b * y + a;
            }
            return a * b;
        }

        [Differentiable]
        public static double DeclaredUnassignedInLoop(double x)
        {
            double r = 0;
            for (int i = 0; i < 4; i++)
            {
                double t;
                if (i % 2 == 0) t = x * i; else t = x * x;
                r += t;
            }
            return r;
        }

        [Differentiable]
        public static double ParamOverwrittenThenReturn(double x, double y)
        {
            x = x * y;
            if (x > 1) return x;
            y = x + y;
            x = y * y;
            return x + y;
        }

        [Differentiable]
        public static double WhileWithOr(double x)
        {
            double r = x;
            int i = 0;
            while (i < 2 || r < 3)
            {
                r = r * 1.2 + 0.1;
                i++;
                if (i > 50) break;
            }
            return r;
        }

        [Differentiable]
        public static double NestedLoopsReturnAndBreak(double[] a, double w)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                int j = 0;
                while (j < a.Length)
                {
                    if (j == i) { j++; continue; }
                    s += a[i] * a[j] * w;
                    if (s > 40) return s;
                    if (a[j] > 2.8) break;
                    j++;
                }
            }
            return s;
        }

        [Differentiable]
        public static double ReuseLocalAcrossLoops(double x)
        {
            double t = x;
            double r = 0;
            for (int i = 0; i < 3; i++) { t = t * x; r += t; }
            for (int i = 0; i < 2; i++) { t = t + r; r *= 0.5; }
            return r + t;
        }

        [Differentiable]
        public static double EmptyLoop(double x, int n)
        {
            double r = x;
            for (int i = 0; i < n - 10; i++) r *= x;
            return r;
        }

        [Differentiable]
        public static double PowerAtZeroReachable(double x, double y)
        {
            return Math.Pow(x * x, y) + Math.Sqrt(x * x + y * y);
        }

        [Differentiable]
        public static double LogSumExp(double[] v)
        {
            double m = v[0];
            for (int i = 1; i < v.Length; i++) m = Math.Max(m, v[i]);
            double s = 0;
            for (int i = 0; i < v.Length; i++) s += Math.Exp(v[i] - m);
            return m + Math.Log(s);
        }

        [Differentiable]
        public static double Softmax0(double[] v)
        {
            double[] e = new double[v.Length];
            double s = 0;
            for (int i = 0; i < v.Length; i++) { e[i] = Math.Exp(v[i]); s += e[i]; }
            for (int i = 0; i < v.Length; i++) e[i] /= s;
            return e[0] * 2 + e[1];
        }

        [Differentiable]
        public static double Bubble(double[] v)
        {
            double[] a = new double[v.Length];
            for (int i = 0; i < v.Length; i++) a[i] = v[i];
            for (int i = 0; i < a.Length; i++)
                for (int j = 0; j + 1 < a.Length - i; j++)
                    if (a[j] > a[j + 1]) { double t = a[j]; a[j] = a[j + 1]; a[j + 1] = t; }
            return a[0] + 2 * a[1] + 3 * a[a.Length - 1];
        }

        [Differentiable]
        public static double Newton(double a)
        {
            double x = a;
            for (int i = 0; i < 20; i++)
            {
                double fx = x * x - a;
                if (Math.Abs(fx) < 1e-14) break;
                x -= fx / (2 * x);
            }
            return x;
        }

        [Differentiable]
        public static double Bisection(double c)
        {
            double lo = 0, hi = 10;
            for (int i = 0; i < 60; i++)
            {
                double mid = 0.5 * (lo + hi);
                if (mid * mid > c) hi = mid; else lo = mid;
            }
            return lo;
        }
    }
}
