using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Graph;

/// <summary>A straight-line run of items: gates, branches and loops, in evaluation order.</summary>
internal sealed record Block(EquatableArray<Item> Items)
{
    public static readonly Block Empty = new(EquatableArray<Item>.Empty);
}

/// <summary>One step of a block.</summary>
internal abstract record Item;

/// <summary>Computes one node.</summary>
internal sealed record NodeItem(int Node) : Item;

/// <summary>
/// <c>if (condition) Then else Else</c>. Each phi node merges a variable's value from the two branches
/// (inputs: then, else). The reverse sweep takes the same branch the forward sweep took.
/// </summary>
/// <param name="Label">Its caption in the drawn graph, from the source ("if (x > 0)", "switch (mode): case 1"); empty when there is none.</param>
/// <param name="Condition">The bool node that chooses the branch.</param>
/// <param name="Then">The items run when the condition is true.</param>
/// <param name="Else">The items run when it is false.</param>
/// <param name="Phis">The phi nodes after the branch, one per variable whose value differs between the branches.</param>
internal sealed record IfItem(int Condition, Block Then, Block Else, EquatableArray<int> Phis, string Label = "") : Item;

/// <summary>
/// A loop: <c>Header</c> computes <c>Condition</c> (before the body for while/for, after it for do/while);
/// each phi carries a variable around the loop (inputs: entry value, value at the end of the body).
/// What the reverse sweep needs of each iteration goes on a tape.
/// </summary>
/// <param name="Trip">The forward sweep's iteration counter.</param>
/// <param name="Countdown">The reverse sweep's iteration counter.</param>
/// <param name="Label">Its caption in the drawn graph, from the source ("for (i >= 0)", "while (p > 0.1)"); empty when there is none.</param>
/// <param name="Header">The items that compute the condition.</param>
/// <param name="Condition">The bool node that keeps the loop going.</param>
/// <param name="Body">The items of one iteration.</param>
/// <param name="Phis">The phi nodes at the loop head, one per variable the loop carries.</param>
/// <param name="ConditionFirst">True for while/for (the condition is tested before the body), false for do/while.</param>
internal sealed record LoopItem(Block Header, int Condition, Block Body, EquatableArray<int> Phis, bool ConditionFirst, string Trip, string Countdown, string Label = "") : Item;
