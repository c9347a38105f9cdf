// Clad test/Gradient/MemberFunctions.C (vgvassilev/clad 4b2c0eef), as a C# user writes it: C++'s cv- and ref-qualified
// member functions are one C# instance method (the qualifiers have no C# form), a reference parameter to an object a
// struct parameter or a local, operator+= an operator + assigned back, operator++ C#'s ++ operator.
using AutoDiffGen;

namespace CladMember
{
    public partial struct SimpleFunctions
    {
        public SimpleFunctions(double px, double py) { x = px; y = py; }
        public double x, y;

        [Differentiable] public double MemFn(double i, double j) { return (x + y) * i + i * j; }
        [Differentiable] public readonly double ConstMemFn(double i, double j) { return (x + y) * i + i * j; }
        [Differentiable] public double PartialMemFn(double i, [NoDiff] double j) { return (x + y) * i + i * j; }
        [Differentiable] public static double StaticMemFn(double u, double v) { return u + v; }

        [Differentiable]
        public double RefMemFn(double i)
        {
            x = +i;
            x = -i;
            return x;
        }

        public static SimpleFunctions operator +(SimpleFunctions s, double value) { s.x += value; return s; }
        public static SimpleFunctions operator ++(SimpleFunctions s) { s.x += 1.0; return s; }
    }

    public partial struct S
    {
        public double val;
        public bool cond;
        public readonly bool Cond(double t) { return t > 0 || cond; }
        [Differentiable] public readonly double GetVal() { return val; }
        public static S operator -(S s, double x) { return new S { val = s.val - x, cond = s.cond }; }
    }

    public partial class A
    {
        public void Increment() { data++; }
        public void SetData(double u) { data = u; }
        public double data = 0;
    }

    public partial struct B
    {
        public float m;
        public readonly void Scale(float[] input, out float output) { output = input[0] * m; }
    }

    public static partial class CladMemberFunctions
    {
        [Differentiable] public static double Fn(double i, double j) { return i * i * j; }

        [Differentiable]
        public static double Fn3(double x, double y, double i, double j)
        {
            var sf = new SimpleFunctions(x, y);
            return sf.MemFn(i, j);
        }

        [Differentiable]
        public static double Fn3Const(double x, double y, double i, double j)
        {
            var sf = new SimpleFunctions(x, y);
            return sf.ConstMemFn(i, j);
        }

        [Differentiable]
        public static double Fn2(double x, double y, double i)
        {
            var sf = new SimpleFunctions(x, y);
            return sf.RefMemFn(i);
        }

        [Differentiable]
        public static double Fn5(double x, double value)
        {
            var v = new SimpleFunctions(x, 0);
            v += value;
            return v.x;
        }

        [Differentiable]
        public static double Fn4(double x, double y)
        {
            var v = new SimpleFunctions(x, y);
            ++v;
            return v.x * v.y;
        }

        [Differentiable] public static double Fn7(double u, double v) { return SimpleFunctions.StaticMemFn(u, v); }

        [Differentiable]
        public static double Fn8(double x, double y)
        {
            S s = new S { val = x, cond = false };
            if (s.Cond(y))
                return 0;
            return y;
        }

        [Differentiable]
        public static double Fn9(double x, double y)
        {
            S s = new S { val = x, cond = false };
            double res = s.GetVal();
            return res;
        }

        [Differentiable]
        public static double Fn10(double x, double y)
        {
            S s = new S { val = x, cond = false };
            return ((s - 4 * x) - y).GetVal();
        }

        [Differentiable]
        public static double Fn11(double u, double v)
        {
            double res = 0;
            A a = new A();
            a.SetData(u);
            res += a.data * v;
            a.Increment();
            return res;
        }

        [Differentiable]
        public static float Fn12(float m, float[] input)
        {
            var b = new B { m = m };
            float res = 0;
            b.Scale(input, out res);
            return res + 3;
        }
    }
}
