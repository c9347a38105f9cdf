using AutoDiffGen.Generator.Tests.Corpus;

namespace AutoDiffGen.Generator.Tests.PeerSuite.Modes;

/// <summary>The derivative methods a mode adds, each judged on its own.</summary>
public enum PeerMode
{
    /// <summary><c>MForward</c>: its tangent against central differences of the method along the same direction.</summary>
    Forward,
    /// <summary><c>MHessian</c> (and <c>MHessianVector</c>): against central differences of <c>MBackward</c>'s gradient.</summary>
    Hessian,
    /// <summary><c>MJacobian</c>: against central differences of each result component.</summary>
    Jacobian,
}

/// <summary>One mode of one [Differentiable] method of the translated sources, and its verdict (the corpus's statuses).</summary>
public sealed class ModeCase(PeerMode mode, CorpusMethod method)
{
    public PeerMode Mode { get; } = mode;

    /// <summary>Where the method is, its parameters, and the verdict for this mode (ok / diagnosed / wrong / broken / unchecked).</summary>
    public CorpusMethod Method { get; } = method;

    /// <summary><c>Hessian:Class.Method(double, double)</c>: the key PeerModesTests pins diagnosed cases by.</summary>
    public string Key => Mode + ":" + Method.Signature;

    /// <summary>The generated method judged: <c>NameForward</c>, <c>NameHessian</c> or <c>NameJacobian</c>.</summary>
    public string Generated => Method.Name + Mode;

    /// <summary>The probe class calling the generated method (ModeProbes), once it is written.</summary>
    public string? ProbeClass { get; set; }
}
