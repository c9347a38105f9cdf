using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Differentiation;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// Writes <c>MBackward</c>: a forward sweep with one named intermediate per gate (but those read once, by the next gate:
/// <see cref="ForwardInlining"/>), then a reverse
/// sweep that walks the graph backwards, one line per local gradient, accumulating at fan-out.
/// </summary>
internal static class BackwardEmitter
{
    public const string Version = "0.1.0";

    /// <param name="model">The method.</param>
    /// <param name="inlineForward">Write forward values read once into their reader (<see cref="ForwardInlining"/>); off for the
    /// double text a generic-math method is rewritten from over its type parameter (GenericMath/GenericText), kept as it was.</param>
    /// <param name="fuseSums">Write an adjoint's contributions as one sum where they allow (<see cref="FusedSums"/>); off only in tests that compare with it.</param>
    /// <param name="foldZeroStarts">Fold an adjoint's zero start into its first adds (<see cref="ZeroStarts"/>); off only in tests that compare with it.</param>
    /// <param name="fuseLoops">Fuse a loop of independent iterations (<see cref="FusedLoops"/>); off only in tests that compare with it.</param>
    /// <param name="reserveOnce">Reserve a fused loop's tape room once before it (<c>Differentiator.ReservedOnce</c>); off only in tests that compare with it.</param>
    /// <param name="rowWalks">Walk adjacent reverse loops over one range with a row walk among them as one (<see cref="ReverseRowWalks"/>); off only in tests that compare with it.</param>
    /// <param name="walkBack">Walk a row loop's carried counter back instead of taping it per row (<c>Differentiator.WalkedBack</c>); off only in tests that compare with it.</param>
    /// <param name="sharePops">In a merged row walk, read a row's element another loop tapes from that loop's entry (<c>ReverseRowWalkSharedPops</c>); off only in tests that compare with it.</param>
    /// <param name="takenSteps">Route a running Max/Min by its last taken step instead of taping its running value (<c>Differentiator.TakenSteps</c>); off only in tests that compare with it.</param>
    /// <param name="reuseArrays">Take confined local arrays and their adjoints from the workspace (<see cref="ReusedArrays"/>); off only in tests that compare with it.</param>
    /// <param name="zeroArrays">Drop a local adjoint array that only ever holds zero (<see cref="ZeroAdjointArrays"/>); off only in tests that compare with it.</param>
    /// <param name="overwrittenCopies">Drop a copy of an adjoint its block overwrites after the copy's last read (<see cref="OverwrittenCopies"/>); off only in tests that compare with it.</param>
    public static string Emit(MethodModel model, bool inlineForward = true, bool fuseSums = true, bool foldZeroStarts = true, bool fuseLoops = true, bool reserveOnce = true, bool rowWalks = true, bool walkBack = true, bool sharePops = true, bool takenSteps = true, bool reuseArrays = true, bool zeroArrays = true, bool overwrittenCopies = true)
    {
        // A generic-math method's file was written (and compiled) by the analysis: GenericMath/GenericAnalysis.
        if (model.GenericText is { } generic) return NullableDirectives.Apply(generic, model);
        var w = new IndentedWriter();
        TypeFiles.WriteHeader(w, model);
        TypeHierarchy.Write(w, model.Hierarchy, model.FileScopedNamespace, () => WriteMembers(w, model, inlineForward, fuseSums, foldZeroStarts, fuseLoops, reserveOnce, rowWalks, walkBack, sharePops, takenSteps, reuseArrays, zeroArrays, overwrittenCopies));
        return w.ToString();
    }

    /// <summary>
    /// What <see cref="Emit"/> writes inside the method's type, indented as there: the text a file per type
    /// (<see cref="TypeFiles"/>) puts together with its type's other methods. Not for a generic-math method (its file is whole).
    /// </summary>
    public static string EmitMembers(MethodModel model)
    {
        var w = new IndentedWriter(TypeHierarchy.Depth(model.Hierarchy, model.FileScopedNamespace));
        WriteMembers(w, model, inlineForward: true, fuseSums: true, foldZeroStarts: true, fuseLoops: true, reserveOnce: true, rowWalks: true, walkBack: true, sharePops: true, takenSteps: true, reuseArrays: true, zeroArrays: true, overwrittenCopies: true);
        return w.ToString();
    }

    private static void WriteMembers(IndentedWriter w, MethodModel model, bool inlineForward, bool fuseSums, bool foldZeroStarts, bool fuseLoops, bool reserveOnce, bool rowWalks, bool walkBack, bool sharePops, bool takenSteps, bool reuseArrays, bool zeroArrays, bool overwrittenCopies)
    {
        // A derived class's method of the same name as a base class's [Differentiable] one (an override, or one declared
        // 'new'): its generated members hide the base's on purpose, bound statically as the user's own calls are.
        if (model.HidesInherited) w.Line("#pragma warning disable CS0108 // hides the base class's generated member of the same name on purpose");
        WriteModes(w, model, inlineForward, fuseSums, foldZeroStarts, fuseLoops, reserveOnce, rowWalks, walkBack, sharePops, takenSteps, reuseArrays, zeroArrays, overwrittenCopies);
        if (model.HidesInherited) w.Line("#pragma warning restore CS0108");
    }

    private static void WriteModes(IndentedWriter w, MethodModel model, bool inlineForward, bool fuseSums, bool foldZeroStarts, bool fuseLoops, bool reserveOnce, bool rowWalks, bool walkBack, bool sharePops, bool takenSteps, bool reuseArrays, bool zeroArrays, bool overwrittenCopies)
    {
        // A callee's form its attribute does not ask for, written because a caller calls it (Lowering/DerivedForms): that form only.
        if (model.Emits == DerivedForm.Forward)
        {
            ForwardEmitter.EmitMethod(w, model, inlineForward);
            ShortFormsEmitter.Forward(w, model);
            return;
        }
        if (model.Emits == DerivedForm.BackwardTangent)
        {
            // Unreachable by construction (Lowering/DerivedForms refuses such a callee at the call): a caller would call a
            // method that is not written, so the boundary reports ADG9999 rather than emit code that does not compile.
            if (!HessianVectorEmitter.WritesOwnBackwardTangent(model)) throw new System.InvalidOperationException(model.MethodName + "'s MBackwardTangent, written for a Hessian caller, is not forward over reverse");
            HessianVectorEmitter.EmitBackwardTangent(w, model, inlineForward);
            return;
        }
        EmitMethod(w, model, inlineForward, fuseSums, foldZeroStarts, fuseLoops, reserveOnce, rowWalks, walkBack, sharePops, takenSteps, reuseArrays, zeroArrays, overwrittenCopies);
        ShortFormsEmitter.Backward(w, model);
        if (model.Forward) ForwardEmitter.EmitMethod(w, model, inlineForward);
        if (model.Forward) ShortFormsEmitter.Forward(w, model);
        if (model.Jacobian) JacobianEmitter.EmitMethod(w, model);
        if (model.Hessian) HessianEmitter.EmitMethod(w, model, inlineForward);
    }

    private static void EmitMethod(IndentedWriter w, MethodModel model, bool inlineForward, bool fuseSums, bool foldZeroStarts, bool fuseLoops, bool reserveOnce, bool rowWalks, bool walkBack, bool sharePops, bool takenSteps, bool reuseArrays, bool zeroArrays, bool overwrittenCopies)
    {
        var vector = model.Graph.Vector;
        bool isVoid = model.Graph.IsVoid;
        string ret = ReturnType(model);
        // Scalars are added into through ref; an adjointable adjoint (a tensor) is added into in place.
        bool syntax = model.NullableSyntax;
        var parameters = Parameters(model, model.Parameters, ret);

        // One summary line: a build parses it for each of the (often thousands of) methods.
        string summary = isVoid || !model.Graph.Outputs.IsEmpty
            // The in/out adjoints of docs/ref-out.md.
            ? "Reverse-mode derivative of <c>" + model.MethodName + "</c> (AutoDiffGen): does what it does, then back-propagates; the adjoint of a parameter it writes holds on entry that of the value it leaves, on return that of the value it came in with; every other adjoint is added into."
            : vector is not null
            ? "Reverse-mode derivative (vector–Jacobian product) of <c>" + model.MethodName + "</c> (AutoDiffGen): returns its value and adds Σ <c>dResult</c>'s member × ∂member/∂p into each differentiable parameter p's adjoint."
            : "Reverse mode of <c>" + model.MethodName + "</c> (AutoDiffGen): returns its value, adds <c>dResult</c> × ∂/∂p into each adjoint dP.";
        // WithRespectToThis: the object's own members are inputs too.
        if (model.ThisAdjointType is not null) summary += " The object's members are inputs too: their gradients are added into those of <c>dThis</c>.";
        w.Line("/// <summary>" + summary + "</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"AutoDiffGen\", \"" + Version + "\")]");
        // A loop method is often called a few times only, each call long (a Monte Carlo run, an optimiser's gradient): tier-0
        // code with on-stack replacement would run its first call, and every call before the 30th, slower than optimized code.
        if (model.OptimizeAtOnce) w.Line("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]");
        // A parameter declared T? is dereferenced only where the method's own null test let it through; the
        // forward sweep keeps that test in a bool, which flow analysis cannot follow.
        bool unflowed = NullableDirectives.Unflowed(model);
        using (w.WriteBlock(model.Modifiers + " " + ret + " " + model.BackwardName + "(" + string.Join(", ", parameters) + ")"))
        {
            // No comments: a build parses this for each of (often thousands of) methods, and they were a fifth of its
            // text. Each gate's rule is the trace's (Graph = true) and docs/how-it-works.md's to explain.
            const bool comments = false;
            SequenceBuffers.Write(w, model);
            ArgumentChecks.Write(w, model, comments);
            NullableDirectives.Suspend(w, unflowed);

            if (model.CarriedBackward && !CarriedBackwardEmitter.IsMixed(model))
            {
                // One scalar input and a loop: its derivative carried forward, no tape (CarriedBackwards).
                CarriedBackwardEmitter.WriteSweep(w, model, inlineForward);
            }
            else
            {
                // The sweeps read the floating-point parameters that loops read through copies (ParameterCopy).
                var graph = ParameterCopy.Apply(model.Graph);
                // Mixed: the scalar's derivative carried forward, the reverse sweep for the other inputs (CarriedBackwards).
                var program = model.CarriedBackward ? CarriedBackwardEmitter.MixedProgram(model, fuseSums, foldZeroStarts, overwrittenCopies)
                    : Differentiator.Backward(graph, new Activity(graph), fuseSums, foldZeroStarts, fuseLoops, reserveOnce, rowWalks, walkBack, sharePops, takenSteps, reuseArrays, zeroArrays, overwrittenCopies);
                WriteSweeps(w, graph, program, syntax, comments, graph.Copies, inlineForward);
            }
        }
        NullableDirectives.Resume(w, unflowed);
    }

    /// <summary>The return type of <c>MBackward</c>: the method's, or void.</summary>
    internal static string ReturnType(MethodModel model) =>
        model.Graph.IsVoid ? "void"
        : model.Graph.Vector is { } vector ? vector.TypeName
        : model.ReturnType == ScalarType.Adjointable ? model.Graph.Nodes[model.Graph.Result].TypeName
        : ScalarLiterals.TypeKeyword(model.ReturnType);

    /// <summary><c>MBackward</c>'s parameter declarations for <paramref name="kept"/> of the method's parameters (all, or a shorter form's).</summary>
    internal static IEnumerable<string> Parameters(MethodModel model, IEnumerable<ParameterModel> kept, string ret)
    {
        bool syntax = model.NullableSyntax;
        var list = kept.ToList();
        return list.Select(p => p.RefPrefix + p.SignatureType(syntax) + " " + p.Name)
            .Concat(list.Where(p => p.IsDifferentiable).Select(p => p.SignatureAdjointType(syntax) + " " + p.AdjointName))
            .Concat(model.ThisAdjointType is { } state ? new[] { state + " " + MethodModel.ThisAdjointName } : System.Array.Empty<string>())
            // A tensor or vector result has no natural seed: the caller says which combination of its components to differentiate.
            .Concat(model.Graph.IsVoid ? Enumerable.Empty<string>() : new[] { ret + (model.ReturnType == ScalarType.Adjointable || model.Graph.Vector is not null ? " dResult" : " dResult = 1") });
    }

    /// <summary>Writes a program of both sweeps, inside the thread's tape workspace when it uses tapes.</summary>
    internal static void WriteSweeps(IndentedWriter w, ComputationGraph graph, AdjointProgram program, bool syntax, bool comments = true,
        EquatableArray<ParameterCopy> copies = default, bool inlineForward = false)
    {
        string body = Body(graph, program, syntax, comments, copies, inlineForward);
        if (program.UsesTapes)
        {
            // Loops save what the reverse sweep needs on tapes: arrays the thread keeps between calls, so a
            // steady-state call allocates nothing and zeroes nothing.
            string workspace = graph.Workspace;
            string enter = "global::AutoDiffGen.Internals.TapeWorkspace.Enter();";
            if (syntax)
            {
                // C# 8 on: a using declaration is the same try/finally, one indentation level less for the whole body.
                w.Line("using var " + workspace + " = " + enter);
                Tapes(w, program, workspace, comments);
                w.Raw(body);
            }
            else
            {
                w.Line("var " + workspace + " = " + enter);
                using (w.WriteBlock("try"))
                {
                    Tapes(w, program, workspace, comments);
                    w.Raw(body);
                }
                using (w.WriteBlock("finally"))
                {
                    w.Line(workspace + ".Exit();");
                }
            }
        }
        else
        {
            w.Raw(body);
        }
    }

    /// <summary>
    /// The sweeps' text. With <paramref name="inlineForward"/>, written once and then the lines that forward inlining
    /// changes written again (<see cref="ForwardInlining.Choose"/> counts names in the first text).
    /// </summary>
    private static string Body(ComputationGraph graph, AdjointProgram program, bool syntax, bool comments,
        EquatableArray<ParameterCopy> copies, bool inlineForward)
    {
        var body = new IndentedWriter(depth: 0);
        // Where the forward sweep starts: after the workspace's and the tapes' calls (and the restart's growth).
        foreach (var copy in copies) body.Line(copy.TypeName + " " + copy.Local + " = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref " + copy.Parameter + ");");
        if (!inlineForward)
        {
            ProgramWriter.Write(body, graph, program, syntax, comments);
            return body.ToString();
        }
        var recorded = ProgramWriter.WriteRecorded(body, graph, program, syntax, comments);
        string text = body.ToString();
        var (values, tangents) = ForwardInlining.Choose(graph.Nodes, program, text);
        return values.Count + tangents.Count > 0 ? recorded.Inlined(text, values, tangents) : text;
    }

    /// <summary>The tapes' locals and, for a program that restarts on growth, the restart block the forward sweep jumps to.</summary>
    private static void Tapes(IndentedWriter w, AdjointProgram program, string workspace, bool comments)
    {
        var tapes = program.Tapes;
        foreach (var tape in tapes) w.Line(tape.TypeName + "[] " + tape.Name + " = " + workspace + ".Tape<" + tape.TypeName + ">();");
        // Only array tapes (a sort's values before it, in a loop): they grow in place, there is nothing to restart for.
        if (program.RestartOnGrowth && tapes.Length > 0)
        {
            // Growing inside a loop would be a call there, and a call makes the JIT keep the loop's
            // doubles in memory; leaving the loop to grow keeps them in registers.
            w.Line("int " + string.Join(", ", tapes.Select(t => t.Top)) + ";");
            // A reservation before a loop asks for a length and restarts; the forward sweep then runs once more up to it.
            var reserved = program.Reserved;
            if (reserved.Count > 0) w.Line("int " + string.Join(", ", tapes.Where(t => reserved.Contains(t.TypeName)).Select(t => t.Want + " = 0")) + ";");
            w.Line("goto " + ProgramWriter.ForwardLabel + ";");
            w.Line(ProgramWriter.GrowLabel + ":");
            if (comments) w.Line("// a tape is full: enlarge it and run the forward sweep again (it only computes, so nothing happens twice)");
            for (int i = 0; i < tapes.Length; i++)
            {
                var tape = tapes[i];
                if (reserved.Contains(tape.TypeName)) w.Line("if (" + ProgramWriter.Room(tape, program.Batches[i]) + " || " + tape.Name + ".Length < " + tape.Want + ") " + tape.Name + " = " + workspace + ".Grow(" + tape.Name + ", 0, " + tape.Want + ");");
                else w.Line("if (" + ProgramWriter.Room(tape, program.Batches[i]) + ") " + tape.Name + " = " + workspace + ".Grow(" + tape.Name + ", 0);");
            }
            w.Line(ProgramWriter.ForwardLabel + ":");
            foreach (var tape in tapes) w.Line(tape.Top + " = 0;");
        }
        else
        {
            foreach (var tape in tapes) w.Line("int " + tape.Top + " = 0;");
        }
    }
}
