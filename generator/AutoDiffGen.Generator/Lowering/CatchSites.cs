using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What in a statement of a <c>try</c> with a <c>catch</c> may throw, and the test that says it will, written before the
/// statement: a checked conversion of a real to int or long (OverflowException), an int or long division or remainder
/// (DivideByZeroException, OverflowException for MinValue / -1), an array element (NullReferenceException,
/// IndexOutOfRangeException). Everything else a statement there may hold is known not to throw (locals, literals, real
/// arithmetic, Math functions that never throw) or is refused: the generator must know exactly when the catch runs.
/// </summary>
internal static class CatchSites
{
    /// <summary>
    /// One way a site throws: the test (over the operands rendered later; a null test reads the array as object, so that
    /// the compiler's null-state of the array itself stays as it was) and the exception's type and bases.
    /// </summary>
    internal sealed record Throw(IOperation Site, IOperation[] Operands, System.Func<string[], string> Test, string[] Types)
    {
        /// <summary>A List&lt;T&gt;'s index test: its first operand is the list, rendered as its Count (idioms7).</summary>
        public bool OfListCount { get; init; }

        /// <summary>A null test of its one operand (a list the method follows is never null past its entry: no test).</summary>
        public bool OfNull { get; init; }
    }

    private static readonly string[] Overflow = { "System.OverflowException", "System.ArithmeticException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] DivideByZero = { "System.DivideByZeroException", "System.ArithmeticException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] IndexOutOfRange = { "System.IndexOutOfRangeException", "System.SystemException", "System.Exception", "object" };
    private static readonly string[] NullReference = { "System.NullReferenceException", "System.SystemException", "System.Exception", "object" };

    /// <summary>Math functions of reals that return NaN or an infinity rather than throw (Math.Sign(NaN) and Math.Round(x, digits) throw).</summary>
    private static readonly HashSet<string> NeverThrow = new()
    {
        "Sin", "Cos", "Tan", "Asin", "Acos", "Atan", "Atan2", "Sinh", "Cosh", "Tanh", "Exp", "Log", "Log10", "Log2", "Sqrt", "Cbrt",
        "Pow", "Abs", "Max", "Min", "Floor", "Ceiling", "Truncate", "Hypot",
    };

    /// <summary>Whether a catch clause of <paramref name="clause"/>'s type catches an exception of <paramref name="types"/> (its type, then its bases).</summary>
    public static bool Catches(ITypeSymbol? clause, string[] types) =>
        clause is null || types.Contains(clause.ToDisplayString());

    /// <summary>The type and bases of an exception type, for <see cref="Catches"/>.</summary>
    public static string[] Chain(ITypeSymbol type)
    {
        var list = new List<string>();
        for (var t = type; t is not null; t = t.BaseType) list.Add(t.SpecialType == SpecialType.System_Object ? "object" : t.ToDisplayString());
        return list.ToArray();
    }

    /// <summary>
    /// The ways <paramref name="statement"/> may throw, operands before operations (the order C# evaluates them in), or
    /// null with the operation that cannot stand in a try with a catch: a call the generator cannot see through, a
    /// checked integer operation, an assignment or increment inside an expression (half done where a later part throws),
    /// a site under ?:, &amp;&amp;, || or ?? (evaluated only sometimes).
    /// </summary>
    public static List<Throw>? Find(IOperation statement, out IOperation? refused)
    {
        var found = new List<Throw>();
        refused = null;
        return Visit(statement, top: true, conditional: false, found, ref refused) ? found : null;
    }

    private static bool Visit(IOperation op, bool top, bool conditional, List<Throw> found, ref IOperation? refused)
    {
        bool effect = op is IAssignmentOperation or IIncrementOrDecrementOperation;
        bool allowed = op switch
        {
            ILiteralOperation or ILocalReferenceOperation or IParameterReferenceOperation or IParenthesizedOperation or IUnaryOperation
                or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation or IVariableInitializerOperation
                or IExpressionStatementOperation or IReturnOperation or IArgumentOperation or IConversionOperation or IArrayElementReferenceOperation
                or IBinaryOperation or IConditionalOperation or ICoalesceOperation => true,
            IFieldReferenceOperation { Field.IsConst: true } => true,
            IInvocationOperation call => MathFunctions.IsMathLike(call.TargetMethod) && NeverThrow.Contains(call.TargetMethod.Name)
                && call.TargetMethod.Parameters.All(p => p.Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
                || KnownCall(call),
            // A member of a struct or tuple, or of an object tested for null below (idioms7).
            IInstanceReferenceOperation => true,
            IFieldReferenceOperation { Field.IsStatic: false } => true,
            IPropertyReferenceOperation property => KnownProperty(property),
            _ => effect && top,
        };
        if (!allowed)
        {
            refused = op;
            return false;
        }
        // An assignment is the statement's own last step; what it assigns into is evaluated with its operands.
        bool childTop = op is IExpressionStatementOperation or IVariableDeclarationGroupOperation or IVariableDeclarationOperation or IVariableDeclaratorOperation;
        bool childConditional = conditional || op is IConditionalOperation or ICoalesceOperation
            || op is IBinaryOperation { OperatorKind: BinaryOperatorKind.ConditionalAnd or BinaryOperatorKind.ConditionalOr };
        int before = found.Count;
        if (op is ISimpleAssignmentOperation { Target: IArrayElementReferenceOperation element } store)
        {
            // a[i] = v: the array and the index, then v, then the store checks a and i.
            foreach (var child in element.ChildOperations)
            {
                if (!Visit(child, false, childConditional, found, ref refused)) return false;
            }
            if (!Visit(store.Value, false, childConditional, found, ref refused) || !Site(element, found, ref refused)) return false;
        }
        else
        {
            foreach (var child in op.ChildOperations)
            {
                if (!Visit(child, childTop, childConditional, found, ref refused)) return false;
            }
        }
        if (!Site(op, found, ref refused)) return false;
        if (conditional && found.Count > before)
        {
            // A part evaluated only on some paths: its test would run where C# does not evaluate it.
            refused = found[before].Site;
            return false;
        }
        return true;
    }

    /// <summary>
    /// A call of a method the generator read and found never to throw (<see cref="CatchCallees"/>), passed nothing by ref
    /// or out (what it wrote would stay written where a later part of the statement throws).
    /// A method of a class object other than <c>this</c> stays refused (idioms7 left it out: the natural pin
    /// ClassMix.LineTryCatch, whose gradient by the cast-cuts-the-gradient rule differs from central differences over
    /// its 1e-9 staircase, stays pinned for the lead to decide).
    /// </summary>
    private static bool KnownCall(IInvocationOperation call) =>
        call.SemanticModel is { } model && (call.Instance is null or IInstanceReferenceOperation || call.Instance.Type?.IsValueType == true) && call.Arguments.All(a => a.Parameter?.RefKind is null or RefKind.None or RefKind.In)
            && call.TargetMethod.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction && CatchCallees.NeverThrows(call.TargetMethod, model.Compilation);

    /// <summary>
    /// A property read: an auto-property, a getter that never throws, an array's Length, a List&lt;T&gt;'s Count or element
    /// (tested in <see cref="Site"/>); a store only into an auto-property.
    /// </summary>
    private static bool KnownProperty(IPropertyReferenceOperation reference)
    {
        var property = reference.Property;
        if (property.IsStatic) return false;
        if (IsList(property.ContainingType) && (property.Name == "Count" || property.IsIndexer && reference.Arguments.Length == 1 && reference.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32)) return true;
        if (property.IsIndexer) return false;
        if (reference.Instance?.Type is IArrayTypeSymbol && property.Name is "Length" or "LongLength") return true;
        if (CatchCallees.IsAutoProperty(property)) return true;
        bool written = reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;
        return !written && property.GetMethod is { } getter && reference.SemanticModel is { } model && CatchCallees.NeverThrows(getter, model.Compilation);
    }

    private static bool IsList(ITypeSymbol type) =>
        type.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.List<T>";

    /// <summary>An instance that may be null: a member of it or a call on it throws NullReferenceException then.</summary>
    private static bool MayBeNull(IOperation? instance) =>
        instance?.Type is { IsValueType: false } && !CatchCallees.NonNull(instance);

    private static Throw NullTest(IOperation site, IOperation instance) =>
        new(site, new[] { instance }, v => "(" + v[0] + " as object) == null", NullReference) { OfNull = true };

    private static bool IsInteger(ITypeSymbol? type) =>
        type?.SpecialType is SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_UInt32 or SpecialType.System_UInt64
            or SpecialType.System_Byte or SpecialType.System_Int16;

    /// <summary>
    /// An integer operation, written as a binary operator or a compound assignment: a division or remainder of int or long
    /// throws DivideByZeroException at 0 and OverflowException at MinValue / -1 (refused for the other integer types); a
    /// checked +, -, * is refused; the rest never throws.
    /// </summary>
    private static bool Integer(IOperation op, BinaryOperatorKind kind, bool isChecked, ITypeSymbol? type, IOperation left, IOperation right, List<Throw> found, ref IOperation? refused)
    {
        if (kind is BinaryOperatorKind.Divide or BinaryOperatorKind.Remainder)
        {
            // n /= k with k of another type divides in that type (int.MinValue / -1L does not overflow): refused.
            if (type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64) || !SymbolEqualityComparer.Default.Equals(right.Type, type))
            {
                refused = op;
                return false;
            }
            string min = type.SpecialType == SpecialType.System_Int32 ? "global::System.Int32.MinValue" : "global::System.Int64.MinValue";
            found.Add(new Throw(op, new[] { right }, v => v[0] + " == 0", DivideByZero));
            found.Add(new Throw(op, new[] { left, right }, v => "(" + v[1] + " == -1 && " + v[0] + " == " + min + ")", Overflow));
            return true;
        }
        if (isChecked && kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply)
        {
            // checked +, -, * of an int or a long (idioms7): the exact result leaves the type's range. An int's is computed
            // in long; a long's by the signs of the wrapped sum or difference, or by dividing the wrapped product back.
            if (type?.SpecialType is not (SpecialType.System_Int32 or SpecialType.System_Int64) || !SymbolEqualityComparer.Default.Equals(left.Type, type) || !SymbolEqualityComparer.Default.Equals(right.Type, type))
            {
                refused = op;
                return false;
            }
            string sign = kind == BinaryOperatorKind.Add ? " + " : kind == BinaryOperatorKind.Subtract ? " - " : " * ";
            System.Func<string[], string> test = type.SpecialType == SpecialType.System_Int32
                ? v => "((long)" + v[0] + sign + "(long)" + v[1] + " < -2147483648L || (long)" + v[0] + sign + "(long)" + v[1] + " > 2147483647L)"
                : kind == BinaryOperatorKind.Add ? v => "((" + v[0] + " ^ unchecked(" + v[0] + " + " + v[1] + ")) & (" + v[1] + " ^ unchecked(" + v[0] + " + " + v[1] + "))) < 0L"
                : kind == BinaryOperatorKind.Subtract ? v => "((" + v[0] + " ^ " + v[1] + ") & (" + v[0] + " ^ unchecked(" + v[0] + " - " + v[1] + "))) < 0L"
                : v => "((" + v[0] + " == -1L && " + v[1] + " == global::System.Int64.MinValue) || (" + v[1] + " == -1L && " + v[0] + " == global::System.Int64.MinValue) || ("
                    + v[0] + " != 0L && " + v[0] + " != -1L && unchecked(" + v[0] + " * " + v[1] + ") / " + v[0] + " != " + v[1] + "))";
            found.Add(new Throw(op, new[] { left, right }, test, Overflow));
        }
        return true;
    }

    private static bool Site(IOperation op, List<Throw> found, ref IOperation? refused)
    {
        // A constant is folded by the compiler (a constant that overflows in a checked context does not compile).
        if (op.ConstantValue.HasValue) return true;
        switch (op)
        {
            // A user's operator or conversion runs code of its own (it may throw anything), and decimal arithmetic throws on
            // overflow and division by zero in any context: the generator cannot place their tests.
            case IBinaryOperation { OperatorMethod: not null } or IUnaryOperation { OperatorMethod: not null } or ICompoundAssignmentOperation { OperatorMethod: not null }
                or IIncrementOrDecrementOperation { OperatorMethod: not null } or IConversionOperation { OperatorMethod: not null }:
            case IBinaryOperation or IUnaryOperation or ICompoundAssignmentOperation or IIncrementOrDecrementOperation or IConversionOperation
                when op.Type?.SpecialType == SpecialType.System_Decimal || op.ChildOperations.Any(c => c.Type?.SpecialType == SpecialType.System_Decimal):
                refused = op;
                return false;
            case IConversionOperation conversion when conversion.IsChecked && !conversion.Conversion.IsImplicit:
                {
                    var from = conversion.Operand.Type?.SpecialType;
                    var to = conversion.Type?.SpecialType;
                    bool real = from is SpecialType.System_Double or SpecialType.System_Single;
                    if (real && to == SpecialType.System_Int32)
                    {
                        found.Add(new Throw(op, new[] { conversion.Operand }, v => "!(" + v[0] + " > -2147483649.0 && " + v[0] + " < 2147483648.0)", Overflow));
                        return true;
                    }
                    if (real && to == SpecialType.System_Int64)
                    {
                        found.Add(new Throw(op, new[] { conversion.Operand }, v => "!(" + v[0] + " >= -9223372036854775808.0 && " + v[0] + " < 9223372036854775808.0)", Overflow));
                        return true;
                    }
                    refused = op;
                    return false;
                }
            case IBinaryOperation binary when IsInteger(binary.Type):
                return Integer(op, binary.OperatorKind, binary.IsChecked, binary.Type, binary.LeftOperand, binary.RightOperand, found, ref refused);
            // n /= k, n %= k, checked n *= k: the statement's own operation throws as the binary one does (these were taken
            // for never throwing, so the catch was dropped and the Backward threw where the method caught).
            case ICompoundAssignmentOperation compound when IsInteger(compound.Type):
                return Integer(op, compound.OperatorKind, compound.IsChecked, compound.Type, compound.Target, compound.Value, found, ref refused);
            // checked k++ overflows at MaxValue: refused as a checked k + 1 is.
            case IIncrementOrDecrementOperation { IsChecked: true } increment when IsInteger(increment.Type):
                refused = op;
                return false;
            case IFieldReferenceOperation { Instance: { } instance } when MayBeNull(instance):
                found.Add(NullTest(op, instance));
                return true;
            case IInvocationOperation { Instance: { } instance } when MayBeNull(instance):
                found.Add(NullTest(op, instance));
                return true;
            case IPropertyReferenceOperation { Instance: { } instance } property:
                if (MayBeNull(instance)) found.Add(NullTest(op, instance));
                if (property.Property.IsIndexer)
                {
                    // List<T>'s element: ArgumentOutOfRangeException past Count.
                    found.Add(new Throw(op, new[] { instance, property.Arguments[0].Value }, v => "(uint)" + v[1] + " >= (uint)" + v[0], CatchCallees.ArgumentOutOfRange) { OfListCount = true });
                }
                return true;
            case IArrayElementReferenceOperation element:
                {
                    if (element.Indices.Length != 1 || element.Indices[0].Type?.SpecialType != SpecialType.System_Int32)
                    {
                        refused = op;
                        return false;
                    }
                    found.Add(new Throw(op, new[] { element.ArrayReference }, v => "(" + v[0] + " as object) == null", NullReference));
                    found.Add(new Throw(op, new[] { element.ArrayReference, element.Indices[0] }, v => "(uint)" + v[1] + " >= (uint)" + v[0] + ".Length", IndexOutOfRange));
                    return true;
                }
            case IUnaryOperation { IsChecked: true, OperatorKind: UnaryOperatorKind.Minus } unary when unary.Type?.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single):
                refused = op;
                return false;
            default:
                return true;
        }
    }
}
