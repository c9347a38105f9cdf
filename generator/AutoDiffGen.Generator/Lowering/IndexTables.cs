using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A local array of discrete values the method writes (<c>var counts = new int[k]; counts[c]++;</c>, a permutation
/// <c>perm[i] = n - 1 - i</c>, LU's pivot swap <c>(perm[i], perm[p]) = (perm[p], perm[i])</c>, <c>used[j] = true</c>): it
/// carries no gradient, but its stores are versions of one array node with no adjoint (as a local array of structs'
/// discrete members are, <see cref="StructArrayLocals"/>), so every read names the version it reads and the reverse
/// sweep sees the value the forward sweep read. A listed table that is never written stays a constant
/// (ConstantRenderer.Arrays). Only element reads and stores, <c>Length</c> and a <c>foreach</c> are carried: any other use
/// (a second name, a call given the array, a ref to an element) could change it behind the graph's back and is reported.
/// </summary>
internal static class IndexTables
{
    /// <summary>A one-dimensional local array of a discrete element type (int, long, bool, an enum …), not a ref local.</summary>
    public static bool IsTable(ISymbol symbol) =>
        symbol is ILocalSymbol { IsRef: false, Type: IArrayTypeSymbol { Rank: 1, ElementType: var element } } && PiecewiseConstant.IsDiscrete(element);

    /// <summary>
    /// True when the table is carried as a versioned array: made as <c>new T[n]</c>, or listed and written somewhere in
    /// the method (<paramref name="root"/>).
    /// </summary>
    public static bool IsCarried(ILocalSymbol table, IOperation value, IOperation root) =>
        Unwrap(value) is IArrayCreationOperation { DimensionSizes.Length: 1, Initializer: null } || ArrayCreation.TryRead(value, out _, out _) && IsWritten(table, root);

    /// <summary>An element of <paramref name="table"/> is the target of a store, an update or a deconstruction, or passed by ref or out.</summary>
    public static bool IsWritten(ILocalSymbol table, IOperation root) =>
        root.Descendants().OfType<IArrayElementReferenceOperation>().Any(e => Names(e.ArrayReference, table) && IsWrite(e));

    /// <summary>True when <paramref name="element"/> is written where it stands.</summary>
    private static bool IsWrite(IOperation element)
    {
        var op = element;
        // A deconstruction's target sits in a tuple (of tuples) on its left.
        while (op.Parent is ITupleOperation tuple && tuple.Parent is not null) op = tuple;
        return op.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == op,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } => true,
            _ => false,
        };
    }

    /// <summary>
    /// Reports each use of a carried table other than an element read or store as written, its <c>Length</c> or the
    /// collection of a <c>foreach</c>; true when there was none.
    /// </summary>
    public static bool CheckUses(ILocalSymbol table, IOperation root, LoweringContext context)
    {
        bool clean = true;
        foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>().Where(r => SymbolEqualityComparer.Default.Equals(r.Local, table)))
        {
            if (reference.Parent is IVariableDeclaratorOperation || reference.IsImplicit && reference.Parent is IForEachLoopOperation) continue;
            if (Why(reference) is not { } why) continue;
            clean = false;
            // A ref to an element is reported at the element, anything else at the name.
            context.ReportUnsupportedExpression(why.At ? reference.Parent! : reference, why.What, why.Hint);
        }
        return clean;
    }

    /// <summary>What is wrong with this use of a table the method writes, and what to write instead; null when it is carried.</summary>
    private static (string What, string Hint, bool At)? Why(ILocalReferenceOperation reference)
    {
        string name = reference.Local.Name;
        string type = reference.Local.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        var parent = reference.Parent;
        switch (parent)
        {
            case IArrayElementReferenceOperation element when element.ArrayReference == reference:
                if (element.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out })
                    return ("An element of the local " + type + " '" + name + "', which this method writes, passed by ref or out ('" + Describe.Snippet(element.Parent.Syntax) + "')",
                        "pass the value, keep what the call gives back in an int local and store it: var v = " + Describe.Snippet(element.Syntax) + "; F(ref v); " + Describe.Snippet(element.Syntax) + " = v;", true);
                if (element.Parent is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } or ISimpleAssignmentOperation { IsRef: true })
                    return ("A ref to an element of the local " + type + " '" + name + "', which this method writes ('" + Describe.Snippet(element.Parent.Syntax) + "')",
                        "read and store the element itself: " + Describe.Snippet(element.Syntax), true);
                return null;
            case IPropertyReferenceOperation { Property.Name: "Length", Property.IsIndexer: false }:
                return null;
            case IForEachLoopOperation loop when loop.Collection == reference:
            case IConversionOperation { IsImplicit: true, Parent: IForEachLoopOperation } conversion when ((IForEachLoopOperation)conversion.Parent!).Collection == conversion:
                return null;
            case IArgumentOperation { Parent: IInvocationOperation call }:
                return ("The local " + type + " '" + name + "', which this method writes, passed to '" + call.TargetMethod.Name + "' ('" + Describe.Snippet(call.Syntax) + "'), which could change it where the generated code does not follow",
                    "read the values by index in this method (" + name + "[i] in a for loop) and store what is computed with " + name + "[i] = …, or keep the table in the caller and pass it as a parameter the method only reads", false);
            default:
                return ("The local " + type + " '" + name + "', which this method writes, used other than as " + name + "[i] (read, or stored into as a statement), " + name + ".Length or in a foreach",
                    "a second name or a reference kept elsewhere would see its stores where the generated code does not follow them: index " + name + " itself, or fill a new table element by element in a for loop", false);
        }
    }

    /// <summary><paramref name="array"/> names <paramref name="table"/>.</summary>
    public static bool Names(IOperation array, ILocalSymbol table) =>
        (array is IConversionOperation { IsImplicit: true } c ? c.Operand : array) is ILocalReferenceOperation { Local: var l } && SymbolEqualityComparer.Default.Equals(l, table);

    private static IOperation Unwrap(IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        return value;
    }
}
