using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Derivatives;

/// <summary>
/// Every [DerivativeOf] method declared in a compilation's source, or public in an assembly it references
/// that itself references AutoDiffGen, by the (type, name) it targets. Built once per compilation, and
/// only when a derivative is not found next to the callee or the caller, so the common path never walks
/// the whole compilation.
/// </summary>
internal sealed class DerivativeIndex
{
    private static readonly ConditionalWeakTable<Compilation, DerivativeIndex> Cache = new();

    private readonly Dictionary<(INamedTypeSymbol, string), List<IMethodSymbol>> _byTarget =
        new(new TargetComparer());

    public static DerivativeIndex For(Compilation compilation) => Cache.GetValue(compilation, c => new DerivativeIndex(c));

    private DerivativeIndex(Compilation compilation)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            SemanticModel? model = null;
            foreach (var method in tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                // A cheap textual filter before any binding.
                if (!method.AttributeLists.SelectMany(l => l.Attributes).Any(a => a.Name.ToString().Contains("DerivativeOf"))) continue;
                model ??= compilation.GetSemanticModel(tree);
                if (model.GetDeclaredSymbol(method) is not IMethodSymbol symbol) continue;
                foreach (var attribute in symbol.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != DerivativeResolver.DerivativeOfAttribute) continue;
                    if (DerivativeResolver.Targets(attribute, symbol) is not var (type, name)) continue;
                    if (!_byTarget.TryGetValue((type, name), out var list)) _byTarget[(type, name)] = list = new List<IMethodSymbol>();
                    list.Add(symbol);
                }
            }
        }
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            // Only a library built against AutoDiffGen can declare [DerivativeOf]: the rest are not walked.
            if (!assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => r.Name == "AutoDiffGen"))) continue;
            AddPublic(assembly.GlobalNamespace);
        }
    }

    private void AddPublic(INamespaceOrTypeSymbol container)
    {
        foreach (var member in container.GetMembers())
        {
            if (member is INamespaceSymbol ns)
            {
                AddPublic(ns);
            }
            else if (member is INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } type)
            {
                AddPublic(type);
            }
            else if (member is IMethodSymbol { DeclaredAccessibility: Accessibility.Public } method)
            {
                foreach (var attribute in method.GetAttributes())
                {
                    if (attribute.AttributeClass?.ToDisplayString() != DerivativeResolver.DerivativeOfAttribute) continue;
                    if (DerivativeResolver.Targets(attribute, method) is not var (target, name)) continue;
                    if (!_byTarget.TryGetValue((target, name), out var list)) _byTarget[(target, name)] = list = new List<IMethodSymbol>();
                    list.Add(method);
                }
            }
        }
    }

    public IEnumerable<IMethodSymbol> Find(INamedTypeSymbol type, string name) =>
        _byTarget.TryGetValue((type.OriginalDefinition, name), out var list) ? list : Enumerable.Empty<IMethodSymbol>();

    private sealed class TargetComparer : IEqualityComparer<(INamedTypeSymbol Type, string Name)>
    {
        public bool Equals((INamedTypeSymbol Type, string Name) x, (INamedTypeSymbol Type, string Name) y) =>
            x.Name == y.Name && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((INamedTypeSymbol Type, string Name) obj) =>
            SymbolEqualityComparer.Default.GetHashCode(obj.Type) * 31 + obj.Name.GetHashCode();
    }
}
