using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>StatementLowering: if/else, early returns, and the hidden flags that lower break, continue and return inside loops.</summary>
internal sealed partial class StatementLowering
{
    /// <summary>
    /// Both branches are lowered into blocks of their own; every variable that ends up with different
    /// values gets a phi. Returns true when both branches return (or throw).
    /// A branch that always throws contributes nothing: after the if, every variable holds the other branch's value.
    /// </summary>
    /// <param name="label">The branch's caption in the drawn graph.</param>
    /// <param name="test">The bool node that chooses the branch.</param>
    /// <param name="lowerThen">Lowers the then branch; returns true when it always returns.</param>
    /// <param name="lowerElse">Lowers the else branch; returns true when it always returns.</param>
    /// <param name="at">The statement, for diagnostics.</param>
    private bool LowerIf(int test, System.Func<bool> lowerThen, System.Func<bool> lowerElse, IOperation at, string label)
    {
        var before = _context.SaveVariables();

        _context.OpenBlock();
        bool thenReturned = lowerThen();
        var thenBlock = _context.CloseBlock();
        var afterThen = _context.SaveVariables();

        _context.RestoreVariables(before);
        _context.OpenBlock();
        bool elseReturned = lowerElse();
        var elseBlock = _context.CloseBlock();
        var afterElse = _context.SaveVariables();

        bool thenThrew = Effects.AlwaysThrows(thenBlock, id => _context.Nodes[id]), elseThrew = Effects.AlwaysThrows(elseBlock, id => _context.Nodes[id]);
        if (thenThrew || elseThrew)
        {
            _context.RestoreVariables(thenThrew ? afterElse : afterThen);
            _context.AddItem(new IfItem(test, thenBlock, elseBlock, EquatableArray<int>.Empty, label));
            return thenReturned && elseReturned;
        }

        if (thenReturned != elseReturned)
        {
            // Every early return outside loops takes the statements after it into the other paths, so both
            // branches end together; a half that returned alone would have its result dropped here.
            Unsupported(at, "A return the generator cannot place ('" + Describe.Snippet(at.Syntax) + "')",
                "assign the result to a variable and return it once at the end");
        }
        // After an if, a variable holds the then-value or the else-value; a branch that returned
        // contributes only its result.
        var merged = new Dictionary<object, int>(thenReturned && !elseReturned ? afterElse : afterThen);
        var phis = new List<int>();
        foreach (var key in afterThen.Keys.Union(afterElse.Keys).ToList())
        {
            bool isResult = _context.IsResultKey(key);
            if (!isResult && (thenReturned || elseReturned)) continue;
            int a = afterThen.TryGetValue(key, out int x) ? x : -1;
            int b = afterElse.TryGetValue(key, out int y) ? y : -1;
            if (a == b || a < 0 || b < 0) continue;
            // Neither branch returned, but a return inside a loop may have set the result in one of them
            // (the flag 'returned' tells at run time): merge it like any variable.
            if (isResult && thenReturned != elseReturned) continue;
            var na = _context.Nodes[a];
            var nb = _context.Nodes[b];
            if (na.Type == ScalarType.Array && nb.Type == ScalarType.Array && na.AdjointName != nb.AdjointName)
            {
                // Each creation has an adjoint array of its own, and after the if only one of them would be read.
                _context.ReportUnsupportedExpression(at, "A local array '" + LoweringContext.NameOf(key) + "' created in both branches (or in one, holding another array in the other); create it once, before the if");
                continue;
            }
            if (na.Type != nb.Type && na.Type != ScalarType.Other)
            {
                _context.ReportUnsupportedExpression(at, "Branches that give '" + LoweringContext.NameOf(key) + "' values of different types");
                continue;
            }
            string name = key is ISymbol symbol ? _context.Names.Version(symbol.Name) : _context.Names.Fresh("result");
            int phi = _context.AddPhi(na.Type, na.TypeName, name, na.Varied || nb.Varied, a, b);
            phis.Add(phi);
            merged[key] = phi;
        }
        _context.RestoreVariables(merged);
        _context.AddItem(new IfItem(test, thenBlock, elseBlock, phis.ToEquatableArray(), label));
        return thenReturned && elseReturned;
    }

    /// <summary>A switch section's closing break ends the section, nothing more.</summary>
    private static List<IOperation> StripBreak(List<IOperation> statements) =>
        statements.Count > 0 && statements[statements.Count - 1] is IBranchOperation { BranchKind: BranchKind.Break }
            ? statements.GetRange(0, statements.Count - 1)
            : statements;

    /// <summary>For SwitchLowering: lowers statements in the current block.</summary>
    internal bool Lower(List<IOperation> statements) => LowerStatements(statements, 0);

    /// <summary>A value as a differentiated node (a switch's selector that a pattern names).</summary>
    internal int LowerValue(IOperation value) => _expressions.Lower(value, null);

    /// <summary>For SwitchLowering: a branch of the graph.</summary>
    internal bool Branch(int test, System.Func<bool> then, System.Func<bool> otherwise, IOperation at, string label) => LowerIf(test, then, otherwise, at, label);

    /// <summary>statements[start..] run only when the flag is false.</summary>
    private void GuardRest(LoweringContext.HiddenVariable flag, List<IOperation> statements, int start)
    {
        if (start >= statements.Count) return;
        var rest = statements.GetRange(start, statements.Count - start);
        LowerIf(_context.Current(flag), () => false, () => LowerStatements(rest, 0), statements[start], "the rest, unless break/continue/return");
    }

    /// <summary>Outside loops, after a statement with a loop that may return: if (returned) the loop's result stands; else the rest runs and returns.</summary>
    private bool UnlessReturned(List<IOperation> statements, int start, IOperation at)
    {
        var rest = statements.GetRange(start, statements.Count - start);
        return LowerIf(_context.Current(_returned!), () => true, () => LowerStatements(rest, 0), at, "the rest, unless the loop returned");
    }

    /// <summary>
    /// A loop whose condition is absent or the constant true, with no break of its own: the compiler knows its end
    /// is unreachable, and so nothing after it runs.
    /// </summary>
    private static bool LeavesOnlyByReturning(ILoopOperation loop)
    {
        var condition = loop switch
        {
            IForLoopOperation f => f.Condition,
            IWhileLoopOperation w => w.Condition,
            _ => null,
        };
        if (loop is IForEachLoopOperation || condition is not null && condition.ConstantValue is not { HasValue: true, Value: true }) return false;
        return !loop.Body.DescendantsAndSelf().OfType<IBranchOperation>()
            .Any(b => b.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(b.Target, loop.ExitLabel)
                || ReferenceEquals(LoopGotos.Loop(b, out bool isBreak), loop) && isBreak);
    }

    /// <summary>A bool constant node for a hidden flag.</summary>
    private int Flag(string text) => _context.AddConstant(text, ScalarType.Other, "bool", null, isAtom: false);

    /// <summary>Contains a break or continue of the current loop, or any return.</summary>
    private static bool MayJump(IOperation op) =>
        op.DescendantsAndSelf().Any(d => d is IReturnOperation { Kind: OperationKind.Return } ||
            d is IBranchOperation { BranchKind: BranchKind.Break or BranchKind.Continue } b && JumpsOutOf(b, op)
            || d is IBranchOperation { BranchKind: BranchKind.GoTo } g && LoopGotos.IsLoopJump(g) && JumpsOutOf(g, op));

    /// <summary>
    /// The break or continue leaves <paramref name="root"/>: no loop or switch inside it is its target (a switch
    /// section's break only leaves the switch).
    /// </summary>
    private static bool JumpsOutOf(IBranchOperation jump, IOperation root)
    {
        for (var p = jump.Parent; p is not null; p = p.Parent)
        {
            // A goto lowered as a continue or break (LoopGotos) stays inside the loop it is one of.
            if (p is ILoopOperation l && (SymbolEqualityComparer.Default.Equals(jump.Target, l.ExitLabel) || SymbolEqualityComparer.Default.Equals(jump.Target, l.ContinueLabel)
                    || ReferenceEquals(LoopGotos.Loop(jump, out _), l)) ||
                p is ISwitchOperation s && SymbolEqualityComparer.Default.Equals(jump.Target, s.ExitLabel))
            {
                return false;
            }
            if (p == root) break;
        }
        return true;
    }

    /// <summary>True when a loop lies between the operation and <paramref name="root"/>.</summary>
    private static bool InsideLoop(IOperation op, IOperation root)
    {
        for (var p = op.Parent; p is not null && p != root; p = p.Parent)
        {
            if (p is ILoopOperation) return true;
        }
        return false;
    }

    /// <summary>A condition is not differentiated: it becomes a bool local the reverse sweep reuses.</summary>
    private int LowerCondition(IOperation condition)
    {
        var renderer = new ConstantRenderer(_context);
        string? text = renderer.Render(condition);
        int test = _context.AddConstant(text ?? "false", ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
        // A test that may throw (`if (12 / k > 3)`) is computed even when the branch or loop it guards computes nothing used.
        if (ThrowingOperations.In(condition).Count > 0) _context.KeepTest(test);
        return test;
    }
}
