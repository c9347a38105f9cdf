using System.Collections.Generic;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Lowering;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.GenericMath;

/// <summary>
/// Generic → generic calls: a generic caller's text over T calls its generic callees' <c>MBackward&lt;T&gt;</c> (and
/// <c>MForward&lt;T&gt;</c>), which are generated too, so the user's compilation that checks the caller's text does not have
/// them. This declares them, as stubs of the shape <see cref="GenericMethods.HasScalarShape"/> guarantees, in a tree added
/// to the check only. Whether the callee's own Backward exists is checked as for any callee (ADG0017).
/// </summary>
internal static class CalleeStubs
{
    /// <summary>The stubs for the generic [Differentiable] callees <paramref name="body"/> calls; empty when there are none.</summary>
    public static string For(IOperation body)
    {
        var callees = body.Descendants().OfType<IInvocationOperation>()
            .Select(c => c.TargetMethod.OriginalDefinition)
            .Where(m => m.IsGenericMethod && GenericMethods.HasScalarShape(m) && GenericMethods.Why(m, null) is null
                && Derivatives.DerivativeResolver.IsDifferentiable(m))
            .Distinct<IMethodSymbol>(SymbolEqualityComparer.Default)
            .ToList();
        var text = new StringBuilder();
        foreach (var callee in callees)
        {
            var t = callee.TypeParameters[0];
            string constraint = "where " + t.Name + " : " + string.Join(", ", t.ConstraintTypes.Select(c => c.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)));
            // An int, long or bool parameter is passed through: no adjoint, no tangent.
            var parameters = callee.Parameters.Select((p, i) => (GenericMethods.IsPassedThrough(p) ? p.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : t.Name) + " p" + i).ToList();
            var adjoints = callee.Parameters.Select((p, i) => (p, i)).Where(x => !GenericMethods.IsPassedThrough(x.p)).Select(x => "ref " + t.Name + " d" + x.i);
            var tangents = callee.Parameters.Select((p, i) => (p, i)).Where(x => !GenericMethods.IsPassedThrough(x.p)).Select(x => t.Name + " t" + x.i);
            var members = new List<string>
            {
                "public static " + t.Name + " " + callee.Name + "Backward<" + t.Name + ">(" + string.Join(", ", parameters.Concat(adjoints).Append(t.Name + " dResult")) + ") " + constraint + " => throw null!;",
            };
            bool forward = callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Derivatives.DerivativeResolver.DifferentiableAttribute
                && a.NamedArguments.Any(n => n.Key == "Forward" && n.Value.Value is true));
            if (forward)
            {
                members.Add("public static " + t.Name + " " + callee.Name + "Forward<" + t.Name + ">(" + string.Join(", ", parameters.Concat(tangents).Append("out " + t.Name + " tResult")) + ") " + constraint + " => throw null!;");
            }
            text.Append(Wrap(callee.ContainingType, string.Join("\n", members))).Append('\n');
        }
        return text.ToString();
    }

    /// <summary><paramref name="members"/> inside partial declarations of <paramref name="type"/> and the types and namespace around it.</summary>
    private static string Wrap(INamedTypeSymbol type, string members)
    {
        string inner = members;
        for (var t = type; t is not null; t = t.ContainingType)
        {
            string kind = t.IsRecord ? (t.TypeKind == TypeKind.Struct ? "record struct" : "record") : t.TypeKind == TypeKind.Struct ? "struct" : t.TypeKind == TypeKind.Interface ? "interface" : "class";
            inner = "partial " + kind + " " + t.Name + "\n{\n" + inner + "\n}";
        }
        return type.ContainingNamespace is { IsGlobalNamespace: false } ns ? "namespace " + ns.ToDisplayString() + "\n{\n" + inner + "\n}" : inner;
    }
}
