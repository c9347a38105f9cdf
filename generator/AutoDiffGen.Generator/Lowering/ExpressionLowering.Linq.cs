using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// LINQ over a differentiated value, lowered to the loop it runs: <c>x.Sum()</c>, <c>Average</c>, <c>Max</c>, <c>Min</c> and
/// <c>Aggregate</c> (and their selector overloads) over an array, <c>Select</c> (with or without the index), <c>Where</c> (a
/// branch on its test), <c>Zip</c> with a result lambda (or its pairs through a selector, ExpressionLowering.ZipPairs), or <c>Enumerable.Range</c>. The loop is an ordinary <see cref="LoopItem"/> over a hidden index, so every
/// sweep that has loops (reverse, forward, Hessian) differentiates it. The values are LINQ's to the bit: Sum adds from 0 in
/// order (float in double, as LINQ does), Average divides that sum by the count, Max and Min keep LINQ's NaN rules and the
/// first of equal values (so the gradient goes to the first arg-max), and an empty sequence throws where LINQ throws.
/// Lambdas must return one expression and assign nothing; anything else is reported, never guessed.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A sequence the loop walks: its count (an int node, computed once before the loop) and its element at an index node.</summary>
    private sealed class LinqSequence(int count, System.Func<int, string?, int> element, System.Action<int, System.Action<int>>? walk = null)
    {
        public int Count { get; } = count;

        /// <summary>Lowers the element at the index node into the current block; the name is a hint for a user's lambda parameter.</summary>
        public System.Func<int, string?, int> Element { get; } = element;

        /// <summary>After a Where: the element at an index is kept or not, so positions are no longer indices.</summary>
        public bool Filtered => walk is not null;

        /// <summary>Lowers the element at the index node and hands it to <paramref name="consume"/>, under the filters' branches.</summary>
        public void Walk(int index, System.Action<int> consume)
        {
            if (walk is not null) walk(index, consume);
            else consume(Element(index, null));
        }
    }

    /// <summary>The variables the innermost LINQ loop carries: a Where's branch merges those its body assigned.</summary>
    private object[] _linqCarried = System.Array.Empty<object>();

    private const string NoElements = "new global::System.InvalidOperationException(\"Sequence contains no elements\")";

    /// <summary>A LINQ call that varies: the loop it runs, or a report (a placeholder) for a form that is not lowered.</summary>
    private int LowerLinq(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        var type = TypeOf(invocation);
        // x.OrderBy(v => v).First(), Last(), ElementAt(k): an element of the sorted array (ExpressionLowering.LinqArrays).
        if (OrderedElement(invocation, userName) is var element && element != -2) return element < 0 ? Placeholder(invocation) : element;
        if (!LinqCalls.IsReduction(method) || type is not (ScalarType.Double or ScalarType.Float) || invocation.Instance is not null)
        {
            _context.ReportUnsupportedExpression(invocation, "A LINQ call on a differentiated value ('" + method.Name + "'; differentiated: " + LinqCalls.Differentiated + ")", LinqCalls.Hint(method.Name));
            return Placeholder(invocation);
        }
        var source = LinqCalls.Argument(invocation, 0);
        if (source is null) { _context.ReportUnsupportedExpression(invocation, null); return Placeholder(invocation); }
        int node = method.Name == "Aggregate" ? LowerAggregate(invocation, source, type) : LowerReduction(invocation, source, type);
        if (node < 0) return Placeholder(invocation);
        if (userName is null) return node;
        var n = _context.Nodes[node];
        return n.Varied ? _context.AddGate(GateKind.Copy, type, userName, node)
            : _context.AddConstant(n.Name, type, ScalarLiterals.TypeKeyword(type), userName, isAtom: false, new[] { node });
    }

    /// <summary>
    /// Arithmetic over constants with a LINQ lambda or a local list inside (<c>v.Sum() + v.Select(p => p * p).Average()</c>): lowered
    /// operator by operator, so each reduction becomes its loop of constants, as constant text cannot carry a lambda.
    /// </summary>
    private bool ArithmeticOverConstantLinq(IOperation op) =>
        op is IBinaryOperation { OperatorMethod: null } or IUnaryOperation { OperatorMethod: null } or IParenthesizedOperation
        && op.Descendants().Any(d => d is IInvocationOperation call && LinqCalls.IsReduction(call.TargetMethod)
            && call.Descendants().Any(x => x is IAnonymousFunctionOperation || ListLocals.Tracked(_context, x) is not null));

    /// <summary>
    /// A LINQ reduction over constants that has a lambda, or reads a local list, which constant text cannot carry: the same loop, of constants; -1
    /// (nothing kept) when it is not a form lowered here, and the constant path reports it.
    /// </summary>
    private int ConstantLinq(IInvocationOperation invocation, string? userName)
    {
        // Over a local List<double> too: constant text would read the list's final Count (ExpressionLowering.Lists).
        if (!invocation.Descendants().Any(d => d is IAnonymousFunctionOperation || ListLocals.Tracked(_context, d) is not null)) return -1;
        var snapshot = _context.Save();
        int node = LowerLinq(invocation, userName);
        if (_context.Diagnostics.Count == snapshot.Diagnostics) return node;
        _context.Restore(snapshot);
        return -1;
    }

    /// <summary>Sum, Average, Max, Min, with or without a selector: one loop over the sequence.</summary>
    private int LowerReduction(IInvocationOperation invocation, IOperation source, ScalarType type)
    {
        string name = invocation.TargetMethod.Name;
        var parameters = invocation.TargetMethod.Parameters;
        if (parameters.Length > 2 || parameters.Length == 2 && parameters[1].Type is not INamedTypeSymbol { Name: "Func" })
        {
            _context.ReportUnsupportedExpression(invocation, "This overload of " + name + " (differentiated: the one without arguments and the one with a selector lambda)", LinqCalls.Hint(name));
            return -1;
        }
        // rows.Sum(r => …) over a jagged parameter: the selector over its rows (ExpressionLowering.LinqRows).
        var rows = parameters.Length == 2 ? JaggedRows(LinqCalls.Unwrap(source)) : null;
        // xs.Zip(ys).Where(p => …).Sum(p => …): the pairs, under their filters, through the selector (ExpressionLowering.ZipPairs).
        var pairs = parameters.Length == 2 && rows is null ? PairChain(source) : null;
        var sequence = rows is not null ? RowsSelected(rows, LinqCalls.Argument(invocation, 1), invocation, indexed: false)
            : pairs is { } chain ? PairsSelected(chain, LinqCalls.Argument(invocation, 1), invocation) : Sequence(source);
        if (sequence is null) return -1;
        if (parameters.Length == 2 && rows is null && pairs is null)
        {
            sequence = Selected(sequence, LinqCalls.Argument(invocation, 1), invocation, indexed: false);
            if (sequence is null) return -1;
        }
        string label = Describe.Source(invocation.Syntax);
        bool sum = name is "Sum" or "Average";
        // After a Where, what counts is the elements kept: counted in the loop, checked after it.
        var kept = sequence.Filtered && name != "Sum" ? new LoweringContext.HiddenVariable("kept") : null;
        if (kept is not null) _context.Assign(kept, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("kept"), isAtom: false));
        else if (name != "Sum") ThrowWhen(_context.Nodes[sequence.Count].Name + " == 0", new[] { sequence.Count }, NoElements, label + " of no elements");
        // LINQ adds floats in double; the sum of doubles in order from 0.
        var accumulator = sum ? ScalarType.Double : type;
        var acc = new LoweringContext.HiddenVariable(sum ? "sum" : name == "Max" ? "max" : "min");
        _context.Assign(acc, _context.AddConstant(ScalarLiterals.Zero(accumulator), accumulator, ScalarLiterals.TypeKeyword(accumulator), _context.Names.Fresh(acc.Name), isAtom: false));
        if (!Loop(invocation, sequence, kept is null ? new[] { acc } : new[] { acc, kept }, label, (i, element) =>
            {
                int current = _context.Current(acc);
                int first = kept is null ? i : _context.Current(kept);
                if (kept is not null) Count(kept);
                if (sum)
                {
                    _context.Assign(acc, Gate(GateKind.Add, accumulator, current, Converted(element, accumulator)));
                    return;
                }
                // LINQ's rule: the first element, then a strictly greater (smaller) one; Max skips a NaN unless all are, Min returns the first.
                string e = Atom(element), m = Atom(current), index = Atom(first);
                string test = name == "Max" ? index + " == 0 || " + e + " > " + m + " || double.IsNaN(" + m + ")"
                    : index + " == 0 || " + e + " < " + m + " || double.IsNaN(" + e + ")";
                _context.Assign(acc, Choose(test, new[] { first, element, current }, element, current, type, acc.Name, label));
            }))
        {
            return -1;
        }
        int result = _context.Current(acc);
        int counted = kept is null ? sequence.Count : _context.Current(kept);
        if (kept is not null) ThrowWhen(_context.Nodes[counted].Name + " == 0", new[] { counted }, NoElements, label + " of no elements");
        if (name == "Average")
        {
            int count = _context.AddConstant("(double)" + _context.Nodes[counted].Name, ScalarType.Double, "double", null, isAtom: false, new[] { counted });
            result = Gate(GateKind.Divide, ScalarType.Double, result, count);
        }
        return Converted(result, type);
    }

    /// <summary>Aggregate(seed, (acc, v) => …) and Aggregate((acc, v) => …), which starts from the first element and throws on none.</summary>
    private int LowerAggregate(IInvocationOperation invocation, IOperation source, ScalarType type)
    {
        var parameters = invocation.TargetMethod.Parameters;
        if (parameters.Length > 3)
        {
            _context.ReportUnsupportedExpression(invocation, "Aggregate with a result selector", "apply the result selector to what Aggregate(seed, func) returns");
            return -1;
        }
        bool seeded = parameters.Length == 3;
        var lambda = LinqCalls.Lambda(LinqCalls.Argument(invocation, seeded ? 2 : 1), out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(LinqCalls.Argument(invocation, seeded ? 2 : 1) ?? invocation, why, "write x => expression, or the loop");
            return -1;
        }
        if (!PureLambda(lambda, body)) return -1;
        var sequence = Sequence(source);
        if (sequence is null) return -1;
        string label = Describe.Source(invocation.Syntax);
        var acc = new LoweringContext.HiddenVariable("acc");
        var kept = sequence.Filtered && !seeded ? new LoweringContext.HiddenVariable("kept") : null;
        if (kept is not null) _context.Assign(kept, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("kept"), isAtom: false));
        if (seeded)
        {
            int seed = Lower(LinqCalls.Argument(invocation, 1)!, null);
            var s = _context.Nodes[seed];
            // The seed's own node is carried by name: a copy keeps the phi off a parameter or a shared constant.
            _context.Assign(acc, s.Varied ? _context.AddGate(GateKind.Copy, type, _context.Names.Fresh("acc"), seed)
                : _context.AddConstant(s.Name, type, ScalarLiterals.TypeKeyword(type), _context.Names.Fresh("acc"), isAtom: false, new[] { seed }));
        }
        else
        {
            if (kept is null) ThrowWhen(_context.Nodes[sequence.Count].Name + " == 0", new[] { sequence.Count }, NoElements, label + " of no elements");
            _context.Assign(acc, _context.AddConstant(ScalarLiterals.Zero(type), type, ScalarLiterals.TypeKeyword(type), _context.Names.Fresh("acc"), isAtom: false));
        }
        int Apply(int current, int element)
        {
            _context.Assign(lambda.Symbol.Parameters[0], current);
            _context.Assign(lambda.Symbol.Parameters[1], element);
            return Converted(Lower(body, null), type);
        }
        if (!Loop(invocation, sequence, kept is null ? new[] { acc } : new[] { acc, kept }, label, (i, element) =>
            {
                int current = _context.Current(acc);
                int seen = kept is null ? i : _context.Current(kept);
                if (kept is not null) Count(kept);
                if (seeded)
                {
                    _context.Assign(acc, Apply(current, element));
                    return;
                }
                // The first element is the seed: a branch on the index, whose other side applies the lambda.
                int condition = _context.AddConstant(_context.Nodes[seen].Name + " == 0", ScalarType.Other, "bool", null, isAtom: false, new[] { seen });
                _context.OpenBlock();
                var first = _context.CloseBlock();
                _context.OpenBlock();
                int applied = Apply(current, element);
                var rest = _context.CloseBlock();
                bool varied = _context.Nodes[element].Varied || _context.Nodes[applied].Varied;
                int phi = _context.AddPhi(type, ScalarLiterals.TypeKeyword(type), _context.Names.Fresh("acc"), varied, Converted(element, type), applied);
                _context.AddItem(new IfItem(condition, first, rest, new EquatableArray<int>(new[] { phi }), "the first element of " + label));
                _context.Assign(acc, phi);
            }))
        {
            return -1;
        }
        if (kept is not null) ThrowWhen(_context.Nodes[_context.Current(kept)].Name + " == 0", new[] { _context.Current(kept) }, NoElements, label + " of no elements");
        return _context.Current(acc);
    }

    /// <summary>kept + 1: one more element passed the filters.</summary>
    private void Count(LoweringContext.HiddenVariable kept)
    {
        int k = _context.Current(kept);
        _context.Assign(kept, _context.AddConstant(_context.Nodes[k].Name + " + 1", ScalarType.Other, "int", _context.Names.Version("kept"), isAtom: false, new[] { k }));
    }

    /// <summary>
    /// The sequence a LINQ chain walks: an array (a parameter or local array that carries a gradient, or any constant array),
    /// <c>Enumerable.Range(start, count)</c>, <c>Select</c> over a sequence, or <c>Zip</c> of two with a result lambda. Null after a report.
    /// </summary>
    private LinqSequence? Sequence(IOperation source)
    {
        var value = LinqCalls.Unwrap(source);
        if (value is IInvocationOperation call && LinqCalls.IsEnumerable(call.TargetMethod) && call.Instance is null)
        {
            switch (call.TargetMethod.Name)
            {
                case "Range" when call.Arguments.Length == 2:
                    return Range(call);
                case "Select" when call.Arguments.Length == 2 && JaggedRows(LinqCalls.Unwrap(LinqCalls.Argument(call, 0)!)) is { } rows:
                    // rows.Select(r => …) over a jagged parameter (ExpressionLowering.LinqRows).
                    return RowsSelected(rows, LinqCalls.Argument(call, 1), call, indexed: true);
                case "Select" when call.Arguments.Length == 2 && PairChain(LinqCalls.Argument(call, 0)) is { } pairs:
                    // xs.Zip(ys).Select(p => …), after Where(p => …) too: the pairs through the selector (ExpressionLowering.ZipPairs).
                    return PairsSelected(pairs, LinqCalls.Argument(call, 1), call);
                case "Select" when call.Arguments.Length == 2:
                    {
                        var inner = Sequence(LinqCalls.Argument(call, 0)!);
                        return inner is null ? null : Selected(inner, LinqCalls.Argument(call, 1), call, indexed: true);
                    }
                case "Zip" when call.Arguments.Length == 3 && LinqCalls.Argument(call, 2)?.Type is { TypeKind: TypeKind.Delegate }:
                    return Zipped(call);
                case "Zip" when call.Arguments.Length == 3:
                    // a.Zip(b, c): three sequences into tuples (First, Second, Third), not a result lambda.
                    _context.ReportUnsupportedExpression(call, "Zip of three sequences into tuples, in a chain that carries a gradient",
                        "zip two with a result lambda, a.Zip(b, (p, q) => …), or write the loop over the indices: for (int i = 0; i < n; i++) … a[i] * b[i] * c[i]");
                    return null;
                case "Take" or "Skip" when TrimsOrdered(call):
                    // xs.OrderBy(v => v).Take(k), .Skip(1).Take(n - 2): slots of the sorted array (ExpressionLowering.LinqTrims).
                    return Trimmed(call);
                case "Where" when call.Arguments.Length == 2:
                    {
                        var inner = Sequence(LinqCalls.Argument(call, 0)!);
                        return inner is null ? null : Filtered(inner, LinqCalls.Argument(call, 1), call);
                    }
            }
            string name = call.TargetMethod.Name;
            _context.ReportUnsupportedExpression(call, name == "Zip" ? "Zip without a result lambda, in a chain that carries a gradient"
                : "LINQ's " + name + " in a chain that carries a gradient (differentiated: " + LinqCalls.Differentiated + ")",
                name == "Zip" ? "write x.Zip(y, (a, b) => …)" : name is "Take" or "Skip" ? "Take and Skip are differentiated after OrderBy(v => v) or OrderByDescending(v => v); otherwise write the loop over the indices that computes the same" : name == "Where" ? "write the loop over the indices, with the filter as an if inside it" : "write the loop over the indices that computes the same");
            return null;
        }
        if (SequenceStandingForArray(value) is { } standing) return StandingSequence(standing);
        if (ListSequence(value) is { } list) return list;
        if (RowSequence(value) is { } row) return row;
        if (PickedRowSequence(value) is { } picked) return picked;
        if (value.Type is not IArrayTypeSymbol { Rank: 1 } && IteratorSources.What(value) is { } iterator)
        {
            _context.ReportUnsupportedExpression(value, iterator + " under LINQ", IteratorSources.Hint(value));
            return null;
        }
        if (value.Type is not IArrayTypeSymbol { Rank: 1 } arrayType)
        {
            _context.ReportUnsupportedExpression(value, "LINQ over anything but a one-dimensional array, Select, Zip or Enumerable.Range",
                "take a double[] (or index the collection in a for loop)");
            return null;
        }
        var elementType = TypeOf(arrayType.ElementType);
        if (IsVaried(value))
        {
            var symbol = value is ILocalReferenceOperation l ? (ISymbol)l.Local : value is IParameterReferenceOperation p ? p.Parameter : null;
            int array = symbol is null ? -1 : _context.Current(symbol);
            if (array < 0 || !(_context.Nodes[array].Type == ScalarType.Array || _context.Nodes[array].Gate == GateKind.Parameter) || elementType is not (ScalarType.Double or ScalarType.Float))
            {
                // X.Select((row, i) => …) over a jagged array's rows (Natural N04_RidgeLinq): a row is no local array to copy into.
                if (arrayType.ElementType is IArrayTypeSymbol)
                {
                    string rows = Describe.Snippet(value.Syntax);
                    _context.ReportUnsupportedExpression(value, "LINQ over the rows of a jagged array that carries a gradient",
                        "loop over its rows and their elements: for (int i = 0; i < " + rows + ".Length; i++) for (int j = 0; j < " + rows + "[i].Length; j++) … " + rows + "[i][j] …");
                    return null;
                }
                _context.ReportUnsupportedExpression(value, "LINQ over an array that carries a gradient, other than a double[]/float[] parameter or local array",
                    "put the values in a local array first");
                return null;
            }
            int count = _context.AddConstant(_context.Nodes[array].Name + ".Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { array });
            string keyword = ScalarLiterals.TypeKeyword(elementType);
            return new LinqSequence(count, (i, name) => _context.AddGate(GateKind.Element, elementType, keyword, name, null, new[] { array, i }));
        }
        // A constant array is read where it is: a reference as written, anything else once into a local.
        string? text = _renderer.Render(value);
        if (text is null) return null;
        var dependencies = _renderer.Dependencies.ToArray();
        int values = _context.AddConstant(text, ScalarType.Other, value.Type.ToDisplayString(SymbolNames.TypeFormat),
            value is ILocalReferenceOperation or IParameterReferenceOperation || CollectionArguments.IsStable(value) ? null : _context.Names.Fresh("values"), isAtom: true, dependencies);
        int length = _context.AddConstant(_context.Nodes[values].Name + ".Length", ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, new[] { values });
        string elementTypeName = arrayType.ElementType.ToDisplayString(SymbolNames.TypeFormat);
        return new LinqSequence(length, (i, name) =>
            _context.AddConstant(_context.Nodes[values].Name + "[" + _context.Nodes[i].Name + "]", elementType, elementTypeName, name, isAtom: false, new[] { values, i }));
    }

    /// <summary>Enumerable.Range(start, count): checked as Range checks, before anything runs; its element is start + i.</summary>
    private LinqSequence? Range(IInvocationOperation call)
    {
        var start = LinqCalls.Argument(call, 0)!;
        var count = LinqCalls.Argument(call, 1)!;
        var renderer = new ConstantRenderer(_context);
        string? startText = renderer.Render(start);
        if (startText is null) return null;
        int startNode = start.ConstantValue.HasValue ? _context.AddConstant(startText, ScalarType.Other, "int", null, isAtom: true)
            : _context.AddConstant(startText, ScalarType.Other, "int", _context.Names.Fresh("start"), isAtom: false, renderer.Dependencies);
        string? countText = renderer.Render(count);
        if (countText is null) return null;
        int countNode = _context.AddConstant(countText, ScalarType.Other, "int", _context.Names.Fresh("count"), isAtom: false, renderer.Dependencies);
        string s = _context.Nodes[startNode].Name, n = _context.Nodes[countNode].Name;
        bool fromZero = start.ConstantValue is { HasValue: true, Value: 0 };
        ThrowWhen(fromZero ? n + " < 0" : n + " < 0 || (long)" + s + " + " + n + " - 1 > int.MaxValue", new[] { startNode, countNode },
            "new global::System.ArgumentOutOfRangeException(\"count\")", Describe.Source(call.Syntax) + " out of range");
        return new LinqSequence(countNode, (i, _) => fromZero ? i
            : _context.AddConstant(s + " + " + _context.Nodes[i].Name, ScalarType.Other, "int", null, isAtom: false, new[] { startNode, i }));
    }

    /// <summary>Select(v => …) or Select((v, i) => …) over a sequence (a selector overload's lambda too): its element is the lambda's value.</summary>
    private LinqSequence? Selected(LinqSequence inner, IOperation? argument, IOperation at, bool indexed)
    {
        var lambda = LinqCalls.Lambda(argument, out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(argument ?? at, why, "write v => expression, or the loop");
            return null;
        }
        if (!PureLambda(lambda, body)) return null;
        var parameters = lambda.Symbol.Parameters;
        if (parameters.Length == 2 && (!indexed || inner.Filtered))
        {
            _context.ReportUnsupportedExpression(lambda, inner.Filtered ? "A selector with an index after Where (the index counts the kept elements)" : "A selector with an index here",
                "write the loop over the indices, with the filter as an if inside it");
            return null;
        }
        if (inner.Filtered)
        {
            return new LinqSequence(inner.Count, (_, _) => -1, (i, consume) => inner.Walk(i, e =>
            {
                _context.Assign(parameters[0], e);
                consume(Lower(body, null));
            }));
        }
        return new LinqSequence(inner.Count, (i, _) =>
        {
            _context.Assign(parameters[0], inner.Element(i, _context.NameFor(parameters[0])));
            if (parameters.Length == 2) _context.Assign(parameters[1], i);
            return Lower(body, null);
        });
    }

    /// <summary>Zip(x, y, (a, b) => …): as long as the shorter, its element the lambda's value.</summary>
    private LinqSequence? Zipped(IInvocationOperation call)
    {
        var lambda = LinqCalls.Lambda(LinqCalls.Argument(call, 2), out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(LinqCalls.Argument(call, 2) ?? call, why, "write (a, b) => expression, or the loop");
            return null;
        }
        if (!PureLambda(lambda, body)) return null;
        if (ZipSources(call) is not { } zipped) return null;
        var (first, second, count) = zipped;
        var parameters = lambda.Symbol.Parameters;
        return new LinqSequence(count, (i, _) =>
        {
            _context.Assign(parameters[0], first.Element(i, _context.NameFor(parameters[0])));
            _context.Assign(parameters[1], second.Element(i, _context.NameFor(parameters[1])));
            return Lower(body, null);
        });
    }

    /// <summary>
    /// Where(v => test): the test is not differentiated (a comparison); the rest of the chain and the reduction run under a
    /// branch on it, whose phis merge the carried values the branch changed. With <paramref name="removes"/> (List's
    /// <c>RemoveAll</c>) the elements kept are those the test is false for.
    /// </summary>
    private LinqSequence? Filtered(LinqSequence inner, IOperation? argument, IOperation at, bool removes = false)
    {
        var lambda = LinqCalls.Lambda(argument, out var body, out string? why);
        if (lambda is null || body is null)
        {
            _context.ReportUnsupportedExpression(argument ?? at, why, "write v => test, or the loop");
            return null;
        }
        if (!PureLambda(lambda, body)) return null;
        var parameters = lambda.Symbol.Parameters;
        if (parameters.Length != 1)
        {
            _context.ReportUnsupportedExpression(lambda, "A filter with an index", "write the loop over the indices, with the filter as an if inside it");
            return null;
        }
        string label = Describe.Source(at.Syntax);
        return new LinqSequence(inner.Count, (_, _) => -1, (i, consume) => inner.Walk(i, e =>
        {
            _context.Assign(parameters[0], e);
            int test = Lower(body, null);
            if (removes) test = _context.AddConstant("!(" + _context.Nodes[test].Name + ")", ScalarType.Other, "bool", null, isAtom: false, new[] { test });
            else test = OwnTest(test);
            KeepWhen(test, label, () => consume(e));
        }));
    }

    /// <summary>
    /// The rest of a LINQ chain (<paramref name="consume"/>) under a branch on <paramref name="test"/>, a Where's test: its
    /// phis merge the carried values the branch changed, the skipped side keeps them.
    /// </summary>
    private void KeepWhen(int test, string label, System.Action consume)
    {
        var keys = _linqCarried;
        var before = keys.Select(k => _context.Current(k)).ToArray();
        _context.OpenBlock();
        consume();
        var kept = _context.CloseBlock();
        var after = keys.Select(k => _context.Current(k)).ToArray();
        _context.OpenBlock();
        var skipped = _context.CloseBlock();
        var phis = new List<int>();
        for (int k = 0; k < keys.Length; k++)
        {
            if (after[k] == before[k]) continue;
            var n = _context.Nodes[after[k]];
            int phi = _context.AddPhi(n.Type, n.TypeName, _context.Names.Version(LoweringContext.NameOf(keys[k])), n.Varied || _context.Nodes[before[k]].Varied, after[k], before[k]);
            _context.Assign(keys[k], phi);
            phis.Add(phi);
        }
        _context.AddItem(new IfItem(test, kept, skipped, phis.ToEquatableArray(), label));
    }

    /// <summary>A branch tests a value of its own: a literal or a captured flag (inline text) is given one.</summary>
    private int OwnTest(int test) =>
        _context.Nodes[test].IsInline ? _context.AddConstant(_context.Nodes[test].Name, ScalarType.Other, "bool", null, isAtom: false, new[] { test }) : test;

    /// <summary>A lambda whose body only computes: an assignment, ++/-- or local-function call inside would run once per element.</summary>
    internal bool PureLambda(IAnonymousFunctionOperation lambda, IOperation body)
    {
        if (body.DescendantsAndSelf().FirstOrDefault(EmbeddedEffects.IsEmbedded) is { } effect)
        {
            _context.ReportUnsupportedExpression(effect, (ThrowEffects.IsBeside(effect) ? "A throw expression" : "An assignment, ++/-- or local-function call") + " inside a lambda passed to LINQ", "compute it in a loop, where each step is a statement");
            return false;
        }
        if (lambda.Symbol.Parameters.Any(p => p.RefKind != RefKind.None))
        {
            _context.ReportUnsupportedExpression(lambda, "A lambda with ref parameters passed to LINQ");
            return false;
        }
        return true;
    }

    /// <summary>
    /// The loop over <paramref name="sequence"/>: a hidden index from 0 to its count, the carried variables as phis at the head
    /// (lowered again with a phi varied when its value comes back varied, as a statement loop is). False after a report.
    /// </summary>
    private bool Loop(IOperation at, LinqSequence sequence, object[] carried, string label, System.Action<int, int> step)
    {
        var index = new LoweringContext.HiddenVariable("index");
        _context.Assign(index, _context.AddConstant("0", ScalarType.Other, "int", _context.Names.Fresh("index"), isAtom: false));
        var keys = new object[] { index }.Concat(carried).ToArray();
        var forced = new HashSet<object>();
        var snapshot = _context.Save();
        for (int attempt = 0; attempt <= keys.Length; attempt++)
        {
            var phis = new List<(object Key, int Phi)>();
            foreach (var key in keys)
            {
                int entry = _context.Current(key);
                var e = _context.Nodes[entry];
                int phi = _context.AddPhi(e.Type, e.TypeName, _context.Names.Version(LoweringContext.NameOf(key)), e.Varied || forced.Contains(key), entry, entry);
                phis.Add((key, phi));
                _context.Assign(key, phi);
            }
            _context.LoopDepth++;
            _context.OpenBlock();
            int i = _context.Current(index);
            int test = _context.AddConstant(_context.Nodes[i].Name + " < " + _context.Nodes[sequence.Count].Name, ScalarType.Other, "bool", null, isAtom: false, new[] { i, sequence.Count });
            var header = _context.CloseBlock();
            _context.OpenBlock();
            var outer = _linqCarried;
            _linqCarried = carried;
            try
            {
                sequence.Walk(i, element => step(i, element));
            }
            finally
            {
                _linqCarried = outer;
            }
            _context.Assign(index, _context.AddConstant(_context.Nodes[i].Name + " + 1", ScalarType.Other, "int", _context.Names.Version("index"), isAtom: false, new[] { i }));
            var body = _context.CloseBlock();
            _context.LoopDepth--;
            bool again = false;
            foreach (var (key, phi) in phis)
            {
                int back = _context.Current(key);
                _context.SetInputs(phi, _context.Nodes[phi].Inputs[0], back);
                if (_context.Nodes[back].Varied && !_context.Nodes[phi].Varied && forced.Add(key)) again = true;
                _context.Assign(key, phi);
            }
            if (again)
            {
                _context.Restore(snapshot);
                continue;
            }
            _context.AddItem(new LoopItem(header, test, body, phis.Select(p => p.Phi).ToEquatableArray(), true, _context.Names.Fresh("trip"), _context.Names.Fresh("iteration"), label));
            return true;
        }
        _context.ReportUnsupportedExpression(at, "A LINQ call whose carried values could not be settled", "write the loop");
        return false;
    }

    /// <summary><c>if (condition) throw exception;</c> in the forward sweep, as a throw statement is lowered.</summary>
    private void ThrowWhen(string condition, int[] dependencies, string exception, string label)
    {
        int test = _context.AddConstant(condition, ScalarType.Other, "bool", null, isAtom: false, dependencies);
        _context.OpenBlock();
        _context.AddEffect(GateKind.Throw, "throw " + exception, System.Array.Empty<int>());
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var otherwise = _context.CloseBlock();
        _context.AddItem(new IfItem(test, then, otherwise, EquatableArray<int>.Empty, label));
    }

    /// <summary><c>test ? whenTrue : whenFalse</c> as a branch with one phi (the test is not differentiated).</summary>
    private int Choose(string test, int[] dependencies, int whenTrue, int whenFalse, ScalarType type, string name, string label)
    {
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, dependencies);
        _context.OpenBlock();
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var otherwise = _context.CloseBlock();
        bool varied = _context.Nodes[whenTrue].Varied || _context.Nodes[whenFalse].Varied;
        int phi = _context.AddPhi(type, ScalarLiterals.TypeKeyword(type), _context.Names.Fresh(name), varied, whenTrue, whenFalse);
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(new[] { phi }), label));
        return phi;
    }

    /// <summary>A gate over the inputs; when none varies, the same as constant text (a gate is for values with adjoints).</summary>
    private int Gate(GateKind gate, ScalarType type, int left, int right)
    {
        if (_context.Nodes[left].Varied || _context.Nodes[right].Varied) return _context.AddGate(gate, type, null, left, right);
        string symbol = gate == GateKind.Add ? " + " : " / ";
        return _context.AddConstant(Atom(left) + symbol + Atom(right), type, ScalarLiterals.TypeKeyword(type), null, isAtom: false, new[] { left, right });
    }

    /// <summary>The value as <paramref name="type"/> (float ↔ double, int → real), a convert gate when it varies.</summary>
    private int Converted(int node, ScalarType type)
    {
        var n = _context.Nodes[node];
        if (n.Type == type) return node;
        if (n.Varied && n.Type is ScalarType.Double or ScalarType.Float) return _context.AddGate(GateKind.Convert, type, null, node);
        return _context.AddConstant("(" + ScalarLiterals.TypeKeyword(type) + ")" + Atom(node), type, ScalarLiterals.TypeKeyword(type), null, isAtom: false, new[] { node });
    }

    /// <summary>A node's name as an operand: parenthesised unless it is one identifier or literal.</summary>
    private string Atom(int node)
    {
        string name = _context.Nodes[node].Name;
        return name.All(c => char.IsLetterOrDigit(c) || c is '_' or '.' or '@') ? name : "(" + name + ")";
    }
}
