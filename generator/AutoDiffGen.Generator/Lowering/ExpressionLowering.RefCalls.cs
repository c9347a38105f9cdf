using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Calls to a [Differentiable] method with ref, out or in parameters (docs/ref-out.md): <c>Step(ref x, ref v, h)</c>,
/// <c>Compute(x, out var y)</c>. The call is one node (void, or its result); each ref/out argument's new value is a
/// <see cref="GateKind.CallOutput"/> node after it, the next version of the variable. The reverse sweep calls the
/// callee's Backward with those values' adjoints as seeds (Differentiation/Differentiator.Calls).
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A call this file lowers: to a [Differentiable] method with a ref, out or in parameter of type double or float.</summary>
    public static bool IsRefCall(IInvocationOperation invocation) =>
        invocation.TargetMethod.Parameters.Any(p => p.RefKind != RefKind.None)
        && invocation.TargetMethod.Parameters.Where(p => p.RefKind != RefKind.None).All(ByReferenceParameters.Supported)
        && DerivativeResolver.IsDifferentiable(invocation.TargetMethod);

    /// <summary>
    /// A call to a method that is not [Differentiable] but has a [DerivativeOf] Backward, whose by-reference parameters are
    /// all in (or ref readonly) reals: lowered as a ref call, which passes each in argument with a ref adjoint, the shape a
    /// generated Backward has for it (DerivativeShapes expects the same).
    /// </summary>
    private bool IsInCallWithDerivative(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var byReference = method.Parameters.Where(p => p.RefKind != RefKind.None).ToList();
        return byReference.Count > 0 && byReference.All(p => p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter && ByReferenceParameters.Supported(p))
            && DerivativeResolver.Resolve(method, _caller, method.Name, null, null, _compilation) is { Form: DerivativeForm.Backward, DerivativeKey.Length: > 0 };
    }

    /// <summary>Lowers the call; returns its node (void for a void callee), or a placeholder after an error.</summary>
    public int LowerRefCall(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        if (method.IsGenericMethod || invocation.Instance is not null and not IInstanceReferenceOperation)
        {
            _context.ReportUnsupportedExpression(invocation, "A call with ref or out arguments to a generic method or on another object");
            return Placeholder(invocation);
        }
        // A [Differentiable] callee without Forward = true gets its MForward from its body (ForwardCalls.Resolve below, DerivedForms).
        if (_context.Forward && (!ForwardCalls.IsForward(method) && !DerivativeResolver.IsDifferentiable(method) || method.Parameters.Any(p => ByReferenceParameters.IsOutput(p) && ValueKinds.IsNoDiff(p))))
        {
            // The callee's MForward takes the ref/out arguments' tangents the same way (ref double tX, out double tY).
            _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, invocation.Syntax, "The call to '" + method.Name + "'",
                "it passes ref or out arguments to a method without Forward = true (or to a [NoDiff] ref or out parameter), whose values' tangents only the callee's own MForward gives",
                "add Forward = true to its [Differentiable] attribute, or remove Forward = true here"));
            return Placeholder(invocation);
        }
        if (EmbeddedEffects.OutOfOrder(invocation.Arguments) is { } reordered)
        {
            _context.ReportUnsupportedExpression(reordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
            return Placeholder(invocation);
        }
        var arguments = new IOperation?[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            if (argument.Parameter is null || argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                _context.ReportUnsupportedExpression(invocation, "An expanded params argument list", "put the values in a local array and pass the array");
                return Placeholder(invocation);
            }
            arguments[argument.Parameter.Ordinal] = argument.Value;
        }

        // Where each ref/out argument's new value goes: a local or parameter of this method, each at most once
        // (two ref arguments that alias one variable would be two outputs of one value).
        var targets = new object?[arguments.Length];
        var elements = new RefElementSlot?[arguments.Length];
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        var aliased = new List<object>();
        for (int i = 0; i < arguments.Length; i++)
        {
            var p = method.Parameters[i];
            if (p.RefKind is not (RefKind.Ref or RefKind.Out)) continue;
            var value = arguments[i]!;
            if (value is IDiscardOperation && p.RefKind == RefKind.Out) continue;
            if (value is ILocalReferenceOperation { Local: { IsRef: true } elementAlias } && _context.ElementAliasArray(elementAlias) is { } aliasedArray
                && AlsoGiven(aliasedArray, arguments, i))
            {
                _context.ReportUnsupportedExpression(value, "An element of an array passed by " + ByReferenceParameters.Keyword(p) + " (through the ref local '" + elementAlias.Name + "') to a call that is also given that array (or another of its elements)",
                    "copy the element into a local, pass the local, and store it back afterwards");
                return Placeholder(invocation);
            }
            ISymbol? variable = value switch
            {
                IDeclarationExpressionOperation { Expression: ILocalReferenceOperation l } => l.Local,
                ILocalReferenceOperation { Local.IsRef: false } l => l.Local,
                // A ref local: the context reads and writes what it stands for (a variable, a struct member, an array element).
                ILocalReferenceOperation { Local: { IsRef: true, RefKind: RefKind.Ref } l } => l,
                IParameterReferenceOperation pr => pr.Parameter,
                _ => null,
            };
            if (variable is not null && _context.Resolve(variable) is ISymbol resolved) variable = resolved;
            if (variable is ILocalSymbol { IsRef: true } && !_context.IsElementAlias(variable) && _context.Resolve(variable) is { } component)
            {
                // Two ref locals of one struct member are one variable: two outputs of one value.
                if (aliased.Exists(a => ReferenceEquals(a, component)))
                {
                    _context.ReportUnsupportedExpression(value, "Passing one variable as two ref or out arguments", "pass a copy in a second local");
                    return Placeholder(invocation);
                }
                aliased.Add(component);
            }
            if (variable is null && RefElement(value, p, arguments, i) is { } element)
            {
                if (element.Slot is null) return Placeholder(invocation);
                elements[i] = element.Slot;
                targets[i] = element.Slot.Value.Temporary;
                continue;
            }
            if (variable is null || LoweringContext.TypeOfVariable(variable)?.SpecialType != p.Type.SpecialType)
            {
                _context.ReportUnsupportedExpression(value, "A " + ByReferenceParameters.Keyword(p) + " argument that is not a double or float local, parameter, array element or ref local of one (a field, a ref local of something else)",
                    "copy it into a local, pass the local, and store the local back afterwards");
                return Placeholder(invocation);
            }
            if (!seen.Add(variable))
            {
                _context.ReportUnsupportedExpression(value, "Passing one variable as two ref or out arguments", "pass a copy in a second local");
                return Placeholder(invocation);
            }
            targets[i] = variable;
        }

        string target = (invocation.Instance is null ? method.ContainingType.ToDisplayString(SymbolNames.TypeFormat) : "this") + "." + method.Name;
        if (ClassParameters.ReportCall(method, invocation, _context)) return Placeholder(invocation);
        var call = DerivativeResolver.Resolve(method, _caller, target, invocation.Instance is null ? null : "this", null, _compilation);
        if (call is null || !BackwardCalls.Note(_context, method, call, invocation, _compilation)) return Placeholder(invocation);
        if (!WrittenArrays(method, arguments, invocation, out var written)) return Placeholder(invocation);

        var inputs = new int[arguments.Length];
        var passing = call.Passing.ToArray();
        var scratch = new string[arguments.Length];
        var temps = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            var p = method.Parameters[i];
            scratch[i] = temps[i] = "";
            if (arguments[i] is null)
            {
                _context.ReportUnsupportedExpression(invocation, "A call with a missing argument");
                return Placeholder(invocation);
            }
            var type = ExpressionLowering.TypeOf(p.Type);
            switch (p.RefKind)
            {
                case RefKind.Out:
                    // Not read: the callee sets it.
                    inputs[i] = _context.AddConstant(ScalarLiterals.Zero(type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);
                    passing[i] = AdjointPassing.Out;
                    break;
                case RefKind.Ref:
                    inputs[i] = _context.Current(targets[i]!);
                    if (inputs[i] < 0)
                    {
                        _context.ReportUnsupportedExpression(arguments[i]!, "A ref argument before it is assigned");
                        return Placeholder(invocation);
                    }
                    passing[i] = AdjointPassing.InOut;
                    string bare = LoweringContext.NameOf(targets[i]!).TrimStart('@');
                    temps[i] = _context.Names.Fresh(bare + "In") + " " + _context.Names.Fresh(NameAllocator.AdjointBase(bare) + "InOut");
                    break;
                default:
                    // By value or in: an input whose adjoint the callee adds into, as for any call.
                    var value = arguments[i]!;
                    inputs[i] = written[i] is { } array ? ArrayBeforeCall(array, value)
                        : passing[i] == AdjointPassing.Collection ? CollectionArgument(value, p) : Lower(value, null);
                    if (inputs[i] < 0) return Placeholder(invocation);
                    if (p.RefKind is RefKind.In or RefKind.RefReadOnlyParameter && !ValueKinds.IsNoDiff(p)) passing[i] = AdjointPassing.Ref;
                    if (passing[i] == AdjointPassing.None && _context.Nodes[inputs[i]].Varied)
                    {
                        _context.ReportUnsupportedExpression(arguments[i]!, Describe.DroppedArgument(method, p), Describe.DroppedArgumentHint(p));
                        return Placeholder(invocation);
                    }
                    scratch[i] = passing[i] == AdjointPassing.Ref && !_context.Nodes[inputs[i]].Varied ? _context.Names.Fresh("ignored")
                        : passing[i] == AdjointPassing.Ref && _context.Nodes[inputs[i]].AdjointIsProperty ? PropertyScratch(inputs[i])
                        : passing[i] == AdjointPassing.Collection && !_context.Nodes[inputs[i]].Varied ? CollectionArguments.ScratchKind(arguments[i]!, p)
                        : "";
                    break;
            }
        }

        // The output locals are named now, so the call's text can name them; each becomes its variable's next version.
        var outputs = new string[arguments.Length];
        for (int i = 0; i < arguments.Length; i++)
        {
            outputs[i] = passing[i] is AdjointPassing.InOut or AdjointPassing.Out
                ? targets[i] is ISymbol v ? _context.NameFor(v) : targets[i] is LoweringContext.HiddenVariable h ? _context.Names.Fresh(h.Name) : "_"
                : "";
        }
        if (!SnapshotWrittenArrays(method, call, written, inputs, System.Array.Exists(inputs, n => _context.Nodes[n].Varied), outputs, invocation)) return Placeholder(invocation);
        var returnType = method.ReturnsVoid ? ScalarType.Other : TypeOf(invocation);
        string typeName = method.ReturnsVoid ? "void" : ScalarLiterals.TypeKeyword(returnType);
        call = call with
        {
            Passing = passing.ToEquatableArray(),
            Scratch = scratch.ToEquatableArray(),
            Outputs = outputs.ToEquatableArray(),
            Temps = temps.ToEquatableArray(),
        };
        if (_context.Hessian && System.Array.Exists(inputs, n => _context.Nodes[n].Varied))
        {
            // Hessian mode differentiates a call twice through the callee's MBackwardTangent, which by-value callees only have.
            _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, invocation.Syntax, "The call to '" + method.ContainingType.Name + "." + method.Name + "'",
                "it passes ref, out or in arguments that carry a gradient, and Hessian mode differentiates a call twice only through a callee that takes its inputs by value and returns its result",
                "make the callee take its inputs by value and return the value (with Hessian = true), write its body inline, or remove Hessian = true"));
            // The ref/out variables are set by the call: later reads are no second error.
            for (int i = 0; i < arguments.Length; i++)
            {
                if (targets[i] is { } variable) _context.Assign(variable, Placeholder(arguments[i]!));
            }
            return Placeholder(invocation);
        }
        if (_context.Forward)
        {
            if (ForwardCalls.Resolve(_context, method, call, invocation, _compilation) is not { } forward) return Placeholder(invocation);
            call = call with { Forward = forward };
        }
        int node = _context.AddGate(GateKind.Call, returnType, typeName, method.ReturnsVoid ? null : userName, call, inputs);
        AssignWrittenArrays(written, node, inputs);
        for (int i = 0; i < arguments.Length; i++)
        {
            if (targets[i] is not { } variable) continue;
            _context.Assign(variable, _context.AddCallOutput(node, i, TypeOf(method.Parameters[i].Type), outputs[i]));
            if (elements[i] is { } slot) StoreBack(slot);
        }
        return node;
    }

    /// <summary>True when an argument other than <paramref name="ordinal"/> names <paramref name="array"/> or a ref local bound to one of its elements.</summary>
    private bool AlsoGiven(object array, IOperation?[] arguments, int ordinal)
    {
        for (int j = 0; j < arguments.Length; j++)
        {
            if (j == ordinal || arguments[j] is not { } other) continue;
            foreach (var d in other.DescendantsAndSelf())
            {
                ISymbol? named = d switch
                {
                    ILocalReferenceOperation lr => lr.Local,
                    IParameterReferenceOperation pr => pr.Parameter,
                    _ => null,
                };
                if (named is null) continue;
                if (named is ILocalSymbol { IsRef: true } && _context.ElementAliasArray(named) is { } aliasArray) named = aliasArray as ISymbol;
                if (named is not null && array is ISymbol a && SymbolEqualityComparer.Default.Equals(named, a)) return true;
            }
        }
        return false;
    }
}
