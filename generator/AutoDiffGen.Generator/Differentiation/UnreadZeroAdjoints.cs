using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// Drops an adjoint declared at zero (<c>double dDiff = 0.0;</c>) that no other step names. A forward-over-reverse program
/// keeps only the adjoints' tangents of what flows into the parameters, so a zero start that MBackward reads (the sign
/// operand of <c>Math.CopySign</c>: <c>dY += … + dDiff</c>) can be left unread there, and an unread local initialised to a
/// constant is CS0219, an error under warnings-as-errors. Removing it changes no value: it was a constant nobody read.
/// A value's tangent declared at zero and read by no step is dropped for the same reason.
/// </summary>
internal static class UnreadZeroAdjoints
{
    public static EquatableArray<Step> Run(EquatableArray<Step> body, EquatableArray<string> names)
    {
        string Name(int node) => node >= 0 && node < names.Length ? names[node] : "\u0002";
        var all = StepTree.Flatten(body);
        var unread = new HashSet<Step>(StepIdentity.Instance);
        foreach (var step in all)
        {
            // A value's tangent declared at zero (the tangent of Math.CopySign(0.25, c), which depends on no tangent) that
            // nothing reads is the same CS0219 (`double tCopysign = 0.0;` in MHessianVector, where the result's tangent is
            // not returned).
            int node;
            if (step is Contribute { How: Accumulation.Declare, Index: null } start && FusedSums.IsZero(start.Value)) node = start.Target;
            else if (step is Tangent { Declare: true } tangent && FusedSums.IsZero(tangent.Value)) node = tangent.Node;
            else continue;
            string target = Name(node);
            if (target == "\u0002" || target.Length == 0) continue;
            if (!all.Any(s => !ReferenceEquals(s, step) && Names(s, target, Name))) unread.Add(step);
        }
        if (unread.Count == 0) return body;
        return StepTree.Rewrite(body, block => block.Where(s => !unread.Contains(s)).ToList());
    }

    /// <summary>
    /// Whether the step names the adjoint. The tangent steps only this program has are checked here (by the node they write
    /// and the text they read); every other step as <see cref="ZeroStarts"/> checks it, which counts a step it does not
    /// know as naming every adjoint.
    /// </summary>
    private static bool Names(Step s, string target, System.Func<int, string> name) => s switch
    {
        Tangent t => name(t.Node) == target || Reads(t.Value, target, name),
        TangentStore t => name(t.Node) == target || Reads(t.Value, target, name),
        DeclareTangent d => name(d.Node) == target,
        TangentPop p => name(p.Reference) == target,
        NewAdjointTangentArray a => name(a.Reference) == target || SingleUseAdjoints.NamedIn(a.Length, target),
        CurvatureCall c => Reads(c.Call, target, name),
        _ => ZeroStarts.Names(s, target, name),
    };

    private static bool Reads(AdjointText text, string target, System.Func<int, string> name) =>
        text.Refs.Any(r => name(r) == target) || SingleUseAdjoints.NamedIn(text.Render(name), target);
}
