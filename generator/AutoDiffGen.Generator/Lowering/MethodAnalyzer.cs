using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// The transform step: one [Differentiable] method → an equatable <see cref="MethodModel"/> and its
/// diagnostics. All Roslyn objects stay inside this class.
/// </summary>
internal static class MethodAnalyzer
{
    public static MethodAnalysis Analyze(GeneratorAttributeSyntaxContext context, CancellationToken token, System.Func<MethodModel, MethodModel?, MethodModel>? chooseBackward = null) =>
        Analyze((MethodDeclarationSyntax)context.TargetNode, (IMethodSymbol)context.TargetSymbol, SemanticModels.WithoutNullableAnalysis(context.SemanticModel), token, chooseBackward: chooseBackward);

    /// <param name="semanticModel">A model of the method's tree; the one it binds the body with.</param>
    /// <param name="syntax">The [Differentiable] method's declaration.</param>
    /// <param name="method">Its symbol.</param>
    /// <param name="token">Cancels the analysis.</param>
    /// <param name="form">A form a caller needs that the method's attribute does not ask for (<see cref="DerivedForms"/>): the
    /// method is analysed as if its attribute asked for it too.</param>
    /// <param name="chooseBackward">Picks the reverse model or the carried one (the method lowered again for forward mode, null
    /// where that failed) for a method <see cref="CarriedBackwards"/> qualifies: Differentiation's choice, passed in because
    /// Lowering comes before it. Null: the reverse sweep, no second lowering.</param>
    public static MethodAnalysis Analyze(MethodDeclarationSyntax syntax, IMethodSymbol method, SemanticModel semanticModel, CancellationToken token, DerivedForm form = DerivedForm.None,
        System.Func<MethodModel, MethodModel?, MethodModel>? chooseBackward = null)
    {
        var diagnostics = new List<DiagnosticInfo>();
        var callees = new List<(CalleeCall Call, SyntaxNode At)>();
        var writes = new ArrayWrites(semanticModel.Compilation, semanticModel);
        string key = "";
        try
        {
            key = SymbolNames.MethodKey(method);
            bool deep = IsDeeperThan(syntax, DeepThreshold + 1);
            var inlined = new StrongBox<int>();
            var stateful = new StrongBox<string>("");
            MethodModel? Run(bool inline) => deep
                ? OnLargeStack(() => Build(semanticModel, syntax, method, diagnostics, callees, writes, token, inline, inlined, stateful, form))
                : Build(semanticModel, syntax, method, diagnostics, callees, writes, token, inline, inlined, stateful, form);
            var model = Run(inline: true);
            if (inlined.Value > 0 && (diagnostics.Count > 0 || model is null))
            {
                // Inlined callees (ExpressionLowering.InlinedCallees) never add a diagnostic nor lose a Backward: lowered with
                // calls, the method reports what it always did (an inlined body that stops without a diagnostic, e.g. at a
                // recursive call inside it, left no model and no error: CorpusTests' MoreMath.Sinc).
                bool warnedOnly = model is not null && !diagnostics.Any(IsError);
                var inlinedRun = (Model: model, Diagnostics: diagnostics.ToList(), Callees: callees.ToList(), Stateful: stateful.Value);
                diagnostics.Clear();
                callees.Clear();
                model = Run(inline: false);
                if (warnedOnly && (model is null || diagnostics.Any(IsError)))
                {
                    // Inlined with warnings only (ADG0011 for a result that reads no parameter), where the calls cannot be made: a
                    // Hessian-mode call returning a struct has no MBackwardTangent (hess16; it was ADG0019 at the call, hess15's
                    // "cause unknown"). The inlined lowering stands, with its warnings.
                    diagnostics.Clear();
                    diagnostics.AddRange(inlinedRun.Diagnostics);
                    callees.Clear();
                    callees.AddRange(inlinedRun.Callees);
                    model = inlinedRun.Model;
                    stateful.Value = inlinedRun.Stateful;
                }
            }
            if (diagnostics.Any(IsError) || model is null) return new MethodAnalysis(new GenerationResult(null, key), diagnostics.ToEquatableArray(), ReadsOtherTrees: writes.ReadOtherTrees);
            if (form == DerivedForm.None && chooseBackward is not null && CarriedBackwards.Qualifies(model, IsCheckpointed(method)))
            {
                // Lowered again as Forward = true would (unless it was), into scratch lists: its diagnostics and callees are the first run's.
                var scratch = new List<DiagnosticInfo>();
                MethodModel? Carried() => Build(semanticModel, syntax, method, scratch, new List<(CalleeCall, SyntaxNode)>(), writes, token, inline: true, new StrongBox<int>(), new StrongBox<string>(""), DerivedForm.None, carry: true);
                MethodModel? carried;
                try
                {
                    carried = model.Forward ? model : deep ? OnLargeStack(Carried) : Carried();
                }
                catch (System.Exception e) when (!(e is System.OperationCanceledException))
                {
                    // An optimisation only: a failure of the second lowering keeps the reverse sweep, never costs the method its Backward.
                    carried = null;
                }
                model = chooseBackward(model, scratch.Any(IsError) ? null : carried);
            }
            var graphDiagnostics = new List<GraphDiagnostic>();
            model = GraphNames(model, method, syntax.Identifier.GetLocation(), graphDiagnostics);
            return new MethodAnalysis(new GenerationResult(model, key, callees.Select(c => c.Call).Distinct().ToEquatableArray(), stateful.Value ?? ""),
                diagnostics.ToEquatableArray(), graphDiagnostics.ToEquatableArray(), BackwardCalls.Sites(callees), writes.ReadOtherTrees);
        }
        catch (System.OperationCanceledException)
        {
            throw;
        }
        catch (System.Exception e)
        {
            // The generator never throws: an internal failure is a diagnostic that asks for a bug report.
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.InternalError, syntax.Identifier.GetLocation(), method.Name, e.GetType().Name + ": " + e.Message));
            return new MethodAnalysis(new GenerationResult(null, key), diagnostics.ToEquatableArray());
        }
    }

    /// <summary>Deeper bodies are analysed on a thread of their own with a large stack.</summary>
    private const int DeepThreshold = 150;

    /// <summary>
    /// Binding and lowering recurse over the expression tree. A deeply nested body would overflow the
    /// compiler's thread and take the whole build down, so it gets a 256 MB stack instead.
    /// </summary>
    private static T OnLargeStack<T>(System.Func<T> work)
    {
        T result = default!;
        System.Exception? failure = null;
        var thread = new Thread(() =>
        {
            ExpressionLowering.MaxDepth = 50_000;
            try
            {
                result = work();
            }
            catch (System.Exception e)
            {
                failure = e;
            }
        }, 256 * 1024 * 1024);
        thread.Start();
        thread.Join();
        if (failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
        return result;
    }

    /// <summary>
    /// True when some node lies more than <paramref name="limit"/> levels below <paramref name="node"/>. The
    /// recursion stops at the limit, so it is at most <see cref="DeepThreshold"/> frames deep, and it allocates
    /// nothing (an explicit stack of tuples per method showed up in the compile-cost profile).
    /// </summary>
    private static bool IsDeeperThan(SyntaxNode node, int limit)
    {
        if (limit <= 0) return true;
        foreach (var child in node.ChildNodesAndTokens())
        {
            if (child.IsNode && IsDeeperThan(child.AsNode()!, limit - 1)) return true;
        }
        return false;
    }

    private static bool IsError(DiagnosticInfo d) => DiagnosticDescriptors.Get(d.Id).DefaultSeverity == DiagnosticSeverity.Error;

    /// <summary>
    /// The type of a varied merge (a phi) of an adjointable type that has no instance <c>AddInPlace(T)</c>: the reverse
    /// sweep adds the merged adjoint into each arm's with it (ProgramWriter), since rebinding would leave a parameter's
    /// adjoint, the caller's object, unchanged. Null when every such merge can be added in place.
    /// </summary>
    private static string? AdjointMergeWithoutAddInPlace(IReadOnlyList<Node> nodes, Compilation compilation)
    {
        foreach (var n in nodes)
        {
            if (n is not { Gate: GateKind.Phi, Type: ScalarType.Adjointable, Varied: true }) continue;
            string name = n.TypeName.StartsWith("global::", System.StringComparison.Ordinal) ? n.TypeName.Substring("global::".Length) : n.TypeName;
            var type = compilation.GetTypeByMetadataName(name);
            if (type is null || !type.GetMembers("AddInPlace").OfType<IMethodSymbol>().Any(m => !m.IsStatic && m.ReturnsVoid && m.Parameters.Length == 1
                && m.Parameters[0].RefKind == RefKind.None && SymbolEqualityComparer.Default.Equals(m.Parameters[0].Type, type)))
            {
                return n.TypeName.StartsWith("global::", System.StringComparison.Ordinal) ? name : n.TypeName;
            }
        }
        return null;
    }

    /// <summary>A value of an adjointable type (a tensor) made in a loop, or a varied one carried round a loop; null if none.</summary>
    private static Node? AdjointableInLoop(Block block, IReadOnlyList<Node> nodes, bool inLoop)
    {
        foreach (var item in block.Items)
        {
            var found = item switch
            {
                NodeItem n when inLoop => nodes[n.Node] is { Type: ScalarType.Adjointable } node ? node : null,
                LoopItem l => l.Phis.Select(p => nodes[p]).FirstOrDefault(n => n is { Type: ScalarType.Adjointable, Varied: true })
                    ?? AdjointableInLoop(l.Header, nodes, true) ?? AdjointableInLoop(l.Body, nodes, true),
                IfItem b => AdjointableInLoop(b.Then, nodes, inLoop) ?? AdjointableInLoop(b.Else, nodes, inLoop),
                _ => null,
            };
            if (found is not null) return found;
        }
        return null;
    }

    private static MethodModel? Build(SemanticModel semanticModel, MethodDeclarationSyntax syntax, IMethodSymbol method, List<DiagnosticInfo> diagnostics, List<(CalleeCall Call, SyntaxNode At)> callees, ArrayWrites writes, CancellationToken token,
        bool inline, StrongBox<int> inlined, StrongBox<string> stateful, DerivedForm form, bool carry = false)
    {
        // The declaration's own rules are the analyzer's to report (DeclarationRules): here they only mean "no Backward".
        if (DeclarationRules.AnyApplies(method, syntax)) return null;
        var nameLocation = syntax.Identifier.GetLocation();
        // [NoDiff] on the method says no gradient flows through it; [Differentiable] asks for one: contradictory.
        if (Derivatives.NoDiffMethods.IsNoDiff(method))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, nameLocation, "[NoDiff] on the method '" + method.Name + "' itself",
                "a [NoDiff] method is a stop-gradient whose calls are constants and is never differentiated; remove [NoDiff] to differentiate '" + method.Name + "', or remove [Differentiable] to keep it a constant"));
            return null;
        }
        var hierarchy = Hierarchy(method);
        string backwardName = method.Name + "Backward";
        var returnType = ExpressionLowering.TypeOf(method.ReturnType);
        var parameters = Parameters(method);
        // carry: lowered for forward mode, for MBackward only (CarriedBackwards); MForward is still the opt-in's.
        bool forward = carry || form == DerivedForm.Forward || ForwardCalls.IsForward(method);
        if (forward) ForwardMode.Check(method, syntax, parameters, returnType, diagnostics);
        bool hessian = form == DerivedForm.BackwardTangent || HessianMode.IsHessian(method);
        if (hessian) HessianMode.Check(method, syntax, parameters, returnType, diagnostics);
        if (hessian) ClassParameters.CheckHessian(method, syntax, parameters, returnType, diagnostics);
        StructArrayParameters.Check(method, syntax, parameters, forward, hessian, JacobianMode.IsRequested(method), diagnostics, form == DerivedForm.BackwardTangent);
        ClassArrayParameters.CheckModes(method, syntax, forward, hessian, JacobianMode.IsRequested(method), hessian ? HessianCalls.ProductBlocked(method, parameters, returnType) : "", form == DerivedForm.BackwardTangent, diagnostics);
        var state = ThisMembers(method, nameLocation, forward, hessian, diagnostics);
        if (diagnostics.Any(IsError) || hierarchy is null) return null;
        token.ThrowIfCancellationRequested();

        if (semanticModel.GetOperation(syntax, token) is not IMethodBodyBaseOperation body) return null;
        var identifiers = new List<string>();
        foreach (var t in syntax.DescendantTokens())
        {
            if (t.IsKind(SyntaxKind.IdentifierToken)) identifiers.Add(t.ValueText);
        }
        var names = new NameAllocator(identifiers);
        names.Reserve("dResult");
        foreach (var p in parameters)
        {
            names.Claim(p.Name.TrimStart('@'));
            if (p.AdjointName is not null) names.Reserve(p.AdjointName);
            // Hessian mode's products have the tangents too (as locals, and MBackwardTangent's parameters).
            if ((forward || hessian) && p.AdjointName is not null) names.Reserve(NameAllocator.TangentBase(p.Name));
        }
        if (forward || hessian) names.Reserve("tResult");
        if (hessian)
        {
            names.Reserve("tdResult");
            names.Reserve("hessian");
            names.Reserve("direction");
            names.Reserve("hessianVector");
        }
        if (state is not null) names.Reserve(ThisState.AdjointName);

        var lowering = new LoweringContext(names, method.Name)
        {
            Forward = forward, Hessian = hessian, WithRespectToThis = state is not null, Writes = writes,
            HessianProductBlocked = hessian ? HessianCalls.ProductBlocked(method, parameters, returnType) : "",
            InlineCallees = inline,
        };
        StructAdjointLocals? wholeThis = null;
        if (state is not null && ThisState.IsWholeStruct(method.ContainingType))
        {
            // dThis of a readonly struct: its members are summed in locals (dThis_X), and dThis is rebuilt through the constructor.
            var components = Derivatives.RealStructs.Components(method.ContainingType)!;
            var paths = components.Select(c => c.Path).ToList();
            var locals = paths.Select(path => names.Fresh(ThisState.AdjointName + "_" + path)).ToList();
            state = state.Select(m => m.Model.Name.StartsWith("this.", System.StringComparison.Ordinal) && paths.IndexOf(m.Symbol.Name) is int k and >= 0
                ? m with { Model = m.Model with { AdjointName = locals[k] } } : m).ToList();
            wholeThis = new StructAdjointLocals(ThisState.AdjointName, method.ContainingType.ToDisplayString(SymbolNames.TypeFormat),
                Derivatives.StructConstructors.Template(method.ContainingType, paths), paths.ToEquatableArray(), locals.ToEquatableArray(), components.Select(c => c.Type).ToEquatableArray());
        }
        foreach (var m in state ?? new List<ThisState.Member>())
        {
            lowering.Assign(m.Symbol, lowering.AddParameter(m.Model.Name, m.Model.Scalar, m.Model.TypeName, true, m.Model.AdjointName!, m.Symbol is IPropertySymbol));
        }
        if (state is not null) lowering.StateNode = lowering.AddParameter("this", ScalarType.Other, "object", true, "");
        var writtenArrays = writes.Of(method, body);
        if (forward && method.ReturnsVoid && writtenArrays.Count == 0 && !method.Parameters.Any(ByReferenceParameters.IsOutput))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, syntax.ReturnType, "'" + method.Name + "'",
                "it is void and writes into no array or span parameter and has no ref or out parameter, and forward mode has a tangent for a double or float result, for what a method leaves in its ref and out parameters, or for what a void method leaves in its double[]/float[] or Span<double>/Span<float> parameters",
                "return the value, or remove Forward = true"));
            return null;
        }
        // A method's outputs in arrays (1-D, double[,]) and spans have tangents (Span<T> tOutput or double[,] tOutput, in/out;
        // docs/ref-out.md), beside tResult when it returns a double or float too.
        if (forward && writtenArrays.Count > 0 && !method.ReturnsVoid && method.ReturnType.SpecialType is not (SpecialType.System_Double or SpecialType.System_Single))
        {
            int first = writtenArrays.Min();
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(first) ?? syntax).GetLocation(),
                "The parameter '" + method.Parameters[first].Name + "'", "the method writes into it and also returns a struct, and forward mode has a tangent for what a method leaves in an array only beside a double or float result (or none)",
                "return a double or float, or make the method void (its results in the arrays), or remove Forward = true"));
            return null;
        }
        if (hessian && method.Parameters.FirstOrDefault(p => p.RefKind is RefKind.Ref or RefKind.Out) is { } byReference)
        {
            // A Hessian is of the real result with respect to the by-value (and in) parameters: a ref or out one is no input of that shape.
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(byReference.Ordinal) ?? syntax).GetLocation(),
                "The parameter '" + byReference.Name + "'", "it is passed by " + (byReference.RefKind == RefKind.Ref ? "ref" : "out") + ", and MHessian is the Hessian of the double or float result with respect to the parameters passed by value (or in)",
                byReference.RefKind == RefKind.Ref ? "pass it by value or as 'in' and return the new value, or remove Hessian = true" : "return the value it carries (or compute it in a method without Hessian = true), or remove Hessian = true"));
            return null;
        }
        if (hessian && !method.ReturnsVoid && !HessianWrittenArrays.Check(method, syntax, writtenArrays, parameters, lowering.HessianProductBlocked, returnType, diagnostics)) return null;
        if (hessian && method.ReturnsVoid)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, nameLocation, "'" + method.Name + "'",
                "it writes into an array parameter (or returns nothing), and a Hessian is defined for a double or float result of its inputs",
                "return the value, or remove Hessian = true"));
            return null;
        }
        // [WithRespectTo] class parameters are carried as their components from here on (ClassParameters).
        // [WithRespectTo] arrays of class objects as arrays of structs of their class's components (ClassArrayParameters).
        var classArrays = ClassArrayParameters.Types(method);
        using var classInputs = Derivatives.ValueClasses.Carry(new ITypeSymbol[0], ClassParameters.Types(method).Concat(classArrays), classArrays);
        var parameterNodes = new int[method.Parameters.Length];
        var structLocals = new List<StructAdjointLocals>();
        var structArrays = new List<StructArrayParts>();
        if (wholeThis is not null) structLocals.Add(wholeThis);
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            var p = parameters[i];
            parameterNodes[i] = -1;
            // An out parameter has no value coming in: its first assignment defines it.
            if (p.IsOut) continue;
            if (writtenArrays.Contains(i))
            {
                // An array the method writes into: its stores are versions of it, which share its adjoint array (dX).
                parameterNodes[i] = lowering.AddParameter(p.Name, ScalarType.Array, p.TypeName, p.IsDifferentiable, p.AdjointName ?? "");
                lowering.Assign(method.Parameters[i], parameterNodes[i]);
                continue;
            }
            if (p.IsDifferentiable && Derivatives.ValueKinds.IsStructCollection(method.Parameters[i].Type))
            {
                // Its components are double[]/float[] parameters of the sweeps; the parameter itself stays an array with the adjoint dP
                // (what a callee passed it adds into), and only p[i], p.Length and such calls read it (StructArrayParameters.CheckUses).
                if (ClassArrayParameters.IsInput(method.Parameters[i]) && ClassArrayParameters.ReportListChanges(body, method.Parameters[i], diagnostics)) return null;
                bool written = StructArrayStores.IsWritten(body, method.Parameters[i]);
                if (written && ClassArrayParameters.IsInput(method.Parameters[i]))
                {
                    ClassArrayParameters.ReportStores(body, method.Parameters[i], diagnostics);
                    return null;
                }
                if (written && !StructArrayParameters.CheckWritten(method.Parameters[i], syntax, forward, JacobianMode.IsRequested(method), diagnostics, hessian)) return null;
                structArrays.Add(StructArrayParameters.Declare(lowering, method.Parameters[i], p, names, written));
                parameterNodes[i] = lowering.AddParameter(p.Name, p.Scalar, p.TypeName, true, p.AdjointName!);
                lowering.Assign(method.Parameters[i], parameterNodes[i]);
                continue;
            }
            if (Derivatives.RealStructs.IsBoundaryStruct(method.Parameters[i].Type) && Derivatives.RealStructs.Components(method.Parameters[i].Type) is { } components && p.IsDifferentiable)
            {
                // A struct parameter is its components, each a parameter of its own: p.X, whose adjoint is dP.X.
                // A struct built whole (a readonly struct, a property holding a struct) sums them in locals instead.
                bool whole = Derivatives.StructConstructors.IsBuiltWhole(method.Parameters[i].Type);
                var locals = components.Select(c => whole ? names.Fresh(p.AdjointName + "_" + c.Path.Replace('.', '_')) : p.AdjointName + "." + c.Path).ToArray();
                for (int k = 0; k < components.Count; k++)
                {
                    var c = components[k];
                    // A discrete member (p.Id) is a pass-through parameter: a constant, no adjoint (dP.Id is left as the caller set it).
                    lowering.Assign(lowering.Component(method.Parameters[i], c.Path), c.IsDiscrete
                        ? lowering.AddParameter(p.Name + "." + c.Path, c.Type, c.Keyword, false, "")
                        : lowering.AddParameter(p.Name + "." + c.Path, c.Type, c.Keyword, true, locals[k],
                            !whole && Derivatives.RealStructs.ThroughProperty(method.Parameters[i].Type, c.Path)));
                }
                if (whole)
                {
                    var paths = components.Select(c => c.Path).ToList();
                    structLocals.Add(new StructAdjointLocals(p.AdjointName!, method.Parameters[i].Type.ToDisplayString(SymbolNames.TypeFormat),
                        Derivatives.StructConstructors.Template(method.Parameters[i].Type, paths), paths.ToEquatableArray(), locals.ToEquatableArray(), components.Select(c => c.Type).ToEquatableArray()));
                }
                continue;
            }
            if (p.IsDifferentiable && ClassParameters.IsClassInput(method.Parameters[i]))
            {
                if (ClassParameters.Declare(lowering, method.Parameters[i], p, names) is { } rebuilt) structLocals.Add(rebuilt);
                continue;
            }
            if (p.IsDifferentiable && Derivatives.ValueKinds.IsRealList(method.Parameters[i].Type))
            {
                // A list parameter is read as an array whose count is its Count at entry (ListParameters); a sequence
                // through the buffer each generated method enumerates it into.
                if (Derivatives.ValueKinds.IsRealSequence(method.Parameters[i].Type)) parameters[i] = p = p with { Buffer = names.Fresh(p.Name.TrimStart('@') + "Values") };
                parameterNodes[i] = ListParameters.Declare(lowering, method.Parameters[i], p);
                continue;
            }
            parameterNodes[i] = lowering.AddParameter(p.Name, p.Scalar, p.TypeName, p.IsDifferentiable, p.AdjointName ?? "");
            lowering.Assign(method.Parameters[i], parameterNodes[i]);
        }
        StructArrayParameters.CheckUses(body, lowering);
        // Immutable classes created from differentiated values are carried as their components (issue 13 item 1).
        using var carried = Derivatives.ValueClasses.Carry(ValueClassUses.Carried(body, method));
        if (ValueClassUses.Refuse(body, diagnostics) | ClassParameterReads.Refuse(body, method, diagnostics)) return null;
        var statements = new StatementLowering(lowering, method, semanticModel.Compilation);
        int result = statements.LowerBody(body, method.ReturnType);
        inlined.Value = lowering.InlinedCalls;
        token.ThrowIfCancellationRequested();
        diagnostics.AddRange(lowering.Diagnostics);
        callees.AddRange(lowering.Callees);
        var changing = lowering.StatefulCall;
        stateful.Value = changing is null ? "" : Describe.Snippet(changing);
        if (changing is not null && (hessian || JacobianMode.IsRequested(method)))
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.StatefulCall, changing.GetLocation(), Describe.Snippet(changing),
                hessian ? "MHessian runs the method again for each row of the Hessian (Hessian = true)" : "MJacobian runs the method again for each row or column of the Jacobian (Jacobian = true)",
                "draw the values before the call and pass them in as [NoDiff] arguments, or remove the option"));
        }
        if (method.ReturnsVoid) result = -1;
        if (!lowering.HasErrors && result >= 0 && lowering.Nodes[result] is { Gate: GateKind.Parameter, Type: ScalarType.Adjointable, Varied: true })
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, syntax.Identifier.GetLocation(),
                "Returning the parameter '" + lowering.Nodes[result].Name + "' unchanged", "return a value computed from it"));
            return null;
        }
        if (!lowering.HasErrors && AdjointMergeWithoutAddInPlace(lowering.Nodes, semanticModel.Compilation) is { } merged)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, syntax.Identifier.GetLocation(),
                "Choosing a '" + merged + "' on a branch (its adjoints meet where the branches do, and are added in place with an instance method AddInPlace(" + merged + ") that the type lacks)",
                "add 'public void AddInPlace(" + merged + " source)' that adds source into this, or compute the value without a branch"));
            return null;
        }
        if (lowering.HasErrors || result < 0 && !method.ReturnsVoid) return null;
        ClassConstantReads.Report(method, syntax, body, lowering.Nodes, parameterNodes, result, diagnostics);
        ClassConstantReads.ReportElements(method, syntax, body, diagnostics);

        var tapes = DiscreteTapes.Types(method, body)
            .Select(t => (Type: t, Name: names.Fresh(DiscreteTapes.Name(t))))
            .Select(t => new TapeName(t.Type, t.Name, names.Fresh(t.Name + "Top"), names.Fresh(t.Name + "Want")))
            .ToEquatableArray();
        string resultLocal = names.Fresh("value");
        string workspace = names.Fresh("tapes");
        var sums = lowering.Nodes
            .Where(n => n is { Gate: GateKind.Parameter, Type: ScalarType.Double or ScalarType.Float } && n.AdjointName.Length > 0)
            .Select(n => new AdjointSum(n.Id, names.Fresh(n.AdjointName.Replace(".", "") + "Sum")))
            .ToEquatableArray();
        var nodes = lowering.Nodes.Select(n => names.SourceOf(n.Name) is { } source ? n with { SourceName = source } : n).ToEquatableArray();
        var outputs = ParameterOutputs.Of(method, parameters, parameterNodes, lowering, names);
        var vector = VectorResults.Of(method.ReturnType, statements.VectorResultNodes);
        if (vector is not null && !outputs.IsEmpty)
        {
            // MBackward's vector-Jacobian product seeds the result's members only; the in/out adjoints of ref/out and
            // array parameters (docs/ref-out.md) are not combined with a struct result yet.
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, nameLocation,
                "A method that returns a struct or tuple ('" + method.Name + "') and also writes into its ref, out or array parameters",
                "return every result in the struct (or write every result through ref/out parameters of a void method)"));
            return null;
        }
        var topBlock = lowering.TopBlock();
        if (AdjointableInLoop(topBlock, lowering.Nodes, inLoop: false) is { } loopTensor)
        {
            // The reverse sweep would need every iteration's tensor, and there is no tape of tensors (Differentiator.Tape).
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, syntax.Identifier.GetLocation(),
                "A '" + loopTensor.TypeName.Replace("global::", "") + "' computed or changed in a loop ('" + loopTensor.Name + "')",
                "write the iterations out, or keep the loop to reals and compute the tensor outside it"));
            return null;
        }
        var byValue = new HashSet<string>(parameters.Where(p => p.RefKind.Length == 0).Select(p => p.Name));
        var copies = ParameterCopy.Of(nodes, topBlock, byValue, names.Fresh);
        var graph = new ComputationGraph(nodes, topBlock, vector is null ? result : -1, tapes, resultLocal, workspace, sums, lowering.HasOpaqueCalls, outputs, Vector: vector, Copies: copies,
            Constructions: Derivatives.StructConstructors.For(new[] { method.ReturnType }.Concat(method.Parameters.Select(q => q.Type)).Concat(lowering.StructTypes)),
            StructLocals: structLocals.ToEquatableArray(), StructArrays: structArrays.ToEquatableArray(), Kept: lowering.Kept, Confined: lowering.Confined);
        if (IsCheckpointed(method)) graph = CheckpointOptions.Apply(graph, names, method.Name, nameLocation, diagnostics);
        var inputs = parameters.Where(p => p.IsDifferentiable).Concat(state?.Select(m => m.Model) ?? Enumerable.Empty<ParameterModel>()).ToList();
        if (graph.IsVoid && !outputs.Any(o => graph.Nodes[o.Node].Varied) && inputs.Count > 0)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ZeroDerivative, nameLocation, method.Name,
                "any of its parameters (" + string.Join(", ", inputs.Select(p => p.Name)) + ")",
                "nothing it writes into its ref/out or array parameters depends on them"));
        }
        else if (!graph.IsVoid && !graph.Roots.Any(r => graph.Nodes[r].Varied) && !outputs.Any(o => graph.Nodes[o.Node].Varied) && inputs.Count > 0)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ZeroDerivative, nameLocation, method.Name,
                "any of its parameters (" + string.Join(", ", inputs.Select(p => p.Name)) + ")",
                ZeroDerivativeCause(lowering.Cuts)));
        }

        if (hessian && !HessianMode.CheckGraph(graph, syntax, diagnostics, returnType)) return null;
        var (hessianIndices, hessianSize) = hessian ? HessianMode.Indices(graph, parameters) : (default, "");

        string modifiers = Accessibility(method) + (method.IsStatic ? " static" : "");
        string hint = HintName(hierarchy, method);
        bool jacobian = form == DerivedForm.None && JacobianMode.IsRequested(method);
        if (jacobian && !JacobianMode.Check(method, syntax, graph, parameters, returnType, diagnostics)) return null;
        var tangents = forward || hessian ? ForwardMode.TangentNames(graph, names) : default;
        // After the tangents' names, so that those do not change with Hessian mode.
        var adjointTangents = hessian ? HessianMode.AdjointTangentNames(graph, names) : default;
        var hessianTangents = hessian ? HessianMode.FieldTangentNames(graph, tangents, names) : default;
        string? thisAdjointType = state is null ? null : (method.ContainingType.IsValueType ? "ref " : "") + method.ContainingType.ToDisplayString(SymbolNames.TypeFormat);
        // MBackward's seed, as BackwardEmitter writes it: a scalar result's has a default, a vector's or tensor's none.
        string? seed = graph.IsVoid ? null : graph.Vector is { } v ? v.TypeName : returnType == ScalarType.Adjointable ? graph.Nodes[graph.Result].TypeName : ScalarLiterals.TypeKeyword(returnType);
        var shortForms = OmittableArguments.Forms(method, parameters, thisAdjointType, seed, seedOptional: !graph.IsVoid && graph.Vector is null && returnType != ScalarType.Adjointable);
        return new MethodModel(hierarchy, method.Name, backwardName, modifiers, returnType, parameters.ToEquatableArray(), graph, hint,
            ShortForms: shortForms,
            Tangents: tangents, EmitForward: forward && !carry,
            HessianIndices: hessianIndices, HessianSize: hessianSize, AdjointTangents: adjointTangents, HessianTangents: hessianTangents,
            ThisAdjointType: thisAdjointType,
            ThisMembers: state is null ? default : state.Select(m => m.Model).ToEquatableArray(),
            Jacobian: jacobian, JacobianElement: JacobianMode.Element(graph, returnType),
            OptimizeAtOnce: graph.HasLoops && JitHints.HasAggressiveOptimization(semanticModel.Compilation),
            Derived: lowering.Derived.ToEquatableArray(),
            HidesInherited: VirtualCalls.HidesInherited(method));
    }

    /// <summary>
    /// The object's members that are inputs under <c>WithRespectToThis = true</c>, or null without the opt-in (or when
    /// it cannot apply: a static method, forward or Hessian mode; each reported).
    /// </summary>
    private static List<ThisState.Member>? ThisMembers(IMethodSymbol method, Location at, bool forward, bool hessian, List<DiagnosticInfo> diagnostics)
    {
        if (!ThisState.IsOptedIn(method)) return null;
        if (method.IsStatic)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at,
                "WithRespectToThis on the static method '" + method.Name + "'", "a static method has no object state; remove it, or make the method an instance method"));
            return null;
        }
        if (forward)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, "'" + method.Name + "'",
                "the gradient with respect to the object's state (WithRespectToThis) has no forward shape yet", "use MBackward for it, or remove Forward = true"));
            return null;
        }
        if (hessian)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "'" + method.Name + "'",
                "the Hessian is over the parameters' scalars, and second derivatives with respect to the object's state (WithRespectToThis) are not generated",
                "use MBackward for the state's gradient, or remove Hessian = true"));
            return null;
        }
        return ThisState.Members(method);
    }

    private const string DifferentiableAttribute = "AutoDiffGen.DifferentiableAttribute";

    private static bool IsCheckpointed(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttribute && a.NamedArguments.Any(n => n.Key == "Checkpoint" && n.Value.Value is true));

    /// <summary>Why a result does not vary: the zero-derivative operations its inputs met, or none at all.</summary>
    private static string ZeroDerivativeCause(IReadOnlyList<string> cuts)
    {
        if (cuts.Count == 0) return "the result does not use them (it is computed from constants only)";
        var shown = cuts.Take(3).Select(c => "'" + c + "'");
        return "they reach it only through " + string.Join(", ", shown) + (cuts.Count > 3 ? " and " + (cuts.Count - 3) + " more" : "")
            + ", whose derivative is zero (comparisons, casts to integer types, Floor/Ceiling/Round/Truncate/Sign and predicates such as IsNaN)";
    }

    /// <summary>
    /// The names the opt-in graph file would add, <c>MGraph</c> and (when it is written) <c>MTrace</c>: a
    /// member of the type that already has one, or an earlier [Differentiable] overload whose graph file
    /// takes <c>MGraph</c> too, means that member is left out, with an ADG0015 warning at the method's
    /// name. Recorded for every model; whether it applies is decided where the opt-ins are known.
    /// </summary>
    private static MethodModel GraphNames(MethodModel model, IMethodSymbol method, Location at, List<GraphDiagnostic> diagnostics)
    {
        var type = method.ContainingType;
        string typeName = type.Name;
        string graphName = method.Name + "Graph";
        string traceName = method.Name + "Trace";

        var graph = GraphClash.None;
        if (type.GetMembers(graphName).Any(m => !m.IsImplicitlyDeclared))
        {
            graph = GraphClash.Always;
            diagnostics.Add(new GraphDiagnostic(DiagnosticFactory.Create(DiagnosticDescriptors.GraphNameClash, at,
                typeName, graphName, "declared in source", "graph property", method.Name, "rename the existing member"), UnderMSBuildOnly: false));
        }
        else
        {
            // Overloads share MGraph: the first one in source order keeps it.
            var earlier = type.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(o => !SymbolEqualityComparer.Default.Equals(o, method) && Derivatives.DerivativeResolver.IsDifferentiable(o) && DeclaredBefore(o, method))
                .OrderBy(o => o.Locations.FirstOrDefault()?.SourceTree?.FilePath ?? "", System.StringComparer.Ordinal)
                .ThenBy(o => o.Locations.FirstOrDefault()?.SourceSpan.Start ?? 0)
                .ToList();
            if (earlier.Count > 0)
            {
                var owner = earlier.FirstOrDefault(HasGraphTrue) ?? earlier[0];
                graph = HasGraphTrue(owner) ? GraphClash.Always : GraphClash.UnderMSBuild;
                diagnostics.Add(new GraphDiagnostic(DiagnosticFactory.Create(DiagnosticDescriptors.GraphNameClash, at,
                    typeName, graphName, "the graph of the overload '" + owner.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat) + "', declared earlier",
                    "graph property", method.ToDisplayString(SymbolDisplayFormat.CSharpShortErrorMessageFormat),
                    "draw one overload only, or give the overloads different names"), UnderMSBuildOnly: graph == GraphClash.UnderMSBuild));
            }
        }

        var trace = GraphClash.None;
        if (type.GetMembers(traceName).Any(m => !m.IsImplicitlyDeclared))
        {
            // Taken whether or not the method can be traced: the graph view, which decides that, drops the diagnostic otherwise.
            trace = GraphClash.Always;
            diagnostics.Add(new GraphDiagnostic(DiagnosticFactory.Create(DiagnosticDescriptors.GraphNameClash, at,
                typeName, traceName, "declared in source", "traced run", method.Name, "rename the existing member"), UnderMSBuildOnly: false, TraceOnly: true));
        }
        return graph == GraphClash.None && trace == GraphClash.None ? model : model with { GraphNameTaken = graph, TraceNameTaken = trace };
    }

    private static bool HasGraphTrue(IMethodSymbol method) =>
        method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == DifferentiableAttribute && a.NamedArguments.Any(n => n.Key == "Graph" && n.Value.Value is true));

    /// <summary>Source order: by file path, then position.</summary>
    private static bool DeclaredBefore(IMethodSymbol a, IMethodSymbol b)
    {
        var la = a.Locations.FirstOrDefault();
        var lb = b.Locations.FirstOrDefault();
        if (la is null || lb is null) return false;
        int byFile = string.CompareOrdinal(la.SourceTree?.FilePath ?? "", lb.SourceTree?.FilePath ?? "");
        return byFile < 0 || (byFile == 0 && la.SourceSpan.Start < lb.SourceSpan.Start);
    }

    /// <summary>The parameters' models; their rules were checked by <see cref="DeclarationRules"/> first.</summary>
    private static List<ParameterModel> Parameters(IMethodSymbol method)
    {
        var result = new List<ParameterModel>();
        foreach (var p in method.Parameters)
        {
            var scalar = ExpressionLowering.TypeOf(p.Type);
            bool noDiff = Derivatives.ValueKinds.IsNoDiff(p);
            string typeName = p.Type.ToDisplayString(SymbolNames.TypeFormat);
            string refKind = ByReferenceParameters.ModelKind(p);
            string? adjointType = noDiff ? null : refKind == "out" ? typeName : scalar switch
            {
                ScalarType.Double or ScalarType.Float => "ref " + typeName,
                ScalarType.Adjointable => typeName,
                // A [WithRespectTo] class is its own adjoint type, as a struct of reals is (ClassParameters).
                _ => Derivatives.RealStructs.IsBoundaryStruct(p.Type) || ClassParameters.IsClassInput(p) ? "ref " + typeName
                    // A [WithRespectTo] array or list of class objects: an array of the class, one object per element (ClassArrayParameters).
                    : ClassArrayParameters.IsInput(p) ? ClassArrayParameters.AdjointType(p)
                    : ListParameters.AdjointType(p) ?? CollectionAdjointType(p.Type),
            };
            string? adjoint = adjointType is null ? null : NameAllocator.AdjointBase(p.Name);
            var nullable = !p.Type.IsReferenceType ? ParameterNullability.ValueType
                : p.NullableAnnotation switch
                {
                    NullableAnnotation.Annotated => ParameterNullability.Annotated,
                    NullableAnnotation.NotAnnotated => ParameterNullability.NotNull,
                    _ => ParameterNullability.Oblivious,
                };
            string annotated = p.Type.ToDisplayString(AnnotatedTypeFormat);
            result.Add(new ParameterModel(NameAllocator.Escape(p.Name), typeName, scalar, adjoint, adjointType ?? "", annotated, nullable, refKind, OmittableArguments.ValueText(p),
                ClassElements: adjointType is not null && ClassArrayParameters.IsInput(p)));
        }
        return result;
    }

    private static readonly SymbolDisplayFormat AnnotatedTypeFormat =
        SymbolNames.TypeFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>double[] → double[]; double[,] → double[,]; double[][] → double[][]; ReadOnlySpan&lt;double&gt; or Span&lt;double&gt; → Span&lt;double&gt;; else null.</summary>
    private static string? CollectionAdjointType(ITypeSymbol type)
    {
        if (Derivatives.ValueKinds.CarriedElement(type) is { } structElement)
        {
            return type is IArrayTypeSymbol ? type.ToDisplayString(SymbolNames.TypeFormat) : "global::System.Span<" + structElement.ToDisplayString(SymbolNames.TypeFormat) + ">";
        }
        if (Derivatives.ValueKinds.IsGrid(type)) return type.ToDisplayString(SymbolNames.TypeFormat);
        if (type is IArrayTypeSymbol { Rank: 1, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } array)
        {
            return array.ToDisplayString(SymbolNames.TypeFormat);
        }
        if (type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", ContainingNamespace.Name: "System", TypeArguments: [{ SpecialType: SpecialType.System_Double or SpecialType.System_Single } element] })
        {
            return "global::System.Span<" + element.ToDisplayString(SymbolNames.TypeFormat) + ">";
        }
        return null;
    }

    /// <summary>
    /// The hierarchy of a type whose chain is all partial, computed once per type and compilation: the methods
    /// of one class share it (the fully qualified name and the declaring syntax were looked up per method).
    /// </summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<INamedTypeSymbol, HierarchyInfo> Hierarchies = new();

    private static HierarchyInfo? Hierarchy(IMethodSymbol method)
    {
        if (Hierarchies.TryGetValue(method.ContainingType, out var known)) return known;
        var computed = ComputeHierarchy(method);
        if (computed is not null)
        {
            try
            {
                Hierarchies.Add(method.ContainingType, computed);
            }
            catch (System.ArgumentException)
            {
                // Another thread stored the same hierarchy first.
            }
        }
        return computed;
    }

    /// <summary>Null when a containing type is not partial or is file-local (ADG0001, the analyzer's).</summary>
    private static HierarchyInfo? ComputeHierarchy(IMethodSymbol method)
    {
        var types = new List<ContainingType>();
        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            var declaration = type.DeclaringSyntaxReferences.Select(r => r.GetSyntax()).OfType<TypeDeclarationSyntax>().FirstOrDefault();
            if (declaration is null || !DeclarationRules.IsExtendable(type))
            {
                return null;
            }
            string keyword = declaration switch
            {
                RecordDeclarationSyntax r => r.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "record struct" : "record",
                StructDeclarationSyntax => "struct",
                InterfaceDeclarationSyntax => "interface",
                _ => "class",
            };
            string name = type.Name + (type.TypeParameters.Length > 0 ? "<" + string.Join(", ", type.TypeParameters.Select(t => t.Name)) + ">" : "");
            types.Insert(0, new ContainingType(keyword, name));
        }
        string ns = method.ContainingNamespace.IsGlobalNamespace ? "" : method.ContainingNamespace.ToDisplayString();
        return new HierarchyInfo(ns, types.ToEquatableArray(), method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
    }

    private static string Accessibility(IMethodSymbol method) => method.DeclaredAccessibility switch
    {
        Microsoft.CodeAnalysis.Accessibility.Public => "public",
        Microsoft.CodeAnalysis.Accessibility.Internal => "internal",
        Microsoft.CodeAnalysis.Accessibility.Protected => "protected",
        Microsoft.CodeAnalysis.Accessibility.ProtectedOrInternal => "protected internal",
        Microsoft.CodeAnalysis.Accessibility.ProtectedAndInternal => "private protected",
        _ => "private",
    };

    /// <summary>The generated file's name: namespace, types, method and parameter types (<c>N.C.M_double_int.g.cs</c>).</summary>
    internal static string HintName(HierarchyInfo hierarchy, IMethodSymbol method)
    {
        var parts = new List<string>();
        if (hierarchy.Namespace.Length > 0) parts.Add(hierarchy.Namespace);
        for (var t = method.ContainingType; t is not null; t = t.ContainingType)
        {
            parts.Insert(hierarchy.Namespace.Length > 0 ? 1 : 0, t.MetadataName.Replace('`', '_'));
        }
        string signature = string.Join("_", method.Parameters.Select(p => Sanitize(p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat))));
        return string.Join(".", parts) + "." + method.Name + (signature.Length > 0 ? "_" + signature : "") + ".g.cs";
    }

    private static string Sanitize(string text) => new string(text.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());
}
