using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Finds the derivative of a called method: its generated Backward when it is [Differentiable], else a
/// [DerivativeOf] method declared next to it or next to the caller (and, beside it, a [DerivativeOf] of the forward
/// shape, which a caller's <c>MForward</c> calls).
/// </summary>
internal static class DerivativeResolver
{
    public const string DifferentiableAttribute = "AutoDiffGen.DifferentiableAttribute";
    public const string DerivativeOfAttribute = "AutoDiffGen.DerivativeOfAttribute";

    /// <summary>Whether <paramref name="method"/> carries [Differentiable] (a constructed generic method: pass its OriginalDefinition where that matters).</summary>
    public static bool IsDifferentiable(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttribute);

    /// <param name="target">The callee as C# text (receiver included).</param>
    /// <param name="receiver">The receiver text for an instance callee, "this" or a rendered value; null for static.</param>
    /// <param name="callee">The called method.</param>
    /// <param name="caller">The [Differentiable] method that calls it.</param>
    /// <param name="operatorToken">For a user-defined operator, its token; null for a method call.</param>
    /// <param name="compilation">The compilation the call is bound in.</param>
    public static CallInfo? Resolve(IMethodSymbol callee, IMethodSymbol caller, string target, string? receiver, string? operatorToken, Compilation compilation)
    {
        var passing = callee.Parameters.Select(ValueKinds.Passing).ToEquatableArray();

        if (IsDifferentiable(callee))
        {
            // A list or sequence parameter's generated Backward takes a T[] adjoint, passed as an array's is (Lowering/ListArguments).
            passing = callee.Parameters.Select(p => ValueKinds.ListPassing(p) ?? ValueKinds.BackwardPassing(p)).ToEquatableArray();
            string derivative = Qualified(callee, receiver, callee.Name + "Backward");
            return new CallInfo(target, operatorToken, derivative, DerivativeForm.Backward, passing, callee.Name, EquatableArray<string>.Empty, "");
        }

        // Next to the callee or the caller first; anywhere in the compilation's source after that.
        var candidates = Candidates(callee, caller).Concat(DerivativeIndex.For(compilation).Find(callee.ContainingType, callee.Name));
        var found = candidates.ToList();
        foreach (var candidate in found)
        {
            if (DerivativeShapes.Matches(candidate, callee, out var form, out bool collections) && form != DerivativeForm.Forward)
            {
                // Arrays and spans with adjoints of their own, as a generated Backward takes them.
                if (collections) passing = callee.Parameters.Select(ValueKinds.BackwardPassing).ToEquatableArray();
                // An instance derivative is called on the same receiver as the callee.
                string derivative = Qualified(candidate, candidate.IsStatic ? null : receiver, candidate.Name);
                var call = new CallInfo(target, operatorToken, derivative, form, passing, callee.Name, EquatableArray<string>.Empty, DerivativeKey(candidate));
                // A forward one takes tangents where the reverse one takes adjoints: for arrays and spans too when it has theirs.
                var forward = found.FirstOrDefault(c => DerivativeShapes.Matches(c, callee, out var f, out bool tangents) && f == DerivativeForm.Forward && tangents == collections);
                return forward is null ? call
                    : call with { HandForward = Qualified(forward, forward.IsStatic ? null : receiver, forward.Name), HandForwardKey = DerivativeKey(forward) };
            }
        }
        return null;
    }

    /// <summary>
    /// Whether any [DerivativeOf] names <paramref name="callee"/>, whatever its shape: a user who wrote one (a forward-only
    /// one, say) chose the derivative, so the callee's body is never differentiated in its place (Lowering/PlainHelpers).
    /// </summary>
    public static bool HasDerivativeOf(IMethodSymbol callee, IMethodSymbol caller, Compilation compilation) =>
        Candidates(callee, caller).Concat(DerivativeIndex.For(compilation).Find(callee.ContainingType, callee.Name)).Any();

    /// <summary>Identifies a derivative method across pipeline steps, to tell which ones are used.</summary>
    public static string DerivativeKey(IMethodSymbol method) => method.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static string Qualified(IMethodSymbol method, string? receiver, string name) =>
        method.IsStatic || receiver is null
            ? method.ContainingType.ToDisplayString(SymbolNames.TypeFormat) + "." + name
            : receiver + "." + name;

    /// <summary>[DerivativeOf] methods for <paramref name="callee"/>, in its own type and in the caller's.</summary>
    private static IEnumerable<IMethodSymbol> Candidates(IMethodSymbol callee, IMethodSymbol caller)
    {
        var types = new List<INamedTypeSymbol> { callee.ContainingType };
        if (!SymbolEqualityComparer.Default.Equals(caller.ContainingType, callee.ContainingType)) types.Add(caller.ContainingType);
        foreach (var type in types)
        {
            foreach (var member in type.GetMembers().OfType<IMethodSymbol>())
            {
                foreach (var attribute in member.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != DerivativeOfAttribute) continue;
                    if (Targets(attribute, member) is var (targetType, name) && name == callee.Name &&
                        SymbolEqualityComparer.Default.Equals(targetType, callee.ContainingType.OriginalDefinition))
                    {
                        yield return member;
                    }
                }
            }
        }
    }

    /// <summary>The (type, method name) a [DerivativeOf] names.</summary>
    public static (INamedTypeSymbol Type, string Name)? Targets(AttributeData attribute, IMethodSymbol derivative)
    {
        var args = attribute.ConstructorArguments;
        if (args.Length == 1 && args[0].Value is string name) return (derivative.ContainingType.OriginalDefinition, name);
        if (args.Length == 2 && args[0].Value is INamedTypeSymbol type && args[1].Value is string name2) return (type.OriginalDefinition, name2);
        return null;
    }
}
