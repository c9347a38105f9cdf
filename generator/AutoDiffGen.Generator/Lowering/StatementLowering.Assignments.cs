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

/// <summary>StatementLowering: expression statements — definitions, compound updates, local arrays and their stores, and the assignments that are reported instead.</summary>
internal sealed partial class StatementLowering
{
    private void LowerExpressionStatement(IOperation operation)
    {
        if (TryLowerRefChoiceWrite(operation) || TryLowerStructArrayStore(operation) || TryLowerStructAssignment(operation)) return;
        switch (operation)
        {
            case ISimpleAssignmentOperation { IsRef: true } rebind:
                _context.ReportUnsupportedExpression(rebind, "Pointing a 'ref' local at another variable", "declare another ref local, or assign the variable itself");
                break;
            case ISimpleAssignmentOperation assignment when TryStore(assignment.Target, assignment.Value, null):
                break;
            case ICompoundAssignmentOperation compound when TryStore(compound.Target, compound.Value, compound.OperatorKind):
                break;
            case ISimpleAssignmentOperation assignment when Variable(assignment.Target) is { } target:
                Define(target, assignment.Value);
                break;
            case ICompoundAssignmentOperation compound when Variable(compound.Target) is { } target:
                Update(target, compound.OperatorKind, compound.Value, compound);
                break;
            case IIncrementOrDecrementOperation increment when TryStore(increment.Target, null, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract):
                // t[i]++ on a local array or a written array parameter: the store t[i] = t[i] + 1.
                break;
            case IIncrementOrDecrementOperation increment when Variable(increment.Target) is { } target:
                Update(target, increment.Kind == OperationKind.Increment ? BinaryOperatorKind.Add : BinaryOperatorKind.Subtract, null, increment);
                break;
            case IDeconstructionAssignmentOperation deconstruction:
                LowerDeconstruction(deconstruction);
                break;
            case IAssignmentOperation or IIncrementOrDecrementOperation when TryLowerStaticFieldWrite(operation):
                // calls++; of a static counter: an effect the forward sweep keeps (StatementLowering.StaticFields).
                break;
            case ICoalesceAssignmentOperation coalesce when Variable(coalesce.Target) is { } coalesced:
                // m ??= x on the method's own nullable local: a statement it does not lower, not a write outside the method.
                _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedStatement, coalesce.Syntax,
                    "A null-coalescing assignment ('" + Describe.Snippet(coalesce.Syntax) + "')",
                    "write it as an if: if (" + coalesced.Name + " is null) " + coalesced.Name + " = " + Describe.Snippet(coalesce.Value.Syntax) + ";"));
                break;
            case IAssignmentOperation assignment:
                ReportSideEffect(assignment, assignment.Target);
                break;
            case IIncrementOrDecrementOperation increment:
                ReportSideEffect(increment, increment.Target);
                break;
            case IInvalidOperation invalid:
                // Broken code has the compiler's error and gets no output; a call of a generated member gets ADG0037.
                _context.ReportUnsupportedExpression(invalid, null);
                break;
            case IInvocationOperation call when TryListCall(call):
                // l.Add(v) on a local List<double> (StatementLowering.Lists), or ADG0003 for a method it does not follow.
                break;
            case IInvocationOperation call when ExpressionLowering.IsRefCall(call):
                // Step(ref x, ref v, h); or Compute(x, out var y); its values are what it leaves in its arguments.
                _expressions.LowerRefCall(call, null);
                break;
            case IInvocationOperation call when IsGuard(call.TargetMethod) || IsTrace(call.TargetMethod):
                LowerGuard(call);
                break;
            case IInvocationOperation call when IsInlinedCall(call):
                // Step(ref x); Accumulate(v); a local function called for what it leaves in the method's variables: inlined.
                InlineCall(call);
                break;
            case IInvocationOperation call when _expressions.PlainRefHelperBody(call) is { } helperBody:
                // Next(ref k, n); b.Scale(input, out res); a plain helper leaving its results in ref/out arguments: inlined.
                InlinePlainRefHelper(call, helperBody);
                break;
            case IInvocationOperation call when _expressions.GenericRefHelperBody(call) is { } generic:
                // Swap(ref x, ref y); a generic one read over double or float (ExpressionLowering.GenericRefHelpers): inlined the same way.
                InlinePlainRefHelper(call, generic.Body, generic.Method);
                break;
            case IInvocationOperation call when _expressions.LowerMutatingCall(call):
                // v.Scale(k); a struct method writing its own members, called on a struct variable: a write of it, inlined.
                break;
            case IInvocationOperation call
                when Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod) &&
                     (call.TargetMethod.ReturnsVoid || WritesAnArray(call)):
                // A [Differentiable] callee that leaves its results in arrays it is passed (ExpressionLowering.ArrayWrites).
                _expressions.Lower(call, null);
                break;
            case IInvocationOperation { TargetMethod: { ReturnsVoid: true, IsStatic: true } } call
                when call.TargetMethod.MethodKind == MethodKind.Ordinary && PureHelpers.IsPure(call.TargetMethod, call.SemanticModel?.Compilation):
                // A validation helper of the user's (CheckArguments(x, y) that only throws or asserts): provably without
                // effect, so it is run in place in the forward sweep like a ThrowIf guard, and nothing flows through it.
                LowerGuard(call);
                break;
            case IInvocationOperation { TargetMethod: { ReturnsVoid: true, Name: "Copy" or "CopyTo" or "ConstrainedCopy" } } copy when IsArrayCopy(copy) && _expressions.LowerCopyInto(copy):
                // A copy into a local array or an array parameter: a store of each element it copies (ExpressionLowering.CopyInto).
                break;
            case IInvocationOperation { TargetMethod: { ReturnsVoid: true, Name: "Copy" or "CopyTo" or "ConstrainedCopy" } } copy when IsStructArrayCopy(copy) && _expressions.LowerStructArrayCopy(copy):
                // Array.Copy(start, pos, n) of arrays of structs into a local one: the same copy of each member array (ExpressionLowering.StructArrayCopies).
                break;
            case IInvocationOperation { TargetMethod: { ReturnsVoid: true, Name: "Copy" or "CopyTo" or "ConstrainedCopy" } } copy when IsArrayCopy(copy) || IsStructArrayCopy(copy):
                // A copy into an array the method does not follow (a row, an array a call returned), or in a form not read (long
                // indexes); or of an array of structs (Array.Copy(start, pos, n) over Vector3[], natural15), carried as one array per member.
                bool structs = !IsArrayCopy(copy);
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    (structs ? "Copying an array of structs" : "Copying into an existing array that is not a local array or an array parameter, or with long indexes") + " ('" + Describe.Snippet(operation.Syntax) + "')",
                    structs ? "copy it element by element in a for loop (for (int i = 0; i < n; i++) copy[i] = source[i];), which is differentiated"
                        : "copy into a local array (new double[n]) or an array parameter with int indexes, or declare the copy where it is made: var y = x.ToArray(); (or (double[])x.Clone(), x.AsSpan(start, length).ToArray(), x[a..b])"));
                break;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } inPlace when IsArrayCopy(inPlace) && _expressions.LowerInPlace(inPlace):
                // Array.Fill(buf, x), Array.Clear(a), Array.Reverse(r), a.AsSpan(i, n).Fill(v) on a local array or an array parameter (ExpressionLowering.InPlace).
                break;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } sort when IsArrayCopy(sort) && SortRefusals.Of(sort) is { } refusal:
                // Array.Sort(a, comparer), Array.Sort(keys, items): say what to write instead.
                _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedStatement, operation.Syntax, refusal.What, refusal.Instead));
                break;
            case IInvocationOperation call when OutCallRefusals.IsLibraryOutCall(call):
                // Matrix4x4.Invert(m, out var r); a library call returning through out arguments: one error naming it.
                OutCallRefusals.Refuse(call, _context);
                break;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call when (VoidSpanWriters.Refusal(call.TargetMethod) ?? VoidArrayWriters.Refusal(call.TargetMethod)) is { } writer:
                // Step(u, next, r) of a void helper writing into Span<double> parameters (natural19's G07), or Cell(weight, bias,
                // hidden, cell, input) writing arrays but also taking a double[][] (natural21's B07): say why and what to write.
                _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedStatement, operation.Syntax, writer.What + " ('" + Describe.Snippet(operation.Syntax) + "')", writer.Instead));
                break;
            case IInvocationOperation { TargetMethod.ReturnsVoid: true } call:
                // Only its effects could matter, and effects are neither differentiated nor replayed.
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    "A call made only for its effects ('" + Describe.Snippet(operation.Syntax) + "')",
                    "the generator differentiates values, not effects, and Backward would run the call a second time: call '" + call.TargetMethod.Name +
                    "' before or after the [Differentiable] method, or, if it computes a value this method needs, make it return that value and assign it to a local"));
                break;
            case IInvocationOperation call when IsDiscardableCall(call):
                // constantFn(y += x); a [Differentiable] callee whose result is dropped: exactly `var unused = constantFn(y += x);`,
                // so the assignments in its arguments happen, a throw in the callee stays, and no gradient flows from the result.
                _expressions.Lower(call, null);
                break;
            default:
                _context.Report(DiagnosticFactory.Create(
                    DiagnosticDescriptors.UnsupportedStatement,
                    operation.Syntax,
                    "A statement whose value is discarded ('" + Describe.Snippet(operation.Syntax) + "')",
                    "its value is never used, and its effects, if any, are neither differentiated nor replayed: assign the value to a local that the result uses, or move the statement out of the method"));
                break;
        }
    }

    /// <summary>
    /// A call with a real result to a [Differentiable] method (a function of its arguments, so dropping its value drops
    /// nothing but the value), with no ref/out arguments. Other calls whose value is discarded may be made for their
    /// effects, which Backward would run twice, so they stay errors.
    /// </summary>
    private static bool IsDiscardableCall(IInvocationOperation call) =>
        call.TargetMethod.ReturnType is { SpecialType: SpecialType.System_Double or SpecialType.System_Single } &&
        call.Arguments.All(a => a.Parameter?.RefKind is null or RefKind.None or RefKind.In) &&
        Derivatives.DerivativeResolver.IsDifferentiable(call.TargetMethod.OriginalDefinition);

    /// <summary>Array.Copy, array.CopyTo or span.CopyTo between arrays or spans of reals.</summary>
    /// <summary>Array.Copy or CopyTo whose source or destination is an array of structs of reals (Vector3[], a record struct's).</summary>
    private static bool IsStructArrayCopy(IInvocationOperation call) =>
        call.TargetMethod.ContainingType?.SpecialType == SpecialType.System_Array
        && (call.Instance is { Type: IArrayTypeSymbol { ElementType: var own } } && Derivatives.RealStructs.IsBoundaryStruct(own)
            || call.Arguments.Any(a => a.Value is IConversionOperation { Operand.Type: IArrayTypeSymbol { ElementType: var e } } && Derivatives.RealStructs.IsBoundaryStruct(e)));

    private static bool IsArrayCopy(IInvocationOperation call)
    {
        static bool Reals(ITypeSymbol? t) => t switch
        {
            IArrayTypeSymbol a => a.ElementType.SpecialType is SpecialType.System_Double or SpecialType.System_Single,
            INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments.Length: 1 } s => s.TypeArguments[0].SpecialType is SpecialType.System_Double or SpecialType.System_Single,
            _ => false,
        };
        static ITypeSymbol? Seen(IOperation? op)
        {
            while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
            return op?.Type;
        }
        return Reals(Seen(call.Instance)) || call.Arguments.Any(a => Reals(Seen(a.Value)));
    }

    /// <summary>The call writes into an array it is passed (<see cref="ArrayWrites"/>).</summary>
    private bool WritesAnArray(IInvocationOperation call) =>
        _context.Writes is { } writes && call.Arguments.Any(a => a.Parameter is { } p && writes.Writes(call.TargetMethod, p.Ordinal));

    /// <summary>
    /// A local double[]/float[]: created where it is declared (<see cref="ArrayCreation"/>), also inside loops. Its stores
    /// are versions of it; its adjoint is one array, reset at a slot where the reverse sweep passes a store.
    /// </summary>
    private void DefineArray(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (TryAliasArray(variable, value)) return;
        if (TryRebindArray(variable, type, value)) return;
        if (TryRowLocal(variable, value)) return;
        if (RejectJaggedRow(value))
        {
            // Its reads report nothing more (natural16's GRU got one "read before it is assigned" per x[j]): the error is here.
            _context.Reject(variable);
            return;
        }
        if (type.Rank == 2)
        {
            if (TryCloneGrid(variable, type, value)) return;
            DefineGrid(variable, type, value);
            return;
        }

        if (_context.Current(variable) >= 0)
        {
            _context.ReportUnsupportedExpression(value, "Reassigning a local array", "declare another local array for the new values");
            return;
        }
        string name = _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        // A body inlined inside a loop (a plain helper, a local function) is lowered with no loop of its own (its returns
        // leave it, not the caller's loop), but its array is made afresh each iteration all the same: LoopDepth counts the
        // caller's loops (an array made there was declared inside the loop and read after it: CS0103, idioms16a).
        int array = ArrayCreation.Lower(_context, _expressions, type, value, name, adjoint, _loop is not null || _context.LoopDepth > 0);
        // After an error, an empty array stands in, so its uses report nothing more (the method gets no code anyway).
        if (array < 0) array = _context.AddArrayNode(GateKind.NewArray, type.ToDisplayString(SymbolNames.TypeFormat), name, adjoint, isInline: false, new[] { _context.AddConstant("0", ScalarType.Other, "int", null, isAtom: true) });
        _context.Assign(variable, array);
        // Only its elements and length are used: MBackward may take its storage from the workspace (ArrayConfinement).
        if (variable is ILocalSymbol local && ArrayConfinement.IsConfined(value, local)) _context.Confine(array);
    }

    /// <summary>
    /// A local double[,]: created where it is declared as <c>new T[n, k]</c> or with an initializer
    /// (<c>{ { a, b }, { c, d } }</c>, then one store per element in row order, <see cref="GridCreation"/>), also inside
    /// loops, or returned new by a plain helper (<c>var c = Multiply(a, b);</c>, idioms23: its body inlined, the grid it
    /// creates and returns this local from then on, ExpressionLowering.ArrayHelpers); its adjoint has both lengths.
    /// </summary>
    private void DefineGrid(ISymbol variable, IArrayTypeSymbol type, IOperation value)
    {
        if (!GridCreation.IsCreation(value, type.Rank))
        {
            var call = value;
            while (call is IConversionOperation { IsImplicit: true } c) call = c.Operand;
            if (_context.Current(variable) < 0 && _expressions.LowerArrayHelper(call) is var returned && returned != -2)
            {
                if (returned < 0) _context.Reject(variable);
                else _context.Assign(variable, returned);
                return;
            }
            var (what, hint) = GridHelperRefusal(variable, value) ?? ("A local two-dimensional array not created as 'new T[n, k]' or with a rectangular initializer", GridCopyHint(value));
            _context.ReportUnsupportedExpression(value, what, hint);
            // Its reads and writes report nothing more: the error is here.
            _context.Reject(variable);
            return;
        }

        if (_context.Current(variable) >= 0)
        {
            _context.ReportUnsupportedExpression(value, "Reassigning a local array", "declare another local array for the new values");
            return;
        }

        string name = _context.NameFor(variable);
        string adjoint = _context.Names.Fresh(NameAllocator.AdjointBase(name));
        // A body inlined inside a loop (a plain helper) is lowered with no loop of its own, but its grid is made afresh
        // each iteration all the same (as DefineArray's).
        int grid = GridCreation.Lower(_context, _expressions, type, (IArrayCreationOperation)value, name, adjoint, _loop is not null || _context.LoopDepth > 0);
        if (grid < 0) _context.Reject(variable);
        else _context.Assign(variable, grid);
    }

    /// <summary>
    /// What to write for a local double[,] made otherwise: for a copy (<c>(double[,])m.Clone()</c>, natural16's heat
    /// stencil), a new array of m's lengths filled in two loops; else the general rule.
    /// </summary>
    private static string GridCopyHint(IOperation value)
    {
        while (value is IConversionOperation c) value = c.Operand;
        if (value is IInvocationOperation { TargetMethod.Name: "Clone", Instance: { } source })
        {
            string m = Describe.Snippet(source.Syntax);
            return "create it as new double[" + m + ".GetLength(0), " + m + ".GetLength(1)] and copy the elements in two for loops (u[i, j] = " + m + "[i, j];)";
        }
        return "create it as new double[rows, columns] or with a rectangular initializer ({ { a, b }, { c, d } }) and store into it";
    }

    /// <summary>
    /// A local double[,] bound to what a helper returns that is not inlined (one of a generic type, with a ref parameter: a
    /// plain helper's body is inlined since idioms23, DefineGrid): its error's text and hint, saying to make the helper void
    /// and pass it the matrix to fill (checked: such helpers, one with an early return, are differentiated in place), or null.
    /// </summary>
    private static (string What, string Hint)? GridHelperRefusal(ISymbol variable, IOperation value)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        if (value is not IInvocationOperation { TargetMethod: { DeclaringSyntaxReferences.Length: > 0 } helper } call || Derivatives.DerivativeResolver.IsDifferentiable(helper)) return null;
        string name = variable.Name;
        var arguments = call.Arguments.Select(a => Describe.Snippet(a.Value.Syntax)).ToList();
        bool nested = call.Arguments.Any(a => a.Value is IInvocationOperation { Type: IArrayTypeSymbol });
        return ("A local two-dimensional array returned by the helper '" + helper.ContainingType.Name + "." + helper.Name + "' (a helper returning a new double[,] is differentiated in place only when it is a static, non-generic method of this compilation whose parameters are reals, ints, arrays or spans by value)",
            "make it void and pass it the matrix to fill: var " + name + " = new double[rows, columns]; " + helper.Name + "("
            + (nested ? "…, " : string.Join(", ", arguments) + (arguments.Count > 0 ? ", " : "")) + name + "); a void helper writing into the double[,] it is passed is differentiated in place"
            + (nested ? " (give each matrix a helper makes a local of its own first, and pass the locals)" : ""));
    }

    /// <summary>t[i] = v (or t[i] op= v, t[i]++): a store makes the next version of the array; false when the target is no such element.</summary>
    private bool TryStore(IOperation target, IOperation? value, BinaryOperatorKind? compound) => TryStore(target, value, compound, out _, out _);

    /// <summary>
    /// The store, with the node of the value stored (-1 after a diagnostic) and, for a compound store, the node of the
    /// element's value before it (-1 otherwise). The value is null for ++/-- (a compound store of one).
    /// </summary>
    private bool TryStore(IOperation target, IOperation? value, BinaryOperatorKind? compound, out int stored, out int old) =>
        TryStore(target, value, compound, -1, out stored, out old);

    /// <summary>
    /// The store of <see cref="TryStore(IOperation, IOperation?, BinaryOperatorKind?, out int, out int)"/>; a plain store
    /// (no value, no operator) of a <paramref name="lowered"/> node stores that node (the elements of a deconstruction).
    /// </summary>
    private bool TryStore(IOperation target, IOperation? value, BinaryOperatorKind? compound, int lowered, out int stored, out int old)
    {
        stored = -1;
        old = -1;
        // A local array (1-D or a local double[,]), or a 1-D or double[,] array parameter the method writes into
        // (ArrayWrites gave it versions).
        // A row or an element of a local jagged array (StatementLowering.JaggedLocals).
        if (TryNewRow(target, value, compound, out stored)) return true;
        if (TryJaggedStore(target, value, compound, out stored, out old)) return true;
        if (ListStoreTarget(target) is { } listStore)
        {
            // l[i] = v, l[^1] += v on a local List<double> (StatementLowering.Lists); a list parameter is read only.
            if (listStore.List is IParameterSymbol)
            {
                _context.ReportUnsupportedExpression(target, ListParameters.Write("A store into", listStore.List), ListParameters.WriteHint);
                return true;
            }
            int listIndex = _expressions.ListIndex(listStore.List, listStore.Index);
            return listIndex < 0 || StoreAt(listStore.List, _context.Current(listStore.List), new[] { listIndex }, target, value, compound, lowered, out stored, out old);
        }
        if (StoreTarget(target) is not { } element) return false;
        // v[i] = … through a span local that views one array: a store into that array (StatementLowering.SpanViews).
        var viewed = element.Indices.Length == 1 ? SpanViewStore(element.ArrayReference, element.Indices[0]) : null;
        if (viewed is { Slot: < 0 }) return true;
        ISymbol? local = viewed?.Array ?? element.ArrayReference switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation { Parameter.RefKind: RefKind.None } p => p.Parameter,
            _ => null,
        };
        if (local is null) return false;
        int array = _context.Current(local);
        if (array < 0 || _context.Nodes[array].Type != ScalarType.Array) return false;
        foreach (var i in element.Indices)
        {
            if (_expressions.IsVaried(i))
            {
                _context.ReportUnsupportedExpression(i, "A differentiated index");
                return true;
            }
        }
        // t[i] (an index from the end too), or m[i, j] on a local double[,]: one index node per dimension.
        var indices = viewed is { Slot: var slot } ? new[] { slot }
            : element.Indices.Length == 1
            ? new[] { _expressions.LowerIndex(element.Indices[0], _context.Nodes[array].Name) }
            : element.Indices.Select(i => _expressions.Lower(i, null)).ToArray();
        return StoreAt(local, array, indices, target, value, compound, lowered, out stored, out old);
    }

    /// <summary>The store into <paramref name="local"/>'s slot <paramref name="indices"/> of <see cref="TryStore(IOperation, IOperation?, BinaryOperatorKind?, int, out int, out int)"/>.</summary>
    private bool StoreAt(ISymbol local, int array, int[] indices, IOperation target, IOperation? value, BinaryOperatorKind? compound, int lowered, out int stored, out int old)
    {
        stored = -1;
        old = -1;
        if (local is ILocalSymbol table && IndexTables.IsTable(table)) return StoreIntoTable(table, indices, target, value, compound, lowered, out stored, out old);
        var elementType = ExpressionLowering.TypeOf(target.Type);
        if (compound is { } kind)
        {
            GateKind? gate = GateNames.Arithmetic(kind);
            if (gate is null || value is not null && ExpressionLowering.TypeOf(value) != elementType)
            {
                _context.ReportUnsupportedExpression(value ?? target, "This compound assignment to an array element");
                return true;
            }
            old = indices.Length == 1
                ? _context.AddGate(GateKind.Element, elementType, ScalarLiterals.TypeKeyword(elementType), null, null, new[] { array, indices[0] })
                : _context.AddGridElement(elementType, null, Graph.ElementIndex.Rectangular, new[] { array }.Concat(indices).ToArray());
            int right = value is null
                ? _context.AddConstant(ScalarLiterals.Real(1, elementType), elementType, ScalarLiterals.TypeKeyword(elementType), null, isAtom: true)
                : _expressions.Lower(value, null);
            stored = _context.AddGate(gate.Value, elementType, null, old, right);
        }
        else
        {
            stored = value is null ? lowered : _expressions.Lower(value, null);
        }
        // The value may itself have stored into this array (t[0] = t[1] = y): the store goes on the version it left.
        array = _context.Current(local);
        var a = _context.Nodes[array];
        if (a.AdjointName.Length == 0 && _context.Nodes[stored].Varied)
        {
            // A [NoDiff] array has no adjoint array to route the stored value's gradient through.
            _context.ReportUnsupportedExpression(value ?? target, "Storing a differentiated value into the [NoDiff] array '" + a.Name + "'",
                "remove [NoDiff] from the parameter, or store into a local array");
            stored = -1;
            return true;
        }
        _context.Assign(local, _context.AddArrayNode(GateKind.Store, a.TypeName, a.Name, a.AdjointName, isInline: true, new[] { array }.Concat(indices).Append(stored).ToArray()));
        return true;
    }

    private static ISymbol? Variable(IOperation target) => target switch
    {
        ILocalReferenceOperation local => local.Local,
        IParameterReferenceOperation parameter => parameter.Parameter,
        _ => null,
    };

    /// <summary>x = value: the value becomes the next version of x, under x's name.</summary>
    private void Define(ISymbol variable, IOperation value)
    {
        if (RejectGridLocal(variable, value)) return;
        if (DefineWalk(variable, value)) return;
        if (DefineParameterName(variable, value)) return;
        if (DefineList(variable, value)) return;
        if (DefineSpanView(variable, value)) return;
        if (StackAllocSpans.ArrayType(variable, value) is { } spanArray)
        {
            DefineStackAlloc((ILocalSymbol)variable, spanArray, value);
            return;
        }
        // var counts = new int[k]; written later (StatementLowering.IndexTables).
        if (DefineIndexTable(variable, value)) return;
        if (variable is ILocalSymbol structs && StructArrayLocals.IsCarried(structs))
        {
            // var ps = new Vector2[n]: one local array per component (StatementLowering.StructArrayLocals).
            DefineStructArray(structs, value);
            return;
        }
        if (variable is ILocalSymbol { Type: IArrayTypeSymbol { Rank: 1 or 2, ElementType.SpecialType: SpecialType.System_Double or SpecialType.System_Single } arrayType })
        {
            DefineArray(variable, arrayType, value);
            return;
        }
        if ((RealStructs.IsRealStruct(LoweringContext.TypeOfVariable(variable)) || variable is ILocalSymbol { Type: var nullable } && NullableReals.Is(nullable)) && _context.Current(variable) < 0)
        {
            // A struct of reals is carried as its components.
            DefineStruct(variable, "", _expressions.LowerStruct(value));
            return;
        }
        if (AliasesWrittenParameter(variable, value) is { } aliased)
        {
            // Its reads would name one version of the array while they read whatever the method stored later.
            _context.ReportUnsupportedExpression(value, "A span local aliasing the parameter '" + aliased.Name + "', which this method writes into",
                "index the parameter itself (" + aliased.Name + "[i])");
            // It still stands for the array, so its uses report nothing more (the method gets no code anyway).
            _context.Assign(variable, _context.Current(aliased));
            return;
        }
        string name = _context.NameFor(variable);
        _context.Assign(variable, _expressions.Lower(value, name));
    }

    /// <summary>The written array or span parameter a span local is set to (<c>Span&lt;double&gt; z = y;</c>), or null.</summary>
    private IParameterSymbol? AliasesWrittenParameter(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol { Type: INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } }) return null;
        var inner = value;
        while (inner is IConversionOperation c) inner = c.Operand;
        return inner is IParameterReferenceOperation { Parameter: var p } && _context.Current(p) is var node && node >= 0 && _context.Nodes[node].Type == ScalarType.Array ? p : null;
    }

    /// <summary>x op= value (or x++): a gate over the current version of x.</summary>
    private void Update(object variable, BinaryOperatorKind kind, IOperation? value, IOperation at)
    {
        int current = _context.Current(variable);
        if (current < 0)
        {
            _context.ReportUnsupportedExpression(at, "an update of a variable before it is assigned");
            return;
        }
        var node = _context.Nodes[current];
        // t %= period on a real local: the remainder gate, as for t = t % period.
        GateKind? gate = GateNames.Arithmetic(kind) ?? (kind == BinaryOperatorKind.Remainder && node.Type is ScalarType.Double or ScalarType.Float ? GateKind.Remainder : null);
        string name = _context.Names.Version(LoweringContext.NameOf(variable));

        bool valueVaried = value is not null && _expressions.IsVaried(value);
        if (!node.Varied && !valueVaried || node.Type == ScalarType.Other || gate is null)
        {
            if (node.Varied || valueVaried || gate is null && node.Type != ScalarType.Other)
            {
                _context.ReportUnsupportedExpression(at, null);
                return;
            }
            // Nothing differentiable: keep the update as forward-only C#.
            var renderer = new ConstantRenderer(_context);
            var dependencies = new List<int> { current };
            string? operand;
            if (value is ISwitchExpressionOperation)
            {
                // Not rendered as text (no patterns in ConstantRenderer): its branches compute it first.
                int switched = _expressions.Lower(value, null);
                operand = _context.Nodes[switched].Name;
                dependencies.Add(switched);
            }
            else
            {
                operand = value is null ? "1" : renderer.Render(value);
                if (operand is null) return;
                dependencies.AddRange(renderer.Dependencies);
            }
            string text = node.Name + " " + OperatorText(kind) + " " + (value is null || value.ConstantValue.HasValue ? operand : "(" + operand + ")");
            // Compound assignment casts back to the variable's type; int, long and double need no cast.
            if (node.TypeName is not ("int" or "long" or "double")) text = "(" + node.TypeName + ")(" + text + ")";
            // In a checked context the update throws where the method's does (m += 2_000_000_000 past int.MaxValue).
            text = ConstantRenderer.Checked(at, at is ICompoundAssignmentOperation { IsChecked: true } or IIncrementOrDecrementOperation { IsChecked: true }, text);
            _context.Assign(variable, _context.AddConstant(text, node.Type, node.TypeName, name, isAtom: false, dependencies));
            return;
        }

        int right;
        if (value is null || value.ConstantValue is { HasValue: true, Value: not null and not bool and not string })
        {
            // A numeric constant becomes a literal of the variable's own precision (x *= 2 → x * 2.0).
            double constant = value is null ? 1 : System.Convert.ToDouble(value.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture);
            right = _context.AddConstant(ScalarLiterals.Real(constant, node.Type), node.Type, node.TypeName, null, isAtom: true);
        }
        else if (ExpressionLowering.TypeOf(value) != node.Type)
        {
            _context.ReportUnsupportedExpression(at, "A compound assignment that mixes float and double");
            return;
        }
        else
        {
            right = _expressions.Lower(value, null);
        }
        _context.Assign(variable, _context.AddGate(gate.Value, node.Type, name, current, right));
    }

    private static string OperatorText(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => "+",
        BinaryOperatorKind.Subtract => "-",
        BinaryOperatorKind.Multiply => "*",
        BinaryOperatorKind.Divide => "/",
        BinaryOperatorKind.Remainder => "%",
        BinaryOperatorKind.And => "&",
        BinaryOperatorKind.Or => "|",
        BinaryOperatorKind.ExclusiveOr => "^",
        BinaryOperatorKind.LeftShift => "<<",
        BinaryOperatorKind.RightShift => ">>",
        _ => "?",
    };

    private void ReportSideEffect(IOperation at, IOperation target)
    {
        // A write into a local whose declaration was reported (a local jagged array): that error says it all.
        if (target is IArrayElementReferenceOperation && GridWriteTarget((IArrayElementReferenceOperation)target) == "") return;
        string what = target switch
        {
            IFieldReferenceOperation f => "the field '" + f.Field.Name + "'",
            IPropertyReferenceOperation p => "the property '" + p.Property.Name + "'",
            IArrayElementReferenceOperation e when GridWriteTarget(e) is { } grid => grid,
            // Clad's CladUserTypes.Fn3 (t.Data[0] = 2 * i): the array is shared with whoever holds the object, and its elements are not versioned.
            IArrayElementReferenceOperation { ArrayReference: IFieldReferenceOperation f } => "an array element of the field '" + f.Field.Name
                + "' (an object's array is not carried: create a local array in the method, var " + f.Field.Name.ToLowerInvariant() + " = new double[n];, write and read that)",
            IArrayElementReferenceOperation => "an array element",
            _ => "'" + Describe.Snippet(target.Syntax) + "'",
        };
        _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.SideEffect, at.Syntax, "'" + Describe.Snippet(at.Syntax) + "'", what));
    }

    /// <summary>
    /// (a, b) = (x, y) and var (p, q) = (…, …) into the method's own scalar locals and parameters: every right-hand
    /// side is lowered first, in order, then each target takes its value, so (a, b) = (b, a) swaps. Other shapes
    /// (a tuple-returning call, a field or array target, a conversion between element types) are reported.
    /// </summary>
    private void LowerDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        // (u, next) = (next, u) of local arrays: their contents are exchanged (StatementLowering.ArraySwaps).
        if (TrySwapArrays(deconstruction)) return;
        var targets = new List<IOperation>();
        Flatten(deconstruction.Target, targets);
        var values = new List<IOperation>();
        bool literal = FlattenValue(deconstruction.Value, values) && values.Count == targets.Count;
        for (int i = 0; literal && i < targets.Count; i++)
        {
            literal = targets[i] is IDiscardOperation
                || Variable(targets[i]) is { } variable && !IsArrayLocal(variable) && SymbolEqualityComparer.Default.Equals(targets[i].Type, values[i].Type)
                || IsElementTupleTarget(targets[i], values[i]);
        }
        if (!literal && TupleCallTargets(deconstruction, targets) is { } call)
        {
            LowerTupleCallDeconstruction(call, targets);
            return;
        }
        if (!literal && TupleValueTargets(deconstruction, targets) is { } tupleValue)
        {
            // var (a, b) = p; of a tuple local (or any tuple of reals): its elements, then each target takes one.
            var elements = _expressions.LowerStruct(tupleValue);
            for (int i = 0; elements is not null && i < targets.Count; i++)
            {
                if (Variable(targets[i]) is { } variable) _context.Assign(variable, _expressions.Copy(elements[i], _context.NameFor(variable)));
            }
            if (elements is null) ReportDeconstruction(deconstruction);
            return;
        }
        if (!literal && StructDeconstructionMembers(deconstruction, targets) is { } members)
        {
            // var (s, c) = line; of a record struct (StatementLowering.StructDeconstruction).
            LowerStructDeconstruction(deconstruction, targets, members);
            return;
        }
        if (!literal)
        {
            ReportDeconstruction(deconstruction);
            return;
        }
        var nodes = new int[targets.Count];
        for (int i = 0; i < targets.Count; i++)
        {
            // Each value under its target's name: a swap copies, so a loop never carries one variable from another.
            string? name = Variable(targets[i]) is { } variable ? _context.NameFor(variable) : null;
            nodes[i] = _expressions.Lower(values[i], name);
        }
        for (int i = 0; i < targets.Count; i++)
        {
            if (Variable(targets[i]) is { } variable) _context.Assign(variable, nodes[i]);
            else if (targets[i] is not IDiscardOperation) StoreLowered(targets[i], nodes[i]);
        }
    }

    /// <summary>
    /// The value of <c>var (a, b) = p;</c> when it is a tuple of reals (a tuple local, not a literal or a call) and every
    /// target is a scalar local or parameter of its element's type, or a discard; null otherwise.
    /// </summary>
    private static IOperation? TupleValueTargets(IDeconstructionAssignmentOperation deconstruction, List<IOperation> targets)
    {
        var value = deconstruction.Value;
        while (value is IConversionOperation { OperatorMethod: null, IsImplicit: true } conversion && RealStructs.IsRealTuple(conversion.Operand.Type)) value = conversion.Operand;
        if (value is ITupleOperation or IInvocationOperation || !RealStructs.IsRealTuple(value.Type)) return null;
        var elements = ((INamedTypeSymbol)value.Type!).TupleElements;
        if (elements.Length != targets.Count) return null;
        for (int i = 0; i < targets.Count; i++)
        {
            if (targets[i] is IDiscardOperation) continue;
            if (Variable(targets[i]) is not { } variable || IsArrayLocal(variable) || !SymbolEqualityComparer.Default.Equals(targets[i].Type, elements[i].Type)) return null;
        }
        return value;
    }

    /// <summary>The method's own (non-ref) local that <paramref name="target"/> is an element or value-type member of, or null.</summary>
    private static ILocalSymbol? OwnLocalRoot(IOperation target)
    {
        for (var op = target; ;)
        {
            switch (op)
            {
                case IArrayElementReferenceOperation element:
                    op = element.ArrayReference;
                    continue;
                case IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } indexed }:
                    op = indexed;
                    continue;
                case IFieldReferenceOperation { Instance: { } instance, Field.ContainingType.IsValueType: true }:
                    op = instance;
                    continue;
                case ILocalReferenceOperation { Local: { IsRef: false } local }:
                    return local;
                default:
                    return null;
            }
        }
    }

    /// <summary>The elements of a tuple literal, nested ones flattened; false for any other value (a call, a conversion).</summary>
    private static bool FlattenValue(IOperation value, List<IOperation> into)
    {
        // The literal may stand under an identity tuple conversion; the element types are then compared with the targets'.
        if (value is IConversionOperation { Operand: ITupleOperation inner, IsImplicit: true }) value = inner;
        if (value is not ITupleOperation tuple) return false;
        foreach (var element in tuple.Elements)
        {
            if (element is ITupleOperation) { if (!FlattenValue(element, into)) return false; }
            else into.Add(element);
        }
        return true;
    }

    /// <summary>
    /// A deconstruction not lowered by <see cref="LowerDeconstruction"/>. Into the method's own locals it is an
    /// unsupported statement, not a side effect; a field or element among the targets is still one.
    /// Its locals get placeholders, so their later reads bring no follow-up errors.
    /// </summary>
    private void ReportDeconstruction(IDeconstructionAssignmentOperation deconstruction)
    {
        var targets = new List<IOperation>();
        Flatten(deconstruction.Target, targets);
        var outside = targets.FirstOrDefault(t => t is not (ILocalReferenceOperation or IParameterReferenceOperation or IDiscardOperation));
        if (outside is not null && OwnLocalRoot(outside) is { } root)
        {
            // An element or member of the method's own local (m[0][1] of a local jagged array, l[0] of a local list, p.A of a
            // local tuple, v[0].X of a local Vector2[]): not a side effect, so not ADG0007's "may only assign its own locals".
            _context.Report(DiagnosticFactory.Create(
                DiagnosticDescriptors.UnsupportedStatement,
                deconstruction.Syntax,
                "A deconstruction into '" + Describe.Snippet(outside.Syntax) + "', an element or member of the local '" + root.Name + "' ('" + Describe.Snippet(deconstruction.Syntax) + "')",
                "read the values into locals first, then assign each target in its own statement: var t0 = …; var t1 = …; " + Describe.Snippet(outside.Syntax) + " = t0; …"));
        }
        else if (outside is not null)
        {
            ReportSideEffect(deconstruction, outside);
        }
        else if (StructDeconstructionRefusal(deconstruction) is { } refusal)
        {
            _context.Report(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedStatement, deconstruction.Syntax, refusal.What, refusal.Fix));
        }
        else
        {
            bool arrays = targets.Any(t => t.Type is IArrayTypeSymbol);
            _context.Report(DiagnosticFactory.Create(
                DiagnosticDescriptors.UnsupportedStatement,
                deconstruction.Syntax,
                arrays
                    ? "Swapping or rebinding local arrays by a deconstruction ('" + Describe.Snippet(deconstruction.Syntax) + "')"
                    : "A tuple deconstruction of anything but a tuple literal of the targets' own types ('" + Describe.Snippet(deconstruction.Syntax) + "')",
                // (u, next) = (next, u) after a time step (natural16): each name is one array the graph follows, never re-pointed.
                arrays
                    ? "an array local always names the array it was made as: copy the new values back instead, in a for loop after the step (u[i] = next[i]; or u[i, j] = next[i, j];)"
                    : "write the right-hand side as a tuple literal, (x, y), whose elements have the targets' types (2.0, not 2), or write one assignment per variable"));
        }
        foreach (var target in targets)
        {
            if (Variable(target) is { } variable && _context.Current(variable) < 0)
            {
                _context.Assign(variable, _context.AddConstant("default", ExpressionLowering.TypeOf(target), target.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "object", null, isAtom: true));
            }
        }
    }

    /// <summary>The variables, elements and members a deconstruction assigns, nested tuples flattened (not what they are indexed by).</summary>
    public static List<IOperation> Targets(IDeconstructionAssignmentOperation deconstruction)
    {
        var targets = new List<IOperation>();
        Flatten(deconstruction.Target, targets);
        return targets;
    }

    private static void Flatten(IOperation target, List<IOperation> into)
    {
        switch (target)
        {
            case IDeclarationExpressionOperation declaration:
                Flatten(declaration.Expression, into);
                break;
            case ITupleOperation tuple:
                foreach (var element in tuple.Elements) Flatten(element, into);
                break;
            default:
                into.Add(target);
                break;
        }
    }
}
