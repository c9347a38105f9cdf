using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Tuples of reals returned by a [Differentiable] callee (a vector-valued method, <c>(double, double) Polar(r, t)</c>),
/// read where they are called: <c>var (x, y) = Polar(r, t);</c> or <c>Polar(r, t).Item1</c>. The call is one node of
/// the tuple type, each element a <see cref="GateKind.Part"/> (as a struct result's members); the callee's Backward
/// takes the tuple of the elements' adjoints as its <c>dResult</c>. A tuple kept in a local is not carried (yet).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Set while a tuple-returning call is lowered for its elements (LowerCall refuses a tuple result otherwise).</summary>
    private bool _tupleResult;

    /// <summary>The elements of a tuple a call returns, one node each (Item1, Item2, …); null after a diagnostic.</summary>
    public int[]? LowerTupleCall(IInvocationOperation invocation)
    {
        if (StatementLowering.IsInlinedCall(invocation) && _context.InlineStructCall is { } inline) return inline(invocation);
        var components = RealStructs.ResultComponents(invocation.Type)!;
        if (!IsVaried(invocation))
        {
            // Computed once from constants, read per element.
            string? text = _renderer.Render(invocation);
            if (text is null) return null;
            int whole = _context.AddConstant(text, ScalarType.Other, invocation.Type!.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, _renderer.Dependencies);
            string name = _context.Nodes[whole].Name;
            return components.Select(c => _context.AddConstant(name + "." + c.Path, c.Type, c.Keyword, null, isAtom: true, new[] { whole })).ToArray();
        }
        var method = invocation.TargetMethod;
        if (IsSinCos(method))
        {
            // Math.SinCos(x) is (Math.Sin(x), Math.Cos(x)): one argument, two gates.
            int argument = Lower(invocation.Arguments[0].Value, null);
            var type = TypeOf(invocation.Arguments[0].Value);
            return new[] { _context.AddGate(GateKind.Sin, type, null, argument), _context.AddGate(GateKind.Cos, type, null, argument) };
        }
        // A plain helper returning a tuple (idioms12): its body inlined, one node per element.
        if (!DerivativeResolver.IsDifferentiable(method) && InlinePlainTupleHelper(invocation) is { } inlined) return inlined.Length == 0 ? null : inlined;
        // A plain instance helper of this object returning a tuple (natural18): inlined as one returning a struct is.
        if (!DerivativeResolver.IsDifferentiable(method) && InlineThisStruct(invocation) is { Handled: true } self) return self.Nodes;
        if (!DerivativeResolver.IsDifferentiable(method))
        {
            _context.ReportUnsupportedExpression(invocation, "A call to '" + method.ContainingType.Name + "." + method.Name + "', which returns a tuple and is not [Differentiable], with a differentiated value",
                "compute each element on its own, or make it a [Differentiable] method that returns the tuple");
            return null;
        }
        bool saved = _tupleResult;
        _tupleResult = true;
        try
        {
            return StructCall(invocation, components);
        }
        finally
        {
            _tupleResult = saved;
        }
    }

    /// <summary><c>Math.SinCos</c>, <c>MathF.SinCos</c>, <c>double.SinCos</c>, <c>float.SinCos</c>: a tuple of two known functions.</summary>
    public static bool IsSinCos(IMethodSymbol method) =>
        method is { Name: "SinCos", Parameters.Length: 1 } && MathFunctions.IsMathLike(method)
        && method.Parameters[0].Type.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

    /// <summary>A value under a variable's name: a copy of it (a constant stays a constant).</summary>
    public int Copy(int node, string name)
    {
        var n = _context.Nodes[node];
        return n.Varied ? _context.AddGate(GateKind.Copy, n.Type, name, node) : _context.AddConstant(n.Name, n.Type, n.TypeName, name, isAtom: false, new[] { node });
    }

    /// <summary><c>F(x).Item1</c> (or a named element): the element's node.</summary>
    private int TupleElement(IInvocationOperation call, IFieldSymbol field, IOperation at, string? userName)
    {
        var parts = LowerTupleCall(call);
        if (parts is null) return Placeholder(at);
        var components = RealStructs.ResultComponents(call.Type)!;
        string item = (field.CorrespondingTupleField ?? field).Name;
        int index = -1;
        for (int i = 0; i < components.Count; i++)
        {
            if (components[i].Path == item) index = i;
        }
        if (index < 0)
        {
            _context.ReportUnsupportedExpression(at, "A member of a tuple that is not one of its elements");
            return Placeholder(at);
        }
        return Named(parts[index], userName, at);
    }
}
