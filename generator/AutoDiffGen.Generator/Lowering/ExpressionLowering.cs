using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// IOperation → gates. One case per construct; a construct it does not know gets an ADG
/// diagnostic, never a guess.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private readonly LoweringContext _context;
    private readonly ConstantRenderer _renderer;
    private readonly IMethodSymbol _caller;

    private readonly Compilation _compilation;

    public ExpressionLowering(LoweringContext context, IMethodSymbol caller, Compilation compilation)
    {
        _context = context;
        _caller = caller;
        _compilation = compilation;
        _renderer = new ConstantRenderer(context);
        context.IsActive = IsVaried;
        context.WritesItsReceiver = IsMutatingCall;
        context.CopySequence = CopySequence;
        context.LowerCount = LowerCount;
    }

    /// <summary>A call whose value is a constant in every mode: a zero-gradient Math function, or a [NoDiff] method (a stop-gradient).</summary>
    private static bool IsConstantCall(IMethodSymbol method) => MathFunctions.HasZeroGradient(method) || NoDiffMethods.IsNoDiff(method);

    /// <summary>
    /// Deeper expressions are rejected with a diagnostic rather than risk the compiler's stack: a stack
    /// overflow would take the whole build down.
    /// </summary>
    public static int MaxDepth
    {
        get => t_maxDepth == 0 ? 400 : t_maxDepth;
        set => t_maxDepth = value;
    }

    [System.ThreadStatic]
    private static int t_maxDepth;

    // IsVaried answers depend only on the variables' current versions: remember them until a variable
    // changes, so deep trees cost linear, not quadratic, time.
    private readonly Dictionary<IOperation, bool> _varied = new();
    private int _variedVersion = -1;

    private int _depth;

    /// <summary>Lowers <paramref name="op"/> and returns the node holding its value.</summary>
    /// <param name="op">The expression.</param>
    /// <param name="userName">The name of the user variable that receives the value, if any.</param>
    public int Lower(IOperation op, string? userName)
    {
        if (_depth >= MaxDepth)
        {
            _context.ReportUnsupportedExpression(op, "An expression nested more than " + MaxDepth + " levels deep");
            return Placeholder(op);
        }
        _depth++;
        try
        {
            int node = LowerCore(op, userName);
            _context.Lowered(op, node);
            return node;
        }
        finally
        {
            _depth--;
        }
    }

    private int LowerCore(IOperation op, string? userName)
    {
        // Assignments, ++/-- and local-function calls change variables: lowered in place, in C# order, whether or not they vary.
        if (EmbeddedEffects.IsEmbedded(op)) return Embedded(op, userName);
        // Hessian mode: a callee returning a double that writes a double[,] it is passed, inlined where it stands (hess23).
        if (op is IInvocationOperation valueWriter && _context.Hessian && HessianInlinedValueWriter(valueWriter) is not null) return Embedded(op, userName);
        // e.Current of an enumerator that walks a sequence (ExpressionLowering.Enumerators).
        if (WalkElement(op, userName) is var walked && walked != -2) return walked;
        // The array an inlined helper creates in its return statement (ExpressionLowering.ArrayHelpers).
        if (FreshArray(op) is var fresh && fresh != -2) return fresh;
        // A member of a struct of reals is one of its components (ExpressionLowering.Structs.cs), constant or not.
        switch (op)
        {
            case IFieldReferenceOperation or IPropertyReferenceOperation when IsReceiverMember(op, out var self, out var selfMember) && InlinedReceiver(self.Type) is not null:
                return RealStructs.IsComponentMember(selfMember) ? StructMember(self, selfMember, op, userName) : InlineComputedProperty(op, userName) is var computed && computed != -2 ? computed : Unsupported(op);
            case IPropertyReferenceOperation { Instance: not null and not IInstanceReferenceOperation } when IsVaried(op) && InlineComputedProperty(op, userName) is var inlined && inlined != -2:
                return inlined;
            case IFieldReferenceOperation or IPropertyReferenceOperation when StateSymbol(op) is { } member:
                return IsVaried(op) ? StateMember(member, op, userName) : LowerConstant(op, userName);
            case IInstanceReferenceOperation when _context.WithRespectToThis:
                _context.ReportUnsupportedExpression(op, "Using the object itself ('this') as a value in a method with WithRespectToThis (its state would reach code whose gradient is not returned)",
                    "read the members where they are needed (W[i], B)");
                return Placeholder(op);
            case IFieldReferenceOperation { Instance: { } instance } field when RealStructs.IsRealStruct(instance.Type) && RealStructs.IsComponentMember(field.Field):
                return StructMember(instance, field.Field, op, userName);
            case IPropertyReferenceOperation { Instance: { } instance, Property.IsIndexer: false } property when RealStructs.IsRealStruct(instance.Type) && RealStructs.IsComponentMember(property.Property):
                return StructMember(instance, property.Property, op, userName);
            case IInvocationOperation invocation when VectorScalar(invocation, userName) is var scalar && scalar != -2:
                return scalar;
            case IInvocationOperation or IPropertyReferenceOperation when IsVaried(op) && TransformScalar(op, userName) is var transformScalar && transformScalar != -2:
                return transformScalar;
            case IPropertyReferenceOperation or IInvocationOperation when IsVaried(op) && ComplexScalar(op, userName) is var complex && complex != -2:
                return complex;
            case IFieldReferenceOperation { Instance: IInvocationOperation call } field when RealStructs.IsRealTuple(call.Type) && IsVaried(op):
                return TupleElement(call, field.Field, op, userName);            case IPropertyReferenceOperation or IConversionOperation or IInvocationOperation or ICoalesceOperation when NullableRead(op, userName) is var held && held != -2:
                return held;
        }
        // A switch expression is not written back as text (ConstantRenderer has no patterns): branches, even when constant.
        // LINQ with a lambda over constants: its loop, as the text cannot carry the lambda (ExpressionLowering.Linq.cs).
        if (!IsVaried(op) && op is IInvocationOperation linq && LinqCalls.IsReduction(linq.TargetMethod) && ConstantLinq(linq, userName) is var looped && looped >= 0) return looped;
        // A call that writes into an array is a call even when nothing it reads varies: later reads see what it left (a
        // constant's text is dropped when its value is unused, as a void call's is).
        // l[i], l[^k] of a local List<double> (ExpressionLowering.Lists), or a use of the list it does not follow.
        if (ListRead(op, userName) is var listed && listed != -2) return listed;
        // Nor is a struct method that writes its receiver (sf.RefMemFn(i) over constants): later reads see what it left.
        if (!IsVaried(op) && op is not ISwitchExpressionOperation && !ArithmeticOverConstantLinq(op) && !WritesIntoAnArray(op) && !(op is IInvocationOperation mutating && IsMutatingCall(mutating))) return LowerConstant(op, userName);
        if (op is IArrayElementReferenceOperation && GridElement(op, userName) is var grid && grid != -2) return grid;

        switch (op)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation when _context.ViewSymbol(op) is { } viewing:
                _context.ReportUnsupportedExpression(op, "The span " + (viewing is IParameterSymbol ? "parameter '" : "local '") + viewing.Name + "', which views an array that carries a gradient, used other than by its elements, its Length, Slice or a range, or passing it to a [Differentiable] method",
                    ExpressionLowering.SpanViewHint);
                return Placeholder(op);
            case ILocalReferenceOperation local:
                return Reference(_context.Current(local.Local), op, userName);
            case IParameterReferenceOperation parameter:
                return Reference(_context.Current(parameter.Parameter), op, userName);
            case IConversionOperation { OperatorMethod: { } userConversion } conversion when ConversionArguments(conversion) is { } converted && InlineScalarOperator(userConversion, converted, op, userName) is var inlinedConversion && inlinedConversion != -2:
                return inlinedConversion;
            case IConversionOperation conversion:
                return LowerConversion(conversion, userName);
            case IBinaryOperation binary when binary.OperatorMethod is null:
                return LowerBinary(binary, userName);
            case IBinaryOperation { OperatorMethod: { } method } binary when InlineScalarOperator(method, new[] { binary.LeftOperand, binary.RightOperand }, op, userName) is var inlined && inlined != -2:
                return inlined;
            case IUnaryOperation { OperatorMethod: { } method } unary when InlineScalarOperator(method, new[] { unary.Operand }, op, userName) is var inlinedUnary && inlinedUnary != -2:
                return inlinedUnary;
            case IBinaryOperation { OperatorMethod: { } method } binary:
                return LowerCall(method, new[] { binary.LeftOperand, binary.RightOperand }, null, OperatorToken(binary.OperatorKind), binary, userName);
            case IUnaryOperation { OperatorMethod: { } method } unary:
                return LowerCall(method, new[] { unary.Operand }, null, unary.OperatorKind == UnaryOperatorKind.Minus ? "-" : null, unary, userName);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Plus } plus:
                return Lower(plus.Operand, userName);
            case IUnaryOperation { OperatorKind: UnaryOperatorKind.Minus } minus:
                return _context.AddGate(GateKind.Negate, TypeOf(op), userName, Lower(minus.Operand, null));
            case IInvocationOperation invocation:
                return LowerInvocation(invocation, userName);
            case IConditionalOperation { WhenFalse: not null } conditional:
                return LowerConditional(conditional, userName);
            case ICoalesceOperation coalesce:
                return LowerCoalesce(coalesce, userName);
            case ISwitchExpressionOperation @switch:
                {
                    int node = new SwitchLowering(_context, null).LowerExpression(@switch, userName, arm => Lower(arm, null));
                    return node >= 0 ? node : Placeholder(op);
                }
            case IArrayElementReferenceOperation { Indices.Length: 1 } copied when copied.Indices[0].Type?.Name == "Range":
                // a[1..] as a value (a plain helper's double[] argument): a new array C# copies, not an element. Read as one, it
                // was generated code that did not compile (idioms24: double element = a[range]); the forms that are a copy or a
                // view are lowered before this (a declared copy, a span argument, a foreach).
                _context.ReportUnsupportedExpression(op, "A range of an array used as a value here (a new array C# copies, '" + Describe.Snippet(op.Syntax) + "')",
                    "copy it into a local first (double[] t = " + Describe.Snippet(op.Syntax) + ";) and pass that, or pass a view to a span parameter (" + Describe.Snippet(copied.ArrayReference.Syntax) + ".AsSpan(…))");
                return Placeholder(op);
            case IArrayElementReferenceOperation { Indices.Length: 1 } element:
                return LowerElement(element.ArrayReference, element.Indices[0], element, userName);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: { } span } indexer
                when span.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" }:
                return LowerElement(span, indexer.Arguments[0].Value, indexer, userName);
            case IImplicitIndexerReferenceOperation { Argument.Type.Name: "Index" } fromEnd:
                return LowerElement(fromEnd.Instance, fromEnd.Argument, fromEnd, userName);
            case IMemberReferenceOperation { Instance: IInvocationOperation objectCall } when ObjectHelpers.NotValue(objectCall.TargetMethod) is not null:
                return ObjectOfNoValueClass(op, objectCall);
            default:
                _context.ReportUnsupportedExpression(op, null);
                return Placeholder(op);
        }
    }

    private int Reference(int node, IOperation op, string? userName)
    {
        if (node < 0)
        {
            // A local whose declaration was reported: that error says it all.
            if (op is ILocalReferenceOperation { Local: var rejected } && _context.IsRejected(rejected)) return Placeholder(op);
            if (ShortCircuitAssignments.Describe(op) is { } shortCircuit) _context.ReportUnsupportedExpression(op, shortCircuit.What, shortCircuit.Hint);
            else _context.ReportUnsupportedExpression(op, "a read of a variable before it is assigned");
            return Placeholder(op);
        }
        // A user local copied from another value keeps its own name, so the output reads like the input.
        // An adjointable value (a tensor) is shared instead: copying it would copy no data.
        return userName is null || _context.Nodes[node].Type == ScalarType.Adjointable
            ? node
            : _context.AddGate(GateKind.Copy, _context.Nodes[node].Type, userName, node);
    }

    /// <summary>An assignment, ++/-- or local-function call inside an expression (see <see cref="LoweringContext.LowerEmbedded"/>).</summary>
    private int Embedded(IOperation op, string? userName)
    {
        int node = _context.LowerEmbedded is { } lower ? lower(op) : -1;
        if (node < 0)
        {
            if (_context.LowerEmbedded is null) _context.ReportUnsupportedExpression(op, null);
            return Placeholder(op);
        }
        if (userName is null || _context.Nodes[node].Type == ScalarType.Adjointable) return node;
        var n = _context.Nodes[node];
        // A constant (an int counter) is copied as text: a Copy gate is for values with adjoints.
        return n.Varied ? _context.AddGate(GateKind.Copy, n.Type, userName, node) : _context.AddConstant(n.Name, n.Type, n.TypeName, userName, isAtom: false, new[] { node });
    }

    private int LowerConversion(IConversionOperation conversion, string? userName)
    {
        var from = TypeOf(conversion.Operand);
        var to = TypeOf(conversion);
        if (from == ScalarType.Other || to == ScalarType.Other || conversion.OperatorMethod is not null)
        {
            // (double)(decimal)x: the gradient is lost where x is converted, so report it there.
            int before = _context.Diagnostics.Count;
            if (from == ScalarType.Other && conversion.Operand is not (ILocalReferenceOperation or IParameterReferenceOperation)) Lower(conversion.Operand, null);
            if (_context.Diagnostics.Count == before) GradientLeaks.ReportConversion(_context, conversion);
            return Placeholder(conversion);
        }
        int operand = Lower(conversion.Operand, from == to ? userName : null);
        return from == to ? operand : _context.AddGate(GateKind.Convert, to, userName, operand);
    }

    private int LowerBinary(IBinaryOperation binary, string? userName)
    {
        var type = TypeOf(binary);
        GateKind? gate = GateNames.Arithmetic(binary.OperatorKind) ?? RealRemainder(binary);
        if (gate is null || type == ScalarType.Other)
        {
            _context.ReportUnsupportedExpression(binary, null);
            return Placeholder(binary);
        }

        if (gate == GateKind.Divide && IsOne(binary.LeftOperand))
        {
            // The lecture collapses 1 / (1 + exp(−z)) into one sigmoid gate with local gradient s·(1−s).
            // 1 / (1 + exp(w)) is σ(−w): the sigmoid's derivative stays finite where exp(w) overflows.
            if (SigmoidPattern.TryMatch(binary.RightOperand, out var z, out bool negate))
            {
                int input = Lower(z, null);
                if (negate) input = _context.AddGate(GateKind.Negate, type, null, input);
                return _context.AddGate(GateKind.Sigmoid, type, userName, input);
            }
            return _context.AddGate(GateKind.Reciprocal, type, userName, Lower(binary.RightOperand, null));
        }

        int left = Lower(binary.LeftOperand, null);
        int right = Lower(binary.RightOperand, null);
        return _context.AddGate(gate.Value, type, userName, left, right);
    }

    /// <summary>
    /// x % y on two reals of the result's type (Math.NET's Euclid.Modulus): a gate like IEEERemainder, 1 and −trunc(x/y).
    /// A user-defined % (a struct's operator) is not this.
    /// </summary>
    private static GateKind? RealRemainder(IBinaryOperation binary) =>
        binary is { OperatorKind: BinaryOperatorKind.Remainder, OperatorMethod: null }
        && TypeOf(binary) is var t && t is ScalarType.Double or ScalarType.Float && TypeOf(binary.LeftOperand) == t && TypeOf(binary.RightOperand) == t
            ? GateKind.Remainder : null;

    /// <summary>
    /// c ? a : b with differentiable branches: a branch of the graph with one phi; the condition is
    /// not differentiated.
    /// </summary>
    private int LowerConditional(IConditionalOperation conditional, string? userName)
    {
        // Known here (an unrolled recursive helper's int parameter, ExpressionLowering.RecursiveHelpers): only the arm C# takes.
        if (FoldedCondition(conditional.Condition) is { } chosen) return Lower(chosen ? conditional.WhenTrue : conditional.WhenFalse!, userName);
        var renderer = new ConstantRenderer(_context);
        string? test = renderer.Render(conditional.Condition);
        if (test is null) return Placeholder(conditional);
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
        _context.OpenBlock();
        int whenTrue = Lower(conditional.WhenTrue, null);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        int whenFalse = Lower(conditional.WhenFalse!, null);
        var otherwise = _context.CloseBlock();
        var type = TypeOf(conditional);
        bool varied = _context.Nodes[whenTrue].Varied || _context.Nodes[whenFalse].Varied;
        // A tensor (any adjointable type) is declared by its own name: TypeKeyword knows only the reals.
        string typeName = type == ScalarType.Adjointable ? conditional.Type!.ToDisplayString(SymbolNames.TypeFormat) : ScalarLiterals.TypeKeyword(type);
        int phi = _context.AddPhi(type, typeName, userName ?? _context.Names.Fresh("choice"), varied, whenTrue, whenFalse);
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(new[] { phi }), Describe.Source(conditional.Condition.Syntax) + " ? … : …"));
        return phi;
    }

    /// <summary>x[i] of an array or span parameter: reads the slot; the reverse sweep adds into dX[i].</summary>
    private int LowerElement(IOperation array, IOperation index, IOperation at, string? userName)
    {
        // s[i] of a span local that views arrays (ExpressionLowering.SpanViews).
        if (SpanAliasOf(array) is { } view) return SpanElement(view, index, at, userName);
        // A local array, or a local function's parameter bound to one.
        if ((array is ILocalReferenceOperation { Local: var local } ? local : array is IParameterReferenceOperation { Parameter: var p } ? (ISymbol)p : null) is { } variable
            && _context.Current(variable) is var arrayNode && arrayNode >= 0 && _context.Nodes[arrayNode].Type == ScalarType.Array)
        {
            if (IsVaried(index))
            {
                _context.ReportUnsupportedExpression(index, "A differentiated index");
                return Placeholder(at);
            }
            int slot = LowerIndex(index, _context.Nodes[arrayNode].Name);
            if (userName is null && _context.RepeatedElement(arrayNode, slot) is { } same) return same;
            return _context.AddGate(GateKind.Element, TypeOf(at), ScalarLiterals.TypeKeyword(TypeOf(at)), userName, null, new[] { arrayNode, slot });
        }
        if (StateSymbol(array) is { } member && _context.Current(member) is var memberNode && memberNode >= 0)
        {
            if (IsVaried(index))
            {
                _context.ReportUnsupportedExpression(index, "A differentiated index");
                return Placeholder(at);
            }
            int memberIndex = Lower(index, null);
            return _context.AddGate(GateKind.Element, TypeOf(at), ScalarLiterals.TypeKeyword(TypeOf(at)), userName, null, new[] { memberNode, memberIndex });
        }
        // The variable of 'data is double[] a' on an array parameter (idioms13a: a second name, ArrayAliases) reads the parameter.
        var parameter = (array as IParameterReferenceOperation)?.Parameter
            ?? (array is ILocalReferenceOperation { Local: var second } && TypePatterns.IsPatternVariable(second) ? _context.Resolve(second) as IParameterSymbol : null);
        if (parameter is null || _context.Current(parameter) is var node && node < 0 || _context.Nodes[_context.Current(parameter)].Gate != GateKind.Parameter)
        {
            if (array is ILocalReferenceOperation { Local: var rejected } && _context.IsRejected(rejected)) return Placeholder(at);
            _context.ReportUnsupportedExpression(at, "Indexing anything but an array or span parameter");
            return Placeholder(at);
        }
        if (IsVaried(index))
        {
            _context.ReportUnsupportedExpression(index, "A differentiated index");
            return Placeholder(at);
        }
        int indexNode = LowerIndex(index, _context.Nodes[_context.Current(parameter)].Name);
        if (userName is null && _context.RepeatedElement(_context.Current(parameter), indexNode) is { } again) return again;
        return _context.AddGate(GateKind.Element, TypeOf(at), ScalarLiterals.TypeKeyword(TypeOf(at)), userName, null, new[] { _context.Current(parameter), indexNode });
    }

    private int LowerInvocation(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        if (MathFunctions.IsRealConversion(method) && invocation.Arguments.Length == 1)
        {
            // Convert.ToDouble(float) is the cast (double)x.
            var operand = invocation.Arguments[0].Value;
            ScalarType from = TypeOf(operand), to = TypeOf(invocation);
            int lowered = Lower(operand, from == to ? userName : null);
            return from == to ? lowered : _context.AddGate(GateKind.Convert, to, userName, lowered);
        }
        if (MathFunctions.TryGetGate(method, out var gate))
        {
            if (EmbeddedEffects.OutOfOrder(invocation.Arguments) is { } misordered)
            {
                _context.ReportUnsupportedExpression(misordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
                return Placeholder(invocation);
            }
            var arguments = new int[invocation.Arguments.Length];
            foreach (var argument in invocation.Arguments)
            {
                arguments[argument.Parameter!.Ordinal] = Lower(argument.Value, null);
            }
            return _context.AddGate(gate, TypeOf(invocation), userName, arguments);
        }

        // LINQ over arrays is lowered to the loop it runs (ExpressionLowering.Linq.cs); other forms are reported there.
        if (LinqCalls.IsLinq(method)) return LowerLinq(invocation, userName);
        // double.CreateChecked(v) of a real: a cast (ExpressionLowering.RealCreations).
        if (LowerRealCreation(invocation, userName) is var created && created != -2) return created;

        if (IsRefCall(invocation) || IsInCallWithDerivative(invocation)) return LowerRefCall(invocation, userName);
        if (EmbeddedEffects.OutOfOrder(invocation.Arguments) is { } reordered)
        {
            _context.ReportUnsupportedExpression(reordered, "An assignment or ++/-- in a named argument written out of parameter order", "pass the arguments in parameter order, or compute the value into a local first");
            return Placeholder(invocation);
        }
        var values = new IOperation[method.Parameters.Length];
        foreach (var argument in invocation.Arguments)
        {
            // A params array passed as an array (Sum(xs)) is an ordinary array argument; the expanded form (Sum(x, y, z))
            // is an array created at the call, which the array machinery does not carry: said precisely, at the call.
            if (argument.ArgumentKind == ArgumentKind.ParamArray && LowerParamsArray(argument, out int built))
            {
                if (built < 0) return Placeholder(invocation);
                values[argument.Parameter!.Ordinal] = argument.Value;
                continue;
            }
            if (argument.ArgumentKind == ArgumentKind.ParamArray)
            {
                _context.ReportUnsupportedExpression(invocation, "An expanded params argument list",
                    "put the values in a local array (double[] v = new double[n]; v[0] = ...;) and pass the array");
                return Placeholder(invocation);
            }
            // An in argument of a plain helper is its value there (PlainHelpers.IsReadOnlyReference): the helper is inlined.
            if (argument.Parameter is null || argument.Parameter.RefKind != RefKind.None && !ByReferenceParameters.IsInStruct(argument.Parameter) && !PlainHelpers.BindsByValue(method, argument.Parameter))
            {
                if (OutCallRefusals.IsLibraryOutCall(invocation))
                {
                    // if (Matrix4x4.Invert(m, out var r)) …: one error at the call naming it, not at the argument.
                    OutCallRefusals.Refuse(invocation, _context);
                    return Placeholder(invocation);
                }
                if (DiscreteRefArgument(method, argument) is { } said) _context.ReportUnsupportedExpression(argument, said.What, said.Hint);
                else _context.ReportUnsupportedExpression(argument, "A ref, in or out argument");
                return Placeholder(invocation);
            }
            values[argument.Parameter.Ordinal] = argument.Value;
        }
        return LowerCall(method, values, invocation.Instance, null, invocation, userName);
    }

    /// <summary>
    /// A call to a method whose derivative is another method: the callee's generated Backward, or a
    /// [DerivativeOf]. The reverse sweep calls it with this node's adjoint as the upstream gradient.
    /// </summary>
    private int LowerCall(IMethodSymbol method, IOperation[] arguments, IOperation? instance, string? operatorToken, IOperation at, string? userName)
    {
        // A struct's own instance method of one expression (a readonly struct's a.Dot(b)): inlined (ExpressionLowering.InstanceMethods).
        if (InlineInstanceMethod(method, arguments, instance, at, userName) is var inlinedMethod && inlinedMethod != -2) return inlinedMethod;
        // A plain static helper taking a struct of reals (Len2(Vector3 v), Perimeter(in Segment s), hunt13) passes no struct
        // adjoint: it takes the general way below, where a call without a derivative inlines its body (InlinePlainHelper).
        bool plainStruct = PlainHelpers.TakesStruct(method, instance) && !DerivativeResolver.HasDerivativeOf(method, _caller, _compilation);
        bool structReceiver = IsStructReceiverCall(method, instance);
        if (!structReceiver && (!IsDifferentiableStructCallee(method) && !plainStruct && !PassesState(method, instance) && ReportStructCall(method, at) || ReportStateCall(method, instance, at))) return Placeholder(at);
        if (RealStructs.IsRealTuple(method.ReturnType) && !_tupleResult)
        {
            _context.ReportUnsupportedExpression(at, "A call to '" + method.ContainingType.Name + "." + method.Name + "', which returns a tuple, with a differentiated value",
                "deconstruct it where it is called (var (a, b) = F(x);) or read one element (F(x).Item1); a tuple kept in a local or passed on is not differentiated yet");
            return Placeholder(at);
        }
        if (method.MethodKind == MethodKind.DelegateInvoke)
        {
            // Not a lambda local (those are inlined, LambdaLocals): a delegate parameter, field or a local that may change.
            string through = instance is IParameterReferenceOperation { Parameter: var p } ? "the delegate parameter '" + p.Name + "'"
                : instance is ILocalReferenceOperation { Local: var l } ? "the delegate local '" + l.Name + "' (reassigned, passed on or read other than to call it)"
                : "a delegate";
            _context.ReportUnsupportedExpression(at, "A call through " + through + ", whose code is not known where this method is compiled",
                "call a [Differentiable] method by name instead (for an integrand, write the integrator once per integrand, or make the integrand a [Differentiable] method and the integrator call it), "
                + "or declare the delegate as a local initialised once with a lambda and only called (Func<double, double> f = v => v * v;), which is inlined");
            return Placeholder(at);
        }
        if (method.IsGenericMethod && PlainHelpers.IsUnmarked(method) && method.IsStatic && instance is null && method.OriginalDefinition.Locations.Any(l => l.IsInSource))
        {
            // Id<T>(T v), Pick<T>(bool c, T a, T b), Square<T>(T x) where T : INumber<T>: inlined at double or float, read over
            // the type argument (idioms14a, ExpressionLowering.GenericHelpers); else say why and what to write.
            if (InlineGenericHelper(method, arguments, at, userName, out string? why) is var generic && generic != -2) return generic;
            string real = method.TypeArguments.FirstOrDefault()?.ToDisplayString() ?? "double";
            _context.ReportUnsupportedExpression(at, "A call to the generic helper '" + method.ContainingType.Name + "." + method.Name + "<" + string.Join(", ", method.TypeParameters.Select(t => t.Name)) + ">', which is not [Differentiable], at "
                + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString())) + (why is null ? "" : ", where " + why),
                "a generic helper is differentiated in place at double or float when it reads as the same method over that type and stands alone; otherwise write it for " + real
                + " (static " + real + " " + method.Name + "(" + real + " …)), or make it a [Differentiable] generic-math method (where T : IFloatingPointIeee754<T>)");
            return Placeholder(at);
        }
        if (method.IsGenericMethod && SliceForAPlainHelper(method, at) is { } plainHelper)
        {
            // x.AsSpan(start, n) as a plain helper's argument reached here as "a generic method" (MemoryExtensions.AsSpan<T>),
            // which told the user nothing (natural21's B12): say where slices are differentiated.
            _context.ReportUnsupportedExpression(at, "A slice of an array taken with '" + method.Name + "' and passed to '" + plainHelper.Name + "', which is not [Differentiable],",
                "mark '" + plainHelper.Name + "' [Differentiable] (a slice passed to a [Differentiable] callee's span parameter is that slice of the caller's adjoint), or pass the array and the offset and index it inside the helper");
            return Placeholder(at);
        }
        if (method.IsGenericMethod && !GenericMethods.IsInferableGenericMathCallee(method))
        {
            // A [Differentiable] generic-math callee of another shape (T Dot<T>(T[] a, T[] b), called at double or float by a
            // method over double or float): read over the type argument and inlined, as a plain generic helper is.
            string? why = null;
            // Not one with a [NoDiff] parameter: inlined, the gradient through it would flow, which its Backward would not give.
            if (method.IsStatic && instance is null && DerivativeResolver.IsDifferentiable(method.OriginalDefinition) && method.OriginalDefinition.Locations.Any(l => l.IsInSource)
                && !method.Parameters.Any(p => p.GetAttributes().Any(a => a.AttributeClass?.Name == "NoDiffAttribute")))
            {
                int inlined;
                _inliningDifferentiableGeneric = true;
                try
                {
                    inlined = InlineGenericHelper(method, arguments, at, userName, out why);
                }
                finally
                {
                    // Only this inlining may pick the generic refusal text (RefusePlainHelper), whatever happens inside it.
                    _inliningDifferentiableGeneric = false;
                }
                if (inlined != -2) return inlined;
            }
            _context.ReportUnsupportedExpression(at, "A call to a generic method" + (why is null ? "" : " ('" + method.ContainingType.Name + "." + method.Name + "', where " + why + ")"),
                "a generic callee is differentiated when it is a [Differentiable] generic-math method called at double or float with the type argument inferable from its parameters, and either takes and returns T only (one type parameter constrained to IFloatingPoint<T> or an interface extending it) or stands alone (T, T[], reals, ints, bools by value; no call of another method of your code); otherwise make it [Differentiable] and non-generic");
            return Placeholder(at);
        }
        if (InlineCallee(method, arguments, instance, at, userName) is var inlinedCallee && inlinedCallee != -2) return inlinedCallee;
        if (StructArrayArguments.ReportNotInlined(method, arguments, _context)) return Placeholder(at);
        if (ClassArrayParameters.ReportArguments(method, arguments, _context)) return Placeholder(at);
        // Recursion needs no special case: MBackward calls MBackward, with the branch that ends it.

        string? receiver = null;
        int receiverNode = -1;
        if (structReceiver)
        {
            // p.Norm() on a struct value: the receiver is packed like a struct argument (lowered first, as C# evaluates it),
            // and the callee's Backward adds its gradient into the pack's adjoint as its ref dThis.
            receiverNode = StructReceiver(method, instance!, at);
            if (receiverNode < 0) return Placeholder(at);
            receiver = "";
        }
        else if (instance is IInstanceReferenceOperation)
        {
            receiver = "this";
        }
        else if (instance is not null)
        {
            bool held = CollectionArguments.IsStable(instance) || ObjectReceivers.IsHeldField(instance, _compilation);
            if (IsVaried(instance) || instance is not (ILocalReferenceOperation or IParameterReferenceOperation) && !held && !ObjectReceivers.IsCreated(instance))
            {
                var (what, instead) = ObjectReceivers.Refusal(instance, method);
                _context.ReportUnsupportedExpression(at, what, instead);
                return Placeholder(at);
            }
            // A readonly field (a provider object, a model kept in a field, static or of this) names the same object
            // wherever it is read, so the reverse sweep reads it again instead of keeping it (ObjectReceivers).
            receiverNode = held && _renderer.Render(instance) is { } field
                ? _context.AddConstant(field, ScalarType.Other, instance.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", null, isAtom: true, _renderer.Dependencies)
                : Lower(instance, null);
            receiver = _context.Nodes[receiverNode].Name;
        }
        string target = (receiver ?? method.ContainingType.ToDisplayString(SymbolNames.TypeFormat)) + "." + method.Name;

        var call = DerivativeResolver.Resolve(method, _caller, target, receiver, operatorToken, _compilation);
        if (call is not null && call.DerivativeKey.Length == 0 && VirtualCalls.IsDispatched(at, method, instance))
        {
            // A generated Backward is not virtual: it would differentiate the static type's body, not the one that runs.
            var (what, instead) = ObjectReceivers.DispatchRefusal(method)!.Value;
            _context.ReportUnsupportedExpression(at, what, instead);
            return Placeholder(at);
        }
        if (call is not null && call.DerivativeKey.Length == 0 && VirtualCalls.IsBaseCallToAHiddenMember(method, instance, _caller.ContainingType))
        {
            _context.ReportUnsupportedExpression(at, "A call to the base class's '" + method.ContainingType.Name + "." + method.Name + "' through 'base.', where '" + _caller.ContainingType.Name
                + "' has a [Differentiable] '" + method.Name + "' of its own whose generated members hide the base's (the generated code would differentiate the wrong body)",
                "move the base body into a [Differentiable] static or non-virtual method with another name (static double " + method.Name + "Core(…)) and call that from both");
            return Placeholder(at);
        }
        if (call is not null && call.Form == DerivativeForm.Backward && call.DerivativeKey.Length == 0) call = WithObjectPassing(method, call);
        if (structReceiver && call is not null) call = call with { StructReceiver = true, ThisAdjoint = _context.Names.Fresh("ignoredThis") };
        if (call is null)
        {
            // A plain helper of this compilation (not [Differentiable], no [DerivativeOf]): its body is differentiated in place.
            if (InlinePlainHelper(method, arguments, instance, operatorToken, at, userName) is var plain && plain != -2) return plain;
            // A struct helper whose body is not here (another assembly) keeps the refusal of any call taking a struct.
            if (plainStruct && ReportStructCall(method, at)) return Placeholder(at);
            if (IteratorSources.IsIterator(method))
            {
                // IEnumerable<double> q = Squares(x); (idioms18b): neither [Differentiable] nor a [DerivativeOf] fits an
                // iterator, so the advice is the iterator's: produce an array.
                _context.ReportUnsupportedExpression(at, IteratorSources.What(at) ?? "An iterator's sequence", IteratorSources.Hint(at));
                return Placeholder(at);
            }
            _context.Report(DiagnosticFactory.Create(
                DiagnosticDescriptors.NoDerivative,
                at.Syntax,
                method.ContainingType.Name + "." + method.Name,
                method.Name,
                DerivativeShapes.Text(method, method.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single
                    ? DerivativeForm.Backward
                    : DerivativeForm.Pullback),
                ObjectHelpers.NotValue(method) ?? ""));
            return Placeholder(at);
        }
        if (!BackwardCalls.Note(_context, method, call, at, _compilation)) return Placeholder(at);
        if (!WrittenArrays(method, arguments, at, out var written)) return Placeholder(at);

        var inputs = new List<int>();
        var scratch = new string[arguments.Length];
        var objects = new List<ObjectArgument>();
        var objectComponents = new List<int>();
        for (int i = 0; i < arguments.Length; i++)
        {
            if (arguments[i] is null)
            {
                _context.ReportUnsupportedExpression(at, "A call with a missing argument");
                return Placeholder(at);
            }
            int node = written[i] is { } writtenArray ? ArrayBeforeCall(writtenArray, arguments[i])
                : call.Passing[i] == AdjointPassing.Collection ? CollectionArgument(arguments[i], method.Parameters[i])
                : call.Passing[i] == AdjointPassing.Struct ? PackArgument(arguments[i], method.Parameters[i].Type)
                : call.Passing[i] == AdjointPassing.Object ? ObjectArgumentNode(arguments[i], method, i, objects, objectComponents)
                : Lower(arguments[i], null);
            if (node < 0) return Placeholder(at);
            inputs.Add(node);
            if (call.Passing[i] == AdjointPassing.None && _context.Nodes[node].Varied)
            {
                // Never drop a gradient silently.
                _context.ReportUnsupportedExpression(arguments[i], Describe.DroppedArgument(method, method.Parameters[i]), Describe.DroppedArgumentHint(method.Parameters[i]));
                return Placeholder(at);
            }
            // A constant argument still needs somewhere for a ref adjoint to go.
            scratch[i] = call.Passing[i] is AdjointPassing.Ref or AdjointPassing.Struct && !_context.Nodes[node].Varied ? _context.Names.Fresh("ignored")
                : call.Passing[i] is AdjointPassing.Ref or AdjointPassing.Struct && _context.Nodes[node].AdjointIsProperty ? PropertyScratch(node)
                : call.Passing[i] == AdjointPassing.Collection && !_context.Nodes[node].Varied ? CollectionArguments.ScratchKind(arguments[i], method.Parameters[i], _context.Nodes[node].Gate == GateKind.View)
                : "";
        }
        if (inputs.Exists(n => _context.Nodes[n].Varied) && !ConstantArguments(arguments, inputs, method, call)) return Placeholder(at);
        if (receiverNode >= 0) inputs.Add(receiverNode);
        call = call with { Scratch = scratch.ToEquatableArray() };
        if (objects.Count > 0)
        {
            // The class inputs' components are the call's inputs too (after the receiver): their adjoints take the callee's gradient.
            call = call with { Objects = objects.ToEquatableArray() };
        }
        if (PassesState(method, instance))
        {
            // The object's state is an input of the call even when no argument varies.
            inputs.Add(StateInput());
            // A struct's dThis is a ref parameter of both methods.
            call = call with { ThisAdjoint = (method.ContainingType.IsValueType ? "ref " : "") + ThisState.AdjointName };
        }
        inputs.AddRange(objectComponents);
        if (_context.Hessian && inputs.Exists(n => _context.Nodes[n].Varied))
        {
            if (HessianCalls.Resolve(_context, method, call, inputs, at, _compilation, written) is not { } curvature) return Placeholder(at);
            call = call with { Curvature = curvature };
        }
        if (_context.Forward && inputs.Exists(n => _context.Nodes[n].Varied))
        {
            if (structReceiver)
            {
                _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at.Syntax, "The call to '" + method.ContainingType.Name + "." + method.Name + "'",
                    "it differentiates with respect to its struct (WithRespectToThis), which has no forward mode", "keep this method reverse-mode only (remove Forward = true)"));
                return Placeholder(at);
            }
            if (ForwardCalls.Resolve(_context, method, call, at, _compilation) is not { } forward) return Placeholder(at);
            call = call with { Forward = forward };
        }

        var all = inputs.ToArray();
        bool writes = System.Array.Exists(written, w => w is not null);
        if (writes)
        {
            var outputs = new string[arguments.Length];
            for (int i = 0; i < outputs.Length; i++) outputs[i] = "";
            if (!SnapshotWrittenArrays(method, call, written, all, System.Array.Exists(all, n => _context.Nodes[n].Varied), outputs, at)) return Placeholder(at);
            call = call with { Outputs = outputs.ToEquatableArray() };
        }

        var type = method.ReturnsVoid ? ScalarType.Other : TypeOf(at);
        // A struct result (a vector-valued callee) is one node of its type; its members are Part nodes (ExpressionLowering.Structs.cs).
        string typeName = method.ReturnsVoid ? "void" : type is ScalarType.Adjointable or ScalarType.Other ? at.Type!.ToDisplayString(SymbolNames.TypeFormat) : ScalarLiterals.TypeKeyword(type);
        int result = _context.AddGate(GateKind.Call, type, typeName, method.ReturnsVoid ? null : userName, call, all);
        if (writes) AssignWrittenArrays(written, result, all);
        return result;
    }

    /// <summary>An argument for an array or span parameter of a generated Backward (see <see cref="CollectionArguments"/>); -1 after an error.</summary>
    private int CollectionArgument(IOperation argument, IParameterSymbol parameter)
    {
        // A list or sequence parameter: a copy of the argument's elements made at the call (ExpressionLowering.ListArguments).
        if (ValueKinds.IsRealList(parameter.Type)) return ListArgument(argument, parameter);
        var value = CollectionArguments.Unwrap(argument);
        // Hessian mode (hess19): an array made at the call in a loop (a params list, new[] { … }, [ … ]) is copied at the call as a
        // local array passed in a loop is (CopiedInAHessianLoop), so the product keeps each iteration's values and tangents.
        if (_preLowered.TryGetValue(value, out int built)) return CopiedInAHessianLoop(built, argument, madeAtTheCall: true);
        if (ListCopyArgument(value) is var listCopy && listCopy != -2) return listCopy;
        if (TemporaryArrayArgument(argument, parameter) is var temporary && temporary != -2) return CopiedInAHessianLoop(temporary, argument, madeAtTheCall: true);
        if (SpanViewArgument(argument, parameter) is var view && view != -2) return view;
        if (SliceArgument(argument, parameter) is var slice && slice != -2) return slice;
        if (RowArgument(argument) is var row && row != -2) return row;
        if (CollectionArguments.StoredLater(value, WritesInto))
        {
            // The reverse sweep would pass the array with its later values: pass a copy taken at the call instead, which
            // shares the adjoint array of the local array or array parameter. A local array that carries no gradient
            // lowers to a constant naming it, which would be passed with its later values (a wrong gradient for the
            // other arguments, found by ForwardArrayCallPropertyTests): its tracked version is copied like ConstantArguments' are.
            if (TrackedArray(value) is { } tracked) return Snapshot(tracked, argument);
            int stored = Lower(value, null);
            if (_context.Nodes[stored] is { Type: ScalarType.Array }) return Snapshot(stored, argument);
            if (value is IParameterReferenceOperation || _context.Nodes[stored].Gate == GateKind.Parameter)
            {
                _context.ReportUnsupportedExpression(argument, "An array parameter passed to a [Differentiable] callee and stored into after the call (or in a loop around it)");
                return -1;
            }
            if (!_context.Nodes[stored].Varied && value.Type is IArrayTypeSymbol)
            {
                _context.ReportUnsupportedExpression(argument, "An array that carries no gradient here, passed to a [Differentiable] callee and stored into after the call (or in a loop around it), which this method does not track as a local array",
                    "copy it into a local array created in this method (double[] t = new double[n];) and pass that");
                return -1;
            }
            return stored;
        }
        // A span local made in the loop (Span<double> v = stackalloc[] { … }, hess20) is tracked as a local array: copied too.
        if ((value.Type is IArrayTypeSymbol || value is ILocalReferenceOperation && IsArrayOrSpan(value.Type)) && IsVaried(value) && TrackedArray(value) is { } looped
            && CopiedInAHessianLoop(looped, argument) is var copied && copied != looped) return copied;
        if (!IsVaried(value))
        {
            // The reverse sweep passes the array again, and arrays cannot go on a tape: a static readonly
            // field is read where it is needed; another array computed inside a loop is not supported.
            if (CollectionArguments.IsStable(value) && _renderer.Render(argument) is { } text)
            {
                return _context.AddConstant(text, TypeOf(argument), argument.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", null, isAtom: true, _renderer.Dependencies);
            }
            if (CollectionArguments.ActiveArrays(value, v => IsVariedNode(_context.Current(v))))
            {
                // e.g. 'x > 0 ? xs : ys': the array carries a gradient that a constant would drop.
                _context.ReportUnsupportedExpression(argument, "An array or span that carries a gradient, passed as anything but a parameter or a local array");
                return -1;
            }
            // An array seen as a span is passed as the array: its scratch adjoint is made from an array (ScratchKind).
            int constant = Lower(value.Type is IArrayTypeSymbol ? value : argument, null);
            // A local array created in a loop is kept per iteration for the reverse sweep (Differentiator.Arrays).
            if (_context.LoopDepth == 0 || _context.Nodes[constant].IsInline || _context.Nodes[constant].Type == ScalarType.Array) return constant;
            _context.ReportUnsupportedExpression(argument, "An array computed inside a loop and passed to a [Differentiable] callee");
            return -1;
        }
        int node = Lower(value, null);
        if (CollectionArguments.CarriesItsAdjoint(_context.Nodes[node])) return node;
        _context.ReportUnsupportedExpression(argument, "An array or span that carries a gradient, passed as anything but a parameter or a local array");
        return -1;
    }

    /// <summary>
    /// Hessian mode (hess17): a local array passed in a loop (made there or before the loop) is copied at the
    /// call, as one stored into later is, so the product keeps each iteration's values and tangents for its reverse sweep's
    /// call (<see cref="CurvatureWrites.Snapshot"/>); anything else is returned as it is. An array made at the call (hess19) is
    /// copied even when it carries no gradient: the reverse sweep's call of a callee whose other arguments do must see this
    /// iteration's values (HessianCalls refuses an uncopied one).
    /// </summary>
    /// <summary>The plain helper (not [Differentiable], not [NoDiff]) whose argument this <c>MemoryExtensions.AsSpan</c>/<c>AsMemory</c> call is, if it is one.</summary>
    private static IMethodSymbol? SliceForAPlainHelper(IMethodSymbol method, IOperation at)
    {
        if (method.Name is not ("AsSpan" or "AsMemory") || method.ContainingType?.ToDisplayString() != "System.MemoryExtensions") return null;
        var parent = at.Parent;
        while (parent is IConversionOperation) parent = parent.Parent;
        return parent is IArgumentOperation { Parent: IInvocationOperation { TargetMethod: var helper } } && PlainHelpers.IsUnmarked(helper)
            && helper.Locations.Any(l => l.IsInSource) ? helper : null;
    }

    private int CopiedInAHessianLoop(int array, IOperation at, bool madeAtTheCall = false) =>
        _context.Hessian && _context.LoopDepth > 0 && array >= 0
        && _context.Nodes[array] is { Type: ScalarType.Array, Gate: GateKind.NewArray or GateKind.Store or GateKind.Phi or GateKind.Copy } node && (node.Varied || madeAtTheCall)
            ? Snapshot(array, at)
            : array;

    /// <summary>A call that writes into an array it is passed (<see cref="ArrayWrites"/>).</summary>
    private bool WritesIntoAnArray(IOperation op) =>
        op is IInvocationOperation call && _context.Writes is { } writes && call.Arguments.Any(a => a.Parameter is { } p && writes.Writes(call.TargetMethod, p.Ordinal));

    /// <summary>The call writes into the array it passes for <paramref name="argument"/> (<see cref="ArrayWrites"/>).</summary>
    private bool WritesInto(IInvocationOperation call, IArgumentOperation argument) =>
        _context.Writes is { } writes && argument.Parameter is { } p && (writes.Writes(call.TargetMethod, p.Ordinal) || writes.ForeignWrites(call, argument));

    private static string? OperatorToken(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        _ => null,
    };

    private int LowerConstant(IOperation op, string? userName)
    {
        string? text = _renderer.Render(op);
        if (text is null) return Placeholder(op);
        var type = TypeOf(op);
        string typeName = op.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object";
        bool isAtom = op.ConstantValue.HasValue || op is ILocalReferenceOperation or IParameterReferenceOperation
            // A span or array cannot go on a tape: a view of a parameter is computed again where it is read (RecomputedViews).
            || userName is null && !RecomputedViews.IsTapeable(typeName) && RecomputedViews.IsView(op, v => CollectionArguments.StoredLater(v, WritesInto) || ConstantMembers.StoredInto(v, WritesInto))
            // A static readonly table or object (not a number): the reverse sweep reads the field again, in a loop too.
            || userName is null && !RecomputedViews.IsTapeable(typeName) && CollectionArguments.IsStable(op);
        return _context.AddConstant(text, type, typeName, userName, isAtom, _renderer.Dependencies);
    }

    /// <summary>Stands in for a construct that was reported, so lowering can go on and find more errors.</summary>
    private int Placeholder(IOperation op) =>
        _context.AddConstant("default", TypeOf(op), op.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", null, isAtom: true);

    /// <summary>
    /// True when the value can change with a differentiable input through differentiable gates.
    /// Integers, booleans, comparisons and Floor/Round/Sign cut the dependence: their derivative is zero.
    /// </summary>
    public bool IsVaried(IOperation op)
    {
        if (_variedVersion != _context.VariablesVersion)
        {
            _varied.Clear();
            _variedVersion = _context.VariablesVersion;
        }
        return IsVaried(op, 0);
    }

    private bool IsVaried(IOperation op, int depth)
    {
        if (_varied.TryGetValue(op, out bool known)) return known;
        bool result = IsVariedCore(op, depth);
        // Inside an inlined computed property the same body is read with other receivers: not kept.
        if (_receivers.Count == 0) _varied[op] = result;
        return result;
    }

    private bool IsVariedCore(IOperation op, int depth)
    {
        // Past the depth limit, assume it varies: Lower then reports the nesting instead of guessing.
        if (depth > MaxDepth) return true;
        if (op.ConstantValue.HasValue) return false;
        // Inside an inlined computed property, 'this' and its members are lowered as components (never rendered as text).
        if (op is IInstanceReferenceOperation && InlinedReceiver(op.Type) is not null) return true;
        if (IsReceiverMember(op, out var receiverInstance, out _) && InlinedReceiver(receiverInstance.Type) is not null) return true;
        if (_context.WithRespectToThis && StateSymbol(op) is { } member) return StateVaried(member, op.Type);
        if (CarriedStructVaried(op, out bool carried)) return carried;
        if (WalkVaried(op) is { } walked) return walked;
        switch (op)
        {
            // A span view varies when an array it may view does (ExpressionLowering.SpanViews).
            case ILocalReferenceOperation or IParameterReferenceOperation when SpanAliasOf(op) is { } view:
                return view.Arrays.Any(a => IsVariedNode(_context.Current(a)));
            // A second name for a local list (var b = a;) varies as the list does (StatementLowering.Lists).
            case ILocalReferenceOperation { Local: var named } when _context.IsListAlias(named):
                return IsVariedNode(_context.Current(_context.ResolveList(named)));
            // An inlined helper's sequence parameter passed a list is a second name of it (ExpressionLowering.SequenceHelperArguments).
            case IParameterReferenceOperation { Parameter: var aliased } when _context.IsListAlias(aliased):
                return IsVariedNode(_context.Current(_context.ResolveList(aliased)));
            // A foreach row of a jagged parameter varies as the parameter does (LoweringContext.JaggedRows).
            case ILocalReferenceOperation or IParameterReferenceOperation when _context.JaggedRowOf(op) is { } jagged:
                return IsVariedNode(_context.Current(jagged.Grid));
            // A query kept in a local is the chain it names, lowered where it is read (QueryLocals): never text, as the
            // local is not declared in the generated code (a chain of constants lowers to a loop of constants).
            case ILocalReferenceOperation when QueryLocals.Chain(op) is not null:
                return true;
            case ILocalReferenceOperation local:
                return IsVariedVariable(local.Local) || UnboundPatternVaried(local);
            case IParameterReferenceOperation parameter:
                return IsVariedNode(_context.Current(parameter.Parameter));
            case IInvocationOperation invocation when IsConstantCall(invocation.TargetMethod):
                return false; // [NoDiff] on the method: a stop-gradient, its value a constant (GradientLeaks checks its arguments)
            // A local function that reads the enclosing method's variables may vary whatever its arguments:
            // its body is lowered where it is called, which tells.
            case IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction, IsStatic: false } } when !DiscreteStructs.IsCut(op.Type):
                return true;
            // A lambda held in a local (LambdaLocals) may read the method's variables too.
            case IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke when !DiscreteStructs.IsCut(op.Type) && LambdaLocals.Lambda(invoke) is not null:
                return true;
            case IInstanceReferenceOperation:
                return _context.WithRespectToThis; // the object itself, as a value, is all of its state
            // Fields and properties of 'this' and static ones are constants of the method; a member of a
            // differentiated value is judged by that value below.
            // Under WithRespectToThis the object's real members are inputs (ThisState): varied by their nodes, and a
            // real member without one is varied too, so that its read is reported rather than taken as a constant.
            case IFieldReferenceOperation { Instance: null or IInstanceReferenceOperation } field:
                return _context.WithRespectToThis && StateVaried(field.Field, field.Type);
            case IPropertyReferenceOperation { Property.IsIndexer: false, Instance: null or IInstanceReferenceOperation } property:
                return _context.WithRespectToThis && StateVaried(property.Property, property.Type);
            case IInvocationOperation { Instance: IInstanceReferenceOperation, TargetMethod.IsStatic: false } when _context.WithRespectToThis && !DiscreteStructs.IsCut(op.Type):
                return true;
            case IConversionOperation conversion when CollectionArguments.Unwrap(conversion) is var array && array != conversion:
                return IsVaried(array, depth + 1); // an array seen as a span carries its gradient along
        }
        // Only a discrete result (int, bool, an enum) cuts the dependence: its derivative is zero. Whether it
        // was computed by something we may look through is checked where it is written out (GradientLeaks).
        // Anything else (a span, an IEnumerable, object, a tuple) still carries whatever it was made from. A struct of discrete
        // members only (a Bool3 of flags, idioms20) holds no real either, so it cuts as a bool does.
        if (DiscreteStructs.IsCut(op.Type)) return false;
        // Floor(t = x) + t: t varies after the assignment, not before. Judged in evaluation order.
        if (AssignsReal(op)) return VariedInOrder(op, new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default));
        foreach (var child in op.ChildOperations)
        {
            if (IsVaried(child, depth + 1)) return true;
        }
        return false;
    }

    /// <summary>
    /// <see cref="IsVaried(IOperation)"/> for an expression that assigns reals inside it: its parts in evaluation order,
    /// each read of a variable answered by what the last assignment before it stored (<paramref name="assigned"/>).
    /// Every part is visited, a cut's too, for the assignments it holds.
    /// </summary>
    private bool VariedInOrder(IOperation op, Dictionary<ISymbol, bool> assigned)
    {
        if (op.ConstantValue.HasValue) return false;
        if (assigned.Count == 0 && !AssignsReal(op)) return IsVaried(op, 0);
        bool discrete = DiscreteStructs.IsCut(op.Type);
        bool Read(ISymbol v) => assigned.TryGetValue(v, out bool known) ? known : IsVariedVariable(v);
        if (CarriedStructVaried(op, out bool carried)) return carried;
        if (WalkVaried(op) is { } walked) return walked;
        switch (op)
        {
            case ILocalReferenceOperation local:
                return !discrete && (Read(local.Local) || UnboundPatternVaried(local));
            case IParameterReferenceOperation parameter:
                return !discrete && Read(parameter.Parameter);
            case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } simple:
                {
                    bool value = VariedInOrder(simple.Value, assigned);
                    assigned[Symbol(simple.Target)] = value && !discrete;
                    return value && !discrete;
                }
            case ICompoundAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } compound:
                {
                    var v = Symbol(compound.Target);
                    bool value = Read(v) | VariedInOrder(compound.Value, assigned);
                    assigned[v] = value && !discrete;
                    return value && !discrete;
                }
            case IIncrementOrDecrementOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation } increment:
                return !discrete && Read(Symbol(increment.Target));
            case IInvocationOperation call when WritesRealArgument(call):
                {
                    // TryInvert(x, out var inv) ? inv * inv : 0: the inlined body assigns inv before the branch reads it.
                    // Each real it writes is taken to vary (it may, from the arguments or what the body reads): lowered
                    // as a node, a constant stays right; rendered as text, a varied one would lose its gradient.
                    foreach (var child in op.ChildOperations) VariedInOrder(child, assigned);
                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.RefKind is RefKind.Ref or RefKind.Out && WrittenVariable(argument.Value) is { } written) assigned[written] = true;
                    }
                    return !discrete;
                }
        }
        bool any = false;
        foreach (var child in op.ChildOperations) any |= VariedInOrder(child, assigned);
        if (discrete || op is IInvocationOperation invocation && IsConstantCall(invocation.TargetMethod)) return false;
        // As IsVariedCore: a non-static local function may read a varied variable whatever its arguments.
        if (op is IInvocationOperation { TargetMethod: { MethodKind: MethodKind.LocalFunction, IsStatic: false } }) return true;
        if (op is IInvocationOperation { TargetMethod.MethodKind: MethodKind.DelegateInvoke } invoke && LambdaLocals.Lambda(invoke) is not null) return true;
        return any;
    }

    /// <summary>
    /// A call inlined in place (a local function, a Try-shaped plain helper, PlainTryHelpers) that writes a real through a
    /// ref/out argument: an assignment for <see cref="AssignsReal"/>.
    /// </summary>
    private static bool WritesRealArgument(IInvocationOperation call) =>
        (call.TargetMethod.MethodKind == MethodKind.LocalFunction || PlainTryHelpers.IsTryShaped(call.TargetMethod))
        && call.Arguments.Any(a => a.Parameter?.RefKind is RefKind.Ref or RefKind.Out && TypeOf(a.Value) is ScalarType.Double or ScalarType.Float);

    /// <summary>The local or parameter a ref/out argument names (<c>out var v</c>, <c>ref s</c>), or null.</summary>
    private static ISymbol? WrittenVariable(IOperation value) => value switch
    {
        IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } => declared.Local,
        ILocalReferenceOperation or IParameterReferenceOperation => Symbol(value),
        _ => null,
    };

    private static ISymbol Symbol(IOperation reference) => reference is ILocalReferenceOperation l ? l.Local : ((IParameterReferenceOperation)reference).Parameter;

    private readonly Dictionary<IOperation, bool> _assignsReal = new();

    /// <summary>The operation assigns a double or float variable somewhere inside it (memoized: linear on deep trees).</summary>
    private bool AssignsReal(IOperation op)
    {
        if (_assignsReal.TryGetValue(op, out bool known)) return known;
        bool result = op is IAssignmentOperation or IIncrementOrDecrementOperation && TypeOf(op) is ScalarType.Double or ScalarType.Float
            || op is IInvocationOperation call && WritesRealArgument(call);
        foreach (var child in op.ChildOperations)
        {
            if (AssignsReal(child)) result = true;
        }
        _assignsReal[op] = result;
        return result;
    }

    private bool IsVariedNode(int id) => id >= 0 && _context.Nodes[id].Varied;

    /// <summary>A variable's value varies; a local array of structs (StructArrayLocals, no node of its own) when a component array does.</summary>
    private bool IsVariedVariable(ISymbol variable) =>
        _context.IsRefChoice(variable) ? _context.RefChoiceVaried(variable)
        : variable is ILocalSymbol && _context.StructArrays.ContainsKey(variable) ? _context.StructArrayParts(variable).Any(IsVariedNode) : IsVariedNode(_context.Current(variable));

    private static bool IsOne(IOperation op) => op.ConstantValue is { HasValue: true, Value: 1.0 or 1f };

    public static ScalarType TypeOf(IOperation op) => TypeOf(op.Type);

    public static ScalarType TypeOf(ITypeSymbol? type) => ValueKinds.Of(type);
}
