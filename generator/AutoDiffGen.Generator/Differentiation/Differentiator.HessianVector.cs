using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The Hessian–vector product by forward-over-reverse: H·v is the directional derivative, along v, of the gradient,
/// so it is the tangent of <c>MBackward</c>'s program. The walk is Backward's (same branches, loops, tapes, one
/// contribution per local gradient) under <see cref="SweepPolicy.HessianVector"/>:
/// <list type="bullet">
/// <item>forward sweep: each value is followed by its tangent, as in forward mode; a loop tapes each saved value's
/// tangent right after it, and the reverse sweep pops both;</item>
/// <item>reverse sweep: each contribution <c>dA ±= e·dZ</c> of a gate z = f(a, b, …) (e = ±∂f/∂a) is followed by its
/// tangent <c>tdA ±= e·tdZ ± (Σj ∂²f/∂a∂xj · t(xj))·dZ</c>, with the second partials of
/// <see cref="SecondDerivatives"/> (the Hessian mode's table); a copy (phi, carried value, element) copies tangents.</item>
/// </list>
/// The tangents of the parameters' adjoints are H·v; their adjoints (the gradient) are not needed and not formed.
/// Each operation costs O(1), so a product costs a small multiple of a gradient, whatever n.
/// </summary>
internal sealed partial class Differentiator
{
    /// <summary>
    /// The body of the forward-over-reverse <c>MHessianVector</c>, or null when the method holds something this walk does
    /// not handle (the emitter then writes the O(n)-per-operation product). The caller declares, before it: each
    /// active parameter's tangent (names <paramref name="tangents"/>, from the direction) and adjoint tangent
    /// (<paramref name="adjointTangents"/>: a scalar at zero, an array's as a slice of the output), and <c>dResult</c> = 1.
    /// </summary>
    /// <param name="graph">The primal graph.</param>
    /// <param name="activity">Which nodes are computed and which carry derivatives.</param>
    /// <param name="tangents">Per node, the local that holds its tangent.</param>
    /// <param name="adjointTangents">Per node, the local that holds its adjoint's tangent.</param>
    /// <param name="indices">Per differentiable scalar parameter, its position among the differentiable scalars.</param>
    /// <param name="output">The output span, written for each scalar parameter before the return.</param>
    public static AdjointProgram? HessianVector(ComputationGraph graph, Activity activity, EquatableArray<string> tangents,
        EquatableArray<string> adjointTangents, EquatableArray<string> indices, string output) =>
        Lent(ForwardOverReverse(graph, activity, tangents, adjointTangents, indices, output, seeded: false), graph);

    /// <summary>
    /// The body of <c>MBackwardTangent</c>, the entry a caller's product differentiates a call through (Differentiator.Curvature):
    /// the same walk seeded with <c>dResult</c> and its tangent <c>tdResult</c>, which also adds the gradient into the
    /// parameters' adjoints (<c>dA += dResult·g</c>) and the adjoints' tangents into theirs (<c>tdA += tdResult·g + dResult·H·t</c>),
    /// and sets <c>tResult</c> = g·t after the forward sweep. With both seeds zero it returns there (a tangent-only call
    /// adds nothing). Null where the walk does not apply.
    /// </summary>
    public static AdjointProgram? BackwardTangent(ComputationGraph graph, Activity activity, EquatableArray<string> tangents, EquatableArray<string> adjointTangents) =>
        Lent(ForwardOverReverse(graph, activity, tangents, adjointTangents, default, "", seeded: true), graph);

    /// <summary>
    /// Confined local arrays, their tangents, adjoints and adjoints' tangents lent by the workspace, as MBackward's
    /// (<see cref="ReusedArrays"/>, the last of every mode's passes).
    /// </summary>
    private static AdjointProgram? Lent(AdjointProgram? program, ComputationGraph graph) => program is null ? null : ReusedArrays.Run(program, graph);

    private static AdjointProgram? ForwardOverReverse(ComputationGraph graph, Activity activity, EquatableArray<string> tangents,
        EquatableArray<string> adjointTangents, EquatableArray<string> indices, string output, bool seeded)
    {
        if (!SupportsHessianVector(graph, activity) || tangents.Length != graph.Nodes.Length || adjointTangents.Length != graph.Nodes.Length) return null;
        int n = graph.Nodes.Length;
        var d = new Differentiator(graph, activity, SweepPolicy.HessianVector) { _seeded = seeded };
        for (int i = 0; i < n; i++)
        {
            d._adjoint[n + i] = tangents[i];
            d._adjoint[2 * n + i] = adjointTangents[i];
        }
        var walked = d.Sweeps(_ => false);
        // What only calls the product does not differentiate twice and outputs write: not handled here. A local array
        // that carries a gradient has an array of tangents (stored with its values) and an array of its adjoint's
        // tangents (created with its adjoint array, WithTangent); its elements are scalars like any other.
        // (A SaveArray keeps a copy for a writing call in a loop, hess13: the only array the product keeps, Differentiator.KeptArrays.)
        if (StepTree.Flatten(walked.Body).Any(s => s is Invoke && !d._componentCopies.Contains(s) || s is NewAdjointLocal or AddToParameter
            or ForwardCall or SecondOrder)) return null;
        var result = graph.Nodes[graph.Result];
        bool resultIsSeed = activity.IsActive(result.Id) && walked.Adjoints[result.Id] == "dResult";
        bool seedNamed = false;
        if (resultIsSeed && seeded && !StepTree.Flatten(walked.Body).Any(s => StepTree.Writes(s).Contains(result.Id)))
        {
            // The result's adjoint is the seed itself, which nothing writes (so nothing writes its tangent either): its tangent
            // is the seed's, under that name, as AdjointCopies leaves no copy of dResult. Before AdjointCopies, which hands the
            // name on to copies of it.
            var names = walked.Adjoints.ToArray();
            names[2 * n + result.Id] = SeedTangent;
            walked = walked with { Adjoints = new EquatableArray<string>(names) };
            seedNamed = true;
        }
        // MBackward's copies (double dProd5 = dResult2;) go here too, each with its tangent's (AdjointCopies): before the
        // tangents are added, so that a copy and its tangent copy are dropped, and their readers renamed, together.
        walked = AdjointCopies.Run(walked, graph, 2 * n, seeded ? SeedTangent : null);
        var body = StepTree.Rewrite(walked.Body, block => block.SelectMany(d.WithTangent).ToList()).ToList();
        if (body.Count == 0 || body[body.Count - 1] is not Return) return null;
        if (resultIsSeed && !seedNamed)
        {
            // The result's adjoint is the seed itself, whose tangent is zero (or the seed's tangent, tdResult).
            body.Insert(0, new Contribute(2 * n + result.Id, null, AdjointText.Plain(seeded ? SeedTangent : ScalarLiterals.Zero(result.Type)), Accumulation.Declare));
        }
        if (seeded) return Finished(walked, body, graph);
        // A float parameter of a double method (or the reverse) has its tangents in its own type, as MBackward its adjoint.
        var resultType = graph.Nodes[graph.Result].Type;
        var writes = graph.Nodes
            .Where(p => p.Gate == GateKind.Parameter && p.Type is ScalarType.Double or ScalarType.Float && activity.IsActive(p.Id) && indices[p.Id].Length > 0)
            .Select(p => (Step)new SetLocal(output + "[" + indices[p.Id] + "]", (p.Type == ScalarType.Double && resultType == ScalarType.Float ? "(float)" : "") + adjointTangents[p.Id]))
            .ToList();
        writes.AddRange(d.StructArrayProducts(adjointTangents, indices, output));
        // A double[,] the method writes (hess13): its adjoint's tangents are a matrix, written into its block row-major.
        writes.AddRange(graph.Nodes
            .Where(p => p.Gate == GateKind.Parameter && p.Type == ScalarType.Array && p.TypeName.EndsWith("[,]", System.StringComparison.Ordinal) && activity.IsActive(p.Id) && indices[p.Id].Length > 0)
            .Select(p => (Step)new Invoke(AdjointText.Plain("global::AutoDiffGen.Internals.MatrixBlocks.Write(" + adjointTangents[p.Id] + ", " + output + ".Slice(" + indices[p.Id] + ", " + p.Name + ".Length))"),
                EquatableArray<int>.Empty)));
        // A jagged parameter (hess16): its adjoint's tangents are jagged arrays of its shape, written into its block row after row.
        writes.AddRange(graph.Nodes
            .Where(p => p.Gate == GateKind.Parameter && p.Type == ScalarType.Other && p.TypeName.EndsWith("[][]", System.StringComparison.Ordinal) && activity.IsActive(p.Id) && indices[p.Id].Length > 0)
            .Select(p => (Step)new Invoke(AdjointText.Plain("global::AutoDiffGen.Internals.JaggedBlocks.Write(" + adjointTangents[p.Id] + ", " + output + ".Slice(" + indices[p.Id] + ", "
                + Helpers.JaggedBlockNames.Count + p.Name + ")))"), EquatableArray<int>.Empty)));
        if (writes.Count > 0) body.InsertRange(body.Count - 1, new Step[] { new Comment("H·direction: the tangents of the parameters' adjoints") }.Concat(writes));
        return Finished(walked, body, graph);
    }

    /// <summary>
    /// The product's body after MBackward's sums (FusedSums, over the adjoints and, apart, their tangents), with the zero
    /// adjoints nothing reads dropped.
    /// </summary>
    private static AdjointProgram Finished(AdjointProgram walked, List<Step> body, ComputationGraph graph)
    {
        var fused = FusedSums.Run(walked with { Body = new EquatableArray<Step>(body) }, graph, 2 * graph.Nodes.Length);
        return fused with { Body = UnreadZeroAdjoints.Run(fused.Body, fused.Adjoints) };
    }

    /// <summary>
    /// What the forward-over-reverse walk handles: double and float scalars (each value's tangent and adjoint's tangent in
    /// its own type, as MBackward computes its adjoint: a float method's product is computed in float, a float value of a
    /// double method in float), struct fields among them, conversions between them, array and span parameters and local
    /// arrays of the result's type (a <c>double[,]</c> parameter's elements row-major, <see cref="TangentIndex"/>), every gate with second partials.
    /// </summary>
    private static bool SupportsHessianVector(ComputationGraph graph, Activity activity)
    {
        // A checkpointed method's loops are checkpointed here too (Differentiator.Checkpoints): each checkpoint also holds
        // the carried values' tangents.
        // Stores into an array parameter (hess11) are its versions, whose shared adjoint needs no seed (Differentiator.Outputs).
        if (graph.Vector is not null || graph.IsVoid || graph.Outputs.Any(o => !o.IsArrayStore)) return false;
        var type = graph.Nodes[graph.Result].Type;
        if (type is not (ScalarType.Double or ScalarType.Float)) return false;
        string element = type == ScalarType.Double ? "double" : "float";
        foreach (var node in graph.Nodes)
        {
            if (!activity.IsActive(node.Id) || !activity.IsUseful(node.Id)) continue;
            bool ok = node.Gate switch
            {
                // A struct's fields (p.X) are scalars like any other: their tangents are locals of the product's own.
                // An array of structs' component arrays are copies in their own type (Differentiator.StructLocals).
                GateKind.Parameter when StructArrayBlocks.Component(graph, node.Name) is not null => node.Type == ScalarType.Other && node.TypeName is "double[]" or "float[]",
                // An array parameter the method writes (hess11): its versions share the tangent array and the adjoint's tangents.
                // A written Span<T> (hess12) is followed as a T[] is: its tangents and adjoint are arrays of the product's.
                // A written double[,] (hess13) too: its tangents, adjoint and adjoint's tangents are matrices of its shape.
                GateKind.Parameter when node.Type == ScalarType.Array => node.TypeName == element + "[]" || node.TypeName == "global::System.Span<" + element + ">" || node.TypeName == element + "[,]",
                GateKind.Parameter => node.Type is ScalarType.Double or ScalarType.Float || node.Type == ScalarType.Other && node.AdjointName.IndexOf('.') < 0 && (node.TypeName == element + "[]"
                    || node.TypeName == element + "[,]" || node.TypeName == element + "[][]" || node.TypeName == "global::System.ReadOnlySpan<" + element + ">" || node.TypeName == "global::System.Span<" + element + ">"),
                GateKind.Element when graph.Nodes[node.Inputs[0]].Gate == GateKind.Parameter && StructArrayBlocks.Component(graph, graph.Nodes[node.Inputs[0]].Name) is not null => node.Type is ScalarType.Double or ScalarType.Float,
                GateKind.Element => graph.Nodes[node.Inputs[0]].Gate == GateKind.Parameter ? node.Type == type
                    : node.Type is ScalarType.Double or ScalarType.Float && (IsLocalArray(graph.Nodes[node.Inputs[0]]) || CurvatureWrites.Left(graph, graph.Nodes[node.Inputs[0]])),
                // A call that writes an array (hess12): the copy kept of it and of its tangents, and the version it leaves.
                GateKind.CopyArray or GateKind.CallOutput when CurvatureWrites.Involves(graph, node) => true,
                // The values before a sort of a local array (hess25): read for the permutation only.
                GateKind.CopyArray when CopyIntoForms.IsSortSnapshot(graph, node) => CopyIntoForms.MadeLocally(graph, graph.Nodes[node.Inputs[0]]),
                // A slice passed to a call the product differentiates (hess18): the same slice of its array's tangents (Differentiator.Curvature).
                GateKind.View => CurvatureWrites.SliceOf(node) is var of && of >= 0 && node.Text != Views.Row
                    && (graph.Nodes[of].Gate == GateKind.Parameter || IsLocalArray(graph.Nodes[of]) || CurvatureWrites.Snapshot(graph, graph.Nodes[of])),
                // A local array of doubles or floats: its versions share one array of tangents and one of adjoints' tangents.
                GateKind.NewArray or GateKind.Store => IsLocalArray(node),
                // A copy, fill, reversal (hess23) or sort (hess25) into an array made here: not into a parameter, whose tangents are spans.
                GateKind.CopyInto => IsLocalArray(node) && CopyIntoForms.MadeLocally(graph, node),
                // A jagged local's new row (hess20): a row of tangents and one of adjoints' tangents made with it.
                GateKind.NewRow => IsLocalArray(node),
                GateKind.Constant or GateKind.Copy or GateKind.Phi => node.Type is ScalarType.Double or ScalarType.Float || IsLocalArray(node),
                // float ↔ double: its tangent is converted as its value is, its adjoint's tangent as its adjoint.
                GateKind.Convert => node.Type is ScalarType.Double or ScalarType.Float && graph.Nodes[node.Inputs[0]].Type is ScalarType.Double or ScalarType.Float,
                // A call HessianCalls accepted (Differentiator.Curvature).
                _ when node.Call?.Curvature is not null => node.Type is ScalarType.Double or ScalarType.Float,
                _ => node.Type is ScalarType.Double or ScalarType.Float && node.Call is null && SecondDerivatives.Has(node.Gate),
            };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>
    /// A version of a local array (its creation, a store, a phi) of doubles or floats, one- or two-dimensional; not a
    /// snapshot or a slice for a call (the product differentiates no call that is passed a local array).
    /// </summary>
    private static bool IsLocalArray(Node node) =>
        node.Type == ScalarType.Array && (node.Gate is GateKind.NewArray or GateKind.NewRow or GateKind.Store or GateKind.Phi or GateKind.Copy
            // A copy, fill, reversal (hess23) or sort (hess25) into it: its tangents and adjoint's tangents move as its values and adjoint.
            || CopyIntoForms.IsFollowedRange(node))
        // A jagged local (hess20): its rows' tangents and adjoints' tangents are jagged arrays of the same rows.
        && (node.TypeName is "double[]" or "float[]" or "double[,]" or "float[,]" or "double[][]" or "float[][]"
            // A written Span parameter's versions (hess12): stores into it and phis of them, over the product's tangent array.
            || node.Gate is GateKind.Store or GateKind.Phi && node.TypeName is "global::System.Span<double>" or "global::System.Span<float>");

    /// <summary>A numeric literal (2.0, -1.0, 0.5f): a second partial that cannot overflow.</summary>
    private static bool IsLiteral(string text) =>
        double.TryParse(text.TrimEnd('f', 'F', 'd', 'D'), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>Whether any second partial of the gate is not zero (then its local gradients' tangents read them).</summary>
    private bool HasSecondPartials(Node node)
    {
        if (!SecondDerivatives.Has(node.Gate) || node.Call is not null) return false;
        var second = SecondDerivatives.Of(node, i => Operand(node, i), node.Name).Second;
        foreach (var s in second)
        {
            if (s is not null) return true;
        }
        return false;
    }

    /// <summary>Values one iteration pushes for one saved node: the value, then (when it carries one) its tangent.</summary>
    private IEnumerable<(string TypeName, string Value)> SavedValues(Node node)
    {
        yield return (node.TypeName, node.Name);
        if (_policy == SweepPolicy.HessianVector && _activity.IsActive(node.Id)) yield return (node.TypeName, _adjoint[T(node.Id)]);
    }

    /// <summary>
    /// A contribution followed by its tangent. A parameter's adjoint is the gradient, which the product does not need:
    /// only its tangent is written.
    /// </summary>
    private IEnumerable<Step> WithTangent(Step step)
    {
        if (step is NewAdjointArray array)
        {
            yield return step;
            yield return new NewAdjointTangentArray(2 * _nodes.Length + array.Node, array.Length);
            yield break;
        }
        if (step is not Contribute c || c.Target >= _nodes.Length)
        {
            yield return step;
            yield break;
        }
        // MBackwardTangent adds the gradient too.
        // A written array parameter's adjoint is read back at each store (the value it overwrote gets what reached the slot).
        if (_nodes[c.Target].Gate != GateKind.Parameter || _nodes[c.Target].Type == ScalarType.Array || _seeded) yield return c;
        if (TangentOf(c) is { } twin) yield return twin;
    }

    /// <summary>MBackwardTangent: the walk is seeded with dResult and tdResult, and also forms the gradient.</summary>
    private bool _seeded;

    /// <summary>
    /// MBackwardTangent after its forward sweep: <c>tResult</c> is the result's tangent, and a call with both seeds zero (a
    /// caller's forward sweep, which needs only the value and its tangent) returns there: it would add only zeros.
    /// </summary>
    private void EndTangentOnly(string returned)
    {
        var result = _nodes[_graph.Result];
        Emit(new SetLocal("tResult", HasTangent(result.Id) ? _adjoint[T(result.Id)] : ScalarLiterals.Zero(result.Type)));
        string zero = ScalarLiterals.Zero(result.Type);
        // An array the method writes has an in/out adjoint (hess12): a caller's reverse sweep seeds it even where dResult is
        // zero, so only the forward sweep's call, which passes it empty, returns here.
        string written = string.Concat(_nodes.Where(n => n.Gate == GateKind.Parameter && n.Type == ScalarType.Array && _activity.IsActive(n.Id) && _adjoint[n.Id].Length > 0)
            .Select(n => " && " + _adjoint[n.Id] + ".Length == 0"));
        Emit(new Branch("dResult == " + zero + " && " + SeedTangent + " == " + zero + written, new EquatableArray<Step>(new Step[] { new Return(returned) }), null));
    }

    /// <summary>The tangent of the seed <c>dResult</c> in <c>MBackwardTangent</c>.</summary>
    private const string SeedTangent = "tdResult";

    /// <summary>The tangent of <c>d(target) ±= e·dZ</c>: <c>t(d target) ±= e·t(dZ) ± (Σj ∂²z/∂a∂xj·t(xj))·dZ</c>; null when it adds zero.</summary>
    private Contribute? TangentOf(Contribute c)
    {
        int n = _nodes.Length;
        var target = _nodes[c.Target];
        var parts = new List<AdjointText>();
        // Every local gradient is linear in its upstream adjoint: the same text over the adjoints' tangents.
        if (c.Source >= 0 && c.Input >= 0 && _nodes[c.Source].Call?.Curvature is { } curvature)
        {
            // A call's callee added g·dZ and its tangent g·t(dZ) + (H·t)·dZ into two locals (Differentiator.Curvature).
            return c with { Target = 2 * n + c.Target, Value = AdjointText.Plain(curvature.Product[c.Input]) };
        }
        // The seed of MBackwardTangent (a result that is a parameter or a named local) has its own tangent.
        if (_seeded && c.Value.Refs.IsEmpty && c.Value.Text.Length == 1 && c.Value.Text[0] == "dResult")
        {
            return c with { Target = 2 * n + c.Target, Value = AdjointText.Plain(SeedTangent) };
        }
        if (!c.Value.Refs.IsEmpty) parts.Add(new AdjointText(c.Value.Text, new EquatableArray<int>(c.Value.Refs.Select(r => 2 * n + r).ToArray())));
        if (c.Source >= 0 && c.Input >= 0 && _nodes[c.Source] is var gate && HasSecondPartials(gate))
        {
            var second = SecondDerivatives.Of(gate, i => Operand(gate, i), gate.Name).Second;
            var terms = new List<AdjointText>();
            for (int j = 0; j < gate.Inputs.Length; j++)
            {
                if (second[c.Input, j] is not { } s || !_activity.IsActive(gate.Inputs[j])) continue;
                string plus = terms.Count == 0 ? "" : " + ";
                if (IsLiteral(s))
                {
                    // A unit partial (a product's ∂²/∂a∂b) multiplies nothing.
                    terms.Add(AdjointText.Plain(plus + (s == ScalarLiterals.One(gate.Type) ? "" : s + " * ")));
                    terms.Add(AdjointText.Of(T(gate.Inputs[j])));
                    continue;
                }
                // A zero tangent contributes exactly zero, even where the second partial overflows (∂²/∂x² of Log(x, b) at
                // x = 3e-309): ∞·0 would make an entry of MHessian NaN whose own value is representable.
                string zero = ScalarLiterals.Zero(gate.Type);
                terms.Add(AdjointText.Plain(plus + "("));
                terms.Add(AdjointText.Of(T(gate.Inputs[j])));
                terms.Add(AdjointText.Plain(" == " + zero + " ? " + zero + " : " + s + " * "));
                terms.Add(AdjointText.Of(T(gate.Inputs[j])));
                terms.Add(AdjointText.Plain(")"));
            }
            if (terms.Count > 0)
            {
                // e = ±∂z/∂a, so its derivative along v is ±Σj ∂²z/∂a∂xj·t(xj): the sign of the contribution cancels.
                if (parts.Count > 0) parts[0] = AdjointText.Concat(AdjointText.Plain("("), parts[0], AdjointText.Plain(")"));
                // One term with a unit partial is a name, one guarded term is parenthesized already: no parentheses.
                bool name = terms.Count == 2 && terms[0].Text[0].Length == 0 || terms.Count == 5;
                parts.Add(AdjointText.Plain((parts.Count == 0 ? (c.Negative ? "-" : "") : c.Negative ? " - " : " + ") + (name ? "" : "(")));
                parts.AddRange(terms);
                parts.Add(AdjointText.Plain((name ? "" : ")") + " * "));
                parts.Add(AdjointText.Of(c.Source));
            }
        }
        if (parts.Count == 0)
        {
            return c.How == Accumulation.Add ? null
                : new Contribute(2 * n + c.Target, c.Index, AdjointText.Plain(ScalarLiterals.Zero(target.Type == ScalarType.Array ? ElementType(target) : target.Type)), c.How);
        }
        return c with { Target = 2 * n + c.Target, Value = AdjointText.Concat(parts.ToArray()) };
    }
}
