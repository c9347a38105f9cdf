using System.Collections.Generic;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Where a struct local or parameter carried as its components (see <see cref="LoweringContext.Component"/>) is
/// read or written: <c>v</c>, <c>v.X</c>, <c>v.Start.X</c>.
/// </summary>
internal static class StructPaths
{
    /// <summary>
    /// A chain of real-struct members from a local or parameter: the variable and the path (empty for the variable
    /// itself). False for anything else (a member of a computed value, a property with its own code).
    /// </summary>
    public static bool TryGet(IOperation op, out ISymbol variable, out string path) => TryGet(op, null, out variable, out path);

    /// <summary>
    /// As <see cref="TryGet(IOperation, out ISymbol, out string)"/>, and <c>this</c> (or its members) inside an inlined struct
    /// method that writes its receiver is the caller's variable it was called on (<see cref="LoweringContext.LiveReceiverOf"/>).
    /// </summary>
    public static bool TryGet(IOperation op, LoweringContext? context, out ISymbol variable, out string path)
    {
        variable = null!;
        path = "";
        switch (op)
        {
            case IInstanceReferenceOperation when context?.LiveReceiverOf(op.Type) is { } live:
                variable = live.Variable;
                path = live.Prefix;
                return true;
            case ILocalReferenceOperation local when RealStructs.IsRealStruct(local.Type) || NullableReals.Is(local.Type):
                variable = local.Local;
                return true;
            // A parameter of a class carried as components (ValueClasses) is a constant object: only locals are carried.
            // A [WithRespectTo] class parameter is the exception: its members are inputs (ClassParameters).
            case IParameterReferenceOperation parameter when RealStructs.IsRealStruct(parameter.Type) && (parameter.Type!.IsValueType || ClassParameters.IsClassInput(parameter.Parameter)):
                variable = parameter.Parameter;
                return true;
            case IFieldReferenceOperation { Instance: { } instance } field when RealStructs.IsComponentMember(field.Field) && RealStructs.IsRealStruct(instance.Type):
                return Extend(instance, context, RealStructs.MemberName(field.Field), out variable, out path);
            case IPropertyReferenceOperation { Instance: { } instance } property when RealStructs.IsComponentMember(property.Property) && RealStructs.IsRealStruct(instance.Type):
                return Extend(instance, context, property.Property.Name, out variable, out path);
            default:
                return false;
        }
    }

    private static bool Extend(IOperation instance, LoweringContext? context, string member, out ISymbol variable, out string path)
    {
        if (!TryGet(instance, context, out variable, out path)) return false;
        path = path.Length == 0 ? member : path + "." + member;
        return true;
    }

    /// <summary>The components of <paramref name="all"/> under <paramref name="path"/>: the one named so, or those of a nested struct.</summary>
    public static List<int> Under(IReadOnlyList<StructComponent> all, string path)
    {
        var indices = new List<int>();
        for (int i = 0; i < all.Count; i++)
        {
            if (path.Length == 0 || all[i].Path == path || all[i].Path.StartsWith(path + ".", System.StringComparison.Ordinal)) indices.Add(i);
        }
        return indices;
    }
}
