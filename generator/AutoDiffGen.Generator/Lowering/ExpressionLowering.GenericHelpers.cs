using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A plain generic helper that is not generic math (issue 13, idioms14a: <c>static T Square&lt;T&gt;(T v) where T :
/// INumber&lt;T&gt; =&gt; v * v;</c>, <c>static T Id&lt;T&gt;(T v) =&gt; v;</c>, <c>static T Pick&lt;T&gt;(bool c, T a, T b)</c>)
/// called at <c>double</c> or <c>float</c>. Its bound body's operations are over T (<c>v * v</c> is
/// <c>IMultiplyOperators&lt;T, T, T&gt;</c>'s operator), so it is read as the same method over the type argument first, as a
/// [Differentiable] generic-math method is (<see cref="GenericSource"/>: T an alias of double, <c>T.One</c> written
/// <c>(1.0)</c>, <c>T.CreateChecked(e)</c> a cast), and that body is inlined as any plain helper's. The reading is a
/// second compilation, so the helper must stand alone: its parameters reals of T, T itself, or discrete values; no call
/// of a method in source, no lambda or local function (whose symbols the lowering would look up in this compilation).
/// Anything else, or a body that does not read over the type argument, keeps ADG0003 at the call, saying what to write.
/// Two or more type parameters (idioms17c: <c>Scale&lt;TIn, TOut&gt;</c>, <c>Convert&lt;TFrom, TTo&gt;</c> over
/// <c>TTo.CreateChecked(v)</c>) are each read over their own type argument, so a conversion between them is a cast.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The helper read over double or float (per type argument: "d", "df"…), once per analysis (a helper called twice is read once); null when it does not read.</summary>
    private readonly System.Collections.Generic.Dictionary<(IMethodSymbol, string), GenericSource.Reading?> _genericReadings = new();

    /// <summary>The inlined helper's value, or -2 when it is not such a helper or cannot be read (the caller reports why).</summary>
    private int InlineGenericHelper(IMethodSymbol method, IOperation[] arguments, IOperation at, string? userName, out string? why)
    {
        why = null;
        var definition = method.OriginalDefinition;
        if (at is not IInvocationOperation) return -2;
        // Each type argument double or float (Scale<TIn, TOut> at double, float: idioms17c); each type parameter is read over its own.
        if (method.TypeArguments.FirstOrDefault(a => a.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single)) is { } other)
        {
            why = "the type argument " + (method.TypeArguments.Length > 1 ? method.TypeParameters[method.TypeArguments.IndexOf(other)].Name + " is '" : "is '") + other.ToDisplayString()
                + "' (a generic helper is read with each type argument double or float only; write it for the types you call it with)";
            return -2;
        }
        var singles = method.TypeArguments.Select(a => a.SpecialType == SpecialType.System_Single).ToArray();
        string key = new string(singles.Select(f => f ? 'f' : 'd').ToArray());
        if (!StandsAlone(definition, method, out why)) return -2;
        if (!_genericReadings.TryGetValue((definition, key), out var reading))
        {
            reading = Read(definition, singles, out why);
            _genericReadings[(definition, key)] = reading;
        }
        if (reading is null)
        {
            why ??= "its body does not read as the same method over " + string.Join(", ", method.TypeArguments.Select(a => a.ToDisplayString()));
            return -2;
        }
        if (reading.Model.GetOperation(reading.Syntax) is not IMethodBodyBaseOperation body) return -2;
        if ((body.ExpressionBody ?? body.BlockBody) is { } block && PlainHelpers.InaccessibleIn(OriginalBody(definition) ?? block, _caller.ContainingType, _compilation) is { } hidden)
        {
            why = hidden;
            return -2;
        }
        // The helper's own file is what an edit changes (the reading is rebuilt from it).
        Helpers.BodyReads.Note(definition.DeclaringSyntaxReferences[0].SyntaxTree);
        _plainBodies[reading.Method] = new CalleeBodies.Found(reading.Syntax, body);
        return InlinePlainBody(reading.Method, arguments, at, nodes => nodes is { Length: 1 } && nodes[0] >= 0 ? Named(nodes[0], userName, at) : -1, accessChecked: true);
    }

    /// <summary>
    /// Any number of type parameters (each bound to double or float by the caller); every parameter T, a real or a discrete value by value, the result T or a real; a body that calls
    /// no method in source and has no lambda or local function. Else false, with the reason.
    /// </summary>
    private bool StandsAlone(IMethodSymbol definition, IMethodSymbol constructed, out string? why)
    {
        why = null;
        if (definition.ContainingType is null || definition.ContainingType.IsGenericType || definition.DeclaringSyntaxReferences.Length != 1)
        {
            why = "it is declared in a generic type or in parts";
            return false;
        }
        // A T[] (LogSumExp<T>(T[] values), idioms22: natural21's P15) is a double[] at double: bound to the caller's array as
        // any plain helper's array parameter is (read only: a helper writing its argument is refused where it is inlined).
        if (!PiecewiseConstant.IsReal(constructed.ReturnType) || constructed.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams
            || !(PiecewiseConstant.IsReal(p.Type) || PiecewiseConstant.IsDiscrete(p.Type) || p.Type is IArrayTypeSymbol { Rank: 1, ElementType: var e } && PiecewiseConstant.IsReal(e))))
        {
            why = "it takes or returns something other than T, T[], a real, an int, a bool or an enum by value (spans, delegates, ref/out, T[,])";
            return false;
        }
        if (OriginalBody(definition) is not { } body) return false;
        if (NotAlone(body) is { } inner)
        {
            why = "its body uses '" + Describe.Snippet(inner.Syntax) + "' (a generic helper is read over the type argument on its own: it may call Math and T's members, not other methods of your code, lambdas or local functions)";
            return false;
        }
        return true;
    }

    /// <summary>What in a generic helper's body its reading over double could not stand alone with (a call of a method in source, a lambda, a local function), or null.</summary>
    private static IOperation? NotAlone(IOperation body) =>
        body.Descendants().FirstOrDefault(d => d is IAnonymousFunctionOperation or ILocalFunctionOperation
            || d is IInvocationOperation { TargetMethod.DeclaringSyntaxReferences.Length: > 0 } || d is IObjectCreationOperation { Constructor.DeclaringSyntaxReferences.Length: > 0 });

    private IOperation? OriginalBody(IMethodSymbol definition) =>
        CalleeBodies.Find(definition, _compilation) is { } found ? (IOperation?)found.Body.ExpressionBody ?? found.Body.BlockBody : null;

    private GenericSource.Reading? Read(IMethodSymbol definition, bool[] singles, out string? why)
    {
        why = null;
        if (definition.DeclaringSyntaxReferences[0].GetSyntax() is not MethodDeclarationSyntax syntax || !_compilation.ContainsSyntaxTree(syntax.SyntaxTree)) return null;
        var model = SemanticModels.WithoutNullableAnalysis(_compilation, syntax.SyntaxTree);
        var reading = GenericSource.Read(syntax, definition, model, default, singles, out var error);
        if (error is { } e) why = e.Text;
        return reading;
    }
}
