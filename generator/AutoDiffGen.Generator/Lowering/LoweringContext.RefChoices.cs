using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>ref double r = ref (c ? ref a : ref b);</c> and <c>(c ? ref a[i] : ref b[j]) = v;</c> (issue 13, idioms13a): a ref
/// chosen by a condition. C# evaluates the condition (and the chosen index) once, where the ref is bound; from then on r
/// is a or b. So the condition is a bool node bound there, and each use is a branch on it: a read is the phi of the two
/// referents' values (each read inside its own branch, as C# reads only the chosen one: an element read out of range in
/// the other branch never runs), a write stores into the chosen referent in its branch and merges every variable the two
/// branches left differently (StatementLowering.LowerIf). Each referent is a variable key (a scalar local or parameter)
/// or an element alias (<see cref="AliasElement"/>): the existing paths read and write it. Hooked into
/// <see cref="Current"/> and <see cref="Assign"/>, as element aliases are, so every read and write of r sees it.
/// </summary>
internal sealed partial class LoweringContext
{
    /// <summary>A ref chosen by <paramref name="Test"/>: <paramref name="WhenTrue"/> or <paramref name="WhenFalse"/>, each a key <see cref="Current"/> and <see cref="Assign"/> know.</summary>
    private sealed record RefChoice(int Test, object WhenTrue, object WhenFalse, ScalarType Type, string TypeName, IOperation At);

    private readonly Dictionary<object, RefChoice> _refChoices = new(VariableComparer.Instance);

    /// <summary>
    /// Lowers an if on its test node with two branches and merges what they leave (StatementLowering.LowerIf). Set by
    /// StatementLowering, which owns branches; a write through a chosen ref is one.
    /// </summary>
    public System.Func<int, System.Func<bool>, System.Func<bool>, IOperation, string, bool>? Branch { get; set; }

    /// <summary>From here on, <paramref name="alias"/> is <paramref name="whenTrue"/> when the bool node <paramref name="test"/> holds, else <paramref name="whenFalse"/>.</summary>
    public void AliasChoice(object alias, int test, object whenTrue, object whenFalse, ScalarType type, IOperation at)
    {
        _refChoices[alias] = new RefChoice(test, Resolve(whenTrue), Resolve(whenFalse), type, ScalarLiterals.TypeKeyword(type), at);
        VariablesVersion++;
    }

    /// <summary>True when <paramref name="variable"/> is a ref chosen by a condition (or a ref local standing for one).</summary>
    public bool IsRefChoice(object variable) => _refChoices.Count > 0 && _refChoices.ContainsKey(Resolve(variable));

    /// <summary>
    /// The variables a write through a chosen ref may change (a scalar referent, or the array of an element referent,
    /// nested choices flattened): what a loop that writes through it carries. Empty for any other variable.
    /// </summary>
    public IEnumerable<object> RefChoiceWrites(object variable)
    {
        if (_refChoices.Count == 0 || !_refChoices.TryGetValue(Resolve(variable), out var choice)) yield break;
        foreach (var referent in new[] { choice.WhenTrue, choice.WhenFalse })
        {
            if (IsRefChoice(referent))
            {
                foreach (var inner in RefChoiceWrites(referent)) yield return inner;
            }
            else
            {
                yield return ElementAliasArray(referent) ?? referent;
            }
        }
    }

    /// <summary>Whether either referent holds a value that varies, judged without reading through the ref (no branch is added).</summary>
    public bool RefChoiceVaried(object variable) => RefChoiceWrites(variable).Any(v => _current.TryGetValue(Resolve(v), out int id) && _nodes[id].Varied);

    private int ReadChoice(object alias, RefChoice choice)
    {
        OpenBlock();
        int whenTrue = Current(choice.WhenTrue);
        var then = CloseBlock();
        OpenBlock();
        int whenFalse = Current(choice.WhenFalse);
        var otherwise = CloseBlock();
        if (whenTrue < 0 || whenFalse < 0) return -1;
        int phi = AddPhi(choice.Type, choice.TypeName, Names.Fresh(NameOf(alias)), _nodes[whenTrue].Varied || _nodes[whenFalse].Varied, whenTrue, whenFalse);
        AddItem(new IfItem(choice.Test, then, otherwise, new EquatableArray<int>(new[] { phi }), Describe.Source(choice.At.Syntax)));
        return phi;
    }

    private void StoreChoice(RefChoice choice, int value)
    {
        if (Branch is not { } branch)
        {
            ReportUnsupportedExpression(choice.At, "A write through a ref chosen by a condition outside a statement", "write 'if (c) a = v; else b = v;'");
            return;
        }
        branch(choice.Test, () => { Assign(choice.WhenTrue, value); return false; }, () => { Assign(choice.WhenFalse, value); return false; }, choice.At, Describe.Source(choice.At.Syntax));
    }
}
