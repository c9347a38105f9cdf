using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Ref ternaries (issue 13, idioms13a): <c>ref double r = ref (c ? ref a : ref b);</c> and a write into one,
/// <c>(c ? ref a[i] : ref b[j]) = v;</c>, <c>+= v</c>, <c>++</c>. The condition becomes a bool node where the ref is bound
/// and each referent a key the context reads and writes (<see cref="LoweringContext.AliasChoice"/>): a double/float local
/// or by-value parameter, an element of a local array or array parameter, another ref local of those, or a nested ref
/// ternary of them. Anything else is refused at the referent, saying what to write.
/// </summary>
internal sealed partial class StatementLowering
{
    private const string RefChoiceHint = "each branch of a ref ternary may be a double/float local or parameter, an element of a local array or array parameter, or a ref local of one; otherwise write the branch out: 'if (c) a = v; else b = v;'";

    /// <summary><c>ref double r = ref (c ? ref a : ref b);</c>: from here on r is the referent the condition chose.</summary>
    private void LowerChoiceAlias(IVariableDeclaratorOperation declarator, IConditionalOperation chosen)
    {
        bool written = declarator.Symbol.RefKind != RefKind.RefReadOnly && WritesThrough(declarator.Symbol, declarator);
        if (ChoiceKey(chosen, written) is { } key) _context.Alias(declarator.Symbol, key);
        else Placeholder(declarator.Symbol);
    }

    /// <summary><c>(c ? ref a : ref b) = v;</c> (or <c>+=</c>, <c>++</c>) as a statement: true when it was one (lowered or reported).</summary>
    private bool TryLowerRefChoiceWrite(IOperation statement)
    {
        IOperation? target = statement switch
        {
            ISimpleAssignmentOperation { IsRef: false } a => a.Target,
            ICompoundAssignmentOperation a => a.Target,
            IIncrementOrDecrementOperation i => i.Target,
            _ => null,
        };
        if (target is not IConditionalOperation { IsRef: true } chosen) return false;
        if (ChoiceKey(chosen, written: true) is not { } key) return true;
        switch (statement)
        {
            case ISimpleAssignmentOperation assignment:
                int value = _expressions.Lower(assignment.Value, null);
                if (value >= 0) _context.Assign(key, value);
                break;
            case ICompoundAssignmentOperation compound:
                Update(key, compound.OperatorKind, compound.Value, compound);
                break;
            case IIncrementOrDecrementOperation increment:
                Update(key, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                break;
        }
        return true;
    }

    /// <summary>
    /// A key that reads and writes whichever referent <paramref name="chosen"/>'s condition picks, its condition evaluated
    /// here, once; null after a diagnostic.
    /// </summary>
    private object? ChoiceKey(IConditionalOperation chosen, bool written)
    {
        if (chosen.WhenFalse is null) return null;
        // The branch not taken is bound here too (its index evaluated): only what cannot throw or change anything may be.
        foreach (var branch in new[] { chosen.WhenTrue, chosen.WhenFalse })
        {
            if (branch.DescendantsAndSelf().Any(o => o is IAssignmentOperation or IIncrementOrDecrementOperation or IInvocationOperation)
                || branch is IConditionalOperation nested && ThrowingOperations.In(nested.Condition).Count > 0)
            {
                _context.ReportUnsupportedExpression(branch, "A ref ternary branch that computes with effects or may throw ('" + Describe.Snippet(branch.Syntax) + "')",
                    "compute the index or condition into a local first");
                return null;
            }
        }
        var type = ExpressionLowering.TypeOf(chosen.Type);
        if (type is not (ScalarType.Double or ScalarType.Float))
        {
            _context.ReportUnsupportedExpression(chosen, "A ref ternary of '" + chosen.Type?.Name + "' values", RefChoiceHint);
            return null;
        }
        int test = LowerCondition(chosen.Condition);
        var whenTrue = Referent(chosen.WhenTrue, written);
        if (whenTrue is null) return null;
        var whenFalse = Referent(chosen.WhenFalse, written);
        if (whenFalse is null) return null;
        var key = new LoweringContext.HiddenVariable(_context.Names.Fresh("chosen"));
        _context.AliasChoice(key, test, whenTrue, whenFalse, type, chosen);
        return key;
    }

    /// <summary>One branch of a ref ternary as a key the context reads and writes; null after a diagnostic.</summary>
    private object? Referent(IOperation branch, bool written)
    {
        if (branch is IConditionalOperation { IsRef: true } nested) return ChoiceKey(nested, written);
        if (Variable(branch) is { } variable)
        {
            // A ref local standing for a variable, an element or another choice (not read here: a read of a choice is a branch).
            if (variable is ILocalSymbol { IsRef: true } && (_context.IsElementAlias(variable) || _context.IsRefChoice(variable) || !ReferenceEquals(_context.Resolve(variable), variable))) return variable;
            // A scalar local or by-value parameter.
            if (variable is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None } && !IsArrayLocal(variable)
                && ExpressionLowering.TypeOf(LoweringContext.TypeOfVariable(variable)) is ScalarType.Double or ScalarType.Float && _context.Current(variable) >= 0) return variable;
        }
        if (ElementReferent(branch) is { } element)
        {
            switch (CheckElementAlias(element.Array, element.Index, written))
            {
                case ElementAliasRefusal.None:
                    var key = new LoweringContext.HiddenVariable(_context.Names.Fresh(element.Array.Name + "Element"));
                    AliasElement(key, element.Array, element.Index);
                    return key;
                case ElementAliasRefusal.VariedIndex:
                    return null;
                case ElementAliasRefusal.NoDiffWrite:
                    _context.ReportUnsupportedExpression(branch, "A ref ternary that writes into the [NoDiff] array '" + element.Array.Name + "'", "remove [NoDiff] from the parameter, or copy it into a local array");
                    return null;
            }
        }
        _context.ReportUnsupportedExpression(branch, "A ref ternary branch '" + Describe.Snippet(branch.Syntax) + "'", RefChoiceHint);
        return null;
    }

    /// <summary>
    /// The variables (a scalar, or an element's array) a ref ternary may write, read from its syntax: what a loop carries.
    /// A ref local among its branches stands for what it is bound to (an element's array, another choice's referents).
    /// </summary>
    private IEnumerable<object> ChoiceWrites(IOperation branch)
    {
        if (branch is IConditionalOperation { IsRef: true, WhenFalse: { } whenFalse } chosen) return ChoiceWrites(chosen.WhenTrue).Concat(ChoiceWrites(whenFalse));
        if (Variable(branch) is { } variable)
        {
            if (_context.ElementAliasArray(variable) is { } array) return new[] { array };
            if (_context.IsRefChoice(variable)) return _context.RefChoiceWrites(variable);
            return new[] { _context.Resolve(variable) };
        }
        return ElementReferent(branch) is { } element ? new object[] { element.Array } : System.Array.Empty<object>();
    }

    /// <summary>The ref ternary a ref local declared in <paramref name="loop"/> is bound to, or null.</summary>
    private static IConditionalOperation? RefChoiceIn(IOperation loop, ILocalSymbol local) =>
        loop.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local))
            .Select(d => (d.Initializer ?? (d.Parent as IVariableDeclarationOperation)?.Initializer)?.Value).OfType<IConditionalOperation>().FirstOrDefault(c => c.IsRef);
}
