using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>How the derivative of a call takes its adjoints.</summary>
internal enum DerivativeForm
{
    /// <summary><c>R MBackward(args…, adjoints…, R dResult)</c>: the generator's own shape; recomputes the forward.</summary>
    Backward,
    /// <summary><c>void MPullback(args…, R result, R dResult, adjoints…)</c>: reuses the forward result.</summary>
    Pullback,
    /// <summary><c>R MForward(args…, tangents…, out R tResult)</c>: a hand-written forward derivative, which only <c>MForward</c> calls.</summary>
    Forward,
}

/// <summary>How one argument's adjoint is passed to the derivative.</summary>
internal enum AdjointPassing
{
    /// <summary>The parameter is not differentiable: no adjoint argument.</summary>
    None,
    /// <summary><c>ref double</c> / <c>ref float</c>.</summary>
    Ref,
    /// <summary>An adjointable value passed by reference type (a tensor); null means "not needed" to a pullback.</summary>
    Value,
    /// <summary>A <c>double[]</c>/<c>float[]</c> or span parameter of a generated Backward: its adjoint array or span, added into.</summary>
    Collection,
    /// <summary>A struct-of-reals parameter of a generated Backward: <c>ref</c> a struct of the same type, added into member by member.</summary>
    Struct,
    /// <summary>A <c>ref double</c> parameter: its adjoint is in/out (the seed of the value left, then the adjoint of the value passed).</summary>
    InOut,
    /// <summary>An <c>out double</c> parameter: its adjoint is a seed passed by value; the argument's value is not read.</summary>
    Out,
    /// <summary>A <c>[WithRespectTo]</c> class parameter: the caller's own object, its adjoint <c>ref T dP</c> and tangent <c>T tP</c> (<see cref="ObjectArgument"/>).</summary>
    Object,
}

/// <summary>A call node's callee and derivative, as text the emitter writes.</summary>
/// <param name="Target">The callee as C# text: "global::N.T.M" or "this.M".</param>
/// <param name="Operator">For a user-defined operator, its token ("+", "-", "*"); the forward sweep writes the operator.</param>
/// <param name="Derivative">The derivative method as C# text.</param>
/// <param name="Passing">One entry per callee parameter (and per input of the node).</param>
/// <param name="Callee">The callee's display name, for comments.</param>
/// <param name="Scratch">Per parameter: a local that absorbs the adjoint of a constant argument passed by ref, or "".</param>
/// <param name="DerivativeKey">For a [DerivativeOf] method, its fully qualified signature; "" for a generated Backward.</param>
/// <param name="Form">The shape of the derivative method.</param>
/// <param name="Forward">The callee's forward derivative as C# text (its generated <c>MForward</c>, or its hand-written forward
/// [DerivativeOf]), or "" when it has none; set only for a caller with <c>Forward = true</c>.</param>
/// <param name="HandForward">For a [DerivativeOf] callee, its hand-written forward derivative as C# text (the shape a generated
/// <c>MForward</c> has, with the same adjoint passing as the reverse one), or "" when it has none.</param>
/// <param name="HandForwardKey">That forward derivative's <see cref="DerivativeKey"/>, or "".</param>
/// <param name="ThisAdjoint">For a call on <c>this</c> to a callee with <c>WithRespectToThis = true</c>, from a caller with it too: the
/// caller's <c>dThis</c>, passed after the arguments' adjoints, so the callee adds the object's gradient into it; "" otherwise.</param>
/// <param name="Outputs">Per parameter, for a ref or out one, the local its argument's new value is left in ("_" for a discard); else "".</param>
/// <param name="Temps">Per ref parameter, two fresh locals for the reverse sweep, "value adjoint": the value the call was
/// passed (the callee's Backward overwrites it) and the in/out adjoint; else "".</param>
/// <param name="StructReceiver">A call to an instance method of a struct of reals with <c>WithRespectToThis = true</c> on a struct
/// value (<c>p.Norm()</c>): the input after the arguments is the receiver, packed; <see cref="Target"/> and
/// <see cref="Derivative"/> are then member names (".Norm", ".NormBackward") written after it, and the receiver's adjoint is
/// passed as the callee's <c>ref dThis</c> (<see cref="ThisAdjoint"/> names the scratch that takes it when the receiver is constant).</param>
/// <param name="Objects">Per <see cref="AdjointPassing.Object"/> parameter, the caller's class input passed on (<see cref="ObjectArgument"/>).</param>
/// <param name="Curvature">In a Hessian-mode method, a call its forward-over-reverse product differentiates twice through the
/// callee's own Hessian–vector product (<see cref="CurvatureInfo"/>); null otherwise.</param>
internal sealed record CallInfo(
    string Target,
    string? Operator,
    string Derivative,
    DerivativeForm Form,
    EquatableArray<AdjointPassing> Passing,
    string Callee,
    EquatableArray<string> Scratch,
    string DerivativeKey,
    string Forward = "",
    string ThisAdjoint = "",
    EquatableArray<string> Outputs = default,
    EquatableArray<string> Temps = default,
    bool StructReceiver = false,
    CurvatureInfo? Curvature = null,
    string HandForward = "",
    string HandForwardKey = "",
    EquatableArray<ObjectArgument> Objects = default)
{
    /// <summary>The <see cref="ObjectArgument"/> of parameter <paramref name="position"/>.</summary>
    public ObjectArgument? ObjectAt(int position)
    {
        foreach (var o in Objects)
        {
            if (o.Position == position) return o;
        }
        return null;
    }

    /// <summary>The [DerivativeOf] methods the generated code calls: the reverse one, and the forward one when <c>MForward</c> calls it.</summary>
    public System.Collections.Generic.IEnumerable<string> UsedDerivatives()
    {
        if (DerivativeKey.Length > 0) yield return DerivativeKey;
        if (HandForwardKey.Length > 0 && Forward.Length > 0) yield return HandForwardKey;
    }

    /// <summary>The callee as C# text, with the receiver's text (<paramref name="receiver"/>) in front for a struct receiver.</summary>
    public string TargetOn(System.Func<int, string> receiver) => StructReceiver ? "(" + receiver(Passing.Length) + ")" + Target : Target;

    /// <summary>The derivative as C# text, with the receiver's text in front for a struct receiver.</summary>
    public string DerivativeOn(System.Func<int, string> receiver) => StructReceiver ? "(" + receiver(Passing.Length) + ")" + Derivative : Derivative;

    /// <summary>The call leaves values in ref or out arguments.</summary>
    public bool HasOutputs => !Outputs.IsEmpty;
}
