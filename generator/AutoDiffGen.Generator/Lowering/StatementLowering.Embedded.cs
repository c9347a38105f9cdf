using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: assignments and ++/-- written inside expressions (<c>s += x[m++]</c>, <c>a = b = c</c>,
/// <c>if ((t = f(x)) &gt; 0)</c>). Each is an ordinary assignment, lowered where C# evaluates it; the
/// expression around it reads the version it produced (or, for x++, the one before).
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary><see cref="LoweringContext.LowerEmbedded"/>: the node holding the value, or -1 after a diagnostic.</summary>
    private int LowerEmbedded(IOperation op)
    {
        if (op is IInvocationOperation call)
        {
            return PlainTryHelpers.IsTryShaped(call.TargetMethod) ? InlinePlainTryHelper(call)
                : _expressions.HessianInlinedValueWriter(call) is { } writer ? InlineHessianValueWriter(call, writer)
                : InlineLocalFunction(call);
        }
        if (ThrowEffects.IsBeside(op))
        {
            if (EmbeddedEffects.Conditionally(op) is { } only)
            {
                _context.ReportUnsupportedExpression(op, "A throw expression evaluated only on some paths of an expression (inside '" + Describe.Snippet(only.Syntax) + "')",
                    "throw in a statement of its own, under an if: if (…) throw …;");
                return -1;
            }
            return _expressions.LowerBesideThrow(op);
        }
        if (EmbeddedEffects.Conditionally(op) is { } where)
        {
            _context.ReportUnsupportedExpression(op, "An assignment or ++/-- evaluated only on some paths of an expression (inside '" + Describe.Snippet(where.Syntax) + "')",
                "compute it in a statement of its own, under an if where it must run only sometimes");
            return -1;
        }
        if (EmbeddedEffects.Branches(op)) return LowerBranching(op);
        if (op is IAssignmentOperation { Target: var structTarget } && Derivatives.RealStructs.IsRealStruct(structTarget.Type))
        {
            // A struct is carried as its members, which an expression has no single node for.
            _context.ReportUnsupportedExpression(op, "An assignment to the struct '" + Describe.Snippet(structTarget.Syntax) + "' inside an expression",
                "write it as a statement of its own, before the expression that reads the value");
            return -1;
        }
        var written = op is IAssignmentOperation assigned ? assigned.Target : (op as IIncrementOrDecrementOperation)?.Target;
        if (written is ILocalReferenceOperation { Local: var alias } && _context.IsElementAlias(alias))
        {
            // As a store into an array element inside an expression (below): a statement of its own.
            _context.ReportUnsupportedExpression(op, "An assignment to an array element (through the ref local '" + alias.Name + "') inside an expression",
                "write it as a statement of its own, before the expression that reads the value");
            return -1;
        }
        int errors = _context.Diagnostics.Count;
        switch (op)
        {
            case IIncrementOrDecrementOperation increment when Variable(increment.Target) is { } target && !IsArrayLocal(target):
                {
                    int before = _context.Current(target);
                    Update(target, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                    if (_context.Diagnostics.Count != errors || _context.Current(target) == before) return -1;
                    return increment.IsPostfix ? before : _context.Current(target);
                }
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target && _context.SpanAliasOf(target) is not null:
                _context.ReportUnsupportedExpression(assignment, "An assignment to a span local inside an expression", "assign the span local in a statement of its own");
                return -1;
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target && !IsArrayLocal(target) && !assignment.IsRef:
                {
                    Define(target, assignment.Value);
                    return _context.Diagnostics.Count != errors ? -1 : _context.Current(target);
                }
            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target && !IsArrayLocal(target):
                {
                    int before = _context.Current(target);
                    Update(target, compound.OperatorKind, compound.Value, compound);
                    if (_context.Diagnostics.Count != errors || _context.Current(target) == before) return -1;
                    return _context.Current(target);
                }
            case IAssignmentOperation or IIncrementOrDecrementOperation when written is IArrayElementReferenceOperation && StoreTarget(written) is not null:
                {
                    // sum += (a[i] += b[i]), x = ++t[0], t[0] = t[1] = y: the store, where C# makes it; the expression reads
                    // the value stored (the old one for t[i]++).
                    var kind = op switch
                    {
                        ICompoundAssignmentOperation c => c.OperatorKind,
                        IIncrementOrDecrementOperation i => i.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : (BinaryOperatorKind?)BinaryOperatorKind.Subtract,
                        _ => null,
                    };
                    var value = (op as IAssignmentOperation)?.Value;
                    if (!TryStore(written, value, kind, out int stored, out int old)) goto default;
                    if (_context.Diagnostics.Count != errors || stored < 0) return -1;
                    return op is IIncrementOrDecrementOperation { IsPostfix: true } ? old : stored;
                }
            default:
                {
                    var target = op switch
                    {
                        IAssignmentOperation a => a.Target,
                        IIncrementOrDecrementOperation i => i.Target,
                        _ => op,
                    };
                    _context.ReportUnsupportedExpression(op, op is IDeconstructionAssignmentOperation
                            ? "A tuple deconstruction used as a value"
                            : "An assignment to " + (target is IArrayElementReferenceOperation ? "an array element" : IsArrayOperand(target) ? "a local array" : "'" + Describe.Snippet(target.Syntax) + "'") + " inside an expression",
                        "write it as a statement of its own, before the expression that reads the value");
                    return -1;
                }
        }
    }

    /// <summary>
    /// A ref local. An alias of a local or by-value parameter (<c>ref double r = ref s;</c>) reads and writes that
    /// variable, and one of a real member of a struct local or parameter (<c>ref double r = ref p.X;</c>) that member's
    /// component: the context resolves both. One of an element of a local array or an array parameter
    /// (<c>ref double r = ref a[i];</c>) reads and writes that element (<see cref="LoweringContext.AliasElement"/>).
    /// Any other (a field of a class, a ref parameter, a 2-D element) is reported; its later reads and writes get a
    /// placeholder, so they bring no follow-up errors. Inside loops too: <see cref="AssignedVariables(IOperation)"/> finds what
    /// a ref local declared in the body stands for before the body is lowered.
    /// </summary>
    private void LowerRefLocal(IOperation group, IVariableDeclaratorOperation declarator)
    {
        var referent = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
        if (referent is IConditionalOperation { IsRef: true } chosen)
        {
            // ref double r = ref (c ? ref a : ref b[j]): r is whichever the condition chose, here (StatementLowering.RefChoices).
            LowerChoiceAlias(declarator, chosen);
            return;
        }
        if (referent is ILocalReferenceOperation or IParameterReferenceOperation && Variable(referent) is { } target
            && target is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
            && !IsArrayLocal(target) && _context.Current(target) >= 0)
        {
            _context.Alias(declarator.Symbol, target);
            return;
        }
        if (AliasOfAlias(referent) is { } chained)
        {
            // ref double b = ref a; where a is itself a ref local of a variable (or member): b stands for what a stands for.
            _context.Alias(declarator.Symbol, chained);
            return;
        }
        if (referent is ILocalReferenceOperation or IParameterReferenceOperation && Variable(referent) is { } whole
            && whole is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
            && Derivatives.RealStructs.IsRealStruct(LoweringContext.TypeOfVariable(whole)) && _context.IsCarriedStruct(whole))
        {
            // ref Pair r = ref p: r's members are p's components (the context resolves the alias for each member).
            _context.Alias(declarator.Symbol, whole);
            return;
        }
        if (referent is not null && StructPaths.TryGet(referent, out var structVariable, out var path) && path.Length > 0
            && structVariable is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
            && Derivatives.RealStructs.Components(LoweringContext.TypeOfVariable(structVariable)) is { } components
            && components.Any(c => c.Path == path) && _context.IsCarriedStruct(structVariable))
        {
            // ref double r = ref p.X: the member's component, tracked like a scalar variable.
            _context.Alias(declarator.Symbol, _context.Component(structVariable, path));
            return;
        }
        if (ElementReferent(referent) is { } element)
        {
            LowerElementAlias(group, declarator, element.Array, element.Index);
            return;
        }
        if (referent is IInvocationOperation call && DeclarationRules.RefReturnAlias(call.TargetMethod) is { } returned)
        {
            LowerReturnedAlias(group, declarator, call, returned.Parameter, returned.Index);
            return;
        }
        Unsupported(group, "A 'ref' local ('" + Describe.Snippet(declarator.Syntax) + "')",
            "a ref local may alias a double/float local or parameter, a real member of a struct local or parameter, or an element of a local array or array parameter; for anything else, write the element or field where you use it (for 'ref double r = ref a[i, j]; r += x;' write 'a[i, j] += x;')");
        Placeholder(declarator.Symbol);
    }

    /// <summary>
    /// <c>ref var y = ref M(ref x)</c> for a ref-returning [Differentiable] M whose returns all name one parameter
    /// (<see cref="DeclarationRules.RefReturnAlias"/>): the call runs, then y is a ref local of the argument given for
    /// that parameter (x, or element k of the array passed), as though the caller had written <c>ref var y = ref x;</c>.
    /// </summary>
    private void LowerReturnedAlias(IOperation group, IVariableDeclaratorOperation declarator, IInvocationOperation call, int parameter, int index)
    {
        int errors = _context.Diagnostics.Count;
        _expressions.Lower(call, null);
        if (_context.Diagnostics.Count != errors)
        {
            Placeholder(declarator.Symbol);
            return;
        }
        var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter)?.Value;
        var variable = argument is null ? null : Variable(argument);
        if (variable is ILocalSymbol { IsRef: true } && _context.IsElementAlias(variable)) variable = null;
        if (variable is not null && index < 0 && _context.Current(variable) >= 0)
        {
            _context.Alias(declarator.Symbol, variable);
            return;
        }
        if (variable is not null && index >= 0 && _context.Current(variable) is var array && array >= 0
            && (_context.Nodes[array].Type == ScalarType.Array || _context.Nodes[array].Gate == GateKind.Parameter))
        {
            bool written = declarator.Symbol.RefKind != RefKind.RefReadOnly && WritesThrough(declarator.Symbol, group);
            if (!written || _context.Nodes[array].AdjointName.Length > 0 || variable is not IParameterSymbol)
            {
                int slot = _context.AddConstant(index.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);
                _context.AliasElement(declarator.Symbol, variable, slot, ExpressionLowering.TypeOf(call.TargetMethod.ReturnType));
                return;
            }
        }
        Unsupported(group, "A 'ref' local bound to what '" + call.TargetMethod.Name + "' returns by ref, given '" + (argument is null ? "nothing" : Describe.Snippet(argument.Syntax)) + "' there ('" + Describe.Snippet(declarator.Syntax) + "')",
            "pass a double/float local or parameter (or, for a returned array element, a local array or an array parameter without [NoDiff]), or bind the value: 'double y = " + call.TargetMethod.Name + "(…);'");
        Placeholder(declarator.Symbol);
    }

    /// <summary>A ref local that aliases a variable or a struct member (not an array element, which is bound to a slot): the ref local; null otherwise.</summary>
    private ILocalSymbol? AliasOfAlias(IOperation? referent) =>
        referent is ILocalReferenceOperation { Local: { IsRef: true } alias } && !_context.IsElementAlias(alias)
        && !ReferenceEquals(_context.Resolve(alias), alias) && _context.Current(alias) >= 0
            ? alias
            : null;

    private void Placeholder(ILocalSymbol symbol)
    {
        var type = symbol.Type;
        _context.Assign(symbol, _context.AddConstant("default", ExpressionLowering.TypeOf(type), type.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: true));
    }

    /// <summary>An element of a 1-D double[]/float[] local or by-value parameter: the array variable and the index; null otherwise.</summary>
    private static (ISymbol Array, IOperation Index)? ElementReferent(IOperation? referent) =>
        referent is IArrayElementReferenceOperation { Indices.Length: 1 } element
        && element.Indices[0].Type?.Name != "Range"
        && element.ArrayReference switch
        {
            ILocalReferenceOperation { Local: { IsRef: false } l } => (ISymbol)l,
            IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } p } => p,
            _ => null,
        } is { } array
        && array is ILocalSymbol { Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } }
            or IParameterSymbol { Type: IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } }
            ? (array, element.Indices[0])
            : null;

    /// <summary>ref double r = ref a[i]: the index is evaluated here, once; reads and writes of r go to that slot of a's current version.</summary>
    private void LowerElementAlias(IOperation group, IVariableDeclaratorOperation declarator, ISymbol array, IOperation index)
    {
        bool written = declarator.Symbol.RefKind != RefKind.RefReadOnly && WritesThrough(declarator.Symbol, group);
        switch (CheckElementAlias(array, index, written))
        {
            case ElementAliasRefusal.None:
                AliasElement(declarator.Symbol, array, index);
                return;
            case ElementAliasRefusal.NotAnArray:
                Unsupported(group, "A 'ref' local to an element of '" + array.Name + "' ('" + Describe.Snippet(declarator.Syntax) + "')", "write the element where you use it ('" + array.Name + "[i] += x;')");
                break;
            case ElementAliasRefusal.NoDiffWrite:
                Unsupported(group, "A 'ref' local that writes into the [NoDiff] array '" + array.Name + "' ('" + Describe.Snippet(declarator.Syntax) + "')", "remove [NoDiff] from the parameter, or copy it into a local array");
                break;
        }
        Placeholder(declarator.Symbol);
    }

    /// <summary>Why a ref to an element cannot stand for it (a ref local, a ref ternary's branch), or <c>None</c>.</summary>
    private enum ElementAliasRefusal { None, NotAnArray, VariedIndex, NoDiffWrite }

    /// <summary>
    /// The checks a ref to <c>array[index]</c> passes before it aliases the element: the array is a local array or an
    /// array parameter, the index carries no gradient (reported here), and a written element has an adjoint array to
    /// route a stored value's gradient through (not a [NoDiff] parameter). The caller reports the other refusals in its words.
    /// </summary>
    private ElementAliasRefusal CheckElementAlias(ISymbol array, IOperation index, bool written)
    {
        if (CheckAliasedArray(array, written: false) == ElementAliasRefusal.NotAnArray) return ElementAliasRefusal.NotAnArray;
        if (_expressions.IsVaried(index))
        {
            _context.ReportUnsupportedExpression(index, "A differentiated index");
            return ElementAliasRefusal.VariedIndex;
        }
        return CheckAliasedArray(array, written);
    }

    /// <summary>
    /// The array's part of <see cref="CheckElementAlias"/> (a ref loop variable's index is the loop's own, StatementLowering.RefForEach):
    /// a local array or an array parameter, and, when written through the alias, one with an adjoint.
    /// </summary>
    private ElementAliasRefusal CheckAliasedArray(ISymbol array, bool written)
    {
        int arrayNode = _context.Current(array);
        if (arrayNode < 0 || _context.Nodes[arrayNode].Type != ScalarType.Array && _context.Nodes[arrayNode].Gate != GateKind.Parameter) return ElementAliasRefusal.NotAnArray;
        return written && _context.Nodes[arrayNode].AdjointName.Length == 0 && array is IParameterSymbol ? ElementAliasRefusal.NoDiffWrite : ElementAliasRefusal.None;
    }

    /// <summary>Makes <paramref name="alias"/> stand for <c>array[index]</c> (after <see cref="CheckElementAlias"/>).</summary>
    private void AliasElement(object alias, ISymbol array, IOperation index)
    {
        int slot = _expressions.LowerIndex(index, _context.Nodes[_context.Current(array)].Name);
        _context.AliasElement(alias, array, slot, ExpressionLowering.TypeOf(((IArrayTypeSymbol)LoweringContext.TypeOfVariable(array)!).ElementType));
    }

    /// <summary>True when the method writes through <paramref name="local"/> anywhere after its declaration (assigns it, passes it by ref).</summary>
    private static bool WritesThrough(ILocalSymbol local, IOperation from)
    {
        var root = OperationRoots.Of(from);
        return root.Descendants().Any(op => op switch
        {
            IAssignmentOperation { Target: ILocalReferenceOperation t } => SymbolEqualityComparer.Default.Equals(t.Local, local),
            IIncrementOrDecrementOperation { Target: ILocalReferenceOperation t } => SymbolEqualityComparer.Default.Equals(t.Local, local),
            IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out, Value: ILocalReferenceOperation t } => SymbolEqualityComparer.Default.Equals(t.Local, local),
            _ => false,
        });
    }

    /// <summary>
    /// What a ref local declared inside <paramref name="loop"/> writes through, known before the body is lowered: the
    /// local or parameter it aliases, the struct variable whose member it aliases, or the array whose element it aliases.
    /// </summary>
    private static ISymbol? RefReferentIn(IOperation loop, ILocalSymbol local)
    {
        foreach (var declarator in loop.Descendants().OfType<IVariableDeclaratorOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(declarator.Symbol, local)) continue;
            // foreach (ref var v in a.AsSpan(…)): v writes the array the span views (StatementLowering.RefForEach).
            if (declarator.Parent is IForEachLoopOperation refLoop)
            {
                // Over a span local that views one array (Span<double> sp = a.AsSpan(1)): that array.
                var root = BulkCopies.Variable(refLoop.Collection);
                return root is ILocalSymbol span && SpanViews.IsRealSpanType(span.Type) ? SpanViews.SingleArray(span, refLoop.Collection) ?? root : root;
            }
            var referent = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
            if (referent is null) return null;
            if (Variable(referent) is { } v) return v;
            if (StructPaths.TryGet(referent, out var structVariable, out _)) return structVariable;
            if (referent is IInvocationOperation call && DeclarationRules.RefReturnAlias(call.TargetMethod) is { } returned)
            {
                // ref var y = ref M(ref x): y writes x (or the array M returns an element of).
                var argument = call.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == returned.Parameter)?.Value;
                return argument is null ? null : Variable(argument);
            }
            return ElementReferent(referent)?.Array;
        }
        return null;
    }

    private static bool IsArrayLocal(ISymbol variable) => variable is ILocalSymbol { Type: IArrayTypeSymbol } or IParameterSymbol { Type: IArrayTypeSymbol };

    private static bool IsArrayOperand(IOperation target) => target.Type is IArrayTypeSymbol;
}
