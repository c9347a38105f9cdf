using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Diagnostics;

/// <summary>
/// Every rule the generator reports. Each has a page <c>docs/diagnostics/ADGnnnn.md</c> with a bad
/// example, the fix and the reason.
/// </summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "AutoDiffGen";
    // From the MSBuild property AutoDiffGenRepositoryUrl, through the generated Helpers.RepositoryInfo.
    private const string HelpBase = RepositoryInfo.FileBase + "docs/diagnostics/";

    private static DiagnosticDescriptor Rule(string id, string title, string message, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new(id, title, message, Category, severity, isEnabledByDefault: true, description: null, helpLinkUri: HelpBase + id + ".md");

    public static readonly DiagnosticDescriptor TypeNotPartial = Rule(
        "ADG0001",
        "Containing type must be partial",
        "'{0}' contains the [Differentiable] method '{1}' but {2}");

    public static readonly DiagnosticDescriptor UnsupportedStatement = Rule(
        "ADG0002",
        "Unsupported statement",
        "{0} is not supported in a [Differentiable] method yet; {1}");

    public static readonly DiagnosticDescriptor UnsupportedExpression = Rule(
        "ADG0003",
        "Unsupported expression",
        "{0} is not supported in a [Differentiable] method; {1}");

    public static readonly DiagnosticDescriptor NoDerivative = Rule(
        "ADG0004",
        "Call has no known derivative",
        "The call to '{0}' has no known derivative{3}; mark it [Differentiable], or write a [DerivativeOf(nameof({1}))] method with the signature '{2}', or mark the parameter that feeds it [NoDiff] if it should not be differentiated");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Rule(
        "ADG0005",
        "Unsupported return type",
        "[Differentiable] method '{0}' returns '{1}'; it must return double or float (a scalar loss), a struct whose members are settable double/float fields (Vector2, a record struct), or a tuple of 2 to 7 doubles/floats, or be void and leave its results in ref/out parameters or arrays it is passed; a ref return must name, at every return, one ref parameter ('return ref x;') or one constant element of an array parameter ('return ref a[1];')");

    public static readonly DiagnosticDescriptor UnsupportedParameter = Rule(
        "ADG0006",
        "Unsupported parameter",
        "Parameter '{0}' of '{1}' is {2}; {3}");

    public static readonly DiagnosticDescriptor SideEffect = Rule(
        "ADG0007",
        "Side effect in a differentiable method",
        "{0} writes to {1}; a [Differentiable] method may only assign its own locals and parameters (and static fields of numbers, bools and enums with a value that carries no gradient). Compute the value into a local and return it instead.");

    public static readonly DiagnosticDescriptor BackwardNameClash = Rule(
        "ADG0008",
        "Generated name clashes with an existing member",
        "'{0}' already declares a member named '{1}', which the generator needs for the derivative of '{2}'; rename the existing member");

    public static readonly DiagnosticDescriptor NoBody = Rule(
        "ADG0009",
        "Method has no body",
        "[Differentiable] method '{0}' has no body to differentiate; give it a block or expression body");

    public static readonly DiagnosticDescriptor GenericMethod = Rule(
        "ADG0010",
        "Generic method",
        "[Differentiable] method '{0}' is generic, and {1}");

    public static readonly DiagnosticDescriptor ZeroDerivative = Rule(
        "ADG0011",
        "Result always has a zero derivative",
        "The result of '{0}' does not depend differentiably on {1}; its gradient is always zero: {2}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor AdjointNameClash = Rule(
        "ADG0012",
        "Adjoint parameter name clashes",
        "{0} is named '{1}', which is already {2}; rename {3}");

    public static readonly DiagnosticDescriptor DerivativeMismatch = Rule(
        "ADG0013",
        "[DerivativeOf] does not fit its target",
        "[DerivativeOf] on '{0}' names '{1}', but {2}; expected {3}");

    public static readonly DiagnosticDescriptor UnusedDerivative = Rule(
        "ADG0014",
        "Derivative is never used",
        "The derivative '{0}' of '{1}' is never called by a [Differentiable] method; remove it, or make it public if other assemblies use it",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GraphNameClash = Rule(
        "ADG0015",
        "Graph member name clashes with an existing member",
        "'{0}' already has a member named '{1}' ({2}), so the {3} of '{4}' is not generated; {5}",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor GradientLost = Rule(
        "ADG0016",
        "A value that carries a gradient flows where its derivative is unknown",
        "'{0}' carries a gradient into {1}, whose derivative AutoDiffGen does not know, so that gradient would be lost; {2}");

    public static readonly DiagnosticDescriptor CalleeHasNoBackward = Rule(
        "ADG0017",
        "Differentiable callee has no Backward",
        "The call to '{0}' cannot be differentiated: {1}, so it has no '{2}' to call; fix that first");

    public static readonly DiagnosticDescriptor ForwardUnsupported = Rule(
        "ADG0018",
        "Not supported in forward mode",
        "{0} cannot be differentiated in forward mode (Forward = true): {1}; {2}");

    public static readonly DiagnosticDescriptor HessianUnsupported = Rule(
        "ADG0019",
        "Not supported in Hessian mode",
        "{0} cannot be differentiated twice in Hessian mode (Hessian = true): {1}; {2}");

    public static readonly DiagnosticDescriptor GenericNotDifferentiated = Rule(
        "ADG0025",
        "Generic method not differentiated over its type parameter",
        "[Differentiable] generic method '{0}' is not differentiated over its type parameter: {1}");

    public static readonly DiagnosticDescriptor CheckpointNotApplied = Rule(
        "ADG0030",
        "Checkpointing does not apply",
        "Checkpoint = true on '{0}' does not apply to {1}: {2}; it is taped as usual (correct gradients, memory linear in its iterations)",
        DiagnosticSeverity.Warning);

    public static readonly DiagnosticDescriptor ExplicitImplementation = Rule(
        "ADG0031",
        "Explicit interface implementation",
        "[Differentiable] method '{0}' is an explicit implementation of '{1}', whose generated '{2}Backward' could not be named or called; put the attribute on a method of the type ('public double {2}(…)') and implement the interface member by calling it");

    public static readonly DiagnosticDescriptor StatefulCall = Rule(
        "ADG0032",
        "A value that changes from call to call would be computed again",
        "'{0}' may give another value each time it is called, and {1}: the derivative would be taken at other values than the result; {2}");

    public static readonly DiagnosticDescriptor ClassReadAsConstant = Rule(
        "ADG0035",
        "A class parameter's real members are read as constants",
        "'{0}' is a {1} whose real members are read as constants with no adjoint: mark it [WithRespectTo] for `ref {1} {2}`, or [NoDiff] to say it is a constant",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor ClassElementsReadAsConstant = Rule(
        "ADG0036",
        "The real members of a collection of class objects are read as constants",
        "'{0}' is {1} of the class {2}, whose real members are read as constants with no adjoint: {3}, or mark '{0}' [NoDiff] to say they are data",
        DiagnosticSeverity.Info);

    public static readonly DiagnosticDescriptor GeneratedMemberCall = Rule(
        "ADG0037",
        "A [Differentiable] method calls a derivative the generator writes",
        "'{0}' calls '{1}', which the generator writes for the [Differentiable] method '{2}': differentiating through a generated derivative (nested differentiation) is not supported, and while the generator runs the call does not exist yet; compute the inner derivative in code of your own (a method returning it, written by hand, which may itself be [Differentiable]), or call '{1}' outside the [Differentiable] method");

    public static readonly DiagnosticDescriptor InternalError = Rule(
        "ADG9999",
        "Internal generator error",
        "AutoDiffGen failed on '{0}': {1}. This is a bug: please report it with this method's code.");

    private static readonly Dictionary<string, DiagnosticDescriptor> ById = new[]
    {
        TypeNotPartial, UnsupportedStatement, UnsupportedExpression, NoDerivative, UnsupportedReturnType,
        UnsupportedParameter, SideEffect, BackwardNameClash, NoBody, GenericMethod, ZeroDerivative,
        AdjointNameClash, DerivativeMismatch, UnusedDerivative, GraphNameClash, GradientLost, CalleeHasNoBackward, ForwardUnsupported, HessianUnsupported, GenericNotDifferentiated, CheckpointNotApplied, ExplicitImplementation, StatefulCall, ClassReadAsConstant, ClassElementsReadAsConstant, GeneratedMemberCall, InternalError,
    }.ToDictionary(d => d.Id);

    /// <summary>All descriptors, for the docs test and the release-tracking files.</summary>
    public static IReadOnlyCollection<DiagnosticDescriptor> All => ById.Values;

    public static DiagnosticDescriptor Get(string id) => ById[id];
}
