using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A struct method that writes its own members (<c>void Scale(double k) { X *= k; Y *= k; }</c>, <c>this.X += d</c>),
/// called as a statement on a struct local or parameter (<c>v.Scale(k);</c>): a write of that variable. Its body is
/// inlined with <c>this</c> standing for the caller's variable itself (<see cref="LoweringContext.LiveReceiver"/>), so
/// each member it writes is a new version of that variable's component, as <c>v.X *= k;</c> written in place would be:
/// the reverse sweep reads the versions it needs and nothing is overwritten. Its value may be used in an expression
/// (<c>return sf.RefMemFn(i);</c>, <c>s += v.Step(k);</c>): the body is inlined where C# evaluates the call, so operands
/// to its left read the members before it and those to its right after it. Called on anything else (an <c>in</c>
/// or <c>ref</c> variable, a foreach variable, a member reached through a property: C# would change a copy), or only on
/// some paths of an expression, it is reported at the call.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lowers <c>v.Scale(k);</c> (a statement); false when the call is not to a struct method that writes its receiver.</summary>
    public bool LowerMutatingCall(IInvocationOperation call) => InlineMutating(call, out _);

    /// <summary>
    /// <c>sf.RefMemFn(i)</c> whose value is used: the nodes of its value (one, or one per member of a struct result), null
    /// after a diagnostic; not handled when the call is not to a struct method that writes its receiver.
    /// </summary>
    private (bool Handled, int[]? Nodes) MutatingValue(IInvocationOperation call)
    {
        if (!IsMutatingCall(call)) return (false, null);
        if (EmbeddedEffects.Conditionally(call) is { } sometimes)
        {
            // Lowered where the expression starts, its writes would happen on paths where C# does not make the call.
            _context.ReportUnsupportedExpression(call, "A call to '" + call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + "', which writes the struct's own members, evaluated only on some paths of an expression (inside '" + Describe.Snippet(sometimes.Syntax) + "')",
                "call it in a statement of its own, under an if, and keep its value in a local");
            return (true, null);
        }
        InlineMutating(call, out var nodes);
        return (true, nodes);
    }

    /// <summary>Inlines the call with its receiver live; false when it is not such a call. <paramref name="nodes"/>: its value, null after a diagnostic.</summary>
    private bool InlineMutating(IInvocationOperation call, out int[]? nodes)
    {
        nodes = null;
        var method = call.TargetMethod;
        if (call.Instance is not { } instance || !MutatingShape(method, instance) || MutatingBody(method) is not { } body) return false;
        string name = "A call to '" + method.ContainingType.Name + "." + method.Name + "', which writes the struct's own members,";
        if (!StructPaths.TryGet(instance, _context, out var variable, out var prefix) || !_context.IsCarriedStruct(variable))
        {
            _context.ReportUnsupportedExpression(call, name + " on a value that is not a struct local or parameter",
                "call it on a local: var t = …; t." + method.Name + "(…);");
            return true;
        }
        if (variable is ILocalSymbol { IsRef: true } or ILocalSymbol { IsForEach: true } or ILocalSymbol { IsUsing: true } or IParameterSymbol { RefKind: not RefKind.None }
            || prefix.Length > 0 && RealStructs.ThroughProperty(LoweringContext.TypeOfVariable(variable)!, prefix))
        {
            // C# runs it on a copy there (a readonly variable, a property's value) or on a variable the method does not own.
            _context.ReportUnsupportedExpression(call, name + " on '" + Describe.Snippet(instance.Syntax) + "', a ref, in, foreach or using variable or a member reached through a property",
                "copy it into a local first: var t = " + Describe.Snippet(instance.Syntax) + "; t." + method.Name + "(…); and use t");
            return true;
        }
        if (_receivers.Any(r => SymbolEqualityComparer.Default.Equals(r.Member, method)))
        {
            _context.ReportUnsupportedExpression(call, "A struct method that calls itself", "write the loop in the method");
            return true;
        }
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in call.Arguments)
        {
            if (argument.Parameter is null) return false;
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        var bound = BindArguments(method, arguments);
        if (bound is null) return true;
        if (_context.InlineMutatingBody is not { } inline) return false;
        var live = new LoweringContext.LiveReceiver(variable, prefix);
        _receivers.Add((method, instance.Type!, new int[0], live));
        _context.PushReceiver(instance.Type!, live);
        try
        {
            Bind(bound);
            nodes = inline(body, call, "'" + method.ContainingType.Name + "." + method.Name + "'", method, variable);
        }
        finally
        {
            _receivers.RemoveAt(_receivers.Count - 1);
            _context.PopReceiver();
            ForgetInlined(method, body);
        }
        return true;
    }

    /// <summary>True when <paramref name="call"/> is to a struct method that writes its receiver (the variable it is called on is written).</summary>
    public bool IsMutatingCall(IInvocationOperation call) =>
        call.Instance is { } instance && MutatingShape(call.TargetMethod, instance) && MutatingBody(call.TargetMethod) is not null;

    /// <summary>A call whose shape allows inlining with a live receiver (its body is judged by <see cref="MutatingBody(IMethodSymbol)"/>).</summary>
    private static bool MutatingShape(IMethodSymbol method, IOperation instance)
    {
        if (method.IsStatic || method.IsReadOnly || method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod || ThisState.IsOptedIn(method)) return false;
        var type = method.ContainingType;
        if (!RealStructs.IsBoundaryStruct(type) || RealStructs.IsNumericsVector(type) || RealStructs.IsComplex(type)) return false;
        if (!SymbolEqualityComparer.Default.Equals(type, instance.Type)) return false;
        bool Real(ITypeSymbol t) => t.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsBoundaryStruct(t) && !RealStructs.IsComplex(t);
        return (method.ReturnsVoid || Real(method.ReturnType))
            && method.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In && !p.IsParams && (Real(p.Type) || PiecewiseConstant.IsDiscrete(p.Type)));
    }

    /// <summary>The method's body when it writes its receiver (itself or through another such method of the struct on <c>this</c>); otherwise null.</summary>
    private IBlockOperation? MutatingBody(IMethodSymbol method) => MutatingBody(method, new List<IMethodSymbol>());

    private IBlockOperation? MutatingBody(IMethodSymbol method, List<IMethodSymbol> seen)
    {
        if (seen.Any(m => SymbolEqualityComparer.Default.Equals(m, method))) return null;
        seen.Add(method);
        if (CalleeBodies.Find(method, _compilation) is not { Body: var declared } || (declared.BlockBody ?? declared.ExpressionBody) is not { } body) return null;
        foreach (var op in body.Descendants())
        {
            IOperation? target = op switch
            {
                IAssignmentOperation a => a.Target,
                IIncrementOrDecrementOperation i => i.Target,
                _ => null,
            };
            if (target is not null && OnReceiver(target)) return body;
            if (op is IInvocationOperation { Instance: IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } } inner
                && SymbolEqualityComparer.Default.Equals(inner.TargetMethod.ContainingType, method.ContainingType) && !inner.TargetMethod.IsReadOnly
                && MutatingBody(inner.TargetMethod, seen) is not null) return body;
        }
        return null;
    }

    /// <summary><c>this</c>, <c>X</c>, <c>this.X</c>, <c>Start.X</c>: the struct's own value or a member of it (not a member of a class object it refers to).</summary>
    internal static bool OnReceiver(IOperation target)
    {
        for (var op = target; ;)
        {
            switch (op)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } self:
                    return self.Type?.IsValueType == true;
                case IFieldReferenceOperation { Instance: { } instance, Field.IsStatic: false } when instance.Type?.IsValueType == true:
                    op = instance;
                    continue;
                case IPropertyReferenceOperation { Instance: { } instance, Property: { IsStatic: false, IsIndexer: false } } when instance.Type?.IsValueType == true:
                    op = instance;
                    continue;
                default:
                    return false;
            }
        }
    }
}
