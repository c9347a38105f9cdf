// do-while with continue and break, arrays created inside loops, float loops with early exits.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Hunt3
    {
        [Differentiable]
        public static double DoWhileContinue(double x)
        {
            double r = x;
            int i = 0;
            do
            {
                i++;
                if (i == 2) continue;
                r *= x;
            } while (i < 4 && r < 10);
            return r;
        }

        [Differentiable]
        public static double DoWhileBreak(double x, double y)
        {
            double r = y;
            int i = 0;
            do
            {
                r = r * x + y;
                if (r > 8) break;
                i++;
            } while (i < 5);
            return r * 2;
        }

        [Differentiable]
        public static double DoWhileReturn(double x)
        {
            double r = 1;
            int i = 0;
            do
            {
                i++;
                if (i == 1) continue;
                r += x * i;
                if (r > 5) return r * x;
            } while (i < 5);
            return -r;
        }

        [Differentiable]
        public static double ArrayCreatedInLoop(double x, int n)
        {
            double s = 0;
            for (int i = 0; i < n; i++)
            {
                double[] t = new double[3];
                t[0] = x * i;
                t[1] = t[0] * x + 1;
                t[2] += t[1] * t[0];
                s += t[2] + t[1];
            }
            return s;
        }

        [Differentiable]
        public static double ArrayCreatedInBranch(double x, double y)
        {
            double s = 0;
            if (x > 1)
            {
                double[] t = new double[2];
                t[0] = x * y;
                t[1] = t[0] * t[0];
                s = t[1];
            }
            else
            {
                double[] t = new double[2];
                t[1] = y;
                s = t[1] * x;
            }
            return s;
        }

        [Differentiable]
        public static float FloatLoopWithBreak(float x, float y)
        {
            float r = y;
            for (int i = 0; i < 6; i++)
            {
                r = r * 0.9f + x * i;
                if (r > 4f) break;
                if (r < -4f) return r * 2f;
            }
            return r;
        }

        [Differentiable]
        public static float FloatArray(float[] a, float w)
        {
            float s = 0f;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] < 0.3f) continue;
                s += a[i] * w;
                s *= 0.95f;
            }
            return s;
        }

        [Differentiable]
        public static double ForeachInSwitch(double[] a, int k)
        {
            double s = 0;
            switch (k)
            {
                case 1:
                    foreach (double v in a)
                    {
                        if (v > 2.5) return s + v;
                        s += v * v;
                    }
                    break;
                default:
                    s = a[0];
                    break;
            }
            return s * 2;
        }

        [Differentiable]
        public static double WhileInsideSwitchInsideLoop(double x, int n)
        {
            double r = x;
            for (int i = 0; i < n + 2; i++)
            {
                switch (i % 2)
                {
                    case 0:
                        int j = 0;
                        while (j < 3)
                        {
                            j++;
                            if (r > 20) break;
                            r = r * 1.5 + x;
                        }
                        break;
                    case 1:
                        if (r > 30) return r;
                        r -= x;
                        break;
                }
            }
            return r;
        }

        [Differentiable]
        public static double ReturnFromNestedLoopThenMore(double x, double y)
        {
            double r = 0;
            for (int i = 0; i < 3; i++)
            {
                for (int j = 0; j < 3; j++)
                {
                    if (j > i) break;
                    r += x * y * (i + j);
                    if (r > 6) return r;
                }
                r *= 0.9;
            }
            for (int k = 0; k < 2; k++)
            {
                for (int m = 0; m < 2; m++)
                {
                    if (m == 1) continue;
                    r += y;
                }
            }
            return r;
        }

        [Differentiable]
        public static double LoopVariableUsedAfterBreak(double x)
        {
            int i;
            double r = x;
            for (i = 0; i < 10; i++)
            {
                r = r * 1.3;
                if (r > 4) break;
            }
            return r * i + x * i;
        }

        [Differentiable]
        public static double RealCarriedCounter(double x)
        {
            double t = 0;
            double r = 0;
            while (t < 3)
            {
                r += Math.Sin(t * x);
                t += 0.7;
            }
            return r + t;
        }
    }
}
