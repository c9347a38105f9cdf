// switch statements in the style of Clad's test/Gradient/Switch.C; C# has no fallthrough, so the peer's
// fallthrough cases become stacked labels and goto case, as a C# user would write them.
#pragma warning disable CS0162 // Fn4 switches on a constant, as the peer test does
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Switches
    {
        [Differentiable]
        public static double Fn1(double i, double j)
        {
            double res = 0;
            int count = 1;
            switch (count)
            {
                case 0: res += i * j; break;
                case 1: res += i * i; goto case 2;
                case 2: res += j * j; goto default;
                default: res += i * i * j * j; break;
            }
            return res;
        }

        [Differentiable]
        public static double Fn2(double i, double j)
        {
            double res = 0;
            int count = 2;
            switch (count)
            {
                case 0: res += i; break;
                case 1: res += j; goto case 2;
                case 2: res += i * j; break;
                default: res += i + j; break;
            }
            return res;
        }

        [Differentiable]
        public static double Fn3(double i, double j)
        {
            double res = 0;
            int counter = 2;
            while (counter-- > 0)
            {
                switch (counter)
                {
                    case 0: res += i * i * j * j; goto case 1;
                    case 1:
                        {
                            res += i * i;
                        }
                        break;
                    case 2: res += j * j; goto default;
                    default: res += i + j; break;
                }
            }
            return res;
        }

        [Differentiable]
        public static double Fn4(double i, double j)
        {
            double res = 0;
            switch (1)
            {
                case 0: res += i * i * j * j; break;
                case 1:
                    int counter = 2;
                    while (counter-- > 0)
                    {
                        res += i * j;
                    }
                    break;
            }
            return res;
        }

        [Differentiable]
        public static double Fn5(double i, double j)
        {
            double res = 0;
            switch ((int)i)
            {
                case 0:
                case 1:
                    res = i * j;
                    break;
                case 2:
                case 3:
                    res = i * i + j;
                    break;
                default:
                    res = j * j;
                    break;
            }
            return res;
        }

        [Differentiable]
        public static double ReturnInCase(double x, int k)
        {
            switch (k)
            {
                case 1: return x * x;
                case 2: return x * 3;
                default: return x;
            }
        }

        [Differentiable]
        public static double SwitchInLoop(double x, int n)
        {
            double r = 0;
            for (int i = 0; i < n + 2; i++)
            {
                switch (i % 3)
                {
                    case 0: r += x; break;
                    case 1: r *= x; break;
                    default:
                        if (r > 3) continue;
                        r -= x * x;
                        break;
                }
            }
            return r;
        }

        [Differentiable]
        public static double NestedSwitch(double x, int a, int b)
        {
            double r = 1;
            switch (a)
            {
                case 1:
                    switch (b)
                    {
                        case 1: r = x * x; break;
                        default: r = x; break;
                    }
                    break;
                case 2: r = Math.Exp(x); break;
            }
            return r;
        }

        [Differentiable]
        public static double SwitchExpression(double x, int k)
        {
            double f = k switch
            {
                0 => x,
                1 => x * x,
                2 => Math.Sin(x),
                _ => 2 * x,
            };
            return f * x;
        }

        [Differentiable]
        public static double SwitchOnRealPattern(double x)
        {
            return x switch
            {
                < 0 => -x,
                < 1 => x * x,
                _ => 2 * x - 1,
            };
        }

        [Differentiable]
        public static double SwitchGotoDefault(double x, int k)
        {
            double r = x;
            switch (k)
            {
                case 2:
                    r *= x;
                    goto default;
                case 3:
                    r += 1;
                    break;
                default:
                    r *= 2;
                    break;
            }
            return r;
        }
    }
}
