using System;

namespace AutoDiffGen
{
    /// <summary>
    /// Marks a class parameter of a <see cref="DifferentiableAttribute"/> method as an input whose real members get a
    /// gradient: <c>double Loss([WithRespectTo] DecayParams p, double[] t)</c> gives <c>LossBackward</c> the adjoint
    /// <c>ref DecayParams dP</c>, of the parameter's own type, as a struct of reals has.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The generated <c>Backward</c> adds into <c>dP</c>, as into every adjoint: a record class whose members are
    /// init-only is replaced once at the end by <c>dP with { Amplitude = dP.Amplitude + …, … }</c> (the caller's
    /// variable then refers to the new object); a class with settable fields or properties has them added into in place.
    /// Callers pass a <c>dP</c> whose real members are zero to get the gradient alone. A null <c>dP</c> throws
    /// <see cref="ArgumentNullException"/>.
    /// </para>
    /// <para>
    /// The members that get a gradient are the class's instance <c>double</c>/<c>float</c> fields and auto-properties and
    /// its structs of reals (their members, nested). Reading any other member in a way that reaches the result (a property
    /// whose getter computes, a member of another class, a virtual member, an array) is the error ADG0003 at the read.
    /// Forward mode takes a tangent <c>T tP</c> by value. Hessian mode does not number a class's members yet (ADG0019).
    /// </para>
    /// <para>
    /// Without this attribute a class parameter gets no adjoint: its real members are read as constants, which the
    /// generator says with the information diagnostic ADG0035 (silenced by <see cref="NoDiffAttribute"/>).
    /// </para>
    /// </remarks>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class WithRespectToAttribute : Attribute
    {
    }
}
