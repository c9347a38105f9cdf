using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>Walks and rewrites the nested blocks of an adjoint program, for the passes.</summary>
internal static class StepTree
{
    /// <summary>Every step in program order: a block's steps right after the step that holds them.</summary>
    public static List<Step> Flatten(EquatableArray<Step> steps)
    {
        var all = new List<Step>();
        void Walk(EquatableArray<Step> block)
        {
            foreach (var step in block)
            {
                all.Add(step);
                switch (step)
                {
                    case Branch b:
                        Walk(b.Then);
                        if (b.Else is { } e) Walk(e);
                        break;
                    case ForwardLoop f:
                        Walk(f.Body);
                        break;
                    case ReverseLoop r:
                        Walk(r.Body);
                        break;
                    case Segments g:
                        Walk(g.Body);
                        break;
                }
            }
        }
        Walk(steps);
        return all;
    }

    /// <summary>Applies <paramref name="rewrite"/> to every block, innermost first.</summary>
    public static EquatableArray<Step> Rewrite(EquatableArray<Step> steps, Func<List<Step>, List<Step>> rewrite)
    {
        var block = steps.Select(step => step switch
        {
            Branch b => b with { Then = Rewrite(b.Then, rewrite), Else = b.Else is { } e ? Rewrite(e, rewrite) : null },
            ForwardLoop f => f with { Body = Rewrite(f.Body, rewrite) },
            ReverseLoop r => r with { Body = Rewrite(r.Body, rewrite) },
            Segments g => g with { Body = Rewrite(g.Body, rewrite) },
            _ => step,
        }).ToList();
        return new EquatableArray<Step>(rewrite(block));
    }

    /// <summary>The adjoints a step writes (a declaration, a contribution, a derivative call adding into them).</summary>
    public static IEnumerable<int> Writes(Step step) => step switch
    {
        Contribute c => new[] { c.Target },
        Invoke i => i.Writes,
        _ => Enumerable.Empty<int>(),
    };
}
