using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// An instance method of a struct of reals that is not itself [Differentiable] (<c>readonly struct V { public double
/// Dot(V o) =&gt; X * o.X + Y * o.Y; }</c>, called as <c>a.Dot(b)</c>) is inlined where it is called, as a computed
/// property and a user operator are: <c>this</c> is bound to the receiver's components and each parameter (a real, or a
/// struct of reals carried as its members; by value or <c>in</c>) to its argument, and the body is lowered in place (one
/// of several statements as a local function's is). So a readonly struct, whose members a Backward could not add into one by one,
/// gets its gradient through its methods as through its members. Anything else a body does is lowered as in any method,
/// so what is not supported there is reported there; a longer body keeps the error that says what to write instead.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The body of an inlinable instance method of a struct of reals, or null when it is not one.</summary>
    private InlinedBody? InstanceMethodBody(IMethodSymbol method, IOperation? instance)
    {
        if (!InlinableInstanceMethod(method, instance) || CalleeBodies.Find(method, _compilation) is not { Body: var body }) return null;
        return InlinedBody.Of(body.ExpressionBody ?? body.BlockBody, method, "A call to '" + method.ContainingType.Name + "." + method.Name + "'");
    }

    /// <summary>
    /// A member's body to inline: the expression of one expression or one return (lowered here), or a block of several
    /// statements (locals, branches, loops), lowered as a local function's body is (<see cref="LoweringContext.InlineBody"/>).
    /// </summary>
    private sealed class InlinedBody
    {
        public IOperation? Returned;
        public IBlockOperation? Block;
        public IMethodSymbol Member = null!;
        public string Name = "";

        public static InlinedBody? Of(IBlockOperation? block, IMethodSymbol member, string name) =>
            block is null ? null
            : block is { Operations.Length: 1 } && block.Operations[0] is IReturnOperation { ReturnedValue: { } returned } ? new InlinedBody { Returned = returned, Member = member, Name = name }
            : new InlinedBody { Block = block, Member = member, Name = name };
    }

    /// <summary>The body's value (one node, or one per component of a struct), its parameters and receiver bound; null after a diagnostic.</summary>
    private int[]? LowerInlined(InlinedBody body, IOperation at)
    {
        try
        {
            bool isStruct = RealStructs.IsRealStruct(body.Member.ReturnType);
            if (body.Returned is { } returned) return isStruct ? LowerStruct(returned) : new[] { Lower(returned, null) };
            if (_context.InlineBody is not { } inline)
            {
                _context.ReportUnsupportedExpression(at, body.Name + ", whose body has several statements", "write it as one expression");
                return null;
            }
            return inline(body.Block!, at, body.Name, body.Member);
        }
        finally
        {
            ForgetInlined(body.Member, (IOperation?)body.Block ?? body.Returned);
        }
    }

    /// <summary>
    /// After a body is inlined, its parameters and locals are out of scope. Left holding their last values, a later branch
    /// that inlines the same body again would merge them with values from inside an earlier loop (a phi reading a loop's
    /// node after the loop), whose adjoint the reverse sweep then accumulated across iterations: a wrong gradient. The
    /// parameters of a lambda or local function in the body are its variables too (natural18: <c>static double SumSq(double[] v)
    /// =&gt; v.Sum(t =&gt; t * t);</c> called, then called again under an if, accumulated the first loop's <c>dT</c> across its
    /// iterations, as did a <c>Zip</c>'s <c>(p, q)</c> in a helper returning <c>ToArray()</c>).
    /// </summary>
    public void ForgetInlined(IMethodSymbol member, IOperation? body)
    {
        var variables = new List<ISymbol>(member.Parameters);
        if (body is not null)
        {
            var all = body.DescendantsAndSelf().ToList();
            variables.AddRange(all.OfType<IVariableDeclaratorOperation>().Select(d => d.Symbol));
            variables.AddRange(all.OfType<IAnonymousFunctionOperation>().SelectMany(f => f.Symbol.Parameters));
            variables.AddRange(all.OfType<ILocalFunctionOperation>().SelectMany(f => f.Symbol.Parameters));
        }
        foreach (var variable in variables)
        {
            if (RealStructs.IsRealStruct(LoweringContext.TypeOfVariable(variable)) && RealStructs.Components(LoweringContext.TypeOfVariable(variable)) is { } components)
            {
                foreach (var c in components) _context.Forget(_context.Component(variable, c.Path));
            }
            _context.Forget(variable);
        }
    }

    /// <summary>The method's shape allows inlining (its body is judged by <see cref="InstanceMethodBody"/>).</summary>
    private bool InlinableInstanceMethod(IMethodSymbol method, IOperation? instance)
    {
        if (instance is null || method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod) return false;
        var type = method.ContainingType;
        if (!RealStructs.IsBoundaryStruct(type) && !ValueClasses.IsCarried(type) || RealStructs.IsNumericsVector(type) || RealStructs.IsComplex(type)) return false;
        if (!SymbolEqualityComparer.Default.Equals(type, instance.Type)) return false;
        // An opted-in [Differentiable] method is called through its own Backward (WithRespectToThis, StructMethods). Without
        // the opt-in that Backward has no dThis, so on a struct value (Clad's sf.MemFn(i, j)) its body is inlined. Forward
        // and Hessian mode have no tangent of this to call the callee with, so they inline an opted-in body too, unless a
        // [NoDiff] member makes the callee's derivative (that member a constant) differ from its body's.
        if (ThisState.IsOptedIn(method) && !((_context.Forward || _context.Hessian) && !type.GetMembers().Any(m => RealStructs.IsComponentMember(m) && ThisState.IsNoDiff(m)))) return false;
        // 'this' inside an inlined body is the receiver bound there; elsewhere it is the method's own object, not a struct value.
        if (instance is IInstanceReferenceOperation && InlinedReceiver(instance.Type) is null) return false;
        bool Real(ITypeSymbol t) => t.SpecialType is SpecialType.System_Double or SpecialType.System_Single || RealStructs.IsBoundaryStruct(t) && !RealStructs.IsComplex(t);
        // An int, a bool or an enum parameter (a count, a switch) holds its argument's value as a real one does.
        return Real(method.ReturnType) && method.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In && !p.IsParams && (Real(p.Type) || PiecewiseConstant.IsDiscrete(p.Type)));
    }

    private readonly List<IMethodSymbol> _inliningThisMethods = new();

    /// <summary>
    /// A plain (not [Differentiable]) instance helper of this object returning a real, called on <c>this</c> from an instance
    /// method (<c>double Predict(double x) =&gt; W * x + B;</c>, a class's or a struct's): its body is the caller's code, the
    /// same object's members read as the caller reads them (constants, or inputs under WithRespectToThis); null when it is not one.
    /// With <paramref name="structResult"/> the helper returns a struct of reals instead and may take structs of reals (hunt16:
    /// OpenTK's <c>BezierCurveCubic.CalculateLength</c> sums <c>(CalculatePoint(t) - old).Length</c>, <c>Vector2 CalculatePoint(float t)</c>).
    /// </summary>
    private InlinedBody? ThisMethodBody(IMethodSymbol method, IOperation? instance, bool structResult = false)
    {
        if (instance is not IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ContainingTypeInstance } || InlinedReceiver(instance.Type) is not null) return null;
        if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || method.IsGenericMethod || method.IsVirtual || method.IsAbstract || method.IsOverride || method.IsExtern) return null;
        if (DerivativeResolver.IsDifferentiable(method)) return null;
        bool Real(ITypeSymbol t) => t.SpecialType is SpecialType.System_Double or SpecialType.System_Single;
        // A double[]/float[] or ReadOnlySpan parameter (double Predict(double[] x), natural15) stands for the caller's array,
        // read element by element as a static plain helper's does (InlineThisMethod refuses a body writing it).
        // A struct parameter or result is carried as its components, as an inlined struct method's are (not Complex: its parts are named otherwise).
        bool RealStruct(ITypeSymbol t) => structResult && RealStructs.IsRealStruct(t) && RealStructs.IsBoundaryStruct(t) && !RealStructs.IsComplex(t);
        // A tuple of reals is returned as its elements, as a static plain helper's is (natural18: an arm's
        // (double X, double Y) Tip(double shoulder, double elbow) reading the arm's lengths, then var (x, y) = Tip(s, e)).
        bool Result(ITypeSymbol t) => structResult ? RealStruct(t) || RealStructs.IsRealTuple(t) : Real(t);
        if (!Result(method.ReturnType) || !method.Parameters.All(p => p.RefKind is RefKind.None or RefKind.In && !p.IsParams
            && (Real(p.Type) || RealStruct(p.Type) || PiecewiseConstant.IsDiscrete(p.Type) || p.RefKind == RefKind.None && PlainHelpers.IsRealSequence(p.Type)))) return null;
        if (CalleeBodies.Find(method, _compilation) is not { Body: var body }) return null;
        return InlinedBody.Of(body.ExpressionBody ?? body.BlockBody, method, "A call to '" + method.ContainingType.Name + "." + method.Name + "'");
    }

    /// <summary><c>Predict(x)</c> on this: the body's value; -2 when it is no such call.</summary>
    private int InlineThisMethod(IMethodSymbol method, IOperation[] arguments, IOperation? instance, IOperation at, string? userName)
    {
        if (ThisMethodBody(method, instance) is not { } body) return -2;
        return InlineThisBody(method, body, arguments, at) is { Length: 1 } nodes && nodes[0] >= 0 ? Named(nodes[0], userName, at) : Placeholder(at);
    }

    /// <summary><c>CalculatePoint(t)</c> on this, returning a struct or a tuple of reals: the body's components; not handled when it is no such call.</summary>
    private (bool Handled, int[]? Nodes) InlineThisStruct(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (ThisMethodBody(method, invocation.Instance, structResult: true) is not { } body) return (false, null);
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null) return (false, null);
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        var nodes = InlineThisBody(method, body, arguments, invocation);
        return (true, nodes is not null && nodes.All(n => n >= 0) ? nodes : null);
    }

    /// <summary>A call on this to a plain instance helper returning a tuple of reals, which <see cref="LowerTupleCall"/> inlines (<c>var (x, y) = Tip(s, e);</c>).</summary>
    public bool IsThisTupleHelper(IInvocationOperation call) =>
        RealStructs.IsRealTuple(call.Type) && ThisMethodBody(call.TargetMethod, call.Instance, structResult: true) is not null;

    /// <summary>A this-helper's body inlined with its arguments bound: its value (one node or a struct's components); null after a diagnostic.</summary>
    private int[]? InlineThisBody(IMethodSymbol method, InlinedBody body, IOperation[] arguments, IOperation at)
    {
        if (_inliningThisMethods.Any(m => SymbolEqualityComparer.Default.Equals(m, method)))
        {
            _context.ReportUnsupportedExpression(at, "An instance method that calls itself", "compute the value in the method, or mark it [Differentiable]");
            return null;
        }
        if (ArrayParameterWrite(method, body) is { } write)
        {
            _context.ReportUnsupportedExpression(at, "A call to the instance method '" + method.Name + "' of this object, which " + write,
                "write the result into a local of " + method.Name + " and return it, or mark it [Differentiable(WithRespectToThis = true)]");
            return null;
        }
        var bound = BindArguments(method, SpanArguments(method, arguments));
        if (bound is null) return null;
        _inliningThisMethods.Add(method);
        try
        {
            Bind(bound);
            return LowerInlined(body, at);
        }
        finally
        {
            _inliningThisMethods.RemoveAt(_inliningThisMethods.Count - 1);
        }
    }

    /// <summary>
    /// What a this-helper taking an array does to it besides reading (an element store, directly or through a call), as
    /// the text of the refusal; null when it only reads its arrays (or takes none). Inlined, the parameter is the
    /// caller's array, and a write there would need the in/out adjoint only a [Differentiable] callee has.
    /// </summary>
    private string? ArrayParameterWrite(IMethodSymbol method, InlinedBody body)
    {
        if (!method.Parameters.Any(p => PlainHelpers.IsRealSequence(p.Type))) return null;
        var root = (IOperation?)body.Block ?? body.Returned!;
        foreach (var op in root.DescendantsAndSelf())
        {
            var target = op switch { IAssignmentOperation a => a.Target, IIncrementOrDecrementOperation i => i.Target, _ => null };
            if (target is IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation { Parameter: var p } }) return "writes into an element of its array argument '" + p.Name + "'";
            if (target is IParameterReferenceOperation { Parameter: var q } && PlainHelpers.IsRealSequence(q.Type)) return "assigns its array parameter '" + q.Name + "'";
        }
        return body.Block is { } block && _context.Writes?.Of(method, block) is { Count: > 0 } written
            ? "writes into its array argument '" + method.Parameters[written.Min()].Name + "' through a call" : null;
    }

    /// <summary><c>a.Dot(b)</c> returning a real: the body's value; -2 when it is no such call.</summary>
    private int InlineInstanceMethod(IMethodSymbol method, IOperation[] arguments, IOperation? instance, IOperation at, string? userName)
    {
        if (InlineThisMethod(method, arguments, instance, at, userName) is var self && self != -2) return self;
        // A struct method writing its own members whose value is read (return sf.RefMemFn(i);): inlined with its receiver live.
        if (at is IInvocationOperation call && !RealStructs.IsRealStruct(method.ReturnType) && MutatingValue(call) is { Handled: true } mutating)
            return mutating.Nodes is { Length: 1 } value && value[0] >= 0 ? Named(value[0], userName, at) : Placeholder(at);
        if (RealStructs.IsRealStruct(method.ReturnType) || InstanceMethodBody(method, instance) is not { } returned) return -2;
        var bound = BindArguments(method, arguments);
        if (bound is null) return Placeholder(at);
        var (ok, nodes) = WithReceiver(instance!, method, at, () =>
        {
            Bind(bound);
            return LowerInlined(returned, at);
        });
        return ok && nodes is { Length: 1 } ? Named(nodes[0], userName, at) : Placeholder(at);
    }

    /// <summary><c>a.Scaled(k)</c> returning a struct of reals: the body's components; not handled when it is no such call.</summary>
    private (bool Handled, int[]? Nodes) InlineInstanceStruct(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (RealStructs.IsRealStruct(method.ReturnType) && MutatingValue(invocation) is { Handled: true } mutating) return mutating;
        if (!RealStructs.IsRealStruct(method.ReturnType) || InstanceMethodBody(method, invocation.Instance) is not { } returned) return (false, null);
        var arguments = new IOperation[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null) return (false, null);
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }
        var bound = BindArguments(method, arguments);
        if (bound is null) return (true, null);
        var (ok, nodes) = WithReceiver(invocation.Instance!, method, invocation, () =>
        {
            Bind(bound);
            return LowerInlined(returned, invocation);
        });
        return (true, ok ? nodes : null);
    }

    /// <summary>Each argument lowered (before the receiver is bound: 'this' in an argument is the caller's); null after a diagnostic.</summary>
    private List<(IParameterSymbol Parameter, int[] Nodes)>? BindArguments(IMethodSymbol method, IOperation[] arguments, System.Func<int, bool>? skip = null)
    {
        var bound = new List<(IParameterSymbol Parameter, int[] Nodes)>();
        for (int i = 0; i < arguments.Length; i++)
        {
            var p = method.Parameters[i];
            if (arguments[i] is null) return null;
            // A jagged row bound as an alias of the row, not as a value (ExpressionLowering.PlainRowArguments).
            if (skip?.Invoke(i) == true) continue;
            // An array of structs is bound by its component arrays (StructArrayArguments), not as a value.
            if (ValueKinds.IsStructCollection(p.Type)) continue;
            // An array made at the call (a params list in expanded form, new[] { … }) is a new local array, as for a
            // [Differentiable] callee (natural20: Evaluate.Polynomial(z, 1.0, 0.5, -0.125)).
            var nodes = RealStructs.IsRealStruct(p.Type) ? LowerStruct(arguments[i])
                : TemporaryArrayArgument(arguments[i], p) is var made && made != -2 ? new[] { made }
                : ReturnedArrayArgument(arguments[i], p) is var returned && returned != -2 ? new[] { returned }
                : new[] { Lower(arguments[i], null) };
            if (nodes is null || nodes.Any(n => n < 0)) return null;
            bound.Add((p, nodes));
        }
        return bound;
    }

    private void Bind(List<(IParameterSymbol Parameter, int[] Nodes)> bound)
    {
        foreach (var (p, nodes) in bound)
        {
            if (RealStructs.IsRealStruct(p.Type) && RealStructs.Components(p.Type) is { } components)
            {
                for (int k = 0; k < components.Count; k++) _context.Assign(_context.Component(p, components[k].Path), nodes[k]);
            }
            else
            {
                _context.Assign(p, nodes[0]);
            }
        }
    }
}
