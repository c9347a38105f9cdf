using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>How <c>MBackward</c> adds a <c>[WithRespectTo]</c> class parameter's gradient into its adjoint <c>dP</c>.</summary>
internal enum ClassAdjointWrite
{
    /// <summary><c>dP.X += …</c>: every real member is writable where the generated code is.</summary>
    InPlace,
    /// <summary>A record: <c>dP = dP with { X = …, … }</c> once at the end.</summary>
    With,
    /// <summary><c>dP = new T(…)</c> once at the end, through a constructor that assigns every member from its own parameter.</summary>
    Constructor,
}

/// <summary>
/// The write path of a class input's adjoint (issue 13 item 6), decided where the generated code is written: the
/// <c>[Differentiable]</c> method's own type, whose code may read and write the private fields of its own class (a
/// <c>partial</c> declaration of the class) but no other's. A private field a get-only property exposes
/// (<c>public double W =&gt; _w;</c>) is read through the property elsewhere (<see cref="ReadPath"/>); a get-only
/// auto-property or readonly field is written through a memberwise constructor.
/// </summary>
internal static class ClassAdjointWrites
{
    /// <summary>The first of: in place, a record's <c>with</c>, a memberwise constructor; null when none compiles at <paramref name="at"/>.</summary>
    public static ClassAdjointWrite? Path(INamedTypeSymbol type, INamedTypeSymbol? at)
    {
        var real = RealMembers(type);
        if (real.All(m => InPlaceWritable(m, at))) return ClassAdjointWrite.InPlace;
        if (type.IsRecord && real.All(m => WithSettable(m, at))) return ClassAdjointWrite.With;
        if (Constructor(type, at) is not null) return ClassAdjointWrite.Constructor;
        return null;
    }

    /// <summary>The first real member that cannot be added into in place at <paramref name="at"/>, or null.</summary>
    public static ISymbol? Unwritable(INamedTypeSymbol type, INamedTypeSymbol? at) => RealMembers(type).FirstOrDefault(m => !InPlaceWritable(m, at));

    private static List<ISymbol> RealMembers(INamedTypeSymbol type) =>
        ClassComponents.RootMembers(type).Where(m => !RealStructs.IsDiscrete(ClassComponents.TypeOf(m))).ToList();

    /// <summary><c>dP.X += …</c> compiles at <paramref name="at"/> (a struct field's members one by one, unless the struct is built whole).</summary>
    private static bool InPlaceWritable(ISymbol m, INamedTypeSymbol? at) => m switch
    {
        IFieldSymbol f => !f.IsReadOnly && Accessible(f, at) && (f.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single || !StructConstructors.IsBuiltWhole(f.Type)),
        IPropertySymbol p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single && p.SetMethod is { IsInitOnly: false } set && Accessible(set, at),
        _ => false,
    };

    /// <summary><c>dP with { X = … }</c> compiles at <paramref name="at"/>.</summary>
    private static bool WithSettable(ISymbol m, INamedTypeSymbol? at) => m switch
    {
        IFieldSymbol f => !f.IsReadOnly && Accessible(f, at),
        IPropertySymbol p => p.SetMethod is { } set && Accessible(set, at),
        _ => false,
    };

    /// <summary>Public or internal, or written inside the member's own class (or a type nested in it).</summary>
    public static bool Accessible(ISymbol member, INamedTypeSymbol? at)
    {
        if (member.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal) return true;
        for (var t = at; t is not null; t = t.ContainingType)
        {
            if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, member.ContainingType.OriginalDefinition)) return true;
        }
        return false;
    }

    /// <summary>
    /// The memberwise constructor and its members when every instance field of the class is a component (nothing else
    /// would be lost by rebuilding) and each discrete member can be read at <paramref name="at"/>; null otherwise.
    /// </summary>
    private static ISymbol[]? Constructor(INamedTypeSymbol type, INamedTypeSymbol? at)
    {
        var roots = ClassComponents.RootMembers(type);
        bool whole = type.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).All(f => roots.Contains((ISymbol?)f.AssociatedSymbol ?? f, SymbolEqualityComparer.Default));
        if (!whole || StructConstructors.Memberwise(type) is not { } memberwise || !Accessible(memberwise.Constructor, at)) return null;
        return roots.All(m => ReadName(m, at) is not null) ? memberwise.Members : null;
    }

    /// <summary>The name <c>dP.‹name›</c> reads a member by at <paramref name="at"/>: its own, or a get-only property that returns it; null when neither is readable.</summary>
    private static string? ReadName(ISymbol member, INamedTypeSymbol? at)
    {
        if (member is IPropertySymbol { GetMethod: { } get } && Accessible(get, at) || member is IFieldSymbol && Accessible(member, at)) return member.Name;
        if (member is not IFieldSymbol field) return null;
        return field.ContainingType.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p => Accessible(p, at) && SymbolEqualityComparer.Default.Equals(ClassComponents.ExposedField(p), field))?.Name;
    }

    /// <summary>A component's path as the generated code at <paramref name="at"/> reads it: <c>_w</c> read as <c>W</c> where only the property is accessible.</summary>
    public static string ReadPath(INamedTypeSymbol type, string path, INamedTypeSymbol? at)
    {
        int dot = path.IndexOf('.');
        string head = dot < 0 ? path : path.Substring(0, dot);
        var member = ClassComponents.RootMembers(type).FirstOrDefault(m => m.Name == head);
        string read = member is null ? head : ReadName(member, at) ?? head;
        return dot < 0 ? read : read + path.Substring(dot);
    }

    /// <summary>
    /// The <see cref="StructPacks"/> template that rebuilds <c>dP</c> through the memberwise constructor: a real member's
    /// marker (its index among <paramref name="realPaths"/>), a struct member built from its components' markers, a
    /// discrete member as <c>dP</c> holds it.
    /// </summary>
    public static string ConstructorTemplate(string adjoint, INamedTypeSymbol type, INamedTypeSymbol? at, IReadOnlyList<string> realPaths, IReadOnlyList<string> readPaths)
    {
        var members = Constructor(type, at)!;
        var arguments = new List<string>();
        foreach (var m in members)
        {
            var t = ClassComponents.TypeOf(m)!;
            if (RealStructs.IsDiscrete(t))
            {
                arguments.Add(adjoint + "." + ReadName(m, at));
                continue;
            }
            if (t.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
            {
                arguments.Add(StructPacks.Marker(IndexOf(realPaths, m.Name)));
                continue;
            }
            int first = IndexOf(realPaths, m.Name + "." + RealStructs.Components(t)![0].Path);
            arguments.Add(StructConstructors.Build(t, k => StructPacks.Marker(first + k)));
        }
        return StructPacks.FromText("new " + type.ToDisplayString(SymbolNames.TypeFormat) + "(" + string.Join(", ", arguments) + ")", readPaths);
    }

    private static int IndexOf(IReadOnlyList<string> paths, string path)
    {
        for (int k = 0; k < paths.Count; k++) if (paths[k] == path) return k;
        return 0;
    }
}
