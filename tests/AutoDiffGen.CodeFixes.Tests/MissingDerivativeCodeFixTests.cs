using AutoDiffGen.CodeFixes.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.CodeFixes.Tests;

/// <summary>
/// ADG0004, reported by the generator: a callee in source is marked [Differentiable]; a callee in metadata gets a
/// [DerivativeOf] skeleton. In both cases the generator, run again on the fixed source, reports nothing: the
/// skeleton's signature is one the generator accepts as the callee's derivative.
/// </summary>
public class MissingDerivativeCodeFixTests
{
    [Fact]
    public Task CalleeInSource_IsMarkedDifferentiable() => FixTest<MissingDerivativeCodeFix>.Run("""
        using System;
        using AutoDiffGen;

        namespace Nets;

        public static partial class Net
        {
            // Recursive to a depth known only at run time, so not inlined as a plain helper (a constant depth is unrolled since
            // idioms15a): marked, it gets a Backward of its own.
            public static double Softplus(double x, int n) => n == 0 ? Math.Log(1 + Math.Exp(x)) : Softplus(x, n - 1);

            [Differentiable]
            public static double Loss(double w, double x, int depth) => {|ADG0004:Softplus(w * x, depth)|};
        }
        """, """
        using System;
        using AutoDiffGen;

        namespace Nets;

        public static partial class Net
        {
            // Recursive to a depth known only at run time, so not inlined as a plain helper (a constant depth is unrolled since
            // idioms15a): marked, it gets a Backward of its own.
            [Differentiable]
            public static double Softplus(double x, int n) => n == 0 ? Math.Log(1 + Math.Exp(x)) : Softplus(x, n - 1);

            [Differentiable]
            public static double Loss(double w, double x, int depth) => Softplus(w * x, depth);
        }
        """, withGenerator: true);

    [Fact]
    public Task CalleeInAnotherClass_WithoutUsingAutoDiffGen_IsMarkedWithTheQualifiedName() => FixTest<MissingDerivativeCodeFix>.Run("""
        namespace Nets
        {
            public static class Activations
            {
                public static double Square(double x, int n) => n <= 0 ? x * x : Square(x, n - 1);
            }

            public static partial class Net
            {
                [AutoDiffGen.Differentiable]
                public static double Loss(double w, int k) => 3 * {|ADG0004:Activations.Square(w, k)|};
            }
        }
        """, """
        namespace Nets
        {
            public static partial class Activations
            {
                [AutoDiffGen.Differentiable]
                public static double Square(double x, int n) => n <= 0 ? x * x : Square(x, n - 1);
            }

            public static partial class Net
            {
                [AutoDiffGen.Differentiable]
                public static double Loss(double w, int k) => 3 * Activations.Square(w, k);
            }
        }
        """, withGenerator: true);

    [Fact]
    public Task CalleeInMetadata_GetsADerivativeOfSkeleton_ThatTheGeneratorAccepts() => FixTest<MissingDerivativeCodeFix>.Run("""
        using System;
        using AutoDiffGen;

        namespace Nets;

        public static partial class Net
        {
            [Differentiable]
            public static double Loss(double w, double x) => {|ADG0004:Math.BitIncrement(w * x)|};
        }
        """, """
        using System;
        using AutoDiffGen;

        namespace Nets;

        public static partial class Net
        {
            [Differentiable]
            public static double Loss(double w, double x) => Math.BitIncrement(w * x);

            [DerivativeOf(typeof(Math), nameof(Math.BitIncrement))]
            internal static double BitIncrementBackward(double x, ref double dX, double dResult)
            {
                // TODO: write the local gradient: add dResult * dBitIncrement/dx into dX (add, never overwrite), and return BitIncrement(x)
                throw new NotImplementedException("The derivative of Math.BitIncrement is not written yet.");
            }
        }
        """, withGenerator: true);
}
