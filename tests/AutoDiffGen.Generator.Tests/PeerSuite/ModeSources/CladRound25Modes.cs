// Clad's mode tests no earlier round ported (vgvassilev/clad 4b2c0eef; round25), written as a C# user porting them
// writes them the first time, with the modes the Clad test uses (clad::differentiate → Forward = true, clad::hessian and
// clad::differentiate<2> → Hessian = true): test/FirstDerivative BasicArithmeticAddSub.C, ClassMethodCall.C and
// VirtualMethodsCall.C (a class hierarchy with virtual methods, each marked where Clad differentiates it), CodeGenSimple.C
// and Simple.C (a printf becomes Console.WriteLine), TemplateFunction.C (generic math), StructGlobalObjects.C (globals
// become static fields), FunctionsInNamespaces.C and Namespaces.C (namespaces become nested static classes; C++ references
// ref parameters); test/ForwardMode ConstexprTest.C, SourceFnArg.C, VariadicCall.C (a parameter pack becomes params double[]);
// test/NthDerivative BasicArithmeticMul.C and CustomDerivatives.C. Clad's int functions become double ones (an int has no
// derivative), but one kept as int to see what a user is told. Namespaces as nested classes must be partial (the
// analyzer's ADG error says so when they are not).
#pragma warning disable CS0219, CS0649
using System;
using System.Numerics;
using AutoDiffGen;

namespace PeerModes
{
    public static partial class CladAddSub25
    {
        [Differentiable(Forward = true)] public static double a_1(double x) { double y = 4; return y + y; }
        [Differentiable(Forward = true)] public static double a_2(double x) { return 1 + 1; }
        [Differentiable(Forward = true)] public static double a_3(double x) { return x + x; }
        [Differentiable(Forward = true)] public static double a_4(double x) { double y = 4; return x + y + x + 3 + x; }
        [Differentiable(Forward = true)] public static double s_1(double x) { double y = 4; return y - y; }
        [Differentiable(Forward = true)] public static double s_2(double x) { return 1 - 1; }
        [Differentiable(Forward = true)] public static double s_3(double x) { return x - x; }
        [Differentiable(Forward = true)] public static double s_4(double x) { double y = 4; return x - y - x - 3 - x; }
        [Differentiable(Forward = true)] public static double as_1(double x) { double y = 4; return x + x - x + y - y + 3 - 3; }
        [Differentiable(Forward = true)] public static float IntegerLiteralToFloatLiteral(float x, float y) { return x * x - y; }
    }

    // ClassMethodCall.C: class A with f, g_1, g_2, m and a virtual vm; B overrides vm.
    public partial class CladClassA25
    {
        [Differentiable(Forward = true)] public double f(double x) { return x; }
        [Differentiable(Forward = true)] public double g_1(double x, double y) { return x * x + y; }
        [Differentiable(Forward = true)] public double g_2(double x, double y) { return x + y * y; }
        [Differentiable(Forward = true)] public double m(double x, double y) { return f(x) + g_1(x, y); }
        [Differentiable(Forward = true)] public virtual float vm(float x, float y) { return x + y; }
    }

    public partial class CladClassB25 : CladClassA25
    {
        [Differentiable(Forward = true)] public override float vm(float x, float y) { return x * x + y * y; }
    }

    // VirtualMethodsCall.C: A's f, vm, vm1; B and B1 hide f and override vm (and B vm1).
    public partial class CladVirtualA25
    {
        [Differentiable(Forward = true)] public float f(float x) { return x; }
        [Differentiable(Forward = true)] public virtual float vm(float x, float y) { return x + y; }
        [Differentiable(Forward = true)] public virtual float vm1(float x, float y) { return x - y; }
    }

    public partial class CladVirtualB25 : CladVirtualA25
    {
        [Differentiable(Forward = true)] public new float f(float x) { return x * x; }
        [Differentiable(Forward = true)] public override float vm(float x, float y) { return x * x + y * y; }
        [Differentiable(Forward = true)] public override float vm1(float x, float y) { return x * x - y * y; }
    }

    public partial class CladVirtualB125 : CladVirtualA25
    {
        [Differentiable(Forward = true)] public new float f(float x) { return x * x * x; }
        [Differentiable(Forward = true)] public override float vm(float x, float y) { return x * y + x * y; }
    }

    public static partial class CladSimple25
    {
        // CodeGenSimple.C's f_1 and Simple.C's f: a printf before the return.
        [Differentiable(Forward = true)]
        public static double f_1(double x)
        {
            Console.WriteLine("I am being run!");
            return x * x;
        }

        [Differentiable(Forward = true)] public static double f_2(double x) { return (1 * x + x * 1); }
        [Differentiable(Forward = true)] public static double f_3(double x) { return 1 * x; }
        [Differentiable(Forward = true)] public static double f_4(double x) { return (0 * x + 1 * 1); }

        [Differentiable(Forward = true)]
        public static double f(double x)
        {
            Console.WriteLine("This is f(x).");
            return x * x + x - x * x * x * x;
        }

        // Clad's int f_1 kept as int.
        [Differentiable(Forward = true)]
        public static int f_int(int x) { return x * x; }
    }

    public static partial class CladTemplate25
    {
        // TemplateFunction.C: simple_return, addition, multiplication over T.
        [Differentiable(Forward = true)] public static T simple_return<T>(T x) where T : INumber<T> { return x; }
        [Differentiable(Forward = true)] public static T addition<T>(T x) where T : INumber<T> { return x + x; }
        [Differentiable(Forward = true)] public static T multiplication<T>(T x) where T : INumber<T> { return x * x; }

        [Differentiable(Forward = true)] public static double UsesTemplates(double x) { return simple_return(x) + addition(x) * multiplication(x); }
        [Differentiable(Forward = true)] public static float UsesTemplatesFloat(float x) { return multiplication(x) + addition(x); }
    }

    // StructGlobalObjects.C: a global Complex and a global struct holding an array.
    public struct CladComplex25
    {
        public double real, im;
        public CladComplex25(double preal, double pim) { real = preal; im = pim; }
    }

    public struct CladArrayHolder25
    {
        public double[] data;
    }

    public static partial class CladGlobals25
    {
        public static CladComplex25 c = new CladComplex25(7, 9);
        public static CladArrayHolder25 array = new CladArrayHolder25 { data = new double[] { 2, 3, 0, 0, 0 } };

        [Differentiable(Forward = true)]
        public static double fn_complex(double i, double j) { return c.real * i + c.im * j; }

        [Differentiable(Forward = true)]
        public static double fn_array(double i, double j) { return array.data[0] * i + array.data[1] * j; }
    }

    // FunctionsInNamespaces.C: nested namespaces as nested static classes.
    public static partial class FunctionNamespace10
    {
        [Differentiable(Forward = true)] public static double func1(double x) { return x * x * x + x * x; }
        [Differentiable(Forward = true)] public static double func2(double x) { return x * x + x; }

        public static partial class FunctionNamespace11
        {
            [Differentiable(Forward = true)] public static double func3(double x, double y) { return x * x * x + y * y; }
            [Differentiable(Forward = true)] public static double func4(double x, double y) { return x * x + y; }
        }
    }

    public static partial class FunctionNamespace2
    {
        [Differentiable(Forward = true)] public static float func1(float x) { return x * x * x + x * x; }
        [Differentiable(Forward = true)] public static float func2(float x) { return x * x + x; }
        [Differentiable(Forward = true)] public static double func3(double x, double y) { return FunctionNamespace10.FunctionNamespace11.func4(x, y); }
    }

    public static partial class CladNamespaces25
    {
        [Differentiable(Forward = true)] public static double test_1(double x, double y) { return FunctionNamespace2.func3(x, y); }

        // A::B::C's someFn_1 overloads and someFn, with C++ references as ref.
        public static double someFn_1(ref double i, double j, double k)
        {
            i = j;
            return 1;
        }

        public static double someFn_1(ref double i, double j)
        {
            someFn_1(ref i, j, j);
            return 2;
        }

        public static double someFn(ref double i, ref double j)
        {
            someFn_1(ref i, j);
            return 3;
        }

        [Differentiable(Forward = true)]
        public static double fn1(double i, double j)
        {
            someFn(ref i, ref j);
            return i + j;
        }

        // Namespaces.C: f in A, B, C::D, C::E and an anonymous namespace, 1x … 5x.
        public static partial class A { [Differentiable(Forward = true)] public static double f(double x) { return 1 * x; } }
        public static partial class B { [Differentiable(Forward = true)] public static double f(double x) { return 2 * x; } }
        public static partial class C
        {
            public static partial class D { [Differentiable(Forward = true)] public static double f(double x) { return 3 * x; } }
            public static partial class E { [Differentiable(Forward = true)] public static double f(double x) { return 4 * x; } }
        }
        [Differentiable(Forward = true)] public static double f(double x) { return 5 * x; }
    }

    public static partial class CladConstexpr25
    {
        // ForwardMode/ConstexprTest.C: fn and mul.
        [Differentiable(Forward = true)] public static double fn(double x, double y) { return (x + y) / 2; }

        [Differentiable(Forward = true)]
        public static double mul(double a, double b, double c)
        {
            double val = 99.00;
            double result = val * a + 100 - b + c;
            return result;
        }
    }

    // ForwardMode/SourceFnArg.C: a member function and a free one.
    public partial class CladExpression25
    {
        [Differentiable(Forward = true)] public double memFn(double i) { return i * i; }
    }

    public static partial class CladVariadic25
    {
        [Differentiable(Forward = true)] public static double nonMemFn(double i) { return 5 * i; }

        // VariadicCall.C: (x * ... * y) over a pack, as params double[].
        [Differentiable(Forward = true)]
        public static double fn1(double x, params double[] y)
        {
            double r = x;
            foreach (double v in y) r *= v;
            return r;
        }

        [Differentiable(Forward = true)]
        public static double fn2(double x, double y)
        {
            Console.WriteLine($"x is {x}, y is {y}");
            return fn1(x, y);
        }

        [Differentiable(Forward = true)]
        public static double fn3(double x, double y) { return fn1(x, y, y); }
    }

    public static partial class CladNth25
    {
        // NthDerivative/BasicArithmeticMul.C: test_2 = x² + y².
        [Differentiable(Forward = true, Hessian = true)]
        public static float test_2(float x, float y) { return x * x + y * y; }

        // NthDerivative/CustomDerivatives.C.
        [Differentiable(Forward = true, Hessian = true)] public static float test_sin(float x) { return MathF.Sin(x); }
        [Differentiable(Forward = true, Hessian = true)] public static float test_cos(float x) { return MathF.Cos(x); }

        [Differentiable(Forward = true, Hessian = true)]
        public static float test_trig(float x, float y, int a, int b)
        {
            float k = MathF.Pow(MathF.Sin(x * y), a) * MathF.Pow(MathF.Cos(x * y), b);
            return k;
        }

        [Differentiable(Forward = true, Hessian = true)] public static float test_exp(float x) { return MathF.Exp(x * x); }
    }
}
