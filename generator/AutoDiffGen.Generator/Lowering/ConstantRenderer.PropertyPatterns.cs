using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// ConstantRenderer: property patterns on a struct value (issue 13, idioms14b): <c>v is { X: &gt; 0, Y: var y }</c>,
/// <c>case { X: &lt; 0 }:</c>, <c>{ X: &gt; 1f, Y: not &lt; 0f } =&gt;</c> on a <c>Vector2</c>. Each member's test reads the member of
/// the primal value, so it is a comparison whose gradient is zero, as an <c>if</c> on <c>v.X &gt; 0</c> is. A variable the
/// pattern binds to a real member of a differentiated struct local or parameter (<c>Y: var y</c>) is that member's
/// component itself, gradient and all (a copy would be a constant of the generated code). A struct value is never null,
/// so there is no null test; positional patterns, a pattern that names the whole value and one on a class or a nullable
/// are refused at the pattern.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private string? PropertyPattern(string value, IOperation tested, IRecursivePatternOperation pattern)
    {
        if (tested.Type is not { IsValueType: true } type || type.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T
            || !SymbolEqualityComparer.Default.Equals(pattern.MatchedType, type))
        {
            RejectDeclared(pattern);
            return Unsupported(pattern, "A property pattern on a value that may be null or of another type (a " + (tested.Type?.ToDisplayString() ?? "value") + ")",
                "test the members with ==, < and > after a null or type test of your own");
        }
        if (TuplePositions(value, tested, pattern) is var positional && positional.Handled) return positional.Text;
        if (pattern.DeconstructionSubpatterns.Length > 0 || pattern.DeclaredSymbol is not null)
        {
            RejectDeclared(pattern);
            return Unsupported(pattern, "A positional pattern, or a property pattern that names the value",
                "test the members by name ({ X: > 0, Y: var y }) and use the value's own variable");
        }
        var parts = new List<string>();
        foreach (var sub in pattern.PropertySubpatterns)
        {
            var names = MemberNames(sub.Member);
            if (names is null)
            {
                RejectDeclared(pattern);
                return Unsupported(sub.Member, "A property pattern on a member that is not a field or property of the value",
                    "test fields and properties by name ({ X: > 0 })");
            }
            string member = Operand(value) + "." + string.Join(".", names);
            string? test = Declares(sub.Pattern) && _context.IsActive(tested)
                ? BoundMember(tested, names, sub)
                : PatternText(member, sub.Member, sub.Pattern);
            if (test is null) return null;
            if (test != "true") parts.Add(test);
        }
        return parts.Count switch
        {
            0 => "true",
            1 => parts[0],
            _ => "(" + string.Join(") && (", parts) + ")",
        };
    }

    /// <summary>
    /// <c>Y: var y</c> on a differentiated struct local or parameter: the test is true and <c>y</c> names the member's
    /// component node. Anything else that declares a variable of a differentiated value is refused, saying what to write.
    /// </summary>
    private string? BoundMember(IOperation tested, List<string> names, IPropertySubpatternOperation sub)
    {
        // Only on the tested variable itself: a nested pattern's input is a member, whose 'this' the struct paths could take
        // for another value's (an inlined struct method's receiver).
        if (tested is ILocalReferenceOperation or IParameterReferenceOperation
            && sub.Pattern is IDeclarationPatternOperation declaration && TypePatterns.MatchesEveryValue(declaration)
            && sub.Member.Type is { SpecialType: SpecialType.System_Double or SpecialType.System_Single }
            && StructPaths.TryGet(tested, _context, out var variable, out var path) && _context.IsCarriedStruct(variable)
            && RealStructs.Components(LoweringContext.TypeOfVariable(variable)) is { } all)
        {
            string full = (path.Length == 0 ? "" : path + ".") + string.Join(".", names);
            var under = StructPaths.Under(all, full);
            int node = under.Count == 1 ? _context.Current(_context.Component(variable, all[under[0]].Path)) : -1;
            if (node >= 0)
            {
                if (declaration.DeclaredSymbol is ILocalSymbol named) _context.Assign(named, node);
                Dependencies.Add(node);
                return "true";
            }
        }
        RejectDeclared(sub.Pattern);
        return Unsupported(sub.Pattern, "A variable bound inside a property pattern of a value that carries a gradient, other than 'var' on a real member of a struct variable",
            "bind the member with 'Y: var y' on a local or parameter, or test the pattern and read the member after it (var y = v.Y;)");
    }

    /// <summary>The member names from the pattern's input down to <paramref name="member"/> (<c>{ A.B: … }</c> is A, B); null for anything but fields and properties without arguments.</summary>
    private static List<string>? MemberNames(IOperation member)
    {
        var names = new List<string>();
        for (var at = member; ; )
        {
            switch (at)
            {
                case IFieldReferenceOperation { Instance: { } instance } field:
                    names.Insert(0, RealStructs.MemberName(field.Field));
                    at = instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance, Arguments.Length: 0 } property:
                    names.Insert(0, property.Property.Name);
                    at = instance;
                    continue;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.PatternInput }:
                    return names;
                default:
                    return null;
            }
        }
    }

    /// <summary>The value's text as the receiver of a member access: a name as it is, anything else in parentheses.</summary>
    private static string Operand(string value) =>
        value.All(c => char.IsLetterOrDigit(c) || c == '_' || c == '@') ? value : "(" + value + ")";
}
