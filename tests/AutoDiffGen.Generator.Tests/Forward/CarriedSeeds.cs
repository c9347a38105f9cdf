using System.Text.RegularExpressions;

namespace AutoDiffGen.Generator.Tests.Forward;

/// <summary>
/// How a test tells, from the text, that an <c>MBackward</c> carries a scalar's tangent (a carried or mixed sweep): it ends
/// its forward sweep with <c>dX += tS * dResult;</c> (the result's tangent, converted to the adjoint's precision where they
/// differ). The seed itself has no local since horner12 (<c>Differentiator.UnitSeed</c>: it is read as the literal 1), so
/// <c>double tX = 1.0;</c> no longer marks the form.
/// </summary>
internal static class CarriedSeeds
{
    /// <summary>The text adds a carried tangent times the seed into <paramref name="adjoint"/>.</summary>
    public static bool Adds(string text, string adjoint = "dX") =>
        Regex.IsMatch(text, @"(?<![\w.])" + Regex.Escape(adjoint) + @" \+= (\((float|double)\)\()?t[A-Z]\w* \* dResult\)?;");

    /// <summary>A local declared for the seed (<c>double tX = 1.0;</c>), which the fold leaves out.</summary>
    public static bool DeclaresSeed(string text, string tangent = "tX") =>
        Regex.IsMatch(text, @"\b(double|float) " + Regex.Escape(tangent) + " = ");
}
