using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: <c>throw</c> statements and guard calls (<c>ArgumentNullException.ThrowIfNull</c>,
/// <c>ArgumentOutOfRangeException.ThrowIfNegative</c>, <c>Debug.Assert</c>). They stay in the forward sweep, in
/// place, and are not differentiated: Backward throws exactly when the method throws, before the reverse sweep
/// writes any adjoint. A throw ends its path like a return that produces no value, so a branch that always
/// throws contributes nothing where the branches meet.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The exception of a <c>throw e;</c> statement, or null for any other statement.</summary>
    private static IThrowOperation? ThrowStatement(IOperation statement) => statement switch
    {
        IThrowOperation t => t,
        IExpressionStatementOperation { Operation: IThrowOperation t } => t,
        _ => null,
    };

    /// <summary>Syntactically certain to throw: ends in a throw, or an if/else whose branches both do.</summary>
    private static bool AlwaysThrows(List<IOperation> statements)
    {
        if (statements.Count == 0) return false;
        var last = statements[statements.Count - 1];
        return ThrowStatement(last) is not null ||
               last is IConditionalOperation c && AlwaysThrows(Flatten(c.WhenTrue)) && AlwaysThrows(Flatten(c.WhenFalse));
    }

    private void LowerThrow(IThrowOperation thrown, IOperation statement)
    {
        var exception = thrown.Exception;
        if (exception is null)
        {
            Unsupported(statement, "A rethrow ('throw;')", "move error handling out of the differentiable method");
            return;
        }
        ThrowEffects.Add(_context, thrown);
    }

    /// <summary>
    /// A call that only checks its arguments and throws: a static Throw… method of an exception type in
    /// System (ThrowIfNull, ThrowIfNegative, ThrowIfGreaterThan, ThrowIfNullOrEmpty, …), or Debug.Assert.
    /// Anything else called for its effects stays an error: Backward would run it a second time.
    /// </summary>
    private static bool IsGuard(IMethodSymbol method)
    {
        if (!method.ReturnsVoid || !method.IsStatic) return false;
        var type = method.ContainingType;
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        if (ns == "System.Diagnostics" && type.Name == "Debug" && method.Name == "Assert") return true;
        if (ns != "System" || !method.Name.StartsWith("ThrowIf", System.StringComparison.Ordinal)) return false;
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (t.Name == "Exception" && t.ContainingNamespace?.ToDisplayString() == "System") return true;
        }
        return false;
    }

    /// <summary>
    /// A call that only writes a trace (<c>Console.WriteLine($"loss {loss}")</c>, <c>Debug.WriteLine(…)</c>,
    /// <c>Trace.TraceInformation(…)</c>): run in place in the forward sweep like a guard, so a generated method writes what
    /// the method writes at the same point; nothing flows back through it, and what it writes is no input of the result.
    /// </summary>
    private static bool IsTrace(IMethodSymbol method)
    {
        if (!method.ReturnsVoid || !method.IsStatic) return false;
        var type = method.ContainingType;
        string ns = type.ContainingNamespace?.ToDisplayString() ?? "";
        return ns == "System" && type.Name == "Console" && method.Name is "Write" or "WriteLine"
            || ns == "System.Diagnostics" && type.Name is "Debug" or "Trace" && method.Name is "Write" or "WriteLine" or "WriteIf" or "WriteLineIf" or "Print"
                or "Indent" or "Unindent" or "Fail" or "TraceInformation" or "TraceWarning" or "TraceError";
    }

    private void LowerGuard(IInvocationOperation call)
    {
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.RenderEffect(call);
        if (text is not null) _context.AddEffect(GateKind.Guard, text, renderer.Dependencies);
    }

    /// <summary>After lowering a loop's body: a body that always throws would leave the loop's own bookkeeping unreachable.</summary>
    private void RejectThrowingBody(bool bodyThrows, IOperation loop)
    {
        if (!bodyThrows) return;
        Unsupported(loop, "A loop whose body always throws ('" + Describe.Snippet(loop.Syntax) + "')",
            "throw before the loop, or only under a condition inside it (if (…) throw …;)");
    }

    /// <summary>The top-level block always throws: there is no result to differentiate.</summary>
    private bool BodyAlwaysThrows() => Effects.AlwaysThrows(_context.TopBlock(), id => _context.Nodes[id]);
}
