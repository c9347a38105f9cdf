using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Model;

/// <summary>
/// Everything the emitter needs to write one <c>…Backward</c> method. Plain, equatable data: no
/// symbols, syntax nodes, locations or compilations, so the pipeline caches it across edits.
/// </summary>
/// <param name="EmitGraph">True for <c>[Differentiable(Graph = true)]</c>: also emit the graph file (see <c>GraphView/GraphEmitter</c>).</param>
/// <param name="GraphNameTaken">Whether <c>MGraph</c> is already a member of the type: then the graph file leaves it out (ADG0015).</param>
/// <param name="TraceNameTaken">Whether <c>MTrace</c> is already a member of the type: then the graph file leaves it out (ADG0015).</param>
/// <param name="NullableSyntax">
/// Whether the consumer's language version (C# 8 or later) allows <c>#nullable</c>, <c>?</c> on reference types and <c>!</c>.
/// Set from the parse options just before emission (see <c>DifferentiableGenerator</c>), never by the analysis.
/// </param>
/// <param name="FileScopedNamespace">
/// Whether the consumer's language version (C# 10 or later) allows <c>namespace N;</c>: then the generated file says so
/// instead of a <c>namespace N { }</c> block, one indentation level (4 of every line's characters) less. Set with
/// <paramref name="NullableSyntax"/>, never by the analysis.
/// </param>
/// <param name="NullableWarnings">
/// Whether the project asks for nullable warnings in generated code (the MSBuild property <c>AutoDiffGenNullableWarnings</c>,
/// see <c>Emit/NullableDirectives</c>); otherwise the file turns them off and the compiler skips its flow analysis. Set with
/// <paramref name="NullableSyntax"/>, never by the analysis.
/// </param>
/// <param name="Hierarchy">The namespace and containing types to reopen.</param>
/// <param name="MethodName">The differentiated method's name.</param>
/// <param name="BackwardName">The generated method's name (<c>MethodName</c> + "Backward").</param>
/// <param name="Modifiers">The generated method's accessibility and <c>static</c>, as the user's method has them.</param>
/// <param name="ReturnType">The scalar kind of the result.</param>
/// <param name="Parameters">The method's parameters, in order.</param>
/// <param name="Graph">The method body as a computational graph.</param>
/// <param name="HintName">The generated file's name.</param>
/// <param name="Jacobian">For <c>[Differentiable(Jacobian = true)]</c>: also emit <c>MJacobian</c> (see <c>Emit/JacobianEmitter</c>).</param>
/// <param name="JacobianElement">The element type of <c>MJacobian</c>'s span: float when the result and every differentiable scalar are float, else double.</param>
/// <param name="Tangents">
/// For <c>[Differentiable(Forward = true)]</c>, per node id, the local that holds its tangent in <c>MForward</c> (a differentiable
/// parameter's: its tangent parameter, <c>tX</c>); empty when the method has neither forward nor Hessian mode (the Hessian
/// mode names its slots by them).
/// </param>
/// <param name="EmitForward">The method has <c>Forward = true</c>.</param>
/// <param name="HessianIndices">
/// For <c>[Differentiable(Hessian = true)]</c>, per node id, a differentiable parameter's position among the differentiable
/// scalars (an array's: its first element's), as C#; empty otherwise.
/// </param>
/// <param name="HessianSize">The number of differentiable scalars n, as C#; "" when the method has no Hessian mode.</param>
/// <param name="AdjointTangents">
/// For <c>[Differentiable(Hessian = true)]</c>, per node id, the local that holds the tangent of its adjoint in the
/// forward-over-reverse <c>MHessianVector</c> (<c>tdX</c>); "" for nodes without an adjoint; empty otherwise.
/// </param>
/// <param name="ThisAdjointType">
/// For <c>[Differentiable(WithRespectToThis = true)]</c>, the type of the <c>dThis</c> adjoint (<c>global::N.Model</c>, or
/// <c>ref global::N.Model</c> for a struct), written after the parameters' adjoints; null otherwise.
/// </param>
/// <param name="GenericText">
/// For a generic-math method (<c>GenericMath/GenericAnalysis</c>): the whole generated file, written over its type parameter and
/// already compiled against the user's code; the emitter writes it as it is. Null for every other method.
/// </param>
/// <param name="OptimizeAtOnce">
/// <c>MBackward</c> has loops and the consumer's runtime has <c>MethodImplOptions.AggressiveOptimization</c>: it is marked
/// with it (see <c>Lowering/JitHints</c>).
/// </param>
/// <param name="HessianTangents">
/// For <c>[Differentiable(Hessian = true)]</c>, per node id, the local that holds its tangent in the forward-over-reverse
/// <c>MHessianVector</c>: <see cref="Tangents"/>, except that a struct parameter's field (whose forward-mode tangent is a
/// member of a tangent parameter, <c>tP.X</c>) gets a local of its own (<c>tPX</c>); empty otherwise.
/// </param>
/// <param name="ShortForms">
/// How many parameters each shorter overload of <c>MBackward</c> (and <c>MForward</c>) keeps, for a method whose trailing
/// optional parameters a caller may leave out (<c>Lowering/OmittableArguments</c>); empty for most methods.
/// </param>
/// <param name="CarriedBackward">
/// <c>MBackward</c> is written as the forward sweep with the tangent of the one differentiable scalar parameter set to 1
/// (<c>Emit/CarriedBackwardEmitter</c>): no tape, value and derivative in one pass. <see cref="Graph"/> and
/// <see cref="Tangents"/> are then forward mode's (<c>Lowering/CarriedBackwards</c>).
/// </param>
/// <param name="ThisMembers">The object's members that get a gradient, as parameters named <c>this.W</c> with adjoints <c>dThis.W</c>.</param>
/// <param name="Emits">
/// <see cref="DerivedForm.None"/> for a [Differentiable] method's own file; otherwise this model is a callee's, analysed by a
/// caller that needs the one form named (<c>Lowering/DerivedForms</c>), and its file holds that form only.
/// </param>
/// <param name="HidesInherited">
/// A base class declares a member whose name starts with the method's (its own generated MBackward, MForward, …): the
/// generated members hide those on purpose, as the user's method hides or overrides its base's, and say so to the compiler
/// (CS0108). Calls that would dispatch at run time are refused at the call (Lowering/VirtualCalls).
/// </param>
/// <param name="Derived">The callees' forms this method's code calls that their own attributes do not ask for (each emitted once).</param>
internal sealed record MethodModel(
    HierarchyInfo Hierarchy,
    string MethodName,
    string BackwardName,
    string Modifiers,
    ScalarType ReturnType,
    EquatableArray<ParameterModel> Parameters,
    ComputationGraph Graph,
    string HintName,
    bool EmitGraph = false,
    GraphClash GraphNameTaken = GraphClash.None,
    GraphClash TraceNameTaken = GraphClash.None,
    bool NullableSyntax = true,
    EquatableArray<string> Tangents = default,
    bool EmitForward = false,
    EquatableArray<string> HessianIndices = default,
    string HessianSize = "",
    EquatableArray<string> AdjointTangents = default,
    string? ThisAdjointType = null,
    EquatableArray<ParameterModel> ThisMembers = default,
    bool Jacobian = false,
    ScalarType JacobianElement = ScalarType.Double,
    bool FileScopedNamespace = false,
    string? GenericText = null,
    bool OptimizeAtOnce = false, EquatableArray<string> HessianTangents = default, EquatableArray<int> ShortForms = default,
    bool NullableWarnings = false, bool CarriedBackward = false,
    DerivedForm Emits = DerivedForm.None, EquatableArray<MethodModel> Derived = default,
    bool HidesInherited = false)
{
    /// <summary>The name of the adjoint of the object's state in <c>MBackward</c> (<c>WithRespectToThis</c>).</summary>
    public const string ThisAdjointName = "dThis";

    /// <summary>The method also gets <c>MForward</c>.</summary>
    public bool Forward => EmitForward && !Tangents.IsEmpty;

    /// <summary>The method also gets <c>MHessian</c> (<c>Hessian = true</c>).</summary>
    public bool Hessian => HessianSize.Length > 0;

    /// <summary>The Hessian-mode method's name: <c>MethodName</c> + "Hessian".</summary>
    public string HessianName => MethodName + "Hessian";

    /// <summary>The forward-mode method's name: <c>MethodName</c> + "Forward".</summary>
    public string ForwardName => MethodName + "Forward";
}
