// Clad's switch tests with fallthrough (vgvassilev/clad 4b2c0eef, test/Gradient/Switch.C fn1-fn3, test/Gradient/SwitchInit.C
// fn1), in forward and Hessian mode: C# has no fallthrough, so a section that falls into the next ends in goto case or
// goto default, as a C# user writes it. And test/Gradient/TestTypeConversion.C's float argument read through
// Convert.ToDouble, as a C# user may write the cast.
#pragma warning disable
using System;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class Fallthrough
    {
        [Differentiable(Forward = true, Hessian = true)]
        public static double Fn1(double i, double j, int count)
        {
            double res = 0;
            switch (count)
            {
                case 0: res += i * j; break;
                case 1: res += i * i; goto case 2;
                case 2: res += j * j; goto default;
                default: res += i * i * j * j; break;
            }
            return res;
        }

        [Differentiable(Forward = true, Hessian = true)]
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

        [Differentiable(Forward = true, Hessian = true)]
        public static double Returning(double x, double y, int k)
        {
            double r = x * y;
            switch (k)
            {
                case 0: r *= x; goto case 1;
                case 1: return r * Math.Sin(y);
                case 2: r = Math.Exp(r); goto default;
                default: r += y * y; break;
            }
            return r * x;
        }

        [Differentiable(Forward = true, Hessian = true)]
        public static double ConvertCall(float x, double y) => Convert.ToDouble(x) * y * y + Convert.ToSingle(y * x);
    }
}
