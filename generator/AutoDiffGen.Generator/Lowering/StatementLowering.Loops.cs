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

/// <summary>StatementLowering: for, while, do and foreach, with phis at the loop head.</summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// for/while/do: the variables the loop assigns get phis at its head. Lowered once; if a carried
    /// value turns out to vary though its entry value did not, lowered again with that phi varied.
    /// </summary>
    private void LowerLoop(ILoopOperation loop)
    {
        foreach (var jump in loop.Body.DescendantsAndSelf().OfType<IBranchOperation>())
        {
            if (jump.BranchKind is BranchKind.Break or BranchKind.Continue || IsFallthrough(jump) || LoopGotos.IsLoopJump(jump)) continue;
            if (jump.Syntax.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.GotoStatement))
            {
                Unsupported(jump, "A 'goto' inside a loop ('" + Describe.Snippet(jump.Syntax) + "')", "use break, continue, or if/else in the loop's body; a goto to an empty label ending the loop's body (next: ;) or to the statement right after the loop is lowered as the continue or break it is");
                return;
            }
            Unsupported(jump, Describe.Statement(jump), "restructure the code without jumps");
            return;
        }
        if (loop is IForEachLoopOperation forEach)
        {
            LowerForEach(forEach);
            return;
        }
        IOperation? condition = loop switch
        {
            IForLoopOperation f => f.Condition,
            IWhileLoopOperation w => w.Condition,
            _ => null,
        };
        bool conditionFirst = loop is not IWhileLoopOperation { ConditionIsTop: false };
        if (loop is IWhileLoopOperation { ConditionIsUntil: true })
        {
            Unsupported(loop, "A 'do … until' loop", "use while");
            return;
        }
        if (loop is IForLoopOperation forLoop)
        {
            foreach (var init in forLoop.Before) LowerSimpleStatement(init);
        }
        var body = Flatten(loop.Body);
        var increments = loop is IForLoopOperation { AtLoopBottom: var bottom } ? bottom.SelectMany(b => Flatten(b)).ToList() : new List<IOperation>();
        string test = condition is null ? "" : Describe.Source(condition.Syntax);
        string label = loop switch
        {
            IForLoopOperation => condition is null ? "for (;;)" : "for (" + test + ")",
            _ when conditionFirst => "while (" + test + ")",
            _ => "do … while (" + test + ")",
        };
        bool BodyAndIncrements()
        {
            RejectThrowingBody(LowerStatements(body, 0), loop);
            if (increments.Count == 0) return false;
            // The increment runs after the body and after continue, but not after break.
            if (_loop!.UsesFlags) LowerIf(_context.Current(_loop.Break), () => false, () => LowerStatements(increments, 0), loop, "the increment, unless break");
            else LowerStatements(increments, 0);
            return false;
        }
        if (TestAssigns(loop))
        {
            LowerLoopWithAssigningTest(LoopShape.Of(loop), condition!, conditionFirst, label, BodyAndIncrements);
            return;
        }
        LowerLoopCore(LoopShape.Of(loop), AssignedVariables(loop), conditionFirst, label,
            () => condition is null ? Flag("true") : LowerCondition(condition),
            BodyAndIncrements);
    }

    /// <summary>
    /// A for/while test that assigns (<c>n-- &gt; 0</c>, an inlined call writing, <c>e.MoveNext()</c>): lowered by
    /// <see cref="LowerLoopWithAssigningTest"/>, whose break flag makes the loop use flags as a jump does (a loop around it
    /// must carry the return state too: without, <c>for (…) { while (n-- &gt; 0) … }</c> before a return in a loop read the
    /// inner loop's phis outside the outer loop, CS0103).
    /// </summary>
    private bool TestAssigns(ILoopOperation loop)
    {
        var condition = loop switch
        {
            IForLoopOperation f => f.Condition,
            IWhileLoopOperation w => w.Condition,
            _ => null,
        };
        return EmbeddedEffects.Assigns(condition) || CallsWriting(condition) || Enumerators.Moves(condition);
    }

    /// <summary>
    /// A test that assigns (<c>while (n-- &gt; 0)</c>, <c>do … while ((t = f(t)) &gt; e)</c>) runs its writes once per
    /// test, the failing one too, and the body reads what it wrote. So the test becomes a statement of the body —
    /// first for while and for, last for do — and a failed test breaks out, through the loop's break flag: after the
    /// loop every variable holds what the last test left.
    /// </summary>
    private void LowerLoopWithAssigningTest(LoopShape loop, IOperation condition, bool conditionFirst, string label, System.Func<bool> bodyAndIncrements)
    {
        string testLabel = "the test of " + label;
        void Test(System.Func<bool> onTrue)
        {
            int test = LowerCondition(condition);
            LowerIf(test, onTrue, () =>
            {
                _context.Assign(_loop!.Jumped, Flag("true"));
                _context.Assign(_loop.Break, Flag("true"));
                return false;
            }, loop.At, testLabel);
        }
        LowerLoopCore(loop, AssignedVariables(loop), conditionFirst: true, label, () => Flag("true"), () =>
        {
            if (conditionFirst)
            {
                Test(bodyAndIncrements);
                return false;
            }
            bodyAndIncrements();
            // After a break (or a return) in the body, the test does not run.
            if (loop.Body.Any(MayJump)) LowerIf(_context.Current(_loop!.Break), () => false, () => { Test(() => false); return false; }, loop.At, "the test, unless break");
            else Test(() => false);
            return false;
        }, breaksByFlag: true);
    }

    /// <summary>
    /// foreach over an array or span parameter: a loop over a hidden index, whose variable reads
    /// the element (an element gate when the collection is differentiated).
    /// </summary>
    private void LowerForEach(IForEachLoopOperation loop)
    {
        var collection = loop.Collection is IConversionOperation { IsImplicit: true } c ? c.Operand : loop.Collection;
        var variable = loop.Locals.FirstOrDefault();
        // Over a double[,] or the rows of a jagged array (StatementLowering.GridForEach).
        if (variable is { IsRef: false } && LowerGridForEach(loop, collection, variable)) return;
        // foreach (var (a, b) in xs.Zip(ys)) over arrays (StatementLowering.ZipForEach).
        if (LowerZipForEach(loop, collection)) return;
        if (collection is IParameterReferenceOperation { Parameter: var grid } && GridForEach(grid, collection) is { } rejected)
        {
            Unsupported(loop, rejected.What, rejected.Hint);
            return;
        }
        if (variable is { IsRef: false } && ((collection as IParameterReferenceOperation)?.Parameter ?? (ISymbol?)(collection as ILocalReferenceOperation)?.Local) is { } structs && _context.StructArrays.ContainsKey(structs))
        {
            StructForEach(loop, variable, structs);
            return;
        }
        // foreach (var (x, y) in data) over constant tuples (a [NoDiff] list or array of them): before the array path, which
        // binds one variable to the element.
        if (ConstantTupleList(loop, collection) is { } parts)
        {
            TupleListForEach(loop, parts, collection);
            return;
        }
        if (loop.LoopControlVariable is IDeclarationExpressionOperation or ITupleOperation)
        {
            // Any other deconstruction: the paths below bind one variable to the element (before natural15, 'double t =
            // events[i];' over a [NoDiff] (double, int)[] did not compile).
            Unsupported(loop, "A 'foreach' that deconstructs an element of '" + Describe.Snippet(loop.Collection.Syntax) + "' (only tuples of reals and ints in data that carries no gradient, arrays of tuples of reals and Zip are deconstructed)",
                "index the collection with a for loop and read the members: for (int i = 0; i < n; i++) { var item = " + Describe.Snippet(loop.Collection.Syntax) + "[i]; … }");
            return;
        }
        // A slice of a parameter or a local array (x[1..], x.AsSpan(s, n), span.Slice(s)): the same loop over its index range.
        int first = -1, end = -1;
        ISymbol? parameter = null;
        bool failed = false;
        if (variable is not null && _expressions.SpanAliasOf(collection) is { Arrays.Count: 1 } view)
        {
            // A span local that views one array (SpanViews): the same loop over the slots it views.
            parameter = view.Arrays[0];
            first = _context.Current(view.Start);
            int length = _context.Current(view.Length);
            end = _context.AddConstant(_context.Nodes[first].Name + " + " + _context.Nodes[length].Name, ScalarType.Other, "int", _context.Names.Fresh("end"), isAtom: false, new[] { first, length });
        }
        else if (variable is not null && collection is not (IParameterReferenceOperation or ILocalReferenceOperation) &&
            _expressions.TrySliceOfArray(collection, out var sliced, out first, out end, out failed))
        {
            parameter = sliced;
        }
        else if (failed)
        {
            return;
        }
        else if (variable is not null && _expressions.ForEachArray(collection) is { } whole)
        {
            parameter = whole;
        }
        else if (variable is not null && ListLocals.Tracked(_context, collection) is { } list)
        {
            // A local List<double> (StatementLowering.Lists): the loop over its count, which the body may not change.
            if (!ListForEachTarget(loop, variable, list)) return;
            parameter = list;
            end = _context.Current(_context.ListCountOf(list)!);
        }
        if (parameter is null && variable is { IsRef: false } && ConstantList(collection, variable))
        {
            ListForEach(loop, variable, collection);
            return;
        }
        if (parameter is null && IteratorSources.What(loop.Collection) is { } iterator)
        {
            // An iterator's sequence (idioms18b): at the sequence, saying to produce an array, not at the loop.
            _context.ReportUnsupportedExpression(loop.Collection, iterator + " in a 'foreach'", IteratorSources.Hint(loop.Collection));
            return;
        }
        if (parameter is null || variable is null)
        {
            Unsupported(loop, "A 'foreach' over anything but an array or span parameter, a local array, or a slice of one ('" + Describe.Snippet(loop.Collection.Syntax) + "')", LinqCalls.ForEachHint(loop.Collection));
            return;
        }
        if (variable.IsRef && !RefForEachTarget(loop, variable, parameter)) return;
        int array = _context.Current(parameter);
        string arrayName = _context.Nodes[array].Name;
        string limit = end >= 0 ? _context.Nodes[end].Name : arrayName + ".Length";
        var index = new LoweringContext.HiddenVariable("index");
        _context.Assign(index, first >= 0
            ? _context.AddConstant(_context.Nodes[first].Name, ScalarType.Other, "int", _context.Names.Fresh("index"), isAtom: false, new[] { first })
            : _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("index"), isAtom: false));
        var assigned = AssignedVariables(loop);
        assigned.Add(index);
        var body = Flatten(loop.Body);
        string label = "foreach (" + variable.Name + " in " + Describe.Source(loop.Collection.Syntax) + ")";
        LowerLoopCore(LoopShape.Of(loop), assigned, conditionFirst: true, label,
            () =>
            {
                int i = _context.Current(index);
                return _context.AddConstant(_context.Nodes[i].Name + " < " + limit, ScalarType.Other, "bool", null, isAtom: false, end >= 0 ? new[] { i, array, end } : new[] { i, array });
            },
            () =>
            {
                if (variable.IsRef) AliasRefForEach(variable, parameter, _context.Current(index));
                else _context.Assign(variable, ElementRead(parameter, _context.Current(index), variable));
                RejectThrowingBody(LowerStatements(body, 0), loop);
                int current = _context.Current(index);
                _context.Assign(index, _context.AddConstant(_context.Nodes[current].Name + " + 1", ScalarType.Other, "int", _context.Names.Version("index"), isAtom: false, new[] { current }));
                return false;
            });
        if (variable.IsRef) _context.UnaliasElement(variable);
    }

    /// <summary>
    /// The element <paramref name="variable"/> of a foreach reads at index node <paramref name="i"/>. The array as this
    /// iteration starts: stores in the body (or calls writing it) make new versions, which carry their gradient even when
    /// the array before the loop carried none.
    /// </summary>
    private int ElementRead(ISymbol array, int i, ILocalSymbol variable) => ElementRead(array, i, variable, variable.Type);

    /// <summary>The element read of <see cref="ElementRead(ISymbol, int, ILocalSymbol)"/> into any variable (a lambda's parameter too) of <paramref name="variableType"/>.</summary>
    private int ElementRead(ISymbol array, int i, ISymbol variable, ITypeSymbol variableType)
    {
        var type = ExpressionLowering.TypeOf(variableType);
        string name = _context.NameFor(variable);
        int now = _context.Current(array);
        return _context.Nodes[now].Varied
            ? _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), name, null, new[] { now, i })
            : _context.AddConstant(_context.Nodes[now].Name + "[" + _context.Nodes[i].Name + "]", type, variableType.ToDisplayString(SymbolNames.TypeFormat), name, isAtom: false, new[] { now, i });
    }

    /// <summary>
    /// A <c>List&lt;T&gt;</c> (or <c>IList&lt;T&gt;</c>, <c>IReadOnlyList&lt;T&gt;</c>) that carries no gradient, or an array of
    /// indexes or flags (a local <c>int[]</c>, <c>bool[]</c>: ConstantRenderer.Arrays), whose element the variable is.
    /// </summary>
    private bool ConstantList(IOperation collection, ILocalSymbol variable) =>
        (collection.Type is INamedTypeSymbol { TypeArguments.Length: 1 } list
            && list.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyList<T>"
            && SymbolEqualityComparer.Default.Equals(list.TypeArguments[0], variable.Type)
         || collection.Type is IArrayTypeSymbol { Rank: 1, ElementType: var element } && PiecewiseConstant.IsDiscrete(element) && SymbolEqualityComparer.Default.Equals(element, variable.Type)
         // A span local over constant values (ReadOnlySpan<double> c = Table; ReadOnlySpan<int> p = [1, 2];): read where it is.
         || collection is ILocalReferenceOperation && collection.Type is INamedTypeSymbol { Name: "Span" or "ReadOnlySpan", TypeArguments: [var spanElement] }
            && SymbolEqualityComparer.Default.Equals(spanElement, variable.Type))
        && !_expressions.IsVaried(collection);

    /// <summary>
    /// The locals of <c>foreach (var (x, y) in data)</c> over a list or array of tuples of reals and discrete values that
    /// carries no gradient (a [NoDiff] <c>IReadOnlyList&lt;(double X, double Y)&gt;</c> of data, natural15), one per element
    /// (null for a discard); null when the loop is not one.
    /// </summary>
    private IReadOnlyList<ILocalSymbol?>? ConstantTupleList(IForEachLoopOperation loop, IOperation collection)
    {
        var element = collection.Type switch
        {
            INamedTypeSymbol { TypeArguments.Length: 1 } list when list.OriginalDefinition.ToDisplayString() is "System.Collections.Generic.List<T>"
                or "System.Collections.Generic.IList<T>" or "System.Collections.Generic.IReadOnlyList<T>" => list.TypeArguments[0],
            IArrayTypeSymbol { Rank: 1, ElementType: var e } => e,
            _ => null,
        };
        if (element is not INamedTypeSymbol { IsTupleType: true, TupleElements.Length: <= 7 } tuple || _expressions.IsVaried(collection)) return null;
        if (!tuple.TupleElements.All(f => PiecewiseConstant.IsReal(f.Type) || PiecewiseConstant.IsDiscrete(f.Type))) return null;
        return StructArrayLocals.Deconstructed(loop, tuple);
    }

    /// <summary>
    /// <see cref="ConstantTupleList"/>'s loop: over a hidden index, each local reading its element of <c>list[i]</c>, a
    /// constant, as <see cref="ListForEach"/> reads <c>list[i]</c>. The list is read once before the loop.
    /// </summary>
    private void TupleListForEach(IForEachLoopOperation loop, IReadOnlyList<ILocalSymbol?> locals, IOperation collection)
    {
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.Render(collection);
        if (text is null) return;
        int list = _context.AddConstant(text, ScalarType.Other, collection.Type!.ToDisplayString(SymbolNames.TypeFormat), _context.Names.Fresh("list"), isAtom: false, renderer.Dependencies);
        string listName = _context.Nodes[list].Name;
        string count = collection.Type is IArrayTypeSymbol ? ".Length" : ".Count";
        IndexLoop(loop, "(" + string.Join(", ", locals.Select(l => l?.Name ?? "_")) + ")", new LoweringContext.HiddenVariable("index"), () => (listName + count, new[] { list }), i =>
        {
            for (int k = 0; k < locals.Count; k++)
            {
                if (locals[k] is not { } local) continue;
                _context.Assign(local, _context.AddConstant(listName + "[" + _context.Nodes[i].Name + "].Item" + (k + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
                    ExpressionLowering.TypeOf(local.Type), local.Type.ToDisplayString(SymbolNames.TypeFormat), _context.NameFor(local), isAtom: false, new[] { list, i }));
            }
        });
    }

    /// <summary>
    /// foreach over a list that carries no gradient (a [NoDiff] List&lt;double&gt;, a local int[]): a loop over a hidden index
    /// whose variable reads <c>list[i]</c>, a constant. The list is read once before the loop, as foreach reads it.
    /// </summary>
    private void ListForEach(IForEachLoopOperation loop, ILocalSymbol variable, IOperation collection)
    {
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.Render(collection);
        if (text is null) return;
        int list = _context.AddConstant(text, ScalarType.Other, collection.Type!.ToDisplayString(SymbolNames.TypeFormat), _context.Names.Fresh("list"), isAtom: false, renderer.Dependencies);
        string listName = _context.Nodes[list].Name;
        string count = collection.Type is IArrayTypeSymbol or INamedTypeSymbol { Name: "Span" or "ReadOnlySpan" } ? ".Length" : ".Count";
        IndexLoop(loop, variable, new LoweringContext.HiddenVariable("index"), () => (listName + count, new[] { list }),
            i => _context.AddConstant(listName + "[" + _context.Nodes[i].Name + "]", ExpressionLowering.TypeOf(variable.Type),
                variable.Type.ToDisplayString(SymbolNames.TypeFormat), _context.NameFor(variable), isAtom: false, new[] { list, i }));
    }

    /// <summary>
    /// foreach over an array or span of structs (StructArrayParameters): a loop over a hidden index whose variable, a
    /// struct carried as its components, takes each component array's element.
    /// </summary>
    private void StructForEach(IForEachLoopOperation loop, ILocalSymbol variable, ISymbol parameter)
    {
        // foreach (var (w, c) in pairs) over an array of tuples: each local takes its element's component.
        var deconstructed = StructArrayLocals.Deconstructed(loop, ValueKinds.CarriedArrayElement(LoweringContext.TypeOfVariable(parameter)!));
        var components = RealStructs.Components(deconstructed is null ? variable.Type : ValueKinds.CarriedArrayElement(LoweringContext.TypeOfVariable(parameter)!));
        if (components is null || components.Count != _context.StructArrays[parameter].Length)
        {
            Unsupported(loop, "A 'foreach' over '" + parameter.Name + "' whose variable is not its element type", "declare the variable as the element type (var)");
            return;
        }
        int array = _context.StructArrayLength(parameter);
        string arrayName = _context.Nodes[array].Name;
        var index = new LoweringContext.HiddenVariable("index");
        _context.Assign(index, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("index"), isAtom: false));
        var assigned = AssignedVariables(loop);
        assigned.Add(index);
        var body = Flatten(loop.Body);
        LowerLoopCore(LoopShape.Of(loop), assigned, conditionFirst: true, "foreach (" + variable.Name + " in " + Describe.Source(loop.Collection.Syntax) + ")",
            () =>
            {
                int i = _context.Current(index);
                return _context.AddConstant(_context.Nodes[i].Name + " < " + arrayName + ".Length", ScalarType.Other, "bool", null, isAtom: false, new[] { i, array });
            },
            () =>
            {
                int i = _context.Current(index);
                var elements = _context.StructArrayParts(parameter).Select((part, k) => _context.AddGate(GateKind.Element, components[k].Type, components[k].Keyword,
                    deconstructed?[k] is { } local ? _context.NameFor(local) : null, null, new[] { part, i })).ToArray();
                if (deconstructed is null) DefineStruct(variable, "", elements);
                for (int k = 0; deconstructed is not null && k < deconstructed.Count; k++)
                {
                    if (deconstructed[k] is { } local) _context.Assign(local, elements[k]);
                }
                RejectThrowingBody(LowerStatements(body, 0), loop);
                int current = _context.Current(index);
                _context.Assign(index, _context.AddConstant(_context.Nodes[current].Name + " + 1", ScalarType.Other, "int", _context.Names.Version("index"), isAtom: false, new[] { current }));
                return false;
            });
    }

    private void LowerLoopCore(LoopShape loop, List<object> assigned, bool conditionFirst, string label, System.Func<int> lowerCondition, System.Func<bool> lowerBody, bool breaksByFlag = false)
    {
        var frame = new LoopFrame { Outer = _loop, UsesFlags = breaksByFlag || loop.Body.Any(MayJump), Exit = loop.Exit, Next = loop.Next };
        if (frame.UsesFlags)
        {
            _context.Assign(frame.Break, Flag("false"));
            _context.Assign(frame.Jumped, Flag("false"));
            assigned = assigned.Concat(new object[] { frame.Break, frame.Jumped }).ToList();
            if (_returned is not null)
            {
                assigned.Add(_returned);
                // A return inside also sets the enclosing loops' flags: carry them around this loop too.
                for (var outer = _loop; outer is not null; outer = outer.Outer)
                {
                    if (outer.UsesFlags) assigned.AddRange(new object[] { outer.Break, outer.Jumped });
                }
            }
            assigned.AddRange(_context.ResultKeys);
            var inner = lowerCondition;
            // The loop also ends once something broke out of it.
            lowerCondition = () =>
            {
                int broke = _context.Current(frame.Break);
                int test = inner();
                return _context.AddConstant("!" + _context.Nodes[broke].Name + " && " + _context.Nodes[test].Name, ScalarType.Other, "bool", null, isAtom: false, new[] { broke, test });
            };
            var body = lowerBody;
            lowerBody = () =>
            {
                _context.Assign(frame.Jumped, Flag("false"));
                return body();
            };
        }
        else if (loop.Body.SelectMany(b => b.Descendants()).OfType<ILoopOperation>().Any(l => MayJump(l.Body) || TestAssigns(l)))
        {
            // A loop inside uses flags and carries the return state (and the enclosing loops' flags) around
            // itself: carry them around this loop too, or their values after it would be the inner loop's
            // phis, declared inside this loop's body.
            if (_returned is not null)
            {
                assigned = assigned.Concat(new object[] { _returned }).ToList();
                for (var outer = _loop; outer is not null; outer = outer.Outer)
                {
                    if (outer.UsesFlags) assigned.AddRange(new object[] { outer.Break, outer.Jumped });
                }
            }
            assigned = assigned.Concat(_context.ResultKeys).ToList();
        }
        var outerLoop = _loop;
        _loop = frame;
        try
        {
            LowerLoopCoreFramed(loop, assigned, conditionFirst, label, lowerCondition, lowerBody);
        }
        finally
        {
            _loop = outerLoop;
        }
    }

    private void LowerLoopCoreFramed(LoopShape loop, List<object> assigned, bool conditionFirst, string label, System.Func<int> lowerCondition, System.Func<bool> lowerBody)
    {
        // A ref local's writes are its variable's: one phi for both.
        assigned = assigned.Select(_context.Resolve).SelectMany(_context.ExpandStructs).Distinct(new ResolvedComparer()).ToList();
        var forceVaried = new HashSet<object>();
        // Locals declared before the loop without a value and first assigned in it (double b; do { b = …; } while (…);).
        var unassigned = new Dictionary<object, (ScalarType Type, string TypeName)>(new ResolvedComparer());
        var snapshot = _context.Save();
        for (int attempt = 0; attempt < 8; attempt++)
        {
            // Phis for every variable the loop assigns that exists before it.
            var phis = new List<(object Key, int Phi)>();
            foreach (var key in assigned)
            {
                int entry = _context.Current(key);
                // C# reads it only after the loop assigned it: its entry value is never read, so default stands in.
                if (entry < 0 && unassigned.TryGetValue(key, out var blank)) entry = _context.AddConstant("default(" + blank.TypeName + ")", blank.Type, blank.TypeName, null, isAtom: true);
                if (entry < 0) continue;
                var e = _context.Nodes[entry];
                bool varied = e.Varied || forceVaried.Contains(key);
                int phi = _context.AddPhi(e.Type, e.TypeName, _context.Names.Version(LoweringContext.NameOf(key)), varied, entry, entry);
                phis.Add((key, phi));
                _context.Assign(key, phi);
            }

            _context.LoopDepth++;
            _context.OpenBlock();
            int test = conditionFirst ? lowerCondition() : -1;
            var header = conditionFirst ? _context.CloseBlock() : Block.Empty;
            if (!conditionFirst) _context.CloseBlock();

            _context.OpenBlock();
            lowerBody();
            var bodyBlock = _context.CloseBlock();
            if (!conditionFirst)
            {
                _context.OpenBlock();
                test = lowerCondition();
                header = _context.CloseBlock();
            }
            _context.LoopDepth--;

            bool again = false;
            foreach (var (key, phi) in phis)
            {
                int back = _context.Current(key);
                _context.SetInputs(phi, _context.Nodes[phi].Inputs[0], back);
                if (_context.Nodes[back].Varied && !_context.Nodes[phi].Varied && forceVaried.Add(key)) again = true;
                _context.Assign(key, phi);
            }
            foreach (var key in assigned)
            {
                if (phis.Any(p => new ResolvedComparer().Equals(p.Key, key)) || unassigned.ContainsKey(key) || !DeclaredBefore(key, loop)) continue;
                int version = _context.Current(key);
                if (version < 0 || !IsScalarValue(_context.Nodes[version])) continue;
                unassigned[key] = (_context.Nodes[version].Type, _context.Nodes[version].TypeName);
                again = true;
            }
            if (again)
            {
                _context.Restore(snapshot);
                continue;
            }
            foreach (var (key, phi) in phis)
            {
                if (phis.Any(p => p.Phi == _context.Nodes[phi].Inputs[1] && p.Phi != phi))
                {
                    Unsupported(loop.At, "A loop that assigns one carried variable from another ('" + LoweringContext.NameOf(key) + "')", "copy the value through a local computed in the body");
                    return;
                }
            }
            string trip = _context.Names.Fresh("trip");
            string countdown = _context.Names.Fresh("iteration");
            _context.AddItem(new LoopItem(header, test, bodyBlock, phis.Select(p => p.Phi).ToEquatableArray(), conditionFirst, trip, countdown, label));
            return;
        }
        Unsupported(loop.At, "A loop whose carried values could not be settled", "simplify the loop");
    }

    private sealed class ResolvedComparer : IEqualityComparer<object>
    {
        public new bool Equals(object? x, object? y) =>
            x is ISymbol a && y is ISymbol b ? SymbolEqualityComparer.Default.Equals(a, b) : ReferenceEquals(x, y);

        public int GetHashCode(object obj) => obj is ISymbol s ? SymbolEqualityComparer.Default.GetHashCode(s) : obj.GetHashCode();
    }

    /// <summary>Locals and parameters the statements a loop runs assign (a variable two of them assign is kept twice: the loop's phis are made distinct).</summary>
    private List<object> AssignedVariables(LoopShape loop) => loop.Parts.SelectMany(p => AssignedVariables(p)).ToList();

    /// <summary>Locals and parameters the loop (condition, body, increment) assigns.</summary>
    /// <summary>
    /// The array a span argument written by the callee views when it is a span view (a span local's, or an inlined helper's
    /// span parameter's, under any slices: ExpressionLowering.SpanParameters), else null (the argument's own root is carried).
    /// </summary>
    private ISymbol? ViewedByArgument(IOperation argument)
    {
        var root = BulkCopies.Root(argument);
        if (_context.ViewSymbol(root) is { } view && _context.SpanAliasOf(view) is { Arrays.Count: 1 } alias) return alias.Arrays[0];
        return root is ILocalReferenceOperation { Local: var local } && SpanViews.IsRealSpanType(local.Type) ? SpanViews.SingleArray(local, root) : null;
    }

    private List<object> AssignedVariables(IOperation loop)
    {
        var list = new List<object>();
        var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
        // A local function called here writes the method's variables where it is inlined (StatementLowering.LocalFunctions):
        // its body is read too, and its own locals and parameters are left out below.
        var operations = loop.DescendantsAndSelf().ToList();
        var called = new List<ISymbol>();
        for (int n = 0; n < operations.Count; n++)
        {
            if (operations[n] is IInvocationOperation call && IsInlinedCall(call) && CalledBody(call) is { Body: { } body } function
                && !called.Any(f => SymbolEqualityComparer.Default.Equals(f, function.Function)))
            {
                called.Add(function.Function);
                operations.AddRange(body.Descendants());
            }
        }
        AliasesIn(operations);
        foreach (var op in operations)
        {
            // e.MoveNext() moves the cursor of an enumerator that walks a sequence (StatementLowering.Enumerators).
            if (Enumerators.Moved(op) is { } moved && _context.IsWalk(moved, out _) && seen.Add(moved)) list.Add(moved);
            if (op is IDeconstructionAssignmentOperation deconstruction)
            {
                // (a, b) = (b, a + b), (a[i], a[j]) = …, (sp[i], sp[i + 1]) = … through a span view: each target is carried as
                // a single assignment's is (before, an element of a span view was not: its array's stores were lost after
                // the loop, a wrong gradient).
                var targets = new List<IOperation>();
                Flatten(deconstruction.Target, targets);
                foreach (var t in targets) CarryTarget(t, loop, list, seen);
                continue;
            }
            if (op is IArgumentOperation { Parameter: { } writtenParameter, Parent: IInvocationOperation writer } writtenArgument && _context.Writes is { } writes
                && writes.WritesCalledOrInlined(writer.TargetMethod, writtenParameter.Ordinal) && ViewedByArgument(writtenArgument.Value) is { } viewedArray)
            {
                if (seen.Add(viewedArray)) list.Add(viewedArray);
                continue;
            }
            IOperation? target = op switch
            {
                IAssignmentOperation a => a.Target,
                IIncrementOrDecrementOperation i => i.Target,
                // Step(ref x, …): the call leaves a new value in x (ExpressionLowering.RefCalls).
                IArgumentOperation { Parameter.RefKind: RefKind.Ref or RefKind.Out } arg => arg.Value,
                // Subtract(x, mu, diff): the call writes into diff (ExpressionLowering.ArrayWrites).
                // AddScaled(acc, v, s): an inlined plain helper or local function writes into acc (ArrayWrites.Inlined).
                IArgumentOperation { Parameter: { } p, Parent: IInvocationOperation call } arg when _context.Writes is { } w && w.WritesCalledOrInlined(call.TargetMethod, p.Ordinal) => BulkCopies.Root(arg.Value) ?? CollectionArguments.Unwrap(arg.Value),
                // v.Scale(k): a struct method that writes its members writes the variable it is called on (ExpressionLowering.MutatingCalls).
                IInvocationOperation { Instance: { } receiver } mutating when _expressions.IsMutatingCall(mutating) => receiver,
                // Array.Copy(b, a, n), Array.Fill(a, v), a.AsSpan(i).Clear(): a store into a (BulkCopies). Without it a loop whose
                // only write into an array is such a call lost the write (its array had no phi: the copy was dropped).
                IInvocationOperation bulk when BulkCopies.DestinationRoot(bulk) is { } written => written,
                // l.Add(v) on a local List<double>: the list and its count are carried (StatementLowering.Lists).
                // (A list parameter is never written: a write into it is refused, ListParameters.)
                IInvocationOperation { Instance: { } listed } when ListLocals.Tracked(_context, listed) is ILocalSymbol => listed,
                _ => null,
            };
            CarryTarget(target, loop, list, seen);
        }
        if (called.Count > 0) list.RemoveAll(v => v is ISymbol s && called.Any(f => DeclaredIn(s, f)));
        return list.SelectMany(SpanViewKeys).ToList();
    }

    /// <summary>Adds what a write into <paramref name="target"/> inside <paramref name="loop"/> changes (a variable, the array an element or a view's element is of, a ref local's referent) to the loop's carried variables.</summary>
    private void CarryTarget(IOperation? target, IOperation loop, List<object> list, HashSet<ISymbol> seen)
    {
        // p[i].X += …, p[i] = … on an array of structs: its component arrays are carried (StatementLowering.StructArrayStores).
        if (target is not null && StructArrayStores.TryGet(target, out var structArray, out _, out _) && StructArrayStores.Root(structArray) is { } storedArray
            && _context.WrittenStructArrays.Contains(storedArray))
        {
            if (seen.Add(storedArray)) list.Add(storedArray);
            return;
        }
        // (c ? ref a : ref b[j]) = v, or r += v through a ref local bound to one: both referents are carried (RefChoices).
        if (target is IConditionalOperation { IsRef: true } || target is ILocalReferenceOperation { Local.IsRef: true } chosenLocal && (_context.IsRefChoice(chosenLocal.Local) || RefChoiceIn(loop, chosenLocal.Local) is not null))
        {
            var choiceWrites = target is ILocalReferenceOperation { Local: var chooser } ? (_context.IsRefChoice(chooser) ? _context.RefChoiceWrites(chooser) : ChoiceWrites(RefChoiceIn(loop, chooser)!)) : ChoiceWrites(target);
            foreach (var w in choiceWrites)
            {
                if (w is ISymbol symbolWritten ? seen.Add(symbolWritten) : !list.Contains(w)) list.Add(w);
            }
            return;
        }
        // a *= k through a ref parameter of an inlined body bound to an element (Swap(ref c[i], …), RefElementArguments): the array is carried.
        if (target is IParameterReferenceOperation { Parameter: var refParameter } && _context.ElementAliasArray(refParameter) is ISymbol aliasedArray)
        {
            if (seen.Add(aliasedArray)) list.Add(aliasedArray);
            return;
        }
        if (target is ILocalReferenceOperation { Local.IsRef: true } refLocal)
        {
            // r += x through a ref local: what it stands for is carried (declared in the body, it is not known yet).
            var referent = _context.ElementAliasArray(refLocal.Local) as ISymbol
                ?? (_context.Resolve(refLocal.Local) is var resolved && !ReferenceEquals(resolved, refLocal.Local) ? null : RefReferentIn(loop, refLocal.Local));
            if (referent is not null)
            {
                // foreach (ref var v in s) over an inlined helper's span parameter: the arrays its view is bound to are
                // carried, not the parameter (before, the loop's store was lost after it: a wrong gradient).
                foreach (var carried in _context.SpanAliasOf(referent)?.Arrays ?? new[] { referent })
                {
                    if (seen.Add(carried)) list.Add(carried);
                }
                return;
            }
        }
        // l[i] = … on a local List<double>: the list is carried.
        if (ListStoreTarget(target) is { List: ILocalSymbol } listStore)
        {
            if (seen.Add(listStore.List)) list.Add(listStore.List);
            return;
        }
        // m[i][j] = … on a local jagged array (StatementLowering.JaggedLocals): the array is carried.
        if (target is IArrayElementReferenceOperation { ArrayReference: IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation jaggedLocal } }) target = jaggedLocal;
        // o[i][j] = … in an inlined helper through its jagged parameter bound to that local (idioms24): the parameter, which stands for it.
        if (target is IArrayElementReferenceOperation { ArrayReference: IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation { Parameter: var jaggedParameter } jaggedTarget } }
            && ArrayWrites.IsWritableJagged(jaggedParameter)) target = jaggedTarget;
        if (target is IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation arrayLocal }) target = arrayLocal;
        // Dense(w, x, hidden) writing a span parameter of a plain helper bound to a view (ExpressionLowering.SpanParameters):
        // inside its body a store through the parameter, at the call the argument (a span local's view, a slice):
        // the array viewed is carried.
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: var viewInstance } && _context.ViewSymbol(viewInstance) is { } viewSymbol
            && _context.SpanAliasOf(viewSymbol) is { Arrays.Count: 1 } boundView)
        {
            if (seen.Add(boundView.Arrays[0])) list.Add(boundView.Arrays[0]);
            return;
        }
        // v[i] = … through a span local that views one array: that array is carried (SpanViews).
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation { Local: var view } } && SpanViews.SingleArray(view, target) is { } viewed)
        {
            if (seen.Add(viewed)) list.Add(viewed);
            return;
        }
        // a[i] = … on a stackalloc span local, carried as a local array (StackAllocSpans).
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: ILocalReferenceOperation { Local.Type: INamedTypeSymbol { Name: "Span" } } spanLocal }) target = spanLocal;
        // A store into an array parameter makes a version of it, carried like a local array's (ParameterOutputs).
        if (target is IArrayElementReferenceOperation { ArrayReference: IParameterReferenceOperation { Parameter.RefKind: RefKind.None } arrayParameter }) target = arrayParameter;
        // y[i] = … on a Span<double> parameter the method writes into: the same (ArrayWrites.IsRealSpan).
        if (target is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IParameterReferenceOperation { Parameter: { RefKind: RefKind.None } spanParameter } spanTarget } && ArrayWrites.IsRealSpan(spanParameter.Type)) target = spanTarget;
        // v.X = …: the struct variable is carried (as its components).
        if (target is not null && StructPaths.TryGet(target, _context, out var structVariable, out _) && seen.Add(structVariable)) list.Add(structVariable);
        // b.Add(v) through a second name of a list (var b = a;): the list itself is carried.
        if (target is not null && Variable(target) is { } symbol && _context.ResolveList(symbol) is var named && seen.Add(named)) list.Add(named);
    }

    /// <summary>A local declared outside <paramref name="loop"/> (not in its body or its for-initializer).</summary>
    private static bool DeclaredBefore(object key, LoopShape loop) =>
        key is ILocalSymbol local && local.DeclaringSyntaxReferences.Length > 0 &&
        local.DeclaringSyntaxReferences.All(r => r.SyntaxTree == loop.At.Syntax.SyntaxTree && !loop.Span.Contains(r.Span));

    /// <summary>A real, or an int, long or bool: a value whose default(T) the loop's entry can stand on.</summary>
    private static bool IsScalarValue(Node node) =>
        node.Type is ScalarType.Double or ScalarType.Float || node.Type == ScalarType.Other && node.TypeName is "int" or "long" or "bool";
}
