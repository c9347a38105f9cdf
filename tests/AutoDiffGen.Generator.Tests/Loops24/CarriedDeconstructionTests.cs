using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Loops24;

/// <summary>
/// A deconstruction in a loop whose targets are elements of a span view (<c>(sp[i], sp[i + 1]) = (…)</c> with
/// <c>Span&lt;double&gt; sp = a;</c>) or a ref local: the loop carries the array the view is of (or the ref local's referent),
/// as a single assignment to the same target does. Before 2026-12-06 the deconstruction carried only plain variables and
/// elements of arrays named directly, so the view's array lost the loop's stores after it: the forward value was right
/// and the gradient wrong in every mode. By hand, central differences and every mode (<see cref="ModeChecks"/>); the
/// random span-view programs of <c>SpanLocalPropertyTests</c> draw the same statement.
/// </summary>
public class CarriedDeconstructionTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class D
        {
            [Differentiable(Forward = true, Hessian = true)]
            public static double Whole(double x, double y)
            {
                var a = new double[] { x, y, x * y, 1 };
                Span<double> sp = a;
                for (int i = 0; i + 1 < 4; i += 2) (sp[i], sp[i + 1]) = (sp[i + 1] * x, sp[i]);
                return a[0] + a[1] * a[2] + a[3];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double Tail(double x, double y)
            {
                var a = new double[] { x, y, x * y, 1 };
                Span<double> sp = a.AsSpan(1);
                for (int i = 0; i + 1 < 3; i += 2) (sp[i], sp[i + 1]) = (sp[i + 1] * x, sp[i]);
                return a[0] + a[1] * a[2] + a[3];
            }

            [Differentiable(Forward = true, Hessian = true)]
            public static double ThroughRef(double x, double y)
            {
                double a = x, b = y;
                ref double ra = ref a;
                for (int r = 0; r < 3; r++) (ra, b) = (b * x, ra + 1);
                return a * b;
            }
        }
        """;

    private static readonly Lazy<Type> Loaded = new(() => GeneratorHarness.CompileAndLoad(Source).GetType("D")!);

    [Fact]
    public void DeconstructingIntoSpanViewElementsOrARefLocalInALoop_CarriesTheArray_ByHandAndInEveryMode()
    {
        double x = 0.7, y = 1.3;
        // Whole: i = 0 gives a0 = xy, a1 = x; i = 2 gives a2 = x, a3 = xy; f = xy + x² + xy: ∂x = 2y + 2x, ∂y = 2x
        // (4.0, 1.4; before the fix the reverse sweep saw a unswapped).
        var r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Whole")!, null, new object[] { x, y });
        Tolerance.AssertFormula((2 * x * y) + (x * x), r.Value, "f");
        Tolerance.AssertFormula((2 * y) + (2 * x), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(2 * x, r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "Whole", new object[] { x, y }, new Random(61));

        // Tail over a[1..]: only i = 0, a1 = x²y, a2 = y; f = x + x²y² + 1: ∂x = 1 + 2xy², ∂y = 2x²y (3.366, 1.274).
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("Tail")!, null, new object[] { x, y });
        Tolerance.AssertFormula(x + (x * x * y * y) + 1, r.Value, "f");
        Tolerance.AssertFormula(1 + (2 * x * y * y), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(2 * x * x * y, r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "Tail", new object[] { x, y }, new Random(62));

        // ThroughRef: three steps of (a, b) = (bx, a + 1) from (x, y) end at a = x²y + x, b = x² + x + 1:
        // ∂x = (2xy + 1)(x² + x + 1) + (x²y + x)(2x + 1), ∂y = x²(x² + x + 1).
        r = CentralDifferenceRunner.Check(Loaded.Value.GetMethod("ThroughRef")!, null, new object[] { x, y });
        double p = (x * x * y) + x, q = (x * x) + x + 1;
        Tolerance.AssertFormula(p * q, r.Value, "f");
        Tolerance.AssertFormula((((2 * x * y) + 1) * q) + (p * ((2 * x) + 1)), r.Gradient[0]![0], "∂x");
        Tolerance.AssertFormula(x * x * q, r.Gradient[1]![0], "∂y");
        ModeChecks.AtPoint(Loaded.Value, "ThroughRef", new object[] { x, y }, new Random(63));
    }
}
