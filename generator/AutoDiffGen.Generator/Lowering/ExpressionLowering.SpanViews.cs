using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A span local that views arrays (<see cref="SpanViews"/>, <see cref="LoweringContext.SpanAlias"/>): the (which array,
/// start, length) a view expression gives it, its element reads (<c>s[i]</c> is <c>array[start + i]</c>, checked against
/// its length so the method throws where C# would), and the view passed to a [Differentiable] callee, whose adjoint is
/// then the same view of the array's adjoint.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A view's int nodes: which of the alias's arrays (-1 when it has one), its start and its length.</summary>
    public readonly record struct ViewNodes(int Which, int Start, int Length);

    /// <summary>The alias of the span local <paramref name="op"/> reads (behind implicit conversions), or null.</summary>
    public LoweringContext.SpanAlias? SpanAliasOf(IOperation? op)
    {
        // (A plain helper's span parameter inlined as a view of the caller's array too: ExpressionLowering.SpanParameters.)
        return _context.ViewSymbol(op) is { } viewing ? _context.SpanAliasOf(viewing) : null;
    }

    /// <summary>The view <paramref name="value"/> gives a span of <paramref name="into"/>'s arrays; null after an error (reported).</summary>
    public ViewNodes? ViewOf(IOperation value, LoweringContext.SpanAlias into)
    {
        while (value is IConversionOperation { IsImplicit: true } c) value = c.Operand;
        switch (value)
        {
            case ILocalReferenceOperation or IParameterReferenceOperation when SpanAliasOf(value) is { } from:
                return FromAlias(from, into, value);
            case IParameterReferenceOperation { Parameter: var p }:
                return WholeArray(p, into, value);
            case ILocalReferenceOperation { Local: { Type: IArrayTypeSymbol } l }:
                return WholeArray(ArrayAliases.TargetOf(l, value) ?? l, into, value);
            // A stackalloc span local, kept as a local array (StackAllocSpans), passed to a plain helper's span parameter.
            case ILocalReferenceOperation { Local: var stack } when SpanViews.IsRealSpanType(stack.Type) && _context.Current(stack) is var held && held >= 0 && _context.Nodes[held].Type == ScalarType.Array:
                return WholeArray(stack, into, value);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return ChooseView(conditional, whenFalse, into);
            // An array local chosen between arrays (ExpressionLowering.ArrayChoices).
            case ICoalesceOperation coalesce:
                return CoalesceView(coalesce, into);
            case IArrayCreationOperation creation:
                return CreatedView(creation, into);
        }
        if (value is IArrayElementReferenceOperation || !TrySlice(value, out var receiver, out var start, out var length, out var range))
        {
            _context.ReportUnsupportedExpression(value, "A span local set to something other than a view of an array (the array, AsSpan, Slice, a range of a span, or c ? one : another)", SpanViewHint);
            return null;
        }
        return ViewOf(receiver, into) is { } inner ? SliceView(inner, start, length, range) : null;
    }

    /// <summary>What to write instead of a span view the generator does not follow.</summary>
    public const string SpanViewHint = "index the array itself, keeping an int offset where the span would move (x[offset + i], offset++ for s = s.Slice(1)), or pass the slice straight to a [Differentiable] callee (F(x.AsSpan(start, length))); "
        + "to choose between arrays, call the callee on each (c ? F(a) : F(b))";

    private ViewNodes? WholeArray(ISymbol array, LoweringContext.SpanAlias into, IOperation at)
    {
        int k = IndexOf(into, array);
        int node = _context.Current(array);
        if (k < 0 || node < 0)
        {
            _context.ReportUnsupportedExpression(at, "A span local set to an array the method does not track", SpanViewHint);
            return null;
        }
        int which = into.Arrays.Count > 1 ? IntLiteral(k) : -1;
        return new ViewNodes(which, IntLiteral(0), Int(_context.Nodes[node].Name + ".Length", new[] { node }));
    }

    private static int IndexOf(LoweringContext.SpanAlias alias, ISymbol array)
    {
        for (int k = 0; k < alias.Arrays.Count; k++)
        {
            if (SymbolEqualityComparer.Default.Equals(alias.Arrays[k], array)) return k;
        }
        return -1;
    }

    private ViewNodes? FromAlias(LoweringContext.SpanAlias from, LoweringContext.SpanAlias into, IOperation at)
    {
        int start = _context.Current(from.Start), length = _context.Current(from.Length);
        if (start < 0 || length < 0)
        {
            _context.ReportUnsupportedExpression(at, "a read of a variable before it is assigned");
            return null;
        }
        int which = -1;
        if (into.Arrays.Count > 1)
        {
            if (from.Arrays.Count == 1) which = IntLiteral(IndexOf(into, from.Arrays[0]));
            else
            {
                // Its tag names its own arrays: renumbered into this alias's.
                int tag = _context.Current(from.Which);
                string name = _context.Nodes[tag].Name, text = IndexOf(into, from.Arrays[from.Arrays.Count - 1]).ToString(System.Globalization.CultureInfo.InvariantCulture);
                for (int k = from.Arrays.Count - 2; k >= 0; k--)
                {
                    text = name + " == " + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ? " + IndexOf(into, from.Arrays[k]).ToString(System.Globalization.CultureInfo.InvariantCulture) + " : " + text;
                }
                which = Int(text, new[] { tag });
            }
        }
        return new ViewNodes(which, start, length);
    }

    /// <summary><c>c ? a : b</c> of views: a branch of the graph whose phis are the view's ints.</summary>
    private ViewNodes? ChooseView(IConditionalOperation conditional, IOperation whenFalse, LoweringContext.SpanAlias into)
    {
        var renderer = new ConstantRenderer(_context);
        string? test = renderer.Render(conditional.Condition);
        if (test is null) return null;
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
        return Choose(condition, conditional.WhenTrue, whenFalse, into, Describe.Source(conditional.Condition.Syntax) + " ? … : …");
    }

    /// <summary>The view of <paramref name="whenTrue"/> where <paramref name="condition"/> holds, else of <paramref name="whenFalse"/>.</summary>
    private ViewNodes? Choose(int condition, IOperation whenTrue, IOperation whenFalse, LoweringContext.SpanAlias into, string description)
    {
        _context.OpenBlock();
        var a = ViewOf(whenTrue, into);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var b = ViewOf(whenFalse, into);
        var otherwise = _context.CloseBlock();
        if (a is not { } x || b is not { } y) return null;
        int Phi(int p, int q) => _context.AddPhi(ScalarType.Other, "int", _context.Names.Fresh("view"), varied: false, p, q);
        var phis = new List<int>();
        int which = into.Arrays.Count > 1 ? Phi(x.Which, y.Which) : -1;
        if (which >= 0) phis.Add(which);
        int start = Phi(x.Start, y.Start), length = Phi(x.Length, y.Length);
        phis.Add(start);
        phis.Add(length);
        _context.AddItem(new IfItem(condition, then, otherwise, phis.ToEquatableArray(), description));
        return new ViewNodes(which, start, length);
    }

    /// <summary>One slice of a view, checked as Slice and AsSpan check it (an ArgumentOutOfRangeException where the method takes it).</summary>
    private ViewNodes? SliceView(ViewNodes inner, IOperation? start, IOperation? length, IOperation? range)
    {
        var renderer = new ConstantRenderer(_context);
        string of = _context.Nodes[inner.Length].Name;
        var dependencies = new List<int> { inner.Length };
        if (!SliceBounds(start, length, range, of, renderer, dependencies, out string startText, out string? lengthText, out _)) return null;
        int from = Int(startText, dependencies);
        string f = _context.Nodes[from].Name;
        int count = Int(lengthText ?? of + " - " + f, new List<int>(dependencies) { from });
        string n = _context.Nodes[count].Name;
        _context.AddEffect(GateKind.Guard, "if ((uint)" + f + " > (uint)" + of + " || (uint)" + n + " > (uint)(" + of + " - " + f + ")) throw new global::System.ArgumentOutOfRangeException(\"start\")",
            new[] { inner.Length, from, count });
        int moved = Int(_context.Nodes[inner.Start].Name + " + " + f, new[] { inner.Start, from });
        return new ViewNodes(inner.Which, moved, count);
    }

    /// <summary>An int local of the generated code holding <paramref name="text"/> (never inlined: its bounds checks cast it).</summary>
    private int Int(string text, IEnumerable<int> dependencies) =>
        _context.AddConstant(text, ScalarType.Other, "int", null, isAtom: false, dependencies);

    private int IntLiteral(int value) =>
        _context.AddConstant(value.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "int", null, isAtom: true);

    /// <summary>
    /// The slot of the array that <c>s[index]</c> reads or writes: <c>start + index</c>, or an IndexOutOfRangeException
    /// where the span's own check would throw; -1 after an error.
    /// </summary>
    public int SpanSlot(LoweringContext.SpanAlias alias, IOperation index)
    {
        if (IsVaried(index))
        {
            _context.ReportUnsupportedExpression(index, "A differentiated index");
            return -1;
        }
        int start = _context.Current(alias.Start), length = _context.Current(alias.Length);
        if (start < 0 || length < 0)
        {
            _context.ReportUnsupportedExpression(index, "a read of a variable before it is assigned");
            return -1;
        }
        var renderer = new ConstantRenderer(_context);
        string? text = IndexText(index, _context.Nodes[length].Name, renderer);
        if (text is null) return -1;
        return _context.SpanSlot(alias, text, renderer.Dependencies);
    }

    /// <summary><c>s[i]</c> of a span view: the element of the array it views (of each, by its tag, when it may view several).</summary>
    private int SpanElement(LoweringContext.SpanAlias alias, IOperation index, IOperation at, string? userName)
    {
        int slot = SpanSlot(alias, index);
        if (slot < 0) return Placeholder(at);
        var type = TypeOf(at);
        int Read(int k, string? name)
        {
            int array = _context.Current(alias.Arrays[k]);
            var a = _context.Nodes[array];
            return a.Varied
                ? _context.AddGate(GateKind.Element, type, ScalarLiterals.TypeKeyword(type), name, null, new[] { array, slot })
                : _context.AddConstant(a.Name + "[" + _context.Nodes[slot].Name + "]", type, ScalarLiterals.TypeKeyword(type), name ?? _context.Names.Fresh("element"), isAtom: false, new[] { array, slot });
        }
        if (alias.Arrays.Count == 1) return Read(0, userName);
        int which = _context.Current(alias.Which);
        int Choose(int k)
        {
            if (k == alias.Arrays.Count - 1) return Read(k, null);
            int test = _context.AddConstant(_context.Nodes[which].Name + " == " + k.ToString(System.Globalization.CultureInfo.InvariantCulture), ScalarType.Other, "bool", null, isAtom: false, new[] { which });
            _context.OpenBlock();
            int here = Read(k, null);
            var then = _context.CloseBlock();
            _context.OpenBlock();
            int rest = Choose(k + 1);
            var otherwise = _context.CloseBlock();
            int phi = _context.AddPhi(type, ScalarLiterals.TypeKeyword(type), k == 0 && userName is not null ? userName : _context.Names.Fresh("element"),
                _context.Nodes[here].Varied || _context.Nodes[rest].Varied, here, rest);
            _context.AddItem(new IfItem(test, then, otherwise, new EquatableArray<int>(new[] { phi }), "the array a span views"));
            return phi;
        }
        return Choose(0);
    }

    /// <summary>
    /// A span view (or a slice of one) passed for a span parameter: a <see cref="GateKind.View"/> of the array it views,
    /// taken of a copy made at the call when the array is stored into later (the callee's derivative must see the values
    /// the call saw); -2 when <paramref name="argument"/> is no span view, -1 after an error.
    /// </summary>
    private int SpanViewArgument(IOperation argument, IParameterSymbol parameter)
    {
        var value = argument;
        while (value is IConversionOperation { IsImplicit: true } conversion && IsArrayOrSpan(conversion.Operand.Type)) value = conversion.Operand;
        var root = value;
        for (int guard = 0; guard < 16 && TrySlice(root, out var receiver, out _, out _, out _); guard++) root = CollectionArguments.Unwrap(receiver);
        if (SpanAliasOf(root) is not { } alias || parameter.Type is IArrayTypeSymbol) return -2;
        if (alias.Arrays.Count > 1)
        {
            _context.ReportUnsupportedExpression(argument, "A span local that may view different arrays, passed to a call", "call the callee on each array (c ? F(a) : F(b)), or keep one span local per array");
            return -1;
        }
        if (ViewOf(value, alias) is not { } view) return -1;
        int array = _context.Current(alias.Arrays[0]);
        // Stored into after the call (through the array or any view of it): the view is taken of a copy made at the call.
        if (CollectionArguments.StoredLater(root, WritesInto) && _context.Nodes[array] is { Type: ScalarType.Array }) array = Snapshot(array, root);
        if (_context.Nodes[array].Varied && !CollectionArguments.CarriesItsAdjoint(_context.Nodes[array]))
        {
            _context.ReportUnsupportedExpression(argument, "A slice of an array or span that carries a gradient, taken of anything but a parameter or a local array");
            return -1;
        }
        string method = alias.Arrays[0] is IParameterSymbol { Type: INamedTypeSymbol } ? "Slice" : "AsSpan";
        string typeName = value.Type?.ToDisplayString(SymbolNames.TypeFormat) ?? "global::System.Span<double>";
        return _context.AddView(typeName, method, array, view.Start, view.Length);
    }
}
