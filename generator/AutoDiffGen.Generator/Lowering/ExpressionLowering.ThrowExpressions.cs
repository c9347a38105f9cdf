using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ExpressionLowering: a throw expression beside a value (<c>x &gt;= 0 ? Math.Sqrt(x) : throw …</c>,
/// <c>c ? throw … : a</c>, <c>w ?? throw …</c>) is a branch whose throwing side stays in the forward sweep as a
/// <c>throw</c> statement does (<see cref="ThrowEffects"/>); the expression is the other side's value, with no phi,
/// as a throwing switch arm (SwitchLowering.Throws). It is lowered in place, in C# order
/// (<see cref="EmbeddedEffects.IsEmbedded"/>), whether or not its value varies: as constant text a throw whose value
/// is unused would be dropped, and Backward must throw exactly when the method does.
/// And <c>w ?? v</c> over a nullable real <c>w</c> (a constant) with a differentiated <c>v</c>: a branch with a phi.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lowers a throw expression beside a value (<see cref="ThrowEffects.IsBeside"/>); -1 after reporting.</summary>
    public int LowerBesideThrow(IOperation op)
    {
        var renderer = new ConstantRenderer(_context);
        IOperation value;
        IThrowOperation thrown;
        bool throwsWhenTrue;
        string? test;
        if (op is ICoalesceOperation coalesce)
        {
            thrown = ThrowEffects.Of(coalesce.WhenNull)!;
            value = coalesce.Value;
            throwsWhenTrue = true;
            test = NullTest(coalesce.Value, renderer);
        }
        else
        {
            var conditional = (IConditionalOperation)op;
            throwsWhenTrue = ThrowEffects.Of(conditional.WhenTrue) is not null;
            thrown = ThrowEffects.Of(throwsWhenTrue ? conditional.WhenTrue : conditional.WhenFalse)!;
            value = throwsWhenTrue ? conditional.WhenFalse! : conditional.WhenTrue;
            test = renderer.Render(conditional.Condition);
        }
        if (test is null) return -1;
        if (!Lowerable(value, op)) return -1;
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);

        _context.OpenBlock();
        bool threw = !throwsWhenTrue || ThrowEffects.Add(_context, thrown);
        int whenTrue = throwsWhenTrue ? -1 : Lower(value, null);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        threw &= throwsWhenTrue || ThrowEffects.Add(_context, thrown);
        int whenFalse = throwsWhenTrue ? (op is ICoalesceOperation c ? CoalescedValue(c) : Lower(value, null)) : -1;
        var otherwise = _context.CloseBlock();
        int result = throwsWhenTrue ? whenFalse : whenTrue;
        if (!threw || result < 0) return -1;
        _context.AddItem(new IfItem(condition, then, otherwise, EquatableArray<int>.Empty, Describe.Source(op.Syntax, 30)));
        return result;
    }

    /// <summary>
    /// <c>w ?? v</c> where <c>v</c> varies: <c>w</c> is a nullable real, which never carries a gradient (a <c>double?</c>
    /// parameter is <c>[NoDiff]</c>; converting a differentiated value to one is reported), so the branch where it holds
    /// a value gives a constant. Anything else is reported.
    /// </summary>
    private int LowerCoalesce(ICoalesceOperation coalesce, string? userName)
    {
        var type = TypeOf(coalesce);
        if (type is not (ScalarType.Double or ScalarType.Float) || !IsNullableReal(coalesce.Value.Type) || IsVaried(coalesce.Value))
        {
            _context.ReportUnsupportedExpression(coalesce, "A '??' whose value carries a gradient (other than a nullable double/float that falls back on a differentiated value)",
                "test for null with an if and assign the value in each branch");
            return Placeholder(coalesce);
        }
        var renderer = new ConstantRenderer(_context);
        string? test = NullTest(coalesce.Value, renderer);
        if (test is null) return Placeholder(coalesce);
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
        _context.OpenBlock();
        int whenNull = Lower(coalesce.WhenNull, null);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        int held = CoalescedValue(coalesce);
        var otherwise = _context.CloseBlock();
        if (whenNull < 0 || held < 0) return Placeholder(coalesce);
        bool varied = _context.Nodes[whenNull].Varied || _context.Nodes[held].Varied;
        int phi = _context.AddPhi(type, _context.Nodes[whenNull].TypeName, userName ?? _context.Names.Fresh("choice"), varied, whenNull, held);
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(new[] { phi }), Describe.Source(coalesce.Syntax, 30)));
        return phi;
    }

    /// <summary>The value side of a throw expression: a real (lowered as any), or a constant of any type; else reported.</summary>
    private bool Lowerable(IOperation value, IOperation at)
    {
        if (!IsVaried(value) || TypeOf(value) is ScalarType.Double or ScalarType.Float) return true;
        _context.ReportUnsupportedExpression(at, "A throw expression beside a " + (value.Type?.ToDisplayString() ?? "value") + " that carries a gradient",
            "test with if (…) throw …; in a statement of its own, then use the value itself");
        return false;
    }

    /// <summary>The test that <paramref name="value"/> is null, reading it once; null after reporting.</summary>
    private static string? NullTest(IOperation value, ConstantRenderer renderer)
    {
        string? text = renderer.Render(value);
        if (text is null) return null;
        text = ConstantRenderer.Atom(value, text);
        // A nullable value type has HasValue; a reference is compared as object, so no user-defined == runs. The test is kept
        // in a bool, which flow analysis cannot follow: the value is then read with GetValueOrDefault(), not .Value.
        return IsNullableValue(value.Type) ? "!" + text + ".HasValue" : "(" + text + " as object) == null";
    }

    /// <summary>The value of <c>w ?? …</c> where <c>w</c> is not null: <c>w</c> itself, or the value a nullable holds.</summary>
    private int CoalescedValue(ICoalesceOperation coalesce)
    {
        if (!IsNullableValue(coalesce.Value.Type) || IsNullableValue(coalesce.Type)) return Lower(coalesce.Value, null);
        if (NullableReals.Is(coalesce.Value.Type) && IsVaried(coalesce.Value))
        {
            // A double? local that carries a gradient: its Value component (the null side is the other branch).
            var parts = LowerStruct(coalesce.Value);
            return parts is null ? -1 : ConvertTo(parts[1], TypeOf(coalesce), coalesce);
        }
        string? text = _renderer.Render(coalesce.Value);
        if (text is null) return -1;
        return _context.AddConstant(ConstantRenderer.Atom(coalesce.Value, text) + ".GetValueOrDefault()", TypeOf(coalesce), coalesce.Type!.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, _renderer.Dependencies);
    }

    private static bool IsNullableValue(ITypeSymbol? type) => type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T };

    private static bool IsNullableReal(ITypeSymbol? type) =>
        type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable
        && nullable.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single;
}
