// Clad's reverse-mode tests no earlier round ported (vgvassilev/clad 4b2c0eef; round25), written as a C# user porting them
// writes them the first time: test/Gradient/Functors.C (functors become structs or classes with an Invoke method; the
// functor passed to a template becomes a delegate, or a generic constrained to an interface), TemplateFunctors.C (a generic
// struct over INumber-like T; the long double specialisation its own struct), PullbackState.C (a pointer returned to the
// caller becomes a ref return; the custom pullback with state has no C# form, so only the functions are ported),
// ReverseCtorArgQualification.C, ReallocShrink.C (malloc/realloc become new double[n] and Array.Resize), STLNonIndependentAdjoint.C
// (std::vector becomes List<double>), NumDiff.C (a function declared but not defined becomes an extern method: Clad falls
// back to numerical differences, we must refuse at the call), DiffInterface.C, and test/Functors/Simple.C.
#pragma warning disable CS0219, CS0649, CS8981
using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using AutoDiffGen;

namespace PeerSuite
{
    // Functors.C's Experiment: mutable x, y; operator() is x * i * j.
    public partial struct Experiment25
    {
        public double x, y;
        public Experiment25(double p_x = 0, double p_y = 0) { x = p_x; y = p_y; }
        [Differentiable]
        public double Invoke(double i, double j) { return x * i * j; }
        public void SetX(double val) { x = val; }
    }

    // Functors.C's ExperimentConst as a class (a const functor: its call does not write it).
    public partial class ExperimentConst25
    {
        public double x, y;
        public ExperimentConst25(double p_x = 0, double p_y = 0) { x = p_x; y = p_y; }
        [Differentiable]
        public double Invoke(double i, double j) { return x * i * j; }
        public void SetX(double val) { x = val; }
    }

    public interface IBinaryFunctor25 { double Invoke(double i, double j); }

    // The functor as a template argument: a struct implementing an interface, for a generic constrained to it.
    public partial struct ExperimentI25 : IBinaryFunctor25
    {
        public double x, y;
        public ExperimentI25(double p_x = 0, double p_y = 0) { x = p_x; y = p_y; }
        public double Invoke(double i, double j) { return x * i * j; }
    }

    // TemplateFunctors.C's Experiment<T>: x * i * i + y * j.
    public partial struct ExperimentT25<T> where T : INumber<T>
    {
        public T x, y;
        public ExperimentT25(T p_x, T p_y) { x = p_x; y = p_y; }
        public T Invoke(T i, T j) { return x * i * i + y * j; }
    }

    // TemplateFunctors.C's long double specialisation: x * i * i * j + y * j * i.
    public partial struct ExperimentLd25
    {
        public double x, y;
        public ExperimentLd25(double p_x = 0, double p_y = 0) { x = p_x; y = p_y; }
        public double Invoke(double i, double j) { return x * i * i * j + y * j * i; }
    }

    // ReverseCtorArgQualification.C's Pair.
    public struct Pair25
    {
        public double a, b;
        public Pair25(double x, double y) { a = x; b = y; }
    }

    // STLNonIndependentAdjoint.C's CopyFallback.
    public struct CopyFallback25
    {
        public double value;
        public CopyFallback25(double value) { this.value = value; }
    }

    // Functors/Simple.C's SimpleExpression: float fields x, y shadowed by the call's parameters.
    public partial class SimpleExpression25
    {
        private float x, y;
        public SimpleExpression25() { }
        public SimpleExpression25(float x, float y) { this.x = x; this.y = y; }
        [Differentiable]
        public float Invoke(float x, float y) { return x * x + y * y; }
    }

    namespace Outer25.Inner
    {
        // Functors.C's outer::inner::ExperimentNNS.
        public partial struct ExperimentNNS
        {
            public double x, y;
            public ExperimentNNS(double p_x = 0, double p_y = 0) { x = p_x; y = p_y; }
            [Differentiable]
            public double Invoke(double i, double j) { return x * i * j; }
        }
    }

    public static partial class CladRound25
    {
        // Functors.C's global x, read by lambdaWithCapture.
        public static double X = 3;

        // Functors.C: CallFunctor.
        [Differentiable]
        public static double CallFunctor(double i, double j)
        {
            Experiment25 E = new Experiment25(3, 5);
            return E.Invoke(i, j);
        }

        [Differentiable]
        public static double CallFunctorConst(double i, double j)
        {
            var E = new ExperimentConst25(3, 5);
            return E.Invoke(i, j);
        }

        [Differentiable]
        public static double CallFunctorNNS(double i, double j)
        {
            var E = new Outer25.Inner.ExperimentNNS(3, 5);
            return E.Invoke(i, j);
        }

        // Functors.C: E.setX(6), then the call.
        [Differentiable]
        public static double CallFunctorAfterSetX(double i, double j)
        {
            Experiment25 E = new Experiment25(3, 5);
            E.SetX(6);
            return E.Invoke(i, j);
        }

        // Functors.C: template<typename Func> FunctorAsArg(Func fn, i, j), written with a delegate.
        [Differentiable]
        public static double FunctorAsArgWrapper(double i, double j)
        {
            Experiment25 E = new Experiment25(3, 5);
            return FunctorAsArg(E.Invoke, i, j);
        }

        public static double FunctorAsArg(Func<double, double, double> fn, double i, double j) { return fn(i, j); }

        // The same with a generic constrained to an interface (the C# form of the template).
        [Differentiable]
        public static double FunctorAsGenericWrapper(double i, double j)
        {
            var E = new ExperimentI25(3, 5);
            return FunctorAsGeneric(E, i, j);
        }

        public static double FunctorAsGeneric<TFunc>(TFunc fn, double i, double j) where TFunc : IBinaryFunctor25 { return fn.Invoke(i, j); }

        // Functors.C: lambda = [](double i, double j) { return i * i * j; } and its gradient.
        [Differentiable]
        public static double Lambda(double i, double j)
        {
            Func<double, double, double> lambda = (i, j) => i * i * j;
            return lambda(i, j);
        }

        // Functors.C: lambdaWithCapture = [&](double ii, double j) { return x * ii * j; } over the global x.
        [Differentiable]
        public static double LambdaWithCapture(double ii, double j)
        {
            var lambdaWithCapture = (double ii, double j) => X * ii * j;
            return lambdaWithCapture(ii, j);
        }

        // TemplateFunctors.C: Experiment<double> and Experiment<float>, then the long double one.
        [Differentiable]
        public static double TemplateDouble(double i, double j)
        {
            var E = new ExperimentT25<double>(3, 5);
            return E.Invoke(i, j);
        }

        [Differentiable]
        public static float TemplateFloat(float i, float j)
        {
            var E = new ExperimentT25<float>(3, 5);
            return E.Invoke(i, j);
        }

        [Differentiable]
        public static double TemplateLongDouble(double i, double j)
        {
            var E = new ExperimentLd25(3, 5);
            return E.Invoke(i, j);
        }

        // PullbackState.C: double* g(double* p) { return p; } and f(x) = *g(&x).
        public static ref double G(ref double p) { return ref p; }

        [Differentiable]
        public static double F(double x) { return G(ref x); }

        // PullbackState.C: void vop(double* p) {} and fv, f_two.
        public static void Vop(ref double p) { }

        [Differentiable]
        public static double Fv(double x)
        {
            double v = x;
            Vop(ref v);
            return v;
        }

        public static void Op3(ref double p) { }

        [Differentiable]
        public static double FTwo(double x, double y)
        {
            double a = x;
            double b = y;
            Vop(ref a);
            Op3(ref b);
            return a + b;
        }

        // ReverseCtorArgQualification.C: x² + x.
        [Differentiable]
        public static double PairCtor(double x)
        {
            Pair25 p = new Pair25(x * x, x);
            return p.a + p.b;
        }

        // ReallocShrink.C, with new double[n] for malloc and Array.Resize for realloc.
        [Differentiable]
        public static double ShrinkRealloc(double x)
        {
            double[] p = new double[2];
            p[0] = x;
            p[1] = x * x;
            double res = p[0] + p[1];
            Array.Resize(ref p, 1);
            res += p[0];
            return res;
        }

        // ReallocShrink.C's realloc_from_null: a null array given its storage.
        [Differentiable]
        public static double ReallocFromNull(double x)
        {
            double[]? p = null;
            p = new double[2];
            p[0] = x;
            p[1] = x * x;
            double res = p[0] + p[1];
            return res;
        }

        // STLNonIndependentAdjoint.C: replace_and_square(std::vector<double> values, double x), differentiated in x only.
        [Differentiable]
        public static double ReplaceAndSquare([NoDiff] List<double> values, double x)
        {
            values[0] = x;
            return values[0] * values[0];
        }

        // The same with the list's element written from x, list taken as it is.
        [Differentiable]
        public static double ReplaceAndSquareArray(double[] values, double x)
        {
            values[0] = x;
            return values[0] * values[0];
        }

        // STLNonIndependentAdjoint.C: replace_fallback(CopyFallback values, double x), by value.
        [Differentiable]
        public static double ReplaceFallback(double x)
        {
            CopyFallback25 values = new CopyFallback25(10.0);
            values.value = x;
            return values.value * values.value;
        }

        // NumDiff.C: functions declared and not defined. Clad falls back to numerical differences; we must refuse.
        [DllImport("libm", EntryPoint = "erf")]
        public static extern double single_arg(double x);

        [DllImport("libm", EntryPoint = "hypot")]
        public static extern double multi_arg(double x, double y);

        [Differentiable]
        public static double NumDiffF1(double x, double y) { return single_arg(x * y); }

        [Differentiable]
        public static double NumDiffF2(double x, double y) { return multi_arg(x, y); }

        // DiffInterface.C: f_1 and f_2 (const double& becomes in).
        [Differentiable]
        public static double f_1(double x, double y, double z) { return 0 * x + 1 * y + 2 * z; }

        [Differentiable]
        public static double f_2(in double x, in double y) { return x + y; }

        [Differentiable]
        public static double CallsF2(double x, double y) { return f_2(x, y) * x; }

        // Functors/Simple.C: SimpleExpression(3, 4) called, and f(x) = x.
        [Differentiable]
        public static float CallSimpleExpression(float x, float y)
        {
            var expr = new SimpleExpression25(3, 4);
            return expr.Invoke(x, y);
        }

        [Differentiable]
        public static float SimpleF(float x) { return x; }
    }
}
