using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// The transform step for [DerivativeOf] methods: checks that each names an existing method and has
/// one of the contract's shapes for it (Backward, Pullback, or the forward shape of <c>MForward</c>). Errors point at the attribute and print the expected signature.
/// </summary>
internal static class DerivativeAnalyzer
{
    public static DerivativeInfo Analyze(GeneratorAttributeSyntaxContext context, CancellationToken token)
    {
        var derivative = (IMethodSymbol)context.TargetSymbol;
        var syntax = (MethodDeclarationSyntax)context.TargetNode;
        var errors = new List<DiagnosticInfo>();
        string target = "";
        bool valid = false;
        try
        {
            foreach (var attribute in context.Attributes)
            {
                token.ThrowIfCancellationRequested();
                var at = attribute.ApplicationSyntaxReference?.GetSyntax(token) ?? syntax;
                if (DerivativeResolver.Targets(attribute, derivative) is not var (type, name)) continue;
                target = type.Name + "." + name;
                var candidates = type.GetMembers(name).OfType<IMethodSymbol>().ToList();
                if (candidates.Count == 0)
                {
                    errors.Add(DiagnosticFactory.Create(DiagnosticDescriptors.DerivativeMismatch, at, derivative.Name, target,
                        "'" + type.Name + "' has no method named '" + name + "'", "nameof(…) of a method of that type"));
                    continue;
                }
                // A [NoDiff] target's calls are constants (NoDiffMethods): a derivative of it would never be called.
                if (candidates.FirstOrDefault(m => NoDiffMethods.IsNoDiff(m) && DerivativeShapes.Matches(derivative, m, out _)) is { } stopped)
                {
                    errors.Add(DiagnosticFactory.Create(DiagnosticDescriptors.DerivativeMismatch, at, derivative.Name, target,
                        "'" + target + "' is marked [NoDiff]: every call to it is a constant and no derivative of it is ever used",
                        "either [NoDiff] on '" + stopped.Name + "' (a stop-gradient) or this [DerivativeOf], not both: remove one"));
                    continue;
                }
                if (candidates.Any(m => DerivativeShapes.Matches(derivative, m, out _)))
                {
                    valid = true;
                    continue;
                }
                var expected = candidates.SelectMany(DerivativeShapes.Texts);
                errors.Add(DiagnosticFactory.Create(DiagnosticDescriptors.DerivativeMismatch, at, derivative.Name, target,
                    "its signature fits no overload: " + string.Join("; ", candidates.Select(m => DerivativeShapes.Difference(derivative, m)).Distinct()),
                    string.Join(" or ", expected.Select(e => "'" + e + "'"))));
            }
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception e)
        {
            errors.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), derivative.Name, e.GetType().Name + ": " + e.Message));
        }

        var location = syntax.Identifier.GetLocation();
        return new DerivativeInfo(DerivativeResolver.DerivativeKey(derivative), derivative.Name, target, valid && errors.Count == 0,
            !IsExternallyVisible(derivative), location, errors.ToEquatableArray());
    }

    private static bool IsExternallyVisible(ISymbol symbol)
    {
        for (var s = symbol; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
        {
            if (s.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal)) return false;
        }
        return true;
    }

    /// <summary>
    /// What to report for one derivative: its errors, and ADG0014 when it is valid, private and no generated
    /// method calls it (<paramref name="used"/>: the derivative keys the models call).
    /// </summary>
    public static EquatableArray<DiagnosticInfo> Diagnostics(DerivativeInfo d, ImmutableArray<EquatableArray<string>> used)
    {
        if (!d.Valid || !d.Private || d.Location is null || used.Any(u => u.Contains(d.Key))) return d.Errors;
        return d.Errors.Append(new DiagnosticInfo(DiagnosticDescriptors.UnusedDerivative.Id, d.Location, new[] { d.Name, d.Target }.ToEquatableArray())).ToEquatableArray();
    }
}
