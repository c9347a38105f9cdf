// Functions in the style of a peer AD tool's gradient tests (Clad test/Gradient/Gradient.C), written as a C# user would.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Basic
    {
        [Differentiable] public static double Add1(double x, double y) => x + y;
        [Differentiable] public static double Add2(double x, double y) => 3 * x + 4 * y;
        [Differentiable] public static double Add3(double x, double y) => 3 * x + 4 * y * 4;
        [Differentiable] public static double Sub1(double x, double y) => x - y;
        [Differentiable] public static double Sub2(double x, double y) => 3 * x - 4 * y;
        [Differentiable] public static double Mult1(double x, double y) => x * y;
        [Differentiable] public static double Mult2(double x, double y) => 3 * x * 4 * y;
        [Differentiable] public static double Div1(double x, double y) => x / y;
        [Differentiable] public static double Div2(double x, double y) => 3 * x / (4 * y);
        [Differentiable] public static double C(double x, double y, double z, double w) => -x * y + 2 * z / w - (x - y) * (z + w);

        [Differentiable]
        public static double Rosenbrock(double x, double y)
        {
            return (x - 1) * (x - 1) + 100 * (y - x * x) * (y - x * x);
        }

        [Differentiable]
        public static double Cond1(double x, double y) => x > y ? x : y;

        [Differentiable]
        public static double Cond2(double x, double y) => x > y ? x : y > 0 ? y : -y;

        [Differentiable]
        public static double Cond3(double x, double c)
        {
            if (c > 0) return x + c;
            else return x - c;
        }

        [Differentiable]
        public static double Cond4(double x, double y)
        {
            int i = 0;
            double arr0 = x, arr1 = y;
            if (x > 0) { arr0 = x * x; i = 1; }
            double r = i == 1 ? arr0 * y : arr1;
            return r;
        }

        [Differentiable]
        public static double If1(double x, double y)
        {
            double result;
            if (x > y) result = x;
            else result = y;
            return result;
        }

        [Differentiable]
        public static double If2(double x, double y)
        {
            if (x > y) return x;
            else if (y > 0) return y;
            else return -y;
        }

        [Differentiable]
        public static double If3(double x, double y)
        {
            double t = 0;
            if (x > y)
            {
                double u = x * y;
                t = u * u;
            }
            else
            {
                double u = x + y;
                t = u * x;
            }
            return t + x;
        }

        [Differentiable]
        public static double Decls(double x, double y)
        {
            double a = 3 * x;
            double b = 5 * y;
            double c = a * b, d = a + b;
            return c * d;
        }

        [Differentiable]
        public static double Norm(double x, double y, double z, double d)
        {
            return Math.Pow(Math.Pow(x, d) + Math.Pow(y, d) + Math.Pow(z, d), 1 / d);
        }

        [Differentiable]
        public static double Sin(double x, double y)
        {
            return (Math.Sin(x) + Math.Sin(y)) * (x + y);
        }

        [Differentiable]
        public static float Types(int x, float y, double z)
        {
            return x + y + (float)z;
        }

        [Differentiable]
        public static double Issue138(double x, double y)
        {
            double t = 1;
            t = x * x;
            return t * t + y * y * y;
        }

        [Differentiable]
        public static double Literal(double x, double y)
        {
            return 1.0 / x + 2 * y * 0.5f + 3L * x;
        }

        [Differentiable]
        public static double Increment(double x)
        {
            double y = x;
            y++;
            ++y;
            y--;
            return y * x;
        }

        [Differentiable]
        public static double CompoundOps(double x, double y)
        {
            double r = x;
            r += y;
            r *= x;
            r -= y * y;
            r /= (1 + y * y);
            return r;
        }

        [Differentiable]
        public static double ChainedAssign(double x, double y)
        {
            double a, b;
            a = b = x * y;
            a += b;
            return a * b;
        }

        [Differentiable]
        public static double AssignInExpression(double x, double y)
        {
            double a;
            double b = (a = x * x) + y;
            return a * b;
        }

        [Differentiable]
        public static double SelfAssign(double x, double y)
        {
            double t = x;
            t = t * t + y;
            t = t * t;
            return t;
        }

        [Differentiable]
        public static double Shadow(double x, double y)
        {
            double r = 0;
            {
                double t = x * y;
                r += t;
            }
            {
                double t = x + y;
                r += t * t;
            }
            return r;
        }

        [Differentiable]
        public static double IntegerLocal(double x, double y)
        {
            int n = (int)x;
            double frac = x - n;
            return frac * y + n;
        }

        [Differentiable]
        public static double IntDivision(double x, int k)
        {
            int h = k / 2;
            double r = x / k;
            return r * h + x * (k % 2);
        }

        [Differentiable]
        public static float CastFloat(double x, float y)
        {
            // Rounded through float on purpose: a float result is judged with float steps and tolerances.
            float f = (float)x;
            double back = f;
            return (float)(back * y + (double)(float)y);
        }

        [Differentiable]
        public static double ConstLocal(double x)
        {
            const double Two = 2.0;
            const int Three = 3;
            return Two * x * x + Three * x;
        }

        [Differentiable]
        public static double MultipleReturns(double x, double y)
        {
            if (x < 0) return -x * y;
            if (x < 1) return x * y;
            if (x < 2) return x * x * y;
            return 4 * y;
        }

        [Differentiable]
        public static double NestedTernary(double x, double y, double z)
        {
            return x > y ? (y > z ? x * y : x * z) : (x > z ? y * z : x + y + z);
        }

        [Differentiable]
        public static double TernaryOnLeftInCompound(double x, double y)
        {
            double a = 0, b = 0;
            if (x > y) a += x * y; else b += x * y;
            return 2 * a + 3 * b;
        }

        [Differentiable]
        public static double BoolLocal(double x, double y)
        {
            bool big = x * y > 1;
            bool neg = x < 0 || y < 0;
            if (big && !neg) return x * y;
            return x + y;
        }

        [Differentiable]
        public static double UnaryOps(double x, double y)
        {
            return -(-x) * +y - -(x * y);
        }
    }
}
