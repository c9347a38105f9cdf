using System.Collections.Generic;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// A span local that views arrays (<see cref="SpanViews"/>) is carried as three int variables, not as a value: which
/// of its arrays it views (only when it may view several), where its view starts and how long it is. Those are hidden
/// variables, so branches and loops merge them like any int local; its reads are element reads of that array's
/// version at the read, its stores are stores into it.
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>What a span local is carried as: its arrays, its int variables and its element type.</summary>
    internal sealed record SpanAlias(IReadOnlyList<ISymbol> Arrays, HiddenVariable Which, HiddenVariable Start, HiddenVariable Length, ScalarType Element, bool Writable)
    {
        /// <summary>The int variables a loop that reassigns the span carries.</summary>
        public IEnumerable<object> Keys => Arrays.Count > 1 ? new object[] { Which, Start, Length } : new object[] { Start, Length };
    }

    private readonly Dictionary<ISymbol, SpanAlias> _spanAliases = new(SymbolEqualityComparer.Default);

    /// <summary>The alias <paramref name="local"/> is carried as, or null when it is no span view.</summary>
    public SpanAlias? SpanAliasOf(ISymbol? local) =>
        local is not null && _spanAliases.Count > 0 && _spanAliases.TryGetValue(local, out var alias) ? alias : null;

    /// <summary>The alias of <paramref name="local"/>, made the first time (a declaration in a loop is met again).</summary>
    public SpanAlias DeclareSpanAlias(ILocalSymbol local, IReadOnlyList<ISymbol> arrays, ScalarType element, bool writable)
    {
        if (_spanAliases.TryGetValue(local, out var known)) return known;
        var alias = new SpanAlias(arrays, new HiddenVariable(local.Name + "Array"), new HiddenVariable(local.Name + "Start"), new HiddenVariable(local.Name + "Length"), element, writable);
        _spanAliases[local] = alias;
        return alias;
    }

    /// <summary>
    /// The alias a plain helper's span parameter is bound as where the helper is inlined (a view of the caller's array:
    /// ExpressionLowering.SpanParameters), made anew at each call, with hidden variables of its own (a caller's span local
    /// of the same name keeps its own).
    /// </summary>
    public SpanAlias DeclareParameterView(IParameterSymbol parameter, IReadOnlyList<ISymbol> arrays, ScalarType element, bool writable)
    {
        string name = Names.Fresh(parameter.Name + "View");
        var alias = new SpanAlias(arrays, new HiddenVariable(name + "Array"), new HiddenVariable(name + "Start"), new HiddenVariable(name + "Length"), element, writable);
        _spanAliases[parameter] = alias;
        return alias;
    }

    /// <summary>The helper's span parameter is out of scope after its inlined call: it views nothing from here on.</summary>
    public void ForgetSpanAlias(ISymbol parameter)
    {
        if (_spanAliases.TryGetValue(parameter, out var alias))
        {
            _spanAliases.Remove(parameter);
            Forget(alias.Which);
            Forget(alias.Start);
            Forget(alias.Length);
        }
    }

    /// <summary>The local or parameter <paramref name="op"/> names when it is a span view (behind implicit conversions), else null.</summary>
    public ISymbol? ViewSymbol(IOperation? op)
    {
        while (op is IConversionOperation { IsImplicit: true } c) op = c.Operand;
        ISymbol? symbol = op switch
        {
            ILocalReferenceOperation l => l.Local,
            IParameterReferenceOperation p => p.Parameter,
            _ => null,
        };
        return symbol is not null && SpanAliasOf(symbol) is not null ? symbol : null;
    }

    /// <summary>
    /// The slot of its array that element <paramref name="index"/> (C# text, an int) of <paramref name="alias"/> is: start +
    /// index, or an IndexOutOfRangeException where the span's own check would throw.
    /// </summary>
    public int SpanSlot(SpanAlias alias, string index, IEnumerable<int> dependencies)
    {
        int start = Current(alias.Start), length = Current(alias.Length);
        // Held in a local: the check casts it, and a negative literal cast to uint would not compile.
        int i = AddConstant(index, ScalarType.Other, "int", null, isAtom: false, dependencies);
        string name = Nodes[i].Name;
        return AddConstant("(uint)" + name + " < (uint)" + Nodes[length].Name + " ? " + Nodes[start].Name + " + " + name + " : throw new global::System.IndexOutOfRangeException()",
            ScalarType.Other, "int", null, isAtom: false, new[] { i, start, length });
    }

    /// <summary>The element <paramref name="slot"/> of the array <paramref name="alias"/> views, as C# text (by its tag when it may view several), with the nodes it reads.</summary>
    public string SpanElementText(SpanAlias alias, int slot, List<int> dependencies)
    {
        string Of(int k)
        {
            int array = Current(alias.Arrays[k]);
            dependencies.Add(array);
            return Nodes[array].Name + "[" + Nodes[slot].Name + "]";
        }
        dependencies.Add(slot);
        if (alias.Arrays.Count == 1) return Of(0);
        int which = Current(alias.Which);
        dependencies.Add(which);
        string text = Of(alias.Arrays.Count - 1);
        for (int k = alias.Arrays.Count - 2; k >= 0; k--)
        {
            text = Nodes[which].Name + " == " + k.ToString(System.Globalization.CultureInfo.InvariantCulture) + " ? " + Of(k) + " : " + text;
        }
        return "(" + text + ")";
    }
}
