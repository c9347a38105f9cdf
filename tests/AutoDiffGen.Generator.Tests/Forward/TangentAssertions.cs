using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>A forward tangent checked three ways: against the hand derivative, central differences along t, and Backward · t.</summary>
internal static class TangentAssertions
{
    public static void AssertThreeWays(double tangent, double hand, double along, double reverse, double value, bool single, string what)
    {
        if (single)
        {
            double size = 1 + Math.Abs(hand);
            Tolerance.AssertClose(hand, tangent, 1e-5 * size, what + ": tResult vs hand");
            Tolerance.AssertClose(along, tangent, 3e-3 * size, what + ": tResult vs central differences");
            Tolerance.AssertClose(reverse, tangent, 1e-5 * size, what + ": tResult vs Backward · t");
        }
        else
        {
            Tolerance.AssertFormula(hand, tangent, what + ": tResult vs hand");
            Tolerance.AssertCentral(along, tangent, value, what + ": tResult vs central differences");
            Tolerance.AssertFormula(reverse, tangent, what + ": tResult vs Backward · t");
        }
    }
}
