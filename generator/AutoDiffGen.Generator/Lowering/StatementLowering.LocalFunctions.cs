using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: local functions are inlined where they are called. The generated Backward is another method
/// and cannot call them; inlined, their work is differentiated like the caller's own, and a function that reads the
/// caller's variables reads the versions they hold at the call, as C# does. A body is lowered as a method body is
/// (<see cref="InlineStatements"/>): branches, several returns, throws and loops, and writes into the caller's locals,
/// parameters and arrays (a void function that updates captured state), with ref/out parameters bound to the caller's
/// variables they are passed. Recursion is reported: inlining has no end there, and the generated Backward, another
/// method, cannot call a local function.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The local functions being inlined, innermost last: a call to one of them again is recursion.</summary>
    private readonly List<ISymbol> _inlining = new();

    /// <summary>A call of a local function, or of a delegate local holding a lambda (LambdaLocals): what is inlined.</summary>
    internal static bool IsInlinedCall(IInvocationOperation call) =>
        call.TargetMethod.MethodKind == MethodKind.LocalFunction || LambdaLocals.Lambda(call) is not null;

    /// <summary>The function a call inlines and its body (null when the body is not in this method).</summary>
    private static (IMethodSymbol Function, IBlockOperation? Body, IAnonymousFunctionOperation? Lambda) CalledBody(IInvocationOperation call)
    {
        if (LambdaLocals.Lambda(call) is { } lambda) return (lambda.Symbol, lambda.Body, lambda);
        var function = call.TargetMethod.OriginalDefinition;
        var declaration = OperationRoots.Of(call).Descendants().OfType<ILocalFunctionOperation>()
            .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, function));
        return (function, declaration?.Body ?? declaration?.IgnoredBody, null);
    }

    /// <summary>A call inside an expression: the value it returns (-1 after a diagnostic).</summary>
    private int InlineLocalFunction(IInvocationOperation call)
    {
        if (Derivatives.RealStructs.IsRealStruct(call.Type))
        {
            // Its result is one node per member: a whole struct here (an argument of a call that is not inlined) has none.
            _context.ReportUnsupportedExpression(call, "The struct or tuple that a local function or lambda returns, used whole here ('" + Describe.Snippet(call.Syntax) + "')",
                "keep it in a local first (var p = F(x);), or read its members (F(x).X)");
            return -1;
        }
        return InlineCall(call) is { Length: 1 } nodes ? nodes[0] : -1;
    }

    /// <summary>Inlines a call: the nodes of its result (none for a void function), or null after a diagnostic.</summary>
    private int[]? InlineCall(IInvocationOperation call)
    {
        var (function, body, lambda) = CalledBody(call);
        return InlineCall(call, function, body, lambda, lambda is null ? "the local function '" + function.Name + "'" : "the lambda in '" + ((ILocalReferenceOperation)call.Instance!).Local.Name + "'");
    }

    /// <summary>
    /// Inlines <paramref name="body"/> for <paramref name="call"/>: a local function's, a lambda local's, or a plain helper's
    /// with ref/out parameters (ExpressionLowering.PlainRefHelpers, whose struct receiver is bound around the body).
    /// </summary>
    private int[]? InlineCall(IInvocationOperation call, IMethodSymbol function, IBlockOperation? body, IAnonymousFunctionOperation? lambda, string name)
    {
        if (body is null) return RejectCall(call, "A call to " + name + ", whose body is not available", "make it a [Differentiable] method of the type");
        if (_inlining.Any(f => SymbolEqualityComparer.Default.Equals(f, function)))
        {
            // Inlined at each call, a recursive function would never end; and the Backward, another method, cannot call it.
            return RejectCall(call, "A recursive call to " + name + " (a local function is inlined where it is called, and recursion has no end to inline)",
                "make it a [Differentiable] method of the type: recursion is differentiated there");
        }
        if (function.IsGenericMethod) return RejectCall(call, "A call to the generic " + name.Substring(4), "make it non-generic, or a [Differentiable] method of the type");
        if (function.Parameters.Any(p => p.IsParams)) return RejectCall(call, "A call to " + name + ", which has a params parameter", "pass an array");
        var statements = Flatten(body.Operations).Where(s => s is not (ILocalFunctionOperation or IEmptyOperation)).ToList();
        if (Unbranchable(body) is { } why)
        {
            return RejectCall(call, "A call to " + name + ", whose body has " + why, "write it with if/else and loops, or make the function a [Differentiable] method of the type");
        }
        if (body.Descendants().Any(d => d is IThrowOperation && !InsideLocalFunction(d, body)) && EmbeddedEffects.Conditionally(call) is { } only)
        {
            // Lowered where the expression starts, its throw would run where the method's does not.
            return RejectCall(call, "A call to " + name + ", which may throw, evaluated only on some paths of an expression (inside '" + Describe.Snippet(only.Syntax) + "')",
                "call it in a statement of its own, under an if");
        }
        // Array parameters the body writes into stand for the caller's arrays they are passed (idioms13b), as C# passes them.
        // (A [Differentiable] void writer inlined for Hessian mode, hess20, writes them as its Backward would: ArrayWrites.Writes.)
        bool differentiable = Derivatives.DerivativeResolver.IsDifferentiable(function);
        var writtenArrays = lambda is null ? function.Parameters.Where(p => _context.Writes is { } w && (w.InlinedWrites(function, p.Ordinal) || differentiable && w.Writes(function, p.Ordinal))).ToList() : new List<IParameterSymbol>();
        if (WriteProblem(body, function, writtenArrays: writtenArrays) is { } problem) return RejectCall(call, "A call to " + name + ", which " + problem.What, problem.Hint);
        if ((function.Parameters.Any(p => p.RefKind != RefKind.None) || writtenArrays.Count > 0 || Writes(body, function)) && EmbeddedEffects.Conditionally(call) is { } sometimes
            && !(lambda is null && writtenArrays.Count == 0 && TryCallsInArms.ConfinedTo(call, function, sometimes)))
        {
            return RejectCall(call, "A call to " + name + ", which writes the method's variables, evaluated only on some paths of an expression (inside '" + Describe.Snippet(sometimes.Syntax) + "')",
                "call it in a statement of its own, under an if");
        }
        if (EmbeddedEffects.OutOfOrder(call.Arguments) is { } reordered)
        {
            _context.ReportUnsupportedExpression(reordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
            return null;
        }

        // Arguments as written (C# order), then the body with each parameter holding its argument's value, and each
        // ref/out parameter (and an in parameter passed a variable) standing for the caller's variable.
        var bound = new List<(object Variable, int Node)>();
        var aliases = new List<(IParameterSymbol Parameter, object Target)>();
        var discarded = new List<IParameterSymbol>();
        var elements = new List<(IParameterSymbol Parameter, ISymbol Array, int Slot)>();
        // A plain helper's span parameters are views of the caller's arrays (ExpressionLowering.SpanParameters), and so are
        // a local function's (idioms24: static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b) declared in the method).
        bool views = lambda is null && function.MethodKind is MethodKind.Ordinary or MethodKind.LocalFunction && !differentiable;
        var spans = new List<(IParameterSymbol Parameter, IOperation Argument)>();
        var rows = PlainRows(call, function, body, lambda, writtenArrays, out bool rowRefused);
        if (rowRefused) return null;
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null) return null;
            // (A generic helper read over double, GenericRefHelpers: the reading's own parameter, as for a lambda.)
            var parameter = lambda is null && SymbolEqualityComparer.Default.Equals(argument.Parameter.ContainingSymbol.OriginalDefinition, function.OriginalDefinition)
                ? argument.Parameter.OriginalDefinition : function.Parameters[argument.Parameter.Ordinal];
            if (views && ExpressionLowering.IsViewParameter(parameter))
            {
                spans.Add((parameter, argument.Value));
                continue;
            }
            // A jagged row passed to a double[] parameter stands for the row in the body (ExpressionLowering.PlainRowArguments).
            if (rows is not null && rows.ContainsKey(parameter.Ordinal)) continue;
            if (writtenArrays.Any(p => p.Ordinal == parameter.Ordinal))
            {
                if (ArrayWrites.IsWritableJagged(parameter))
                {
                    // Outer(o, x) writing o[i][j]: the parameter stands for the caller's local jagged array (JaggedLocals), idioms24.
                    if (JaggedArgument(argument.Value) is not { } jagged)
                    {
                        return RejectCall(argument, "A jagged array passed to " + name + ", which writes into it (its parameter '" + parameter.Name + "'), that is not a local jagged array of the method",
                            "create a local jagged array (var o = new double[n][]; then o[i] = new double[k]; for each row), pass it, and read the results from it after the call");
                    }
                    aliases.Add((parameter, jagged));
                    continue;
                }
                if (ExpressionLowering.IsViewParameter(parameter) && ArrayArgument(CollectionArguments.Unwrap(argument.Value)) is not null)
                {
                    // Fill(t, x) of a local array into a [Differentiable] local function's (or a lambda's) Span<double>: the array is
                    // the method's own; what is refused is binding the span there (idioms25: it said "is not a local array").
                    return RejectCall(argument, "A Span<" + ((INamedTypeSymbol)parameter.Type).TypeArguments[0].ToDisplayString() + "> parameter ('" + parameter.Name + "') written by " + name
                        + (differentiable ? ", which is marked [Differentiable] (its span parameters are not bound to the caller's arrays)" : ", a lambda (its span parameters are not bound to the caller's arrays)"),
                        differentiable ? "remove [Differentiable] from " + name + ": it is inlined and differentiated with the method, its span parameters bound to the arrays passed" : "write it as a local function, or take a double[] parameter");
                }
                if (ArrayArgument(argument.Value) is not { } array)
                {
                    return RejectCall(argument, "An array passed to " + name + ", which writes into it (its parameter '" + parameter.Name + "'), that is not a local array or an array parameter of the method",
                        "pass a local array (var a = new double[n]; or a copy, x.ToArray()) or an array parameter, and read the results from it after the call");
                }
                aliases.Add((parameter, array));
                continue;
            }
            if (parameter.RefKind == RefKind.Out && argument.Value is IDiscardOperation)
            {
                // out _ (or out double _): nothing of the caller's receives the value, so the parameter stays the body's
                // own variable, forgotten with its locals after the call (MetaNumerics' RegularizedIncompleteGamma(a, x, out P, out _)).
                discarded.Add(parameter);
                continue;
            }
            // Swap(ref a[i], ref a[j]): the parameter stands for the slot (StatementLowering.RefElementArguments).
            if (lambda is null && BindElementArgument(argument, parameter, elements) is { } elementBound)
            {
                if (!elementBound) return null;
                continue;
            }
            if (parameter.RefKind != RefKind.None)
            {
                if (RefArgument(argument.Value) is { } target)
                {
                    aliases.Add((parameter, target));
                    continue;
                }
                if (parameter.RefKind != RefKind.In)
                {
                    return RejectCall(argument, "A ref or out argument that is not a local, a parameter or a member of a struct local of the method", "pass a local, and copy it where it belongs after the call");
                }
            }
            if (Derivatives.RealStructs.IsRealStruct(parameter.Type))
            {
                // A struct or tuple of reals is carried as its members: one node each.
                var members = _expressions.LowerStruct(argument.Value);
                if (members is null) return null;
                var components = Derivatives.RealStructs.Components(parameter.Type)!;
                for (int k = 0; k < components.Count; k++) bound.Add((_context.Component(parameter, components[k].Path), members[k]));
                continue;
            }
            int node = _expressions.Lower(argument.Value, null);
            if (node < 0) return null;
            bound.Add((parameter, node));
        }
        var viewed = _expressions.BindSpanParameters(function, body, spans);
        if (viewed is null) return null;
        _inlining.Add(function);
        try
        {
            foreach (var (variable, node) in bound) _context.Assign(variable, node);
            foreach (var (parameter, target) in aliases)
            {
                _context.Alias(parameter, target);
                // out y with no value yet: C# assigns it before any read, so a default stands in for the merge at the returns.
                if (parameter.RefKind == RefKind.Out) DefaultIfUnassigned(target);
            }
            foreach (var parameter in discarded) DefaultIfUnassigned(parameter);
            AliasElements(elements);
            if (rows is not null) foreach (var row in rows) _context.DeclareJaggedRow(function.Parameters[row.Key], row.Value.Grid, row.Value.Row);
            bool simple = statements.Count > 0 && statements[statements.Count - 1] is IReturnOperation { ReturnedValue: not null }
                && statements.Take(statements.Count - 1).All(s => s is IVariableDeclarationGroupOperation or IExpressionStatementOperation && !s.Descendants().Any(d => d is IReturnOperation or ILoopOperation && !InsideLocalFunction(d, s)));
            if (simple)
            {
                foreach (var statement in statements.Take(statements.Count - 1)) LowerSimpleStatement(statement);
                var returned = ((IReturnOperation)statements[statements.Count - 1]).ReturnedValue!;
                if (Derivatives.RealStructs.IsRealStruct(function.ReturnType)) return _expressions.LowerStruct(returned);
                int value = _expressions.Lower(returned, null);
                return value < 0 ? null : new[] { value };
            }
            return _expressions.WithHelperReceiver(call, () => InlineStatements(statements, body, call, name, function.ReturnType, WrittenOutside(body, function)));
        }
        finally
        {
            _inlining.RemoveAt(_inlining.Count - 1);
            // Its parameters and locals are out of scope (as a struct method's, ExpressionLowering.ForgetInlined): left
            // holding a loop's values, a branch after the loop that calls it again merged them there (a wrong gradient).
            // A ref parameter stops standing for the caller's variable first, so that forgetting it leaves that variable alone.
            foreach (var (parameter, _) in aliases) _context.Unalias(parameter);
            UnaliasElements(elements);
            _expressions.ForgetSpanParameters(viewed);
            if (rows is not null) foreach (var row in rows) _context.ForgetJaggedRow(function.Parameters[row.Key]);
            _expressions.ForgetInlined(function, body);
        }
    }

    /// <summary>
    /// A plain helper's (not a local function's or lambda's) by-value double[] parameters passed a jagged row (<c>data[i]</c>,
    /// a foreach row) and only read in its body: they stand for that row (idioms22, natural21's B09); null when none is.
    /// <paramref name="refused"/> after the one ADG0004 at the call (a row used otherwise in the body).
    /// </summary>
    private Dictionary<int, (ISymbol Grid, LoweringContext.HiddenVariable Row)>? PlainRows(IInvocationOperation call, IMethodSymbol function, IBlockOperation body, IAnonymousFunctionOperation? lambda, List<IParameterSymbol> writtenArrays, out bool refused)
    {
        refused = false;
        if (lambda is not null || function.MethodKind != MethodKind.Ordinary || !PlainHelpers.IsUnmarked(function)) return null;
        var arguments = new IOperation[function.Parameters.Length];
        foreach (var argument in call.Arguments)
        {
            // A parameter the body writes keeps the check that refuses a row there (ArrayArgument).
            if (argument.Parameter is { } p && p.Ordinal < arguments.Length && !writtenArrays.Any(w => w.Ordinal == p.Ordinal)) arguments[p.Ordinal] = argument.Value;
        }
        var rows = _expressions.RowArguments(function, body, arguments, call, out int notTaken);
        refused = notTaken != -2;
        return rows;
    }

    /// <summary>The caller's variable a ref/out/in argument names (a local, a by-value parameter, a real member of a struct one), or null.</summary>
    private object? RefArgument(IOperation value)
    {
        if (value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared }) value = declared;
        if (value is ILocalReferenceOperation or IParameterReferenceOperation && Variable(value) is { } variable
            && variable is ILocalSymbol or IParameterSymbol { RefKind: RefKind.None or RefKind.Ref or RefKind.Out }
            && !IsArrayLocal(variable) && !_context.IsElementAlias(variable)
            && LoweringContext.TypeOfVariable(variable) is { } type
            && (type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64 or SpecialType.System_Boolean
                || Derivatives.RealStructs.IsRealStruct(type) && (_context.IsCarriedStruct(variable) || _context.Current(variable) < 0)))
        {
            return _context.Resolve(variable);
        }
        if (StructPaths.TryGet(value, out var structVariable, out var path) && path.Length > 0
            && structVariable is ILocalSymbol { IsRef: false } or IParameterSymbol { RefKind: RefKind.None }
            && Derivatives.RealStructs.Components(LoweringContext.TypeOfVariable(structVariable)) is { } components
            && components.Any(c => c.Path == path) && _context.IsCarriedStruct(structVariable))
        {
            return _context.Component(structVariable, path);
        }
        return null;
    }

    /// <summary>
    /// The caller's array an argument names, for an array parameter the inlined body writes into: a local array or a
    /// by-value array parameter holding an array (of reals) here; null for anything else (a new array, a row, a field).
    /// </summary>
    private object? ArrayArgument(IOperation value)
    {
        if (value is not (ILocalReferenceOperation { Local.IsRef: false } or IParameterReferenceOperation { Parameter.RefKind: RefKind.None })
            || value.Type is not IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single }
            || Variable(value) is not { } variable || _context.IsElementAlias(variable)) return null;
        int node = _context.Current(variable);
        return node >= 0 && _context.Nodes[node].Type == ScalarType.Array ? _context.Resolve(variable) : null;
    }

    /// <summary>
    /// The caller's tracked local jagged array (StatementLowering.JaggedLocals) an argument names, for a jagged parameter the
    /// inlined body writes into (or a jagged parameter of an enclosing inlined body standing for one); null for anything else.
    /// </summary>
    private object? JaggedArgument(IOperation value) =>
        value is ILocalReferenceOperation { Local.IsRef: false } or IParameterReferenceOperation { Parameter.RefKind: RefKind.None } && Variable(value) is { } variable
            && _context.Resolve(variable) is ILocalSymbol local && PlainHelpers.IsRealJagged(local.Type) && JaggedLocal(local) is not null
            ? local : null;

    private void DefaultIfUnassigned(object variable)
    {
        if (_context.Current(variable) >= 0 || LoweringContext.TypeOfVariable(variable) is not { } type) return;
        if (Derivatives.RealStructs.IsRealStruct(type) && Derivatives.RealStructs.Components(type) is { } components)
        {
            // A struct is carried as its components (it never has a node of its own): only those with no value yet get
            // a default. Zeroing them all wiped a struct or tuple local passed by ref to a function writing it.
            foreach (var c in components)
            {
                var component = _context.Component(variable, c.Path);
                if (_context.Current(component) < 0) _context.Assign(component, _context.ZeroComponent(c));
            }
            return;
        }
        var scalar = ExpressionLowering.TypeOf(type);
        _context.Assign(variable, scalar is ScalarType.Double or ScalarType.Float ? Zero(scalar)
            : _context.AddConstant("default(" + type.ToDisplayString(SymbolNames.TypeFormat) + ")", scalar, type.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: true));
    }

    private int Zero(ScalarType type) => _context.AddConstant(ScalarLiterals.Zero(type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);

    /// <summary>
    /// For ExpressionLowering (<see cref="LoweringContext.InlineBody"/>): the body of a struct's method, operator or
    /// computed property with several statements, whose parameters and receiver are bound already. It may write only
    /// its own locals and parameters. The nodes of its result, or null after a diagnostic.
    /// </summary>
    private int[]? InlineMemberBody(IBlockOperation body, IOperation at, string name, IMethodSymbol member)
    {
        if (Unbranchable(body) is { } why) return RejectCall(at, name + ", whose body has " + why, "write it with if/else and loops");
        if (WriteProblem(body, member) is { } problem) return RejectCall(at, name + ", which " + problem.What, problem.Hint);
        if (body.Descendants().Any(d => d is IThrowOperation && !InsideLocalFunction(d, body)) && EmbeddedEffects.Conditionally(at) is { } only)
        {
            return RejectCall(at, name + ", which may throw, evaluated only on some paths of an expression (inside '" + Describe.Snippet(only.Syntax) + "')", "call it in a statement of its own, under an if");
        }
        var statements = Flatten(body.Operations).Where(s => s is not (ILocalFunctionOperation or IEmptyOperation)).ToList();
        return InlineStatements(statements, body, at, name, member.ReturnType, new List<object>());
    }

    /// <summary>
    /// For ExpressionLowering.MutatingCalls: the body of a struct method that writes its own members, its receiver bound
    /// to the caller's variable <paramref name="receiver"/>, which after the call holds what the path taken left in it.
    /// </summary>
    private int[]? InlineMutatingMemberBody(IBlockOperation body, IOperation at, string name, IMethodSymbol member, ISymbol receiver)
    {
        string call = "A call to " + name;
        if (Unbranchable(body) is { } why) return RejectCall(at, call + ", whose body has " + why, "write it with if/else and loops");
        if (WriteProblem(body, member, receiverWritable: true) is { } problem) return RejectCall(at, call + ", which " + problem.What, problem.Hint);
        var statements = Flatten(body.Operations).Where(s => s is not (ILocalFunctionOperation or IEmptyOperation)).ToList();
        // The variable's components (not the variable, which has no node of its own to default) are what the body writes.
        var written = _context.ExpandStructs(receiver).ToList();
        if (written.Any(w => _context.Current(w) < 0)) return RejectCall(at, call + ", on '" + receiver.Name + "' before all its members are assigned", "give every member a value before the call");
        return InlineStatements(statements, body, at, name, member.ReturnType, written);
    }

    /// <summary>What the function's own return is tracked under while its body is inlined; the method's result otherwise.</summary>
    private object _resultKey = LoweringContext.ReturnValue;

    /// <summary>While a body returning a struct of reals is inlined: one key per component of its result.</summary>
    private LoweringContext.HiddenVariable[]? _structResultKeys;

    /// <summary>
    /// A body with if/else, switch, loops, several returns and throws: lowered as a method body is (early returns take
    /// the rest of the body into each branch that reaches it; a return inside a loop sets a flag of its own), with its
    /// returns tracked under hidden results of its own, outside any loop of the caller (a return here leaves the function,
    /// not the caller's loop) and with no vector result of the method. Each variable of the caller it writes
    /// (<paramref name="written"/>) is kept at every return like a ref parameter of a method, so that after the call it
    /// holds what the path taken left in it.
    /// </summary>
    private int[]? InlineStatements(List<IOperation> statements, IBlockOperation body, IOperation call, string name, ITypeSymbol returnType, List<object> written)
    {
        bool isVoid = returnType.SpecialType == SpecialType.System_Void;
        var components = Derivatives.RealStructs.IsRealStruct(returnType) ? Derivatives.RealStructs.Components(returnType) : null;
        var key = new LoweringContext.HiddenVariable("result");
        var parts = components?.Select(c => new LoweringContext.HiddenVariable("result_" + c.Path.Replace('.', '_'))).ToArray();
        var outputs = new List<(object Variable, LoweringContext.HiddenVariable Key)>();
        foreach (var variable in written)
        {
            DefaultIfUnassigned(variable);
            foreach (var each in _context.ExpandStructs(variable))
            {
                int current = _context.Current(each);
                if (current < 0) return RejectCall(call, "A call to " + name + ", which writes '" + LoweringContext.NameOf(each) + "' before it has a value", "give it a value before the call");
                var output = new LoweringContext.HiddenVariable(LoweringContext.NameOf(each).TrimStart('@') + "Left");
                _context.Assign(output, current);
                outputs.Add((each, output));
            }
        }
        var saved = (_loop, _resultKey, _structResultKeys, _vectorResult, _outputKeys, _returned, _endOfMethod);
        (_loop, _resultKey, _structResultKeys, _vectorResult, _outputKeys, _returned, _endOfMethod) =
            (null, key, parts, null, outputs.Select(o => (o.Variable, o.Key)).ToList(), null, isVoid ? body : null);
        var keys = new List<object>();
        if (parts is not null) keys.AddRange(parts);
        else if (!isVoid) keys.Add(key);
        keys.AddRange(outputs.Select(o => (object)o.Key));
        _context.ResultKeys.AddRange(keys);
        try
        {
            if (body.Descendants().OfType<IReturnOperation>().Any(r => r.Kind == OperationKind.Return && !InsideLocalFunction(r, body) && InsideLoop(r, body)))
            {
                // A return inside a loop sets the result and a flag of the function's own, leaves its loops, and skips the rest.
                _returned = new LoweringContext.HiddenVariable("returned");
                _context.Assign(_returned, Flag("false"));
                if (parts is not null)
                {
                    for (int k = 0; k < parts.Length; k++) _context.Assign(parts[k], _context.ZeroComponent(components![k]));
                }
                else if (!isVoid)
                {
                    var type = ExpressionLowering.TypeOf(returnType);
                    _context.Assign(key, type is ScalarType.Double or ScalarType.Float ? Zero(type)
                        : _context.AddConstant("default(" + returnType.ToDisplayString(SymbolNames.TypeFormat) + ")", type, returnType.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: true));
                }
            }
            var all = isVoid ? statements.Concat(new IOperation[] { body }).ToList() : statements;
            bool returned = LowerStatements(all, 0);
            if (!returned) return RejectCall(call, "A call to " + name + ", where a path reaches the end of the function without a return", "end every path with a return");
            var result = parts is not null ? parts.Select(p => _context.Current(p)).ToArray() : isVoid ? new int[0] : new[] { _context.Current(key) };
            if (result.Any(n => n < 0)) return RejectCall(call, "A call to " + name + ", which always throws", "throw in a statement of the method itself");
            foreach (var (variable, output) in outputs) _context.Assign(variable, _context.Current(output));
            return result;
        }
        finally
        {
            foreach (var k in keys) _context.ResultKeys.Remove(k);
            (_loop, _resultKey, _structResultKeys, _vectorResult, _outputKeys, _returned, _endOfMethod) = saved;
        }
    }

    /// <summary>The caller's variables (and what ref parameters stand for) a body writes, here or in the local functions it calls.</summary>
    private List<object> WrittenOutside(IOperation body, IMethodSymbol function)
    {
        var list = new List<object>();
        foreach (var variable in AssignedVariables(body))
        {
            var resolved = _context.Resolve(variable);
            if (resolved is ISymbol symbol && DeclaredIn(symbol, function)) continue;
            if (!list.Any(v => ReferenceEquals(v, resolved) || v is ISymbol a && resolved is ISymbol b && SymbolEqualityComparer.Default.Equals(a, b))) list.Add(resolved);
        }
        return list;
    }

    /// <summary>True when the body (or a local function it calls) writes anything but its own locals.</summary>
    private bool Writes(IOperation body, IMethodSymbol function) =>
        AssignedVariables(body).Any(v => v is not ISymbol s || !DeclaredIn(s, function) || s is IParameterSymbol { RefKind: not RefKind.None } or IParameterSymbol { Type: IArrayTypeSymbol } || s is IParameterSymbol { Type: var spanType } && ArrayWrites.IsRealSpan(spanType));

    /// <summary>True when <paramref name="op"/> calls a local function (or a Try-shaped plain helper) that writes the method's variables (a loop's test that does runs its writes once per test).</summary>
    private bool CallsWriting(IOperation? op) =>
        op is not null && op.DescendantsAndSelf().OfType<IInvocationOperation>().Any(call => PlainTryHelpers.IsTryShaped(call.TargetMethod)
            || IsInlinedCall(call) && CalledBody(call) is { Body: { } body } called
            && (called.Function.Parameters.Any(p => p.RefKind is RefKind.Ref or RefKind.Out) || Writes(body, called.Function)));

    /// <summary>A local or parameter of <paramref name="function"/> or of a function or lambda inside it.</summary>
    private static bool DeclaredIn(ISymbol symbol, ISymbol function)
    {
        for (var s = symbol.ContainingSymbol; s is IMethodSymbol; s = s.ContainingSymbol)
        {
            if (SymbolEqualityComparer.Default.Equals(s, function)) return true;
        }
        return false;
    }

    /// <summary>
    /// The first write of an inlined body that is not lowered as the caller's own: into an array local or array
    /// parameter of the function itself (it would be bound to the caller's array by value), an array local of the
    /// caller assigned whole, or anything but a local, a parameter, a struct member of one, or an element of a local or
    /// parameter array (a field, <c>this</c>'s members).
    /// </summary>
    private static (string What, string Hint)? WriteProblem(IOperation body, ISymbol function, bool receiverWritable = false, IReadOnlyCollection<IParameterSymbol>? writtenArrays = null)
    {
        foreach (var write in body.Descendants())
        {
            if (InsideLocalFunction(write, body)) continue;
            var targets = new List<IOperation>();
            switch (write)
            {
                case IDeconstructionAssignmentOperation deconstruction:
                    Flatten(deconstruction.Target, targets);
                    break;
                case IAssignmentOperation assignment:
                    targets.Add(assignment.Target);
                    break;
                case IIncrementOrDecrementOperation increment:
                    targets.Add(increment.Target);
                    break;
                default:
                    continue;
            }
            foreach (var target in targets)
            {
                if (target is IDeclarationExpressionOperation) continue;
                // A member set in an object or 'with' initializer (new Sample { Id = s.Id + 1 }, structs14): part of the new value.
                if (target is IMemberReferenceOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver } }) continue;
                // this.X += d in a struct method inlined on the caller's variable (ExpressionLowering.MutatingCalls).
                if (receiverWritable && ExpressionLowering.OnReceiver(target)) continue;
                // o[i][j] = … into a row of a jagged parameter bound to the caller's local jagged array (InlineCall): a store into it.
                if (target is IArrayElementReferenceOperation { ArrayReference: IArrayElementReferenceOperation { ArrayReference: var jaggedArray } }
                    && Variable(jaggedArray) is IParameterSymbol writtenJagged && writtenArrays is not null && writtenArrays.Any(p => SymbolEqualityComparer.Default.Equals(p, writtenJagged))) continue;
                if (target is IArrayElementReferenceOperation { ArrayReference: var array })
                {
                    if (Variable(array) is { } owner && !DeclaredIn(owner, function)) continue;
                    // A local array the body makes itself (var r = new double[n]; r[i] = …): a fresh array of the inlined
                    // body, declared where it is inlined (in a loop, once per iteration), that nothing of the caller names.
                    if (Variable(array) is ILocalSymbol { IsRef: false } made && IsArrayLocal(made) && MadeIn(made, body)) continue;
                    // An array parameter bound to the caller's array (InlineCall): a store into that array.
                    if (Variable(array) is IParameterSymbol written && writtenArrays is not null && writtenArrays.Any(p => SymbolEqualityComparer.Default.Equals(p, written))) continue;
                    return ("writes into the array '" + Describe.Snippet(array.Syntax) + "'" + (Variable(array) is null ? "" : " of its own"),
                        "write into an array of the method (captured), or return the value and store it in the caller");
                }
                // result[i] = … through a span: its own span parameter bound to a view of the caller's array (SpanParameters),
                // or a span local of the body (a stackalloc buffer, a view), lowered as the caller's own span locals are.
                if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } spanned } && SpanViews.IsRealSpanType(spanned.Type)
                    && (Variable(spanned) is IParameterSymbol writtenSpan && writtenArrays is not null && writtenArrays.Any(p => SymbolEqualityComparer.Default.Equals(p, writtenSpan))
                        || Variable(spanned) is ILocalSymbol spanLocal && DeclaredIn(spanLocal, function))) continue;
                if (Variable(target) is { } variable)
                {
                    if (!IsArrayLocal(variable)) continue;
                    return ("assigns the array '" + variable.Name + "'", "create the array in the method, before the call");
                }
                if (StructPaths.TryGet(target, out var structVariable, out _) && structVariable is ILocalSymbol or IParameterSymbol) continue;
                return ("writes to '" + Describe.Snippet(target.Syntax) + "'",
                    "an inlined body may write its own locals and parameters, and a local function the method's locals, parameters and array elements: return the value and assign it in the caller");
            }
        }
        return null;
    }

    /// <summary>
    /// <paramref name="local"/> is declared in <paramref name="body"/> as a new array (<c>new double[n]</c>, an initializer,
    /// a collection expression, <c>new double[n, k]</c>: idioms23) or from a plain helper returning one (ArrayHelpers), not as a view of another array.
    /// </summary>
    private static bool MadeIn(ILocalSymbol local, IOperation body) =>
        body.Descendants().OfType<IVariableDeclaratorOperation>().Where(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local)).ToList() is { Count: 1 } declared
        && (declared[0].Initializer?.Value ?? (declared[0].Parent as IVariableDeclarationOperation)?.Initializer?.Value) is { } value
        && (ArrayCreation.TryRead(value, out _, out _) || GridCreation.IsCreation(value, 2) || value is IInvocationOperation { Instance: null } call && ArrayHelpers.HasShape(call.TargetMethod));

    /// <summary>Why a body cannot be lowered as a method body (a goto, try, using, lock), or null when it can.</summary>
    private static string? Unbranchable(IOperation body)
    {
        foreach (var d in body.Descendants())
        {
            if (InsideLocalFunction(d, body)) continue;
            switch (d)
            {
                case IBranchOperation { BranchKind: BranchKind.GoTo }: return "a goto";
                // using (var e = xs.GetEnumerator()) is the element walk, lowered in any body as the statements it holds
                // (StatementLowering.Enumerators; linq22: Math.NET's Variance inlined as a plain helper).
                case IUsingOperation { Resources: IVariableDeclarationGroupOperation group } when DeclaresOnlyEnumerators(group): continue;
                case ITryOperation or IUsingOperation or ILockOperation: return "a try, using or lock";
            }
        }
        return null;
    }

    /// <summary>Every resource <paramref name="group"/> declares is a <c>GetEnumerator()</c> of a real sequence (Enumerators.Source).</summary>
    private static bool DeclaresOnlyEnumerators(IVariableDeclarationGroupOperation group) =>
        group.Declarations.SelectMany(d => d.Declarators.Select(v => (v.Initializer ?? d.Initializer)?.Value)).ToList() is { Count: > 0 } values
        && values.All(v => Enumerators.Source(v) is not null);

    private int[]? RejectCall(IOperation at, string what, string hint)
    {
        _context.ReportUnsupportedExpression(at, what, hint);
        return null;
    }

    /// <summary>True when a local function or lambda lies between <paramref name="op"/> and <paramref name="root"/>.</summary>
    private static bool InsideLocalFunction(IOperation op, IOperation root)
    {
        for (var p = op.Parent; p is not null && p != root; p = p.Parent)
        {
            if (p is ILocalFunctionOperation or IAnonymousFunctionOperation) return true;
        }
        return false;
    }
}
