using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain generic void helper with ref/out parameters called as a statement at <c>double</c> or <c>float</c> (issue 13,
/// idioms15a: numerics code's <c>static void Swap&lt;T&gt;(ref T a, ref T b) { T t = a; a = b; b = t; }</c> called as
/// <c>Swap(ref x, ref y)</c> or <c>Swap(ref a[i], ref a[j])</c>, Meta.Numerics' <c>Global.Swap</c>). It is read over the type
/// argument as idioms14a's generic helpers are (ExpressionLowering.GenericHelpers, <see cref="GenericSource"/>) and that
/// body is inlined as a non-generic plain void ref helper's is (StatementLowering.PlainRefHelpers): each ref/out
/// parameter stands for the caller's variable or array element. The reading stands alone (it is a second compilation):
/// parameters T, reals or discrete values, by value, ref or out; no call of a method in source, lambda or local function.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The helper read over the call's type argument and its body, or null when the call is no such call (its diagnostic stands).</summary>
    public (IMethodSymbol Method, IBlockOperation Body)? GenericRefHelperBody(IInvocationOperation call)
    {
        var method = call.TargetMethod;
        var definition = method.OriginalDefinition;
        if (!method.IsGenericMethod || !method.IsStatic || !method.ReturnsVoid || method.MethodKind != MethodKind.Ordinary || method.IsExtern || !PlainHelpers.IsUnmarked(definition)) return null;
        if (method.TypeArguments.Length != 1 || method.TypeArguments[0].SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) return null;
        if (!method.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out)
            || method.Parameters.Any(p => p.IsParams || !(PiecewiseConstant.IsReal(p.Type) || PiecewiseConstant.IsDiscrete(p.Type)))) return null;
        if (definition.TypeParameters.Length != 1 || definition.ContainingType is null || definition.ContainingType.IsGenericType || definition.DeclaringSyntaxReferences.Length != 1) return null;
        if (OriginalBody(definition) is not { } original || NotAlone(original) is not null) return null;
        bool single = method.TypeArguments[0].SpecialType == SpecialType.System_Single;
        if (!_genericReadings.TryGetValue((definition, single ? "f" : "d"), out var reading))
        {
            reading = Read(definition, new[] { single }, out _);
            _genericReadings[(definition, single ? "f" : "d")] = reading;
        }
        if (reading is null || reading.Model.GetOperation(reading.Syntax) is not IMethodBodyBaseOperation body || (body.BlockBody ?? body.ExpressionBody) is not { } block) return null;
        // The helper's own file is what an edit changes (the reading is rebuilt from it).
        Helpers.BodyReads.Note(definition.DeclaringSyntaxReferences[0].SyntaxTree);
        return (reading.Method, block);
    }

    /// <summary>The body of <paramref name="definition"/> as written (not a reading of it), or null.</summary>
    public IOperation? SourceBody(IMethodSymbol definition) => OriginalBody(definition);
}
