using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: local functions are inlined where they are called. The generated Backward is another method
/// and cannot call them; inlined, their work is differentiated like the caller's own, and a function that reads the
/// caller's variables reads the versions they hold at the call, as C# does. Supported: a body that is one expression,
/// or declarations and assignments of its own locals followed by one return, or if/else, switch, several returns and
/// throws around such statements (InlineBranches). Recursion, loops, writes to the caller's variables, ref/out/params
/// parameters and void local functions are reported with what to write instead.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The local functions being inlined, innermost last: a call to one of them again is recursion.</summary>
    private readonly List<IMethodSymbol> _inlining = new();

    private int InlineLocalFunction(IInvocationOperation call)
    {
        var function = call.TargetMethod.OriginalDefinition;
        string name = "the local function '" + function.Name + "'";
        IBlockOperation? body;
        var lambda = LambdaLocals.Lambda(call);
        if (lambda is not null)
        {
            // sq(x) through a delegate local holding a lambda: the lambda is the function (its parameters by the Invoke's ordinals).
            function = lambda.Symbol;
            name = "the lambda in '" + ((ILocalReferenceOperation)call.Instance!).Local.Name + "'";
            body = lambda.Body;
        }
        else
        {
            var declaration = Root(call).Descendants().OfType<ILocalFunctionOperation>()
                .FirstOrDefault(f => SymbolEqualityComparer.Default.Equals(f.Symbol, function));
            body = declaration?.Body ?? declaration?.IgnoredBody;
        }
        if (body is null) return Reject(call, "A call to " + name + ", whose body is not available", "make it a [Differentiable] method of the type");
        if (_inlining.Any(f => SymbolEqualityComparer.Default.Equals(f, function)))
        {
            return Reject(call, "A recursive call to " + name, "make it a [Differentiable] method of the type: recursion is differentiated there");
        }
        if (function.IsGenericMethod) return Reject(call, "A call to the generic " + name.Substring(4), "make it non-generic, or a [Differentiable] method of the type");
        if (function.Parameters.Any(p => p.RefKind != RefKind.None || p.IsParams))
        {
            return Reject(call, "A call to " + name + ", which has ref, out, in or params parameters", "pass the values and return the result");
        }
        var statements = Flatten(body.Operations).Where(s => s is not (ILocalFunctionOperation or IEmptyOperation)).ToList();
        bool simple = statements.Count > 0 && statements[statements.Count - 1] is IReturnOperation { ReturnedValue: not null }
            && statements.Take(statements.Count - 1).All(s => s is IVariableDeclarationGroupOperation or IExpressionStatementOperation && !s.Descendants().Any(d => d is IReturnOperation && !InsideLocalFunction(d, s)));
        if (!simple && Unbranchable(body) is { } why)
        {
            return Reject(call, "A call to " + name + ", whose body has " + why,
                "write the loop in the method itself, or make the function a [Differentiable] method of the type, where loops are differentiated");
        }
        if (body.Descendants().Any(d => d is IThrowOperation && !InsideLocalFunction(d, body)) && EmbeddedEffects.Conditionally(call) is { } only)
        {
            // Lowered where the expression starts, its throw would run where the method's does not.
            return Reject(call, "A call to " + name + ", which may throw, evaluated only on some paths of an expression (inside '" + Describe.Snippet(only.Syntax) + "')",
                "call it in a statement of its own, under an if");
        }
        foreach (var write in body.Descendants().Where(d => d is IAssignmentOperation or IIncrementOrDecrementOperation))
        {
            var target = write is IAssignmentOperation a ? a.Target : ((IIncrementOrDecrementOperation)write).Target;
            if (InsideLocalFunction(write, body)) continue;
            if (Variable(target) is { } variable && SymbolEqualityComparer.Default.Equals(variable.ContainingSymbol, function) && !IsArrayLocal(variable)) continue;
            return Reject(call, "A call to " + name + ", which writes to '" + Describe.Snippet(target.Syntax) + "'",
                "a local function may assign only its own scalar locals: return the value and assign it in the caller");
        }
        if (EmbeddedEffects.OutOfOrder(call.Arguments) is { } reordered)
        {
            _context.ReportUnsupportedExpression(reordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
            return -1;
        }

        // Arguments as written (C# order), then the body with each parameter holding its argument's value.
        var bound = new List<(IParameterSymbol Parameter, int Node)>();
        foreach (var argument in call.Arguments)
        {
            int node = _expressions.Lower(argument.Value, null);
            if (node < 0 || argument.Parameter is null) return -1;
            bound.Add((lambda is null ? argument.Parameter.OriginalDefinition : function.Parameters[argument.Parameter.Ordinal], node));
        }
        _inlining.Add(function);
        try
        {
            foreach (var (parameter, node) in bound) _context.Assign(parameter, node);
            if (!simple) return InlineBranches(statements, call, name);
            foreach (var statement in statements.Take(statements.Count - 1)) LowerSimpleStatement(statement);
            return _expressions.Lower(((IReturnOperation)statements[statements.Count - 1]).ReturnedValue!, null);
        }
        finally
        {
            _inlining.RemoveAt(_inlining.Count - 1);
        }
    }

    /// <summary>What the function's own return is tracked under while its body is inlined; the method's result otherwise.</summary>
    private object _resultKey = LoweringContext.ReturnValue;

    /// <summary>
    /// A body with if/else, switch, several returns and throws: lowered as a method body is (early returns take the rest
    /// of the body into each branch that reaches it), with its returns tracked under a hidden result of its own, outside
    /// any loop of the caller (a return here leaves the function, not the caller's loop) and with no vector result or
    /// outputs of the method kept at its returns.
    /// </summary>
    private int InlineBranches(List<IOperation> statements, IOperation call, string name)
    {
        var key = new LoweringContext.HiddenVariable("result");
        var (loop, resultKey, vectorResult, outputKeys) = (_loop, _resultKey, _vectorResult, _outputKeys);
        (_loop, _resultKey, _vectorResult, _outputKeys) = (null, key, null, null);
        _context.ResultKeys.Add(key);
        try
        {
            bool returned = LowerStatements(statements, 0);
            int result = _context.Current(key);
            if (returned && result >= 0) return result;
            if (returned) return Reject(call, "A call to " + name + ", which always throws", "throw in a statement of the method itself");
            return Reject(call, "A call to " + name + ", where a path reaches the end of the function without a return", "end every path with a return");
        }
        finally
        {
            _context.ResultKeys.Remove(key);
            (_loop, _resultKey, _vectorResult, _outputKeys) = (loop, resultKey, vectorResult, outputKeys);
        }
    }

    /// <summary>Why a body cannot be lowered as branches (a loop, goto, try, using, lock), or null when it can.</summary>
    private static string? Unbranchable(IOperation body)
    {
        foreach (var d in body.Descendants())
        {
            if (InsideLocalFunction(d, body)) continue;
            switch (d)
            {
                case ILoopOperation: return "a loop";
                case IBranchOperation { BranchKind: BranchKind.GoTo }: return "a goto";
                case ITryOperation or IUsingOperation or ILockOperation: return "a try, using or lock";
            }
        }
        return null;
    }

    private int Reject(IOperation at, string what, string hint)
    {
        _context.ReportUnsupportedExpression(at, what, hint);
        return -1;
    }

    private static IOperation Root(IOperation op)
    {
        while (op.Parent is not null) op = op.Parent;
        return op;
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
