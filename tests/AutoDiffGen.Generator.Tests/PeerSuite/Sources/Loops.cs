// Loops in the style of Clad's test/Gradient/Loops.C, written as a C# user would.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Loops
    {
        [Differentiable]
        public static double F1(double x)
        {
            double t = 1;
            for (int i = 0; i < 3; i++)
                t *= x;
            return t;
        }

        [Differentiable]
        public static double F2(double x)
        {
            double t = 1;
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    t *= x;
            return t;
        }

        [Differentiable]
        public static double F3(double x)
        {
            double t = 1;
            for (int i = 0; i < 3; i++)
            {
                t *= x;
                if (i == 1)
                    return t;
            }
            return t;
        }

        [Differentiable]
        public static double F4(double x)
        {
            double t = 1;
            for (int i = 0; i < 3; t *= x)
                i++;
            return t;
        }

        [Differentiable]
        public static double F5(double x)
        {
            for (int i = 0; i < 10; i++)
                x++;
            return x;
        }

        [Differentiable]
        public static double ConstLocalInLoop(double x)
        {
            double res = 0;
            for (int i = 0; i < 3; ++i)
            {
                double n = x + i;
                res += x * n;
            }
            return res;
        }

        [Differentiable]
        public static double Sum(double[] p, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += p[i];
            return s;
        }

        private static double Sq(double x) => x * x;

        [Differentiable]
        public static double SumSquares(double[] p, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
                s += Sq(p[i]);
            return s;
        }

        [Differentiable]
        public static double LogGaus(double[] x, double[] p, double n, double sigma)
        {
            double power = 0;
            for (int i = 0; i < n; i++)
                power += Sq(x[i] - p[i]);
            power = -power / (2 * Sq(sigma));
            double gaus = 1.0 / Math.Sqrt(Math.Pow(2 * Math.PI, n) * sigma) * Math.Exp(power);
            return Math.Log(gaus);
        }

        [Differentiable]
        public static double Const(double a, double b)
        {
            int r = 0;
            for (int i = 0; i < a; i++)
            {
                int sq = (int)(b * b);
                r += sq;
            }
            return r;
        }

        [Differentiable]
        public static double WhileCounter(double x)
        {
            double r = 0;
            int i = 3;
            while (i-- > 0)
            {
                r += x * i;
            }
            return r;
        }

        [Differentiable]
        public static double WhileCompound(double x, double y)
        {
            double r = x;
            int i = 0;
            while (i < 10 && r < 100 * y)
            {
                r = r * 1.5 + y;
                i++;
            }
            return r;
        }

        [Differentiable]
        public static double DoWhile(double x)
        {
            double r = 1;
            int i = 0;
            do
            {
                r *= x;
                i++;
            } while (i < 4);
            return r;
        }

        [Differentiable]
        public static double DoWhileDataDependent(double x)
        {
            double r = x;
            do
            {
                r = r * r;
            } while (r < 50);
            return r;
        }

        [Differentiable]
        public static double NestedBreakContinue(double[] a, double w)
        {
            double s = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] < 0.5) continue;
                for (int j = 0; j < a.Length; j++)
                {
                    if (j > i) break;
                    if (a[j] > 2.5) continue;
                    s += a[i] * a[j] * w;
                }
            }
            return s;
        }

        [Differentiable]
        public static double InputBound(double x, double y)
        {
            double r = 0;
            for (int i = 0; i < x * 2; i++)
            {
                r += y * i;
            }
            return r * x;
        }

        [Differentiable]
        public static double DoubleCounter(double x)
        {
            double r = 0;
            for (double t = 0; t < 3; t += 0.5)
            {
                r += x * t;
            }
            return r;
        }

        [Differentiable]
        public static double RealCounterFromInput(double x, double y)
        {
            double r = 0;
            for (double t = x; t < 5; t += 1)
            {
                r += t * y;
            }
            return r;
        }

        [Differentiable]
        public static double LoopCarriedArray(double[] x, int n)
        {
            double[] a = new double[n + 1];
            a[0] = 1;
            for (int i = 1; i <= n; i++)
            {
                a[i] = a[i - 1] * x[i - 1] + Math.Sin(a[i - 1]);
            }
            return a[n];
        }

        [Differentiable]
        public static double InPlaceArray(double[] x)
        {
            for (int i = 1; i < x.Length; i++)
            {
                x[i] += x[i - 1] * x[i];
            }
            return x[x.Length - 1];
        }

        [Differentiable]
        public static double ArrayCompound(double[] x, double y)
        {
            double[] a = new double[3];
            for (int i = 0; i < 3; i++)
            {
                a[i] += x[i] * y;
                a[i] *= x[i];
                a[i] -= y;
                a[i] /= 2;
            }
            return a[0] + a[1] * a[2];
        }

        [Differentiable]
        public static double ReturnInNested(double x, int n)
        {
            double r = x;
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < n; j++)
                {
                    r = r * x + 1;
                    if (r > 20) return r * 2;
                }
            }
            return r;
        }

        [Differentiable]
        public static double WhileTrueBreak(double x)
        {
            double r = x;
            int k = 0;
            while (true)
            {
                r = Math.Sin(r) + x;
                k++;
                if (k >= 5) break;
            }
            return r;
        }

        [Differentiable]
        public static double ForNoCondition(double x)
        {
            double r = 1;
            for (int i = 0; ; i++)
            {
                if (i == 3) break;
                r *= x + i;
            }
            return r;
        }

        [Differentiable]
        public static double ContinueInWhile(double x)
        {
            double r = 0;
            int i = 0;
            while (i < 6)
            {
                i++;
                if (i % 2 == 0) continue;
                r += x * i;
            }
            return r;
        }

        [Differentiable]
        public static double MultipleLoopVariables(double x)
        {
            double r = 0;
            for (int i = 0, j = 5; i < j; i++, j--)
            {
                r += x * i * j;
            }
            return r;
        }

        [Differentiable]
        public static double Foreach(double[] x)
        {
            double s = 0;
            foreach (var v in x)
            {
                s += v * v;
            }
            return s;
        }

        [Differentiable]
        public static double ForeachBreak(double[] x, double t)
        {
            double s = 0;
            foreach (double v in x)
            {
                if (v * t > 2) break;
                s += v * t;
            }
            return s;
        }

        [Differentiable]
        public static double Horner(double[] c, double x)
        {
            double r = 0;
            for (int i = c.Length - 1; i >= 0; i--)
                r = r * x + c[i];
            return r;
        }

        [Differentiable]
        public static double LoopReassignsParam(double x, double y)
        {
            for (int i = 0; i < 3; i++)
            {
                x = x * y + 1;
                y = y * 0.5;
            }
            return x + y;
        }

        [Differentiable]
        public static double Swap(double x, double y)
        {
            for (int i = 0; i < 3; i++)
            {
                double t = x;
                x = y;
                y = t * y;
            }
            return x * y;
        }

        [Differentiable]
        public static double FloatLoop(float x, float y)
        {
            float r = 0f;
            for (int i = 0; i < 4; i++)
            {
                r += x * y * i;
                r *= 0.9f;
            }
            return r;
        }

        [Differentiable]
        public static double LocalInLoopSameName(double x)
        {
            double r = 0;
            for (int i = 0; i < 2; i++)
            {
                double t = x * i;
                r += t;
            }
            for (int i = 0; i < 2; i++)
            {
                double t = x + i;
                r += t * t;
            }
            return r;
        }

        [Differentiable]
        public static double ArrayIndexFromComputation(double[] x, double y)
        {
            double s = 0;
            for (int i = 0; i < x.Length / 2; i++)
            {
                s += x[2 * i] * x[2 * i + 1] * y;
            }
            return s;
        }

        [Differentiable]
        public static double ArrayMax(double[] x)
        {
            double m = x[0];
            for (int i = 1; i < x.Length; i++)
            {
                if (x[i] > m) m = x[i];
            }
            return m;
        }

        [Differentiable]
        public static double ArrayArgMax(double[] x)
        {
            int k = 0;
            for (int i = 1; i < x.Length; i++)
            {
                if (x[i] > x[k]) k = i;
            }
            return x[k] * x[k];
        }
    }
}
