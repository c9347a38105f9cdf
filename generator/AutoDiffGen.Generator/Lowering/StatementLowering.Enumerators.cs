using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// StatementLowering: an explicit enumerator over a sequence that carries a gradient (<see cref="Enumerators"/>). Its
/// declaration, in a using statement, a using declaration or plain, starts an int cursor at -1; the using's body is
/// lowered as the statements it holds (Dispose has nothing to differentiate), and so is <c>e.Dispose();</c>.
/// </summary>
internal sealed partial class StatementLowering
{
    /// <summary>The list or array <c>xs</c> of <c>xs.GetEnumerator()</c> when it carries a walk; null for anything else.</summary>
    private ISymbol? WalkedSequence(IOperation? value) =>
        Enumerators.Source(value) is { } sequence ? ListLocals.Tracked(_context, sequence) ?? _expressions.ForEachArray(sequence) : null;

    /// <summary>True for a declaration group whose every variable is an enumerator of a walk.</summary>
    private bool DeclaresWalks(IOperation? resources) =>
        resources is IVariableDeclarationGroupOperation group && group.Declarations.SelectMany(d => d.Declarators).Any()
        && group.Declarations.All(d => d.Declarators.All(v => WalkedSequence((v.Initializer ?? d.Initializer)?.Value) is not null));

    /// <summary><c>using (var e = xs.GetEnumerator()) body</c>: the declaration, then the body and the statements after it.</summary>
    private bool LowerUsingWalk(IUsingOperation @using, List<IOperation> statements, int i)
    {
        LowerSimpleStatement(@using.Resources);
        var body = Flatten(@using.Body);
        body.AddRange(statements.GetRange(i + 1, statements.Count - i - 1));
        return LowerStatements(body, 0);
    }

    /// <summary>
    /// <c>var e = xs.GetEnumerator();</c> of a walk: the cursor at -1, after checking every use of the enumerator means the
    /// walk (else ADG0003 at the first that does not, once). False for any other declaration.
    /// </summary>
    private bool DefineWalk(ISymbol variable, IOperation value)
    {
        if (variable is not ILocalSymbol local || WalkedSequence(value) is not { } sequence) return false;
        // Declared again in a loop lowered again: checked once. What it walks is taken again: a plain helper's body inlined at
        // a second call walks that call's array or list (linq22; the first call's, kept, was read before).
        if (_context.IsWalk(local, out var known))
        {
            if (known is null) return true;
            _context.DeclareWalk(local, sequence);
        }
        else if (Enumerators.FirstMisuse(local, value, Enumerators.Source(value)!) is { } refused)
        {
            _context.ReportUnsupportedExpression(refused.At, refused.What, Enumerators.Hint);
            _context.DeclareWalk(local, null);
            return true;
        }
        else
        {
            _context.DeclareWalk(local, sequence);
        }
        _context.Assign(local, _context.AddConstant("-1", ScalarType.Other, "int", _context.Names.Fresh(local.Name), isAtom: false));
        return true;
    }
}
