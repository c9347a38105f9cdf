using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Stores into an element of an array of structs of reals (<c>p[i].X += v * dt;</c>, <c>p[i] = new V2(…);</c>,
/// <c>p[i].Velocity = …;</c>): each is a store into the component arrays under the member written (one array per
/// component, <see cref="StructArrayParameters"/>), as a store into a <c>double[]</c> is. Only a statement is a store
/// (an assignment inside an expression stays reported); a Complex array is not written (its parts are read-only).
/// </summary>
internal static class StructArrayStores
{
    /// <summary>
    /// The element a store writes and the member path under it ("" for the whole element): <c>p[i].Position.X</c> is
    /// (<c>p</c>, <c>i</c>, "Position.X"). False for any other target.
    /// </summary>
    public static bool TryGet(IOperation target, out IOperation array, out IOperation index, out string path)
    {
        array = index = null!;
        path = "";
        var op = target;
        while (true)
        {
            switch (op)
            {
                case IFieldReferenceOperation { Instance: { } instance } field when RealStructs.IsComponentMember(field.Field) && (RealStructs.IsBoundaryStruct(instance.Type) || RealStructs.IsRealTuple(instance.Type)):
                    path = Join(RealStructs.MemberName(field.Field), path);
                    op = instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance, Property.IsIndexer: false } property when RealStructs.IsComponentMember(property.Property) && RealStructs.IsBoundaryStruct(instance.Type):
                    path = Join(property.Property.Name, path);
                    op = instance;
                    continue;
                case IArrayElementReferenceOperation { Indices.Length: 1 } element when IsArray(element.ArrayReference):
                    array = element.ArrayReference;
                    index = element.Indices[0];
                    return true;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } span } indexer
                    when IsArray(span) && indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32:
                    array = span;
                    index = indexer.Arguments[0].Value;
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>The statement (an assignment, a compound assignment, or ++/-- of a real member) whose target is <paramref name="element"/> or a member of it, or null.</summary>
    public static IOperation? StoreOf(IOperation element)
    {
        // Climb the member chain from the element to the target.
        var op = element;
        while (op.Parent is IFieldReferenceOperation or IPropertyReferenceOperation { Property.IsIndexer: false } && ((IMemberReferenceOperation)op.Parent).Instance == op) op = op.Parent;
        var store = op.Parent switch
        {
            ISimpleAssignmentOperation { IsRef: false } simple when simple.Target == op => simple,
            ICompoundAssignmentOperation compound when compound.Target == op => compound,
            IIncrementOrDecrementOperation increment when increment.Target == op && !RealStructs.IsRealStruct(op.Type) => (IOperation)increment,
            _ => null,
        };
        return store?.Parent is IExpressionStatementOperation && TryGet(op, out _, out _, out _) ? store : null;
    }

    /// <summary>True when <paramref name="body"/> stores into an element of <paramref name="array"/> (<see cref="StoreOf"/>).</summary>
    public static bool IsWritten(IOperation body, ISymbol array) =>
        body.Descendants().Any(op => op is IAssignmentOperation or IIncrementOrDecrementOperation && op.Parent is IExpressionStatementOperation
            && TryGet(op is IAssignmentOperation a ? a.Target : ((IIncrementOrDecrementOperation)op).Target, out var written, out _, out _)
            && SymbolEqualityComparer.Default.Equals(Root(written), array));

    /// <summary>The local or parameter an array operation names, or null.</summary>
    public static ISymbol? Root(IOperation? array) => (array is IConversionOperation { IsImplicit: true } c ? c.Operand : array) switch
    {
        IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } => p,
        ILocalReferenceOperation { Local: { IsRef: false } l } => l,
        _ => null,
    };

    private static bool IsArray(IOperation op) =>
        Root(op) is { } symbol && LoweringContext.TypeOfVariable(symbol) is { } type && ValueKinds.CarriedArrayElement(type) is { } element && !RealStructs.IsComplex(element);

    private static string Join(string member, string path) => path.Length == 0 ? member : member + "." + path;
}
