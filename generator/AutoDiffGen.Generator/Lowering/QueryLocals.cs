using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A LINQ query kept in a local and read later (Math.NET's <c>SemiDeviation</c>: <c>var below = data.Where(x =&gt; x &lt; mean);
/// return below.StandardDeviation();</c>, <c>GainLossRatio</c>: <c>gains.Mean() / losses.Mean()</c>). A query is deferred: each
/// enumeration runs the chain again over the sources it was made from, its lambdas reading the variables they capture as they
/// are then. So each read of such a local is the chain itself, lowered where it is read (LinqCalls.Unwrap sees through it),
/// and its declaration lowers to nothing. That is exact when what the chain evaluated eagerly is the same at every read: the
/// local and every variable the chain reads outside its lambdas (its sources, a Take's count) are never assigned after
/// their declarations. Every read must be where a chain is taken (the source of a LINQ call, or an argument of a
/// [Differentiable] callee's list or sequence parameter), outside any lambda or local function; any other local keeps the
/// refusal of the chain at its declaration.
/// </summary>
internal static class QueryLocals
{
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, IOperation>> Found = new();

    /// <summary>The chain a read of such a local stands for, or null.</summary>
    public static IOperation? Chain(IOperation op) =>
        op is ILocalReferenceOperation { Local: var local } && Of(OperationRoots.Of(op)).TryGetValue(local, out var chain) ? chain : null;

    /// <summary>True when <paramref name="local"/> is such a local (its declaration lowers to nothing).</summary>
    public static bool IsQuery(ILocalSymbol local, IOperation at) => Of(OperationRoots.Of(at)).ContainsKey(local);

    private static readonly ConditionalWeakTable<IOperation, HashSet<ISymbol>> Writes = new();

    /// <summary>True when <paramref name="variable"/> is never assigned, incremented or passed by ref or out in the method of <paramref name="at"/> (its declaration aside).</summary>
    public static bool Unassigned(ISymbol variable, IOperation at) => !Writes.GetValue(OperationRoots.Of(at), Written).Contains(variable);

    private static Dictionary<ILocalSymbol, IOperation> Of(IOperation root) => Found.GetValue(root, Scan);

    private static Dictionary<ILocalSymbol, IOperation> Scan(IOperation root)
    {
        var found = new Dictionary<ILocalSymbol, IOperation>(SymbolEqualityComparer.Default);
        var declarators = root.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => IsSequenceOfReals(d.Symbol)).ToList();
        if (declarators.Count == 0) return found;
        var written = Writes.GetValue(root, Written);
        foreach (var declarator in declarators)
        {
            var local = declarator.Symbol;
            var value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
            if (local.IsRef || written.Contains(local) || value is null) continue;
            while (value is IConversionOperation { IsImplicit: true } conversion) value = conversion.Operand;
            if (IsChain(value, written) && ReadsOnlyAsChain(root, local)) found[local] = value;
        }
        return found;
    }

    /// <summary>IEnumerable&lt;T&gt; or IOrderedEnumerable&lt;T&gt; of double or float.</summary>
    private static bool IsSequenceOfReals(ILocalSymbol local) =>
        local.Type is INamedTypeSymbol { Name: "IEnumerable" or "IOrderedEnumerable", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single }] };

    /// <summary>A chain of Enumerable calls whose eager parts (sources, counts) read only variables never assigned after their declaration.</summary>
    private static bool IsChain(IOperation value, HashSet<ISymbol> written) =>
        value is IInvocationOperation { Instance: null } call && LinqCalls.IsEnumerable(call.TargetMethod)
        && call.TargetMethod.Name is "Where" or "Select" or "Zip" or "OrderBy" or "OrderByDescending" or "Take" or "Skip" or "Range"
        && call.Arguments.All(a => Stable(a.Value, written));

    private static bool Stable(IOperation op, HashSet<ISymbol> written)
    {
        while (op is IConversionOperation { IsImplicit: true } conversion) op = conversion.Operand;
        return op.ConstantValue.HasValue || op switch
        {
            IDelegateCreationOperation => true, // a lambda reads its captures when the query runs, as the read does
            ILocalReferenceOperation { Local: var l } => !l.IsRef && !written.Contains(l),
            IParameterReferenceOperation { Parameter: var p } => p.RefKind == RefKind.None && !written.Contains(p),
            IInvocationOperation => IsChain(op, written),
            IBinaryOperation { OperatorMethod: null } binary => Stable(binary.LeftOperand, written) && Stable(binary.RightOperand, written),
            IPropertyReferenceOperation { Property.Name: "Length", Instance: { Type: IArrayTypeSymbol } array } => Stable(array, written),
            _ => false,
        };
    }

    /// <summary>Every local or parameter assigned, incremented, passed by ref or out, or referred to by a ref local, anywhere under <paramref name="root"/>.</summary>
    private static HashSet<ISymbol> Written(IOperation root)
    {
        var written = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        foreach (var op in root.Descendants())
        {
            var target = op switch
            {
                IAssignmentOperation assignment => assignment.Target,
                IIncrementOrDecrementOperation increment => increment.Target,
                IArgumentOperation { Parameter.RefKind: not RefKind.None and not RefKind.In } argument => argument.Value,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } initializer => initializer.Value,
                IAddressOfOperation address => address.Reference,
                _ => null,
            };
            if (target is null) continue;
            foreach (var named in target.DescendantsAndSelf())
            {
                if (named is ILocalReferenceOperation { Local: var l }) written.Add(l);
                else if (named is IParameterReferenceOperation { Parameter: var p }) written.Add(p);
            }
        }
        return written;
    }

    /// <summary>Each read is the source of a LINQ call or an argument of a [Differentiable] callee's list or sequence parameter, outside lambdas.</summary>
    private static bool ReadsOnlyAsChain(IOperation root, ILocalSymbol local)
    {
        bool any = false;
        foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
            any = true;
            IOperation up = reference;
            while (up.Parent is IConversionOperation { IsImplicit: true } conversion) up = conversion;
            if (up.Parent is not IArgumentOperation { Parameter: { } parameter, Parent: IInvocationOperation call }) return false;
            bool source = call.Instance is null && LinqCalls.IsEnumerable(call.TargetMethod) && parameter.Ordinal == 0;
            bool passed = Derivatives.ValueKinds.ListPassing(parameter) is not null && Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod);
            if (!source && !passed) return false;
            for (var p = reference.Parent; p is not null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
            }
        }
        return any;
    }

}
