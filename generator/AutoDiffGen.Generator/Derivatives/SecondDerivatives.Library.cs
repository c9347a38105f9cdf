using System;
using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Second derivatives of the BCL functions of <see cref="LibraryFunctions"/>. Each follows the first derivative's
/// conventions: an estimate is the exact function it estimates, a kink or a jump (routing, CopySign, IEEERemainder)
/// is linear on each side (0), and Hypot's origin is 0 like its gradient there.
/// </summary>
internal static partial class SecondDerivatives
{
    /// <summary>The library gates with a second-derivative rule (every one <see cref="LibraryFunctions"/> differentiates).</summary>
    private static bool HasLibrary(GateKind gate) => gate switch
    {
        GateKind.Asinh or GateKind.Acosh or GateKind.Atanh or GateKind.Hypot or GateKind.FusedMultiplyAdd or GateKind.ScaleB
            or GateKind.ReciprocalEstimate or GateKind.ReciprocalSqrtEstimate or GateKind.ExpM1 or GateKind.Exp2 or GateKind.Exp10
            or GateKind.Exp2M1 or GateKind.Exp10M1 or GateKind.LogP1 or GateKind.Log2P1 or GateKind.Log10P1 or GateKind.SinPi
            or GateKind.CosPi or GateKind.TanPi or GateKind.AsinPi or GateKind.AcosPi or GateKind.AtanPi or GateKind.Atan2Pi
            or GateKind.RootN or GateKind.CopySign or GateKind.MaxMagnitude or GateKind.MinMagnitude or GateKind.MaxNumber
            or GateKind.MinNumber or GateKind.MaxMagnitudeNumber or GateKind.MinMagnitudeNumber or GateKind.IEEERemainder or GateKind.Remainder
            or GateKind.DegreesToRadians or GateKind.RadiansToDegrees or GateKind.Lerp => true,
        _ => false,
    };

    private static IEnumerable<(int I, int J, string Text)> LibrarySeconds(Node node, Func<int, string> operand, string y)
    {
        var t = node.Type;
        string m = ScalarLiterals.MathClass(t);
        string one = ScalarLiterals.One(t);
        string zero = ScalarLiterals.Zero(t);
        string R(double v) => ScalarLiterals.Real(v, t);
        string a = operand(0);
        string b = node.Inputs.Length > 1 ? operand(1) : "";
        string pi = R(Math.PI);
        switch (node.Gate)
        {
            case GateKind.Asinh:
            case GateKind.Acosh:
                // −x/(x² ± 1)^(3/2) = −x·d³ with d the overflow-safe first derivative, multiplied left to right.
                string d = node.Gate == GateKind.Asinh ? SafeForms.AsinhDerivative(a, t) : SafeForms.AcoshDerivative(a, t);
                yield return (0, 0, "-" + a + " * " + d + " * " + d + " * " + d);
                break;
            case GateKind.Atanh:
                // 2x/(1−x²)², with (1 − x)(1 + x) near ±1
                string oneMinus = SafeForms.OneMinusSquare(a, t);
                yield return (0, 0, R(2) + " * " + a + " / " + oneMinus + " / " + oneMinus);
                break;
            case GateKind.Hypot:
                // h = y: f_aa = b²/h³, f_ab = −ab/h³, f_bb = a²/h³ as ratios ≤ 1 over h (h³ overflows or underflows where they
                // are representable); 0 at the origin, as the gradient.
                string guard = y + " == " + zero + " ? " + zero + " : ";
                string ra = "(" + a + " / " + y + ")", rb = "(" + b + " / " + y + ")";
                yield return (0, 0, guard + rb + " * " + rb + " / " + y);
                yield return (0, 1, guard + "-" + ra + " * " + rb + " / " + y);
                yield return (1, 1, guard + ra + " * " + ra + " / " + y);
                break;
            case GateKind.FusedMultiplyAdd:
                yield return (0, 1, one);
                break;
            case GateKind.ReciprocalEstimate:
                // of the exact 1/x: 2/x³
                yield return (0, 0, R(2) + " / " + a + " / " + a + " / " + a);
                break;
            case GateKind.ReciprocalSqrtEstimate:
                // of the exact x^(−1/2): (3/4)·x^(−5/2)
                yield return (0, 0, R(0.75) + " / " + a + " / " + a + " / " + m + ".Sqrt(" + a + ")");
                break;
            case GateKind.ExpM1:
                yield return (0, 0, "(" + y + " + " + one + ")");
                break;
            case GateKind.Exp2:
                yield return (0, 0, y + " * " + R(Math.Log(2) * Math.Log(2)));
                break;
            case GateKind.Exp10:
                yield return (0, 0, y + " * " + R(Math.Log(10) * Math.Log(10)));
                break;
            case GateKind.Exp2M1:
                yield return (0, 0, "(" + y + " + " + one + ") * " + R(Math.Log(2) * Math.Log(2)));
                break;
            case GateKind.Exp10M1:
                yield return (0, 0, "(" + y + " + " + one + ") * " + R(Math.Log(10) * Math.Log(10)));
                break;
            case GateKind.LogP1:
                yield return (0, 0, "-" + one + " / (" + one + " + " + a + ") / (" + one + " + " + a + ")");
                break;
            case GateKind.Log2P1:
                yield return (0, 0, "-" + R(1 / Math.Log(2)) + " / (" + one + " + " + a + ") / (" + one + " + " + a + ")");
                break;
            case GateKind.Log10P1:
                yield return (0, 0, "-" + R(1 / Math.Log(10)) + " / (" + one + " + " + a + ") / (" + one + " + " + a + ")");
                break;
            case GateKind.SinPi:
            case GateKind.CosPi:
                // −π²·y for both
                yield return (0, 0, "-" + R(Math.PI * Math.PI) + " * " + y);
                break;
            case GateKind.TanPi:
                // d/dx π(1 + y²) = 2π²·y·(1 + y²)
                yield return (0, 0, R(2 * Math.PI * Math.PI) + " * " + y + " * (" + one + " + " + y + " * " + y + ")");
                break;
            case GateKind.AsinPi:
            case GateKind.AcosPi:
                // ±x/(π(1−x²)^(3/2))
                string dpi = SafeForms.AsinDerivative(a, t);
                string asin = a + " * " + dpi + " * " + dpi + " * " + dpi + " / " + pi;
                yield return (0, 0, node.Gate == GateKind.AsinPi ? asin : "-" + asin);
                break;
            case GateKind.AtanPi:
                string datan = SafeForms.AtanDerivative(a, t);
                yield return (0, 0, "-" + R(2) + " * " + a + " * " + datan + " * " + datan + " / " + pi);
                break;
            case GateKind.Atan2Pi:
                // Atan2's second derivatives over π.
                var (aa, ab, bb) = SafeForms.Atan2Seconds(a, b, t);
                yield return (0, 0, aa + " / " + pi);
                yield return (0, 1, ab + " / " + pi);
                yield return (1, 1, bb + " / " + pi);
                break;
            case GateKind.RootN:
                // x^(1/n): (1/n)(1/n − 1)·x^(1/n − 2) = y·(1 − n)/(n·x)²; n is an int.
                yield return (0, 0, y + " * (" + one + " - " + b + ") / " + b + " / " + b + " / " + a + " / " + a);
                break;
            case GateKind.Lerp:
                // a·(1 − t) + b·t: f_at = −1, f_bt = 1.
                yield return (0, 2, "-" + one);
                yield return (1, 2, one);
                break;
            // ScaleB, CopySign, the routing functions, IEEERemainder, % and the angle conversions are linear on each piece.
        }
    }
}
