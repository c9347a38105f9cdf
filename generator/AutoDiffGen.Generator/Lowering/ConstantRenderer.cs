using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Writes an expression that depends on no differentiable input back as C# text, for the forward
/// sweep. Locals become their current SSA names; types and static members get global:: names.
/// Returns null (and reports why) for a construct it cannot reproduce faithfully.
/// </summary>
internal sealed partial class ConstantRenderer
{
    private readonly LoweringContext _context;

    private readonly GradientLeaks _leaks;

    public ConstantRenderer(LoweringContext context)
    {
        _context = context;
        _leaks = new GradientLeaks(context);
    }

    /// <summary>The nodes the last rendered text reads, so that they are computed before it.</summary>
    public List<int> Dependencies { get; } = new();

    /// <summary>The text of the expression, or null after reporting an unsupported construct.</summary>
    public string? Render(IOperation op)
    {
        Dependencies.Clear();
        return RenderPart(op);
    }

    /// <summary>
    /// The text of a thrown exception or a guard call's arguments, or null after reporting. These may read
    /// differentiated values freely (no gradient flows past a throw or into a check), and may create objects and
    /// interpolate strings. Calls here do not count as opaque: a restarted forward sweep may check again.
    /// </summary>
    public string? RenderEffect(IOperation op)
    {
        bool opaque = _context.HasOpaqueCalls;
        _effect = true;
        try
        {
            return Render(op);
        }
        finally
        {
            _effect = false;
            _context.HasOpaqueCalls = opaque;
        }
    }

    /// <summary>Rendering for <see cref="RenderEffect"/>: no gradient checks, object creation and interpolated strings allowed.</summary>
    private bool _effect;

    private int _depth;

    private string? RenderPart(IOperation op)
    {
        if (_depth >= ExpressionLowering.MaxDepth)
        {
            return Unsupported(op, "An expression nested more than " + ExpressionLowering.MaxDepth + " levels deep");
        }
        _depth++;
        try
        {
            return RenderCore(op);
        }
        finally
        {
            _depth--;
        }
    }

    private string? RenderCore(IOperation op)
    {
        if (op.ConstantValue.HasValue) return RenderConstant(op.ConstantValue.Value, op.Type);

        switch (op)
        {
            // A member of a struct or tuple that a local function or lambda local returns: that component of the inlined call.
            case IMemberReferenceOperation { Instance: IInvocationOperation inner } member when StatementLowering.IsInlinedCall(inner) && Derivatives.RealStructs.IsRealStruct(inner.Type):
                return InlinedStructMember(inner, member);
            case var _ when EmbeddedEffects.IsEmbedded(op):
                return Embedded(op);
            // e.MoveNext() and e.Current of an enumerator that walks a sequence (ConstantRenderer.Enumerators).
            case var _ when TryWalk(op, out string? walked):
                return walked;
            // xs.Count(v => test), xs.Where(…).Count() over a sequence that carries a gradient: its loop, lowered now (ExpressionLowering.LinqCount).
            case IInvocationOperation counted when !_effect && _context.LowerCount is { } count && LinqCalls.IsCounting(counted) && counted.Arguments.Any(a => _context.IsActive(a.Value)):
                return Lowered(counted, count);
            // s.Step(k) in a condition, an index or a count: as text it would run on a copy of the carried struct, whose
            // writes were lost (a wrong value after it, or a loop that never ends).
            case IInvocationOperation mutating when _context.WritesItsReceiver?.Invoke(mutating) == true:
                return Unsupported(op, "A call to '" + mutating.TargetMethod.ContainingType.Name + "." + mutating.TargetMethod.Name + "', which writes the struct's own members, in a condition, an index or a count",
                    "call it in a statement of its own and keep its value in a local (var v = s." + mutating.TargetMethod.Name + "(…); if (v > 1) …)");
            // z.HasValue, z.Value, z.GetValueOrDefault() of a double? local: its components (ConstantRenderer.NullableReals).
            case IPropertyReferenceOperation or IInvocationOperation or IConversionOperation or IBinaryOperation when CarriedNullable(op) is { } held:
                return held;
            case var _ when StructPaths.TryGet(op, _context, out var variable, out var path) && _context.IsCarriedStruct(variable):
                return CarriedStruct(variable, path, op);
            // A local List<double> (ConstantRenderer.Lists): its Count and elements through its count variable.
            case var _ when TryList(op, out string? listed):
                return listed;
            // A span local that views arrays (LoweringContext.SpanAliases): its length, its elements; nothing else is text.
            case IPropertyReferenceOperation { Property.Name: "Length", Instance: var viewing } when _context.ViewSymbol(viewing) is { } viewed && _context.SpanAliasOf(viewed) is { } view:
                {
                    int length = _context.Current(view.Length);
                    Dependencies.Add(length);
                    return _context.Nodes[length].Name;
                }
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: var viewing } indexer when _context.ViewSymbol(viewing) is { } viewed && _context.SpanAliasOf(viewed) is { } view:
                return SpanElement(view, indexer.Arguments[0].Value);
            case ILocalReferenceOperation or IParameterReferenceOperation when _context.ViewSymbol(op) is { } viewing:
                return Unsupported(op, "The span " + (viewing is IParameterSymbol ? "parameter '" : "local '") + viewing.Name + "', which views an array that carries a gradient, used other than by its elements, its Length, Slice or a range, or passing it to a [Differentiable] method", ExpressionLowering.SpanViewHint);
            case var _ when StructArrayStores.TryGet(op, out var structArray, out var slot, out var member) && StructArrayStores.Root(structArray) is { } written
                && _context.WrittenStructArrays.Contains(written):
                return WrittenStructElement(written, slot, member, op);
            // A local array of structs exists only as its component arrays (StructArrayLocals): its length is theirs.
            // A callee's parameter bound to one in an inlined call (StructArrayArguments) too: its length is the caller's array's.
            // A [WithRespectTo] list of class objects' Count too: its first component array's length (ClassArrayParameters).
            case IPropertyReferenceOperation { Property.Name: "Length" or "Count", Property.IsIndexer: false, Instance: var lengthOf } when StructArrayStores.Root(lengthOf) is { } structs && _context.StructArrays.ContainsKey(structs):
                {
                    int length = _context.StructArrayLength(structs);
                    Dependencies.Add(length);
                    return _context.Nodes[length].Name + ".Length";
                }
            // A foreach row of a jagged parameter: a[i], read only as row[j] and row.Length (LoweringContext.JaggedRows).
            case ILocalReferenceOperation or IParameterReferenceOperation when _context.JaggedRowOf(op) is { } jagged:
                {
                    int grid = _context.Current(jagged.Grid), index = _context.Current(jagged.Row);
                    Dependencies.Add(grid);
                    Dependencies.Add(index);
                    return _context.Nodes[grid].Name + "[" + _context.Nodes[index].Name + "]";
                }
            case ILocalReferenceOperation local:
                return Variable(local.Local, op);
            case IParameterReferenceOperation parameter when LambdaParameter(parameter.Parameter) is { } renamed:
                return renamed;
            case IParameterReferenceOperation parameter:
                return Variable(parameter.Parameter, op);
            // Inside an inlined struct method or computed property: the receiver's member (LoweringContext.InlinedReceivers).
            case IFieldReferenceOperation or IPropertyReferenceOperation when _context.InlinedMember(op) is var member && member >= 0:
                Dependencies.Add(member);
                return _context.Nodes[member].Name;
            case IInstanceReferenceOperation when _context.InlinesReceiverOf(op.Type):
                _context.ReportUnsupportedExpression(op, "The struct itself ('this') inside an inlined method, where it is not read member by member",
                    "read its members (X, Y) there, or pass them as arguments");
                return null;
            case IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda }:
                return RenderLambda(lambda, op);
            case IAnonymousFunctionOperation lambda:
                return RenderLambda(lambda, op);
            case IInstanceReferenceOperation:
                return "this";
            case IConversionOperation conversion:
                {
                    if (!_effect && !_leaks.Conversion(conversion)) return null;
                    string? operand = RenderPart(conversion.Operand);
                    if (operand is null) return null;
                    if (conversion.Type is null) return operand;
                    if (SymbolEqualityComparer.Default.Equals(conversion.Type, conversion.Operand.Type)) return operand;
                    if (IsNullTestOperand(conversion))
                    {
                        // 'x as object' rather than '(object)x': flow analysis learns nothing from the test. The
                        // generated code keeps its result in a bool, so what it would learn (maybe null) outlives
                        // the test and turns every later read into a warning.
                        return Wrap(conversion.Operand, operand) + " as object";
                    }
                    // Implicit conversions are written out so that the text means the same in any position. A checked one
                    // stays checked: it throws where the method throws (an unchecked cast of 5e9 to int gives a value instead).
                    string cast = "(" + conversion.Type.ToDisplayString(SymbolNames.TypeFormat) + ")" + Wrap(conversion.Operand, operand);
                    return Checked(conversion, conversion.IsChecked && !conversion.IsImplicit, cast);
                }
            case IBinaryOperation binary when binary.OperatorMethod is null || IsNumericsOperator(binary.OperatorMethod):
                {
                    if (!_effect) _leaks.Binary(binary);
                    string? left = RenderPart(binary.LeftOperand);
                    string? right = RenderPart(binary.RightOperand);
                    string? symbol = BinaryOperatorText(binary.OperatorKind);
                    if (left is null || right is null) return null;
                    if (symbol is null) return Unsupported(op, "the operator " + binary.OperatorKind);
                    string leftText = Wrap(binary.LeftOperand, left);
                    return Checked(binary, binary.IsChecked, leftText + " " + symbol + " " + SelfCompared(binary, leftText, Wrap(binary.RightOperand, right)));
                }
            case IUnaryOperation unary when unary.OperatorMethod is null || IsNumericsOperator(unary.OperatorMethod):
                {
                    string? operand = RenderPart(unary.Operand);
                    if (operand is null) return null;
                    string? symbol = unary.OperatorKind switch
                    {
                        UnaryOperatorKind.Minus => "-",
                        UnaryOperatorKind.Plus => "+",
                        UnaryOperatorKind.Not => "!",
                        UnaryOperatorKind.BitwiseNegation => "~",
                        UnaryOperatorKind.Hat => "^",
                        _ => null,
                    };
                    if (symbol is null) return Unsupported(op, "the operator " + unary.OperatorKind);
                    return Checked(unary, unary.IsChecked, symbol + Wrap(unary.Operand, operand));
                }
            // A tuple of reals that carries no gradient, and one of reals and discrete values a positional pattern tests
            // ((a, b) is (> 0, _), idioms16b): only primal values are read.
            case ITupleOperation tuple when Derivatives.RealStructs.IsRealTuple(tuple.Type) || IsTestedTuple(tuple):
                {
                    // A tuple of reals that carries no gradient, (4.0, 2.0).Item1: its text (tuple locals are carried, ExpressionLowering.TupleLocals).
                    var parts = tuple.Elements.Select(RenderPart).ToList();
                    if (parts.Any(p => p is null)) return null;
                    return "(" + string.Join(", ", parts) + ")";
                }
            case IConditionalOperation conditional when conditional.WhenFalse is not null:
                {
                    string? c = RenderPart(conditional.Condition);
                    string? t = RenderPart(conditional.WhenTrue);
                    string? f = RenderPart(conditional.WhenFalse);
                    if (c is null || t is null || f is null) return null;
                    return Wrap(conditional.Condition, c) + " ? " + Wrap(conditional.WhenTrue, t) + " : " + Wrap(conditional.WhenFalse, f);
                }
            case ICoalesceOperation coalesce:
                {
                    // w ?? 0.5 over a nullable constant (a [NoDiff] double?, a string): C# 7.3 has '??'.
                    string? value = RenderPart(coalesce.Value);
                    string? whenNull = RenderPart(coalesce.WhenNull);
                    if (value is null || whenNull is null) return null;
                    return Wrap(coalesce.Value, value) + " ?? " + Wrap(coalesce.WhenNull, whenNull);
                }
            case IFieldReferenceOperation field:
                return _effect || IsStructComponent(field.Instance, field.Field) || _leaks.Member(field.Instance, field.Field, op) ? RenderMember(field.Instance, field.Field, op) : null;
            case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                NoteStateful(property, StatefulCalls.Changes);
                if (!_effect && ObjectChanges.Report(property, property.Instance, _context, c => StatefulCalls.Changes(property, c))) return null;
                return _effect || IsStructComponent(property.Instance, property.Property) || _leaks.Member(property.Instance, property.Property, op) ? RenderMember(property.Instance, property.Property, op) : null;
            case IInvocationOperation invocation:
                return RenderInvocation(invocation);
            case IRangeOperation range:
                {
                    // a..b, ..b, a.. and .. (C# 8: the user wrote it, so the version has it).
                    string? left = range.LeftOperand is null ? "" : RenderPart(range.LeftOperand);
                    string? right = range.RightOperand is null ? "" : RenderPart(range.RightOperand);
                    if (left is null || right is null) return null;
                    return (range.LeftOperand is null ? "" : Wrap(range.LeftOperand, left)) + ".." + (range.RightOperand is null ? "" : Wrap(range.RightOperand, right));
                }
            case IImplicitIndexerReferenceOperation implicitIndexer:
                {
                    // span[^1], span[1..]: the compiler's pattern-based indexer, written as the user wrote it.
                    string? instance = RenderPart(implicitIndexer.Instance);
                    string? argument = RenderPart(implicitIndexer.Argument);
                    if (instance is null || argument is null) return null;
                    return Wrap(implicitIndexer.Instance, instance) + "[" + argument + "]";
                }
            case IArrayElementReferenceOperation element:
                {
                    // x[i], m[i, j] and, through the nested reference, jagged[i][j].
                    string? array = RenderPart(element.ArrayReference);
                    var indices = new List<string>();
                    foreach (var index in element.Indices)
                    {
                        string? text = RenderPart(index);
                        if (text is null) return null;
                        indices.Add(text);
                    }
                    return array is null ? null : Wrap(element.ArrayReference, array) + "[" + string.Join(", ", indices) + "]";
                }
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1, Instance: not null } indexer:
                {
                    NoteStateful(indexer, StatefulCalls.Changes);
                    IOperation instance = indexer.Instance!;
                    string? receiver = RenderPart(instance);
                    string? index = RenderPart(indexer.Arguments[0].Value);
                    return receiver is null || index is null ? null : Wrap(instance, receiver) + "[" + index + "]";
                }
            case IObjectCreationOperation creation when creation.Constructor is not null
                && (_effect && creation.Initializer is null || creation.Type is { IsValueType: true } && (!_context.IsActive(creation) || Derivatives.RealStructs.IsRealStruct(creation.Type))
                    || ConstantObjects.IsConstant(creation, _context.IsActive)):
                {
                    // A struct: of constants (new P(1.0, k)), or of reals read where the gradient stops (Math.Floor(new P(x, 1).X)).
                    // Its constructor may do anything, and whatever reads the struct checks it for a leak.
                    if (!_effect && !Derivatives.RealStructs.IsNumericsVector(creation.Type)) _context.HasOpaqueCalls = true;
                    // A struct of discrete members is never active itself: its differentiated arguments are checked here (idioms20).
                    if (!_effect && !_leaks.Creation(creation)) return null;
                    NoteStateful(creation, StatefulCalls.Changes);
                    string? arguments = RenderArguments(creation.Arguments);
                    string? members = creation.Initializer is null ? "" : RenderInitializer(creation.Initializer);
                    return arguments is null || members is null ? null : "new " + creation.Type!.ToDisplayString(SymbolNames.TypeFormat) + "(" + arguments + ")" + members;
                }
            case IWithOperation with when Derivatives.RealStructs.IsRealStruct(with.Type):
                {
                    string? operand = RenderPart(with.Operand);
                    string? members = RenderInitializer(with.Initializer);
                    return operand is null || members is null ? null : Wrap(with.Operand, operand) + " with" + members;
                }
            case IInterpolatedStringOperation interpolated when _effect:
                return RenderInterpolated(interpolated);
            case IIsPatternOperation isPattern:
                return RenderIsPattern(isPattern);
            case IIsTypeOperation { IsNegated: false } isType when SequenceDispatch.Applies(isType.TypeOperand, isType.ValueOperand):
                // data is double[] on a list or sequence parameter (idioms14a): its run-time type, decided in the forward sweep.
                return SequenceDispatch.TestText(isType.ValueOperand, isType.TypeOperand);
            case IArrayCreationOperation or ICollectionExpressionOperation when op.Type is IArrayTypeSymbol { Rank: 1, ElementType: var element }
                && Derivatives.PiecewiseConstant.IsDiscrete(element) && ListedElements(op) is { } elements:
                // int[] range = { 1, 2, 3 }; (or bool[]): an array of constants, indexes and flags (ConstantRenderer.Arrays).
                return NewArray(elements, element);
            case ICollectionExpressionOperation when op.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments: [var spanElement] }
                && Derivatives.PiecewiseConstant.IsDiscrete(spanElement) && ListedElements(op) is { } spanElements:
                // ReadOnlySpan<int> p = [1, 2, 3];: the same values as an array, which converts to the span where one is declared.
                return NewArray(spanElements, spanElement);
            default:
                return Unsupported(op, null);
        }
    }

    /// <summary>
    /// $"…{x,8:F2}…" as a regular (not verbatim, not raw) interpolated string, which every language version reads; also one
    /// the compiler lowered into an interpolated string handler's AppendLiteral/AppendFormatted calls.
    /// </summary>
    private string? RenderInterpolated(IInterpolatedStringOperation interpolated)
    {
        var text = new StringBuilder("$\"");
        foreach (var part in interpolated.Parts)
        {
            switch (part)
            {
                case IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string literal } }:
                    AppendLiteral(text, literal);
                    break;
                case IInterpolationOperation hole:
                    if (!AppendHole(text, hole, hole.Expression, hole.Alignment, hole.FormatString)) return null;
                    break;
                case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments: [{ Value.ConstantValue: { HasValue: true, Value: string literal } }] } }
                    when part.Kind == OperationKind.InterpolatedStringAppendLiteral:
                    AppendLiteral(text, literal);
                    break;
                case IInterpolatedStringAppendOperation { AppendCall: IInvocationOperation { Arguments: [var value, ..] } append } when part.Kind == OperationKind.InterpolatedStringAppendFormatted:
                    {
                        // handler.AppendFormatted(value[, alignment][, format]): the hole it was written as.
                        var expression = value.Value is IConversionOperation { IsImplicit: true } boxed ? boxed.Operand : value.Value;
                        var alignment = append.Arguments.FirstOrDefault(a => a.Parameter?.Name == "alignment")?.Value;
                        var format = append.Arguments.FirstOrDefault(a => a.Parameter?.Name == "format")?.Value;
                        if (format is { ConstantValue.HasValue: true, ConstantValue.Value: null }) format = null;
                        if (!AppendHole(text, part, expression, alignment, format)) return null;
                        break;
                    }
                default:
                    return Unsupported(part, "this part of an interpolated string");
            }
        }
        return text.Append('"').ToString();
    }

    private static void AppendLiteral(StringBuilder text, string literal)
    {
        string quoted = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatLiteral(literal, quote: true);
        text.Append(quoted.Substring(1, quoted.Length - 2).Replace("{", "{{").Replace("}", "}}"));
    }

    /// <summary>{value,alignment:format}; false after an error.</summary>
    private bool AppendHole(StringBuilder text, IOperation hole, IOperation expression, IOperation? alignment, IOperation? format)
    {
        string? value = RenderPart(expression);
        if (value is null) return false;
        // A hole's ':' would start a format: anything but an atom is parenthesized.
        text.Append('{').Append(Wrap(expression, value));
        if (alignment is not null)
        {
            string? width = RenderPart(alignment);
            if (width is null) return false;
            text.Append(',').Append(width);
        }
        if (format is not null)
        {
            string? why = format.ConstantValue is not { HasValue: true, Value: string f } ? "a format that is not a constant string"
                : f.IndexOfAny(new[] { '"', '\\', '{', '}', '\n', '\r' }) >= 0 ? "a format string with quotes, braces or backslashes" : null;
            if (why is not null)
            {
                Unsupported(hole, why);
                return false;
            }
            text.Append(':').Append((string)format.ConstantValue.Value!);
        }
        text.Append('}');
        return true;
    }

    /// <summary>
    /// An assignment, ++/-- or local-function call: lowered now, before the text that reads its value, which
    /// names the version it produced (<see cref="LoweringContext.LowerEmbedded"/>).
    /// </summary>
    private string? Embedded(IOperation op) =>
        _effect || _context.LowerEmbedded is null ? Unsupported(op, null) : Lowered(op, _context.LowerEmbedded);

    /// <summary>The node <paramref name="lower"/> makes for <paramref name="op"/> now, before the text that reads it, by name.</summary>
    private string? Lowered<T>(T op, System.Func<T, int> lower) where T : IOperation
    {
        int node = KeepingDependencies(() => lower(op));
        if (node < 0) return null;
        Dependencies.Add(node);
        return _context.Nodes[node].Name;
    }

    /// <summary>Runs <paramref name="lower"/>, which may render other text with this renderer, keeping what this text reads so far.</summary>
    private T KeepingDependencies<T>(System.Func<T> lower)
    {
        var dependencies = new List<int>(Dependencies);
        var result = lower();
        Dependencies.Clear();
        Dependencies.AddRange(dependencies);
        return result;
    }

    /// <summary>As <see cref="Embedded"/>, for <c>F(a).X</c> where the local function F returns a struct or tuple of reals.</summary>
    private string? InlinedStructMember(IInvocationOperation call, IMemberReferenceOperation member)
    {
        if (_effect || _context.InlineStructCall is null) return Unsupported(member, null);
        var inline = _context.InlineStructCall;
        var nodes = KeepingDependencies(() => inline(call));
        if (nodes is null) return null;
        var indices = StructPaths.Under(Derivatives.RealStructs.Components(call.Type)!, Derivatives.RealStructs.MemberName(member.Member));
        if (indices.Count != 1) return Unsupported(member, "A member of a struct that is not one of its real fields");
        int node = nodes[indices[0]];
        Dependencies.Add(node);
        return _context.Nodes[node].Name;
    }

    /// <summary>The reference converted to object in <c>x == null</c> or <c>x != null</c>.</summary>
    private static bool IsNullTestOperand(IConversionOperation conversion) =>
        conversion.IsImplicit
        && conversion.Type?.SpecialType == SpecialType.System_Object
        && conversion.Operand.Type is { IsReferenceType: true }
        && conversion.Parent is IBinaryOperation { OperatorKind: BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals } test
        && (test.LeftOperand.ConstantValue is { HasValue: true, Value: null } || test.RightOperand.ConstantValue is { HasValue: true, Value: null });

    private string? Variable(ISymbol variable, IOperation op)
    {
        int id = _context.Current(variable);
        if (id < 0)
        {
            if (_context.IsRejected(variable)) return null;
            if (ShortCircuitAssignments.Describe(op) is { } shortCircuit) _context.ReportUnsupportedExpression(op, shortCircuit.What, shortCircuit.Hint);
            else _context.ReportUnsupportedExpression(op, "a read of a variable before it is assigned");
            return null;
        }
        Dependencies.Add(id);
        return _context.Nodes[id].Name;
    }

    /// <summary>
    /// A struct variable carried as its components (<see cref="LoweringContext.Component"/>): a member is its
    /// component's value; the struct itself is built again from them, <c>new P { X = …, Y = … }</c>.
    /// </summary>
    private string? CarriedStruct(ISymbol variable, string path, IOperation op)
    {
        var all = Derivatives.RealStructs.Components(LoweringContext.TypeOfVariable(_context.Resolve(variable)))!;
        var indices = StructPaths.Under(all, path);
        var nodes = indices.Select(i => _context.Current(_context.Component(variable, all[i].Path))).ToList();
        if (indices.Count == 0 || nodes.Any(n => n < 0))
        {
            if (!_context.IsRejected(variable)) _context.ReportUnsupportedExpression(op, "a read of a struct before all its members are assigned");
            return null;
        }
        Dependencies.AddRange(nodes);
        if (!Derivatives.RealStructs.IsRealStruct(op.Type) && !Derivatives.NullableReals.Is(op.Type)) return _context.Nodes[nodes[0]].Name;
        var names = new Dictionary<string, string>();
        for (int k = 0; k < indices.Count; k++) names[all[indices[k]].Path] = _context.Nodes[nodes[k]].Name;
        return Rebuild(op.Type!, path.Length == 0 ? "" : path + ".", names);
    }

    /// <summary>
    /// An element (or a member of one) of an array of structs the method stores into: read from its component arrays as
    /// they are now (<c>bsX[i]</c>), since the parameter itself only gets them back when the forward sweep ends.
    /// </summary>
    private string? WrittenStructElement(ISymbol array, IOperation index, string path, IOperation op)
    {
        string? at = RenderPart(index);
        if (at is null) return null;
        var all = Derivatives.RealStructs.Components(Derivatives.ValueKinds.CarriedArrayElement(LoweringContext.TypeOfVariable(array)!))!;
        var indices = StructPaths.Under(all, path);
        var nodes = indices.Select(i => _context.Current(_context.Component(array, all[i].Path))).ToList();
        Dependencies.AddRange(nodes);
        var names = new Dictionary<string, string>();
        for (int k = 0; k < indices.Count; k++) names[all[indices[k]].Path] = _context.Nodes[nodes[k]].Name + "[" + at + "]";
        if (!Derivatives.RealStructs.IsRealStruct(op.Type)) return names[all[indices[0]].Path];
        return Rebuild(op.Type!, path.Length == 0 ? "" : path + ".", names);
    }

    private static string Rebuild(ITypeSymbol type, string prefix, Dictionary<string, string> names)
    {
        if (Derivatives.NullableReals.Is(type)) return Derivatives.NullableReals.Rebuild(type, names[prefix + "HasValue"], names[prefix + "Value"]);
        if (Derivatives.RealStructs.IsComplex(type)) return "new global::System.Numerics.Complex(" + names[prefix + "Real"] + ", " + names[prefix + "Imaginary"] + ")";
        if (type is INamedTypeSymbol { IsTupleType: true } tuple)
        {
            // A tuple literal of its elements (idioms16b): its members also list the named elements beside Item1, Item2, and
            // 'new (double x, double y) { … }' is no C# (a carried tuple local read whole, 't is (> 0, _)', broke the build).
            return "(" + string.Join(", ", tuple.TupleElements.Select((element, i) =>
            {
                string item = "Item" + (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
                return names.TryGetValue(prefix + item, out var text) ? text : Rebuild(element.Type, prefix + item + ".", names);
            })) + ")";
        }
        if (Derivatives.StructConstructors.IsBuiltWhole(type) && Derivatives.RealStructs.Components(type) is { } parts)
        {
            // Its members cannot be set one by one: through the constructor that takes them all.
            return Derivatives.StructConstructors.Build(type, k => names[prefix + parts[k].Path]);
        }
        var members = new List<string>();
        foreach (var field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsStatic || field.IsConst) continue;
            string name = ((ISymbol?)field.AssociatedSymbol ?? field).Name;
            members.Add(name + " = " + (names.TryGetValue(prefix + name, out var text) ? text : Rebuild(field.Type, prefix + name + ".", names)));
        }
        return "new " + type.ToDisplayString(SymbolNames.TypeFormat) + " { " + string.Join(", ", members) + " }";
    }

    /// <summary>" { X = …, Y = … }" of an object initializer or a 'with'; null after reporting any other initializer.</summary>
    private string? RenderInitializer(IObjectOrCollectionInitializerOperation initializer)
    {
        var members = new List<string>();
        foreach (var item in initializer.Initializers)
        {
            if (item is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation, Member: var member } } assignment)
            {
                return Unsupported(item, "this member initializer");
            }
            string? value = RenderPart(assignment.Value);
            if (value is null) return null;
            members.Add(member.Name + " = " + value);
        }
        return " { " + string.Join(", ", members) + " }";
    }

    /// <summary>A member of a struct of reals is one of its reals: reading it loses no gradient.</summary>
    private static bool IsStructComponent(IOperation? instance, ISymbol member) =>
        instance is not null && Derivatives.RealStructs.IsRealStruct(instance.Type) && Derivatives.RealStructs.IsComponentMember(member);

    private string? RenderMember(IOperation? instance, ISymbol member, IOperation op)
    {
        if (instance is null)
        {
            return member.ContainingType.ToDisplayString(SymbolNames.TypeFormat) + "." + member.Name;
        }
        string? receiver = RenderPart(instance);
        return receiver is null ? null : Wrap(instance, receiver) + "." + member.Name;
    }

    /// <summary>Keeps the first call, object creation or property read whose value may change from call to call (ADG0032 where it would run again).</summary>
    private void NoteStateful<T>(T op, System.Func<T, Compilation?, bool> changes) where T : IOperation
    {
        if (!_effect && _context.StatefulCall is null && changes(op, op.SemanticModel?.Compilation)) _context.StatefulCall = op.Syntax;
    }

    /// <summary>A tuple of reals, integers and bools (at most seven, none nested) that a switch or 'is' tests by position.</summary>
    private static bool IsTestedTuple(ITupleOperation tuple) =>
        tuple.Elements.Length <= 7 && tuple.Elements.All(e => Derivatives.PiecewiseConstant.IsReal(e.Type) || Derivatives.PiecewiseConstant.IsDiscrete(e.Type))
        && tuple.Parent is IIsPatternOperation or ISwitchOperation or ISwitchExpressionOperation or IConversionOperation { Parent: IIsPatternOperation or ISwitchOperation or ISwitchExpressionOperation };

    private string? RenderInvocation(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (!_effect && !_leaks.Call(invocation)) return null;
        if (method.ContainingType.ToDisplayString() is not ("System.Math" or "System.MathF")) _context.HasOpaqueCalls = true;
        NoteStateful(invocation, StatefulCalls.Changes);
        if (!_effect && ObjectChanges.Report(invocation, invocation.Instance, _context, c => StatefulCalls.Writes(invocation, c))) return null;
        string target;
        if (invocation.Instance is null)
        {
            target = method.ContainingType.ToDisplayString(SymbolNames.TypeFormat) + "." + method.Name;
        }
        else
        {
            string? receiver = RenderPart(invocation.Instance);
            if (receiver is null) return null;
            target = Wrap(invocation.Instance, receiver) + "." + method.Name;
        }
        if (method.IsGenericMethod)
        {
            target += "<" + string.Join(", ", method.TypeArguments.Select(t => t.ToDisplayString(SymbolNames.TypeFormat))) + ">";
        }

        string? arguments = RenderArguments(invocation.Arguments);
        return arguments is null ? null : target + "(" + arguments + ")";
    }

    /// <summary>
    /// Arguments in parameter order; defaults written out so the call means the same here (a
    /// [CallerArgumentExpression] default is the user's text, not the generated local's name).
    /// </summary>
    private string? RenderArguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> list)
    {
        if (EmbeddedEffects.OutOfOrder(list) is { } reordered) return Unsupported(reordered, "an assignment or ++/-- in a named argument written out of parameter order");
        var arguments = new StringBuilder();
        foreach (var argument in list.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            string? value;
            if (argument is { ArgumentKind: ArgumentKind.ParamArray, Parameter.RefKind: RefKind.None, Value: IArrayCreationOperation { Initializer: { } elements, Type: IArrayTypeSymbol array } })
            {
                // An expanded params call, Sum(1.0, t, 2.0): the array the compiler builds, written out.
                var parts = new List<string>();
                foreach (var element in elements.ElementValues)
                {
                    string? part = RenderPart(element);
                    if (part is null) return null;
                    parts.Add(part);
                }
                value = "new " + array.ElementType.ToDisplayString(SymbolNames.TypeFormat) + "[] { " + string.Join(", ", parts) + " }";
            }
            else if (argument is { ArgumentKind: ArgumentKind.Explicit, Parameter: { RefKind: RefKind.None } parameter } && CreatedAtTheCall(argument.Value, parameter) is { } created)
            {
                // Sum(new[] { 1.0, t }), SumSpan([1.0, t]): the array written out (ExpressionLowering.TemporaryArrayArgument).
                if (!created.Rendered) return null;
                value = created.Text;
            }
            else if (_effect && argument.Value is IInterpolatedStringHandlerCreationOperation { Content: IInterpolatedStringOperation content })
            {
                // Debug.Assert(c, $"x = {x}") binds to a (ref) interpolated string handler: the same $"…" binds the same way here.
                value = RenderInterpolated(content);
            }
            else if (argument.Parameter?.RefKind is RefKind.Out or RefKind.Ref && argument.Parent is IInvocationOperation outCall && OutCallRefusals.IsLibraryOutCall(outCall))
            {
                // if (Matrix4x4.Invert(m, out var r)) …: one error at the call naming it (OutCallRefusals).
                OutCallRefusals.Refuse(outCall, _context);
                return null;
            }
            else if (argument.ArgumentKind == ArgumentKind.ParamArray || argument.Parameter?.RefKind != RefKind.None)
            {
                return Unsupported(argument, "a params, ref, in or out argument");
            }
            else
            {
                value = RenderPart(argument.Value);
            }
            if (value is null) return null;
            if (arguments.Length > 0) arguments.Append(", ");
            arguments.Append(value);
        }
        return arguments.ToString();
    }

    private string? Unsupported(IOperation op, string? what)
    {
        _context.ReportUnsupportedExpression(op, what);
        return null;
    }

    /// <summary>Parenthesizes anything that is not an atom, so precedence never changes meaning.</summary>
    /// <summary><paramref name="text"/>, the text of <paramref name="op"/>, parenthesized unless it is an atom.</summary>
    public static string Atom(IOperation op, string text) => Wrap(op, text);

    /// <summary>
    /// An integer operation of a <c>checked</c> context stays checked: it throws where the method throws (unchecked,
    /// <c>n * 1_000_000_000</c> wraps to a value and the Backward returns a gradient the method never had).
    /// </summary>
    /// <remarks>
    /// One the user wrote in an <c>unchecked</c> expression or block says so too: a project built with overflow checks
    /// (CheckForOverflowUnderflow) compiles the generated file checked, where <c>unchecked(h * 31 + k)</c> written plain threw
    /// in the Backward while the method wrapped.
    /// </remarks>
    internal static string Checked(IOperation op, bool isChecked, string text) =>
        isChecked ? "checked(" + text + ")" : InUncheckedSyntax(op.Syntax) ? "unchecked(" + text + ")" : text;

    /// <summary>Whether the innermost checked or unchecked expression or statement around <paramref name="node"/> is an unchecked one.</summary>
    private static bool InUncheckedSyntax(SyntaxNode? node)
    {
        for (; node is not null && node is not Microsoft.CodeAnalysis.CSharp.Syntax.MemberDeclarationSyntax; node = node.Parent)
        {
            if (node.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.UncheckedExpression) || node.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.UncheckedStatement)) return true;
            if (node.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CheckedExpression) || node.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.CheckedStatement)) return false;
        }
        return false;
    }

    private static string Wrap(IOperation op, string text)
    {
        if (op.ConstantValue.HasValue) return text.StartsWith("-", StringComparison.Ordinal) ? "(" + text + ")" : text;
        // An assignment or ++ inside the expression is written as the name of the version it produced.
        return op is ILocalReferenceOperation or IParameterReferenceOperation or IInstanceReferenceOperation
            or IFieldReferenceOperation or IPropertyReferenceOperation or IInvocationOperation
            or IAssignmentOperation or IIncrementOrDecrementOperation
            ? text
            : "(" + text + ")";
    }

    public static string RenderConstant(object? value, ITypeSymbol? type)
    {
        // An enum constant arrives as its underlying number: written bare it would not compare with the enum.
        if (value is not null && type is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying } enumType)
        {
            var member = enumType.GetMembers().OfType<IFieldSymbol>().FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, value));
            string typeName = enumType.ToDisplayString(SymbolNames.TypeFormat);
            if (member is null) return "((" + typeName + ")(" + RenderConstant(value, underlying) + "))";
            bool keyword = Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(member.Name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None;
            return typeName + "." + (keyword ? "@" : "") + member.Name;
        }
        switch (value)
        {
            case null:
                return type is null || type.IsReferenceType ? "null" : "default(" + type.ToDisplayString(SymbolNames.TypeFormat) + ")";
            case double d:
                return ScalarLiterals.Real(d, ScalarType.Double);
            case float f:
                return ScalarLiterals.Real(f, ScalarType.Float);
            case bool b:
                return b ? "true" : "false";
            case decimal m:
                return m.ToString(System.Globalization.CultureInfo.InvariantCulture) + "m";
            case long l:
                return l.ToString(System.Globalization.CultureInfo.InvariantCulture) + "L";
            case ulong ul:
                return ul.ToString(System.Globalization.CultureInfo.InvariantCulture) + "UL";
            case uint ui:
                return ui.ToString(System.Globalization.CultureInfo.InvariantCulture) + "U";
            default:
                string text = Microsoft.CodeAnalysis.CSharp.SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false);
                // byte, short, char… need a cast to keep their type.
                if (value is byte or sbyte or short or ushort) text = "(" + type!.ToDisplayString(SymbolNames.TypeFormat) + ")" + text;
                return text;
        }
    }

    /// <summary>The C# token of a binary operator (a compound assignment's too), or null.</summary>
    public static string? OperatorText(BinaryOperatorKind kind) => BinaryOperatorText(kind);

    private static string? BinaryOperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        BinaryOperatorKind.And => "&",
        BinaryOperatorKind.Or => "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.ConditionalAnd => "&&",
        BinaryOperatorKind.ConditionalOr => "||",
        BinaryOperatorKind.Equals => "==",
        BinaryOperatorKind.NotEquals => "!=",
        BinaryOperatorKind.LessThan => "<",
        BinaryOperatorKind.LessThanOrEqual => "<=",
        BinaryOperatorKind.GreaterThan => ">",
        BinaryOperatorKind.GreaterThanOrEqual => ">=",
        _ => null,
    };
}
