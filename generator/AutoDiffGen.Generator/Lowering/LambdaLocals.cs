using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A delegate local initialised once with a lambda and only ever invoked (<c>Func&lt;double, double&gt; sq = v =&gt; v * v;
/// return sq(x) + sq(y);</c>, or an <c>Action</c> that writes the method's locals: <c>Action step = () =&gt; { s += x * s; };
/// step(); step();</c>): its calls are the lambda's, so they are inlined where they stand, as a local function's are
/// (StatementLowering.LocalFunctions), in loops too, each call reading and writing the variables as they are then. A delegate local that is reassigned, passed on, captured by another lambda or read
/// other than to invoke it is not: it could hold something else at the call.
/// </summary>
internal static class LambdaLocals
{
    private static readonly ConditionalWeakTable<IOperation, Dictionary<ILocalSymbol, IAnonymousFunctionOperation>> Found = new();

    /// <summary>The lambda a call invokes through such a local, or null.</summary>
    public static IAnonymousFunctionOperation? Lambda(IInvocationOperation call) =>
        call is { TargetMethod.MethodKind: MethodKind.DelegateInvoke, Instance: ILocalReferenceOperation { Local: var local } }
        && Of(OperationRoots.Of(call)).TryGetValue(local, out var lambda) ? lambda : null;

    /// <summary>True when <paramref name="local"/> is such a local (its declaration lowers to nothing).</summary>
    public static bool IsInlined(ILocalSymbol local, IOperation at) => Of(OperationRoots.Of(at)).ContainsKey(local);

    private static Dictionary<ILocalSymbol, IAnonymousFunctionOperation> Of(IOperation root) => Found.GetValue(root, Scan);

    private static Dictionary<ILocalSymbol, IAnonymousFunctionOperation> Scan(IOperation root)
    {
        var found = new Dictionary<ILocalSymbol, IAnonymousFunctionOperation>(SymbolEqualityComparer.Default);
        foreach (var declarator in root.Descendants().OfType<IVariableDeclaratorOperation>())
        {
            var local = declarator.Symbol;
            // A real result, a struct or tuple of reals (inlined member by member), or none (an Action that updates the
            // method's variables, inlined as a void local function is): anything else would be copied into the forward sweep
            // as text, naming the local.
            if (local.IsRef || local.Type is not INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod.ReturnType: var result }
                || result.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Void) && !Derivatives.RealStructs.IsRealStruct(result)) continue;
            var value = (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value;
            while (value is IDelegateCreationOperation or IConversionOperation)
            {
                value = value is IDelegateCreationOperation creation ? creation.Target : ((IConversionOperation)value).Operand;
            }
            if (value is IAnonymousFunctionOperation lambda && OnlyInvoked(root, local)) found[local] = lambda;
        }
        return found;
    }

    /// <summary>Every reference to <paramref name="local"/> is the receiver of an Invoke, outside any other lambda or local function.</summary>
    private static bool OnlyInvoked(IOperation root, ILocalSymbol local)
    {
        foreach (var reference in root.Descendants().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(reference.Local, local)) continue;
            if (reference.Parent is not IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } call || call.Instance != reference) return false;
            for (var p = reference.Parent; p is not null; p = p.Parent)
            {
                if (p is IAnonymousFunctionOperation or ILocalFunctionOperation) return false;
            }
        }
        return true;
    }

}
