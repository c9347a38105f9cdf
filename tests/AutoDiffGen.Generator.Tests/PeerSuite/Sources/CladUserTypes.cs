// Clad's test/Gradient/UserDefinedTypes.C (vgvassilev/clad 4b2c0eef), written as a C# user writes it: std::pair becomes a
// struct of two doubles (or a tuple), std::complex System.Numerics.Complex, a C++ struct with constructors a C# struct
// with constructors, operator() an instance method, an aggregate initializer an object initializer. A struct holding a C
// array (Tangent's data[5]) becomes a struct with five fields where its functions index them one by one, or a class with
// a double[] where they loop (heap state). Clad passes pairs and complex numbers as parameters; the judge here takes
// central differences over real parameters only, so they are built from reals in the method (structs as parameters are
// checked in Structs/ and Complex/).
using System;
using System.Numerics;
using AutoDiffGen;

namespace PeerSuite
{
    public struct PairDD
    {
        public double First, Second;
        public PairDD(double first, double second) { First = first; Second = second; }
    }

    public struct MyStruct { public double A, B; }

    public struct MyStructWrapper { public MyStruct Val; }

    public struct SimpleFunctions1
    {
        public double X, Y;
        public SimpleFunctions1(double x, double y) { X = x; Y = y; }
        public double MemFn1(double i, double j) => (X + Y) * i + i * j * j;
        public double MemFn(double i, double j) => (X + Y) * i + i * j;
        public static SimpleFunctions1 operator +(SimpleFunctions1 a, SimpleFunctions1 b) => new SimpleFunctions1(a.X + b.X, a.Y + b.Y);
        public static SimpleFunctions1 operator *(SimpleFunctions1 a, SimpleFunctions1 b) => new SimpleFunctions1(a.X * b.X, a.Y * b.Y);
    }

    public struct Vec3
    {
        public double X, Y, Z;
        public Vec3(double x = 0, double y = 0, double z = 0) { X = x; Y = y; Z = z; }
        public static Vec3 operator -(Vec3 v) => new Vec3(-v.X, -v.Y, -v.Z);
        public static Vec3 operator *(double a, Vec3 v) => new Vec3(a * v.X, a * v.Y, a * v.Z);
    }

    public class Tangent
    {
        public double[] Data = new double[5];
        public void UpdateTo(double d) { for (int i = 0; i < 5; ++i) Data[i] = d; }
    }

    public struct Identity
    {
        public double Invoke(double u) => u + 1;
    }

    public static partial class CladUserTypes
    {
        [Differentiable]
        public static double Fn1(double first, double second, double i)
        {
            var p = new PairDD(first, second);
            double res = p.First + 2 * p.Second + 3 * i;
            return res;
        }

        [Differentiable]
        public static double Fn1Tuple(double first, double second, double i)
        {
            (double First, double Second) p = (first, second);
            return p.First + 2 * p.Second + 3 * i;
        }

        [Differentiable]
        public static double Fn3(double i, double j)
        {
            var t = new Tangent();
            t.Data[0] = 2 * i;
            t.Data[1] = 5 * i + 3 * j;
            double res = 0;
            for (int k = 0; k < 5; ++k) res += t.Data[k];
            return res;
        }

        [Differentiable]
        public static double Fn4(double i, double j)
        {
            var p = new PairDD(1, 3);
            var q = new PairDD { First = 7, Second = 5 };
            return p.First * i + p.Second * j + q.First * i + q.Second * j;
        }

        [Differentiable]
        public static double Fn6(double re, double im, double i)
        {
            var c = new Complex(re, im);
            c = new Complex(5 * i, c.Imaginary);
            double res = c.Real + 3 * c.Imaginary + 6 * i;
            res += 4 * c.Real;
            return res;
        }

        [Differentiable]
        public static double Fn7(double re1, double im1, double re2, double im2)
        {
            Complex c1 = new Complex(re1, im1), c2 = new Complex(re2, im2);
            c1 = new Complex(c2.Imaginary + 5 * c2.Real, c1.Imaginary);
            return c1.Real + 3 * c1.Imaginary;
        }

        [Differentiable]
        public static double Fn9(double[] t, double re, double im)
        {
            var c = new Complex(re, im);
            double res = 0;
            for (int i = 0; i < 5; ++i) res += c.Real + 2 * c.Imaginary;
            for (int i = 0; i < 5; ++i) res += t[i];
            return res;
        }

        [Differentiable]
        public static double Fn10(double x, double y)
        {
            ref double ptr = ref x;
            ptr += 6;
            return ptr;
        }

        [Differentiable]
        public static double Fn14(double x, double y)
        {
            var s = new MyStruct { A = 2 * y, B = 3 * x + 2 };
            return s.A * s.B;
        }

        [Differentiable]
        public static double Fn16(double i, double j)
        {
            var obj1 = new SimpleFunctions1(2, 3);
            var obj2 = new SimpleFunctions1(3, 5);
            return (obj1 + obj2).MemFn1(i, j);
        }

        [Differentiable]
        public static double Fn17(double i, double j)
        {
            var sf = new SimpleFunctions1(3, 5);
            return sf.MemFn(i, j);
        }

        [Differentiable]
        public static double Fn18(double i, double j)
        {
            var sf = new SimpleFunctions1(3 * i, 5 * j);
            return sf.MemFn(i, j);
        }

        [Differentiable]
        public static double Fn19(double i, double j)
        {
            var sf1 = new SimpleFunctions1(3, 5);
            var sf2 = new SimpleFunctions1(i, j);
            return (sf1 * sf2).MemFn(i, j);
        }

        [Differentiable]
        public static double Fn21(double x, double y)
        {
            var di = new Identity();
            double val = di.Invoke(x);
            return val * val;
        }

        [Differentiable]
        public static double Fn24(double x, double y)
        {
            var v = new Vec3(x, x, y);
            Vec3 w = 2 * v;
            return w.X;
        }

        [Differentiable]
        public static double Fn25(double x, double y)
        {
            var v = new Vec3(x, x, y);
            Vec3 w = -v;
            return w.X;
        }

        [Differentiable]
        public static double Fn27(double x, double y)
        {
            var s = new MyStructWrapper();
            s.Val = new MyStruct { A = 2 * y, B = 3 * x + 2 };
            return s.Val.A * s.Val.B;
        }

        [Differentiable]
        public static double VecSum(Vec3 v) => v.X + v.Y + v.Z;

        [Differentiable]
        public static double Fn28Helper(double x, double y) => VecSum(new Vec3(x, y, 2 * x));

        [Differentiable]
        public static double Fn28(double x, double y)
        {
            double z = VecSum(new Vec3(x, y, x));
            return z;
        }

        [Differentiable]
        public static double Fn30(double x, double y)
        {
            var a = new MyStruct { A = x, B = y };
            ref MyStruct r = ref a;
            return r.B;
        }
    }
}
