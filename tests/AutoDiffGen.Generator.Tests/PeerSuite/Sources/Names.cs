// Where a user's names and declarations could collide with what the generator writes: locals named like
// adjoints or temporaries, keyword names, nested and struct containers, accessibility.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class Names
    {
        [Differentiable]
        public static double LocalNamedLikeAdjoint(double x, double y)
        {
            double dX = x * 2;
            double dY = dX * y;
            double dResult = dY + x;
            return dResult * dX;
        }

        [Differentiable]
        public static double LocalsNamedLikeTemporaries(double x)
        {
            double pow = Math.Pow(x, 3);
            double dPow = pow * 2;
            double prod = dPow * x;
            double c = prod + 1, c2 = c * c, quot = c2 / 3, exp = Math.Exp(quot / 100), sum = exp + x;
            double tape = sum * 2, index = tape + 1, choice = index * x;
            return choice;
        }

        [Differentiable]
        public static double KeywordNames(double @in, double @double)
        {
            double @event = @in * @double;
            return @event * @in;
        }

        [Differentiable]
        public static double LoopVariableNamedI0(double x)
        {
            double s = 0;
            for (int i0 = 0; i0 < 3; i0++)
            {
                for (int i = 0; i < 2; i++) s += x * i0 + i;
            }
            int count = 4;
            for (int k = 0; k < count; k++) s *= 1.1;
            return s;
        }

        [Differentiable]
        public static double MathShadowingName(double Math)
        {
            return Math * System.Math.Sin(Math);
        }

        [Differentiable]
        internal static double InternalMethod(double x) => x * x * x;

        [Differentiable]
        private static double PrivateMethod(double x) => x * 4;

        [Differentiable]
        public static double CallsPrivate(double x) => PrivateMethod(x) + InternalMethod(x);

        public static partial class Nested
        {
            [Differentiable]
            public static double Inner(double x) => x * Math.Cos(x);
        }
    }

    public partial struct StructHost
    {
        [Differentiable]
        public readonly double Scale(double x) => x * x * 3;

        [Differentiable]
        public static double StaticInStruct(double x, double y) => x / (1 + y * y);
    }

    public partial record RecordHost
    {
        [Differentiable]
        public static double InRecord(double x) => Math.Sqrt(1 + x * x);
    }

    public sealed partial class SealedHost
    {
        private readonly double k = 2;

        [Differentiable]
        public double UsesReadonlyField(double x) => k * x * x;
    }
}

public static partial class GlobalNamespaceHost
{
    [Differentiable]
    public static double NoNamespace(double x) => x * Math.Exp(-x);
}
