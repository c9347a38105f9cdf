using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The tapes a method needs beyond double, float, int, bool and long: one per <c>char</c> or enum type that a struct's
/// discrete member (<c>Kind Kind</c>, <c>char C</c>) or the body holds, since such a value may be taped in a loop like an int;
/// and one per class whose object receives a [Differentiable] instance call (<c>new N(0.5, 2.0).Value(x)</c>, or a local
/// <c>var g = new N();</c> made in a loop): the reverse sweep calls the callee's Backward on the object of that
/// iteration, so each is kept (fuzz16: before, such a call in a loop crashed the generator with "no tape for N").
/// </summary>
internal static class DiscreteTapes
{
    private static readonly string[] Base = { "double", "float", "int", "bool", "long" };

    /// <summary>The base tape types, then the extra ones in the order first met.</summary>
    public static List<string> Types(IMethodSymbol method, IOperation body)
    {
        var types = new List<string>(Base);
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        void Add(ITypeSymbol? type)
        {
            if (type is null || !seen.Add(type)) return;
            if (type.SpecialType == SpecialType.System_Char || type.TypeKind == TypeKind.Enum) AddName(type.ToDisplayString(SymbolNames.TypeFormat));
            else if (type.TypeKind == TypeKind.Struct && RealStructs.Components(type) is { } components)
            {
                foreach (var c in components.Where(c => c.IsDiscrete)) AddName(c.Keyword);
            }
        }
        void AddName(string name)
        {
            if (!types.Contains(name)) types.Add(name);
        }
        foreach (var p in method.Parameters) Add(p.Type);
        foreach (var op in body.DescendantsAndSelf())
        {
            Add(op.Type);
            if (op is IInvocationOperation { Instance.Type: { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } receiver }) AddName(receiver.ToDisplayString(SymbolNames.TypeFormat));
        }
        return types;
    }

    /// <summary>A tape's base name: <c>tapeDouble</c>, <c>tapeKind</c> for <c>global::P.Kind</c>.</summary>
    public static string Name(string type)
    {
        // A generic or nullable class (Model<double>, N?) keeps the letters and digits of its simple name.
        string simple = type.Split('<')[0].TrimEnd('?');
        string last = new string(simple.Substring(simple.LastIndexOf('.') + 1).Where(char.IsLetterOrDigit).ToArray());
        return "tape" + char.ToUpperInvariant(last[0]) + last.Substring(1);
    }
}
