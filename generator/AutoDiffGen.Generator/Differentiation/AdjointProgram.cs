using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;

namespace AutoDiffGen.Generator.Differentiation;

/// <summary>
/// The differentiated method as data: the forward sweep (the primal graph's control flow, with tape pushes
/// where loops save an iteration) and the reverse sweep (adjoint declarations and contributions, tape pops,
/// branches by the saved condition, loops by the saved trip count). Steps name nodes by id; each node's
/// adjoint is named by <see cref="Adjoints"/>, so a pass can redirect an adjoint without rewriting text.
/// One emitter (Emit/ProgramWriter) writes C# from it.
/// </summary>
/// <param name="Body">The steps, in order: forward sweep, then reverse sweep.</param>
/// <param name="Adjoints">For each node id, the local (or ref parameter) that holds its adjoint.</param>
/// <param name="Tapes">The tapes the sweeps use, in declaration order.</param>
/// <param name="Batches">For each used tape, the most values one save point checks room for (same order).</param>
/// <param name="RestartOnGrowth">A full tape restarts the forward sweep (no calls in it) rather than growing in place.</param>
/// <param name="Reused">Creations of local arrays whose storage, and their adjoints', the workspace lends (<see cref="ReusedArrays"/>).</param>
internal sealed record AdjointProgram(EquatableArray<Step> Body, EquatableArray<string> Adjoints, EquatableArray<TapeName> Tapes,
    EquatableArray<int> Batches, bool RestartOnGrowth, EquatableArray<int> Reused = default)
{
    public bool UsesTapes => !Tapes.IsEmpty || !Reused.IsEmpty || Body.Any(s => s is NewArrayTape);

    /// <summary>The value types of the tapes some <see cref="Reserve"/> step reserves room on by restarting the forward sweep.</summary>
    public System.Collections.Generic.HashSet<string> Reserved =>
        new(StepTree.Flatten(Body).OfType<Reserve>().Where(r => r.Restart).SelectMany(r => r.Needs).Select(n => n.Tape.TypeName));
}

/// <summary>One step of the adjoint program.</summary>
internal abstract record Step;

// ---------- layout ----------

/// <summary>A comment line; it may name adjoints. <paramref name="Gate"/>: the gate whose reverse rule it heads, or -1.</summary>
internal sealed record Comment(AdjointText Text, int Gate = -1) : Step
{
    public Comment(string text, int gate = -1) : this(AdjointText.Plain(text), gate) { }
}

/// <summary>An empty line between sections.</summary>
internal sealed record Blank : Step
{
    public static readonly Blank Instance = new();
}

// ---------- forward sweep ----------

/// <summary>Computes a node's value: declares its local unless it was declared earlier (hoisted).</summary>
internal sealed record Compute(int Node, bool Declare) : Step;

/// <summary>Declares a node's local at zero (or default) before the branch or loop that sets it.</summary>
internal sealed record DeclareLocal(int Node) : Step;

/// <summary>
/// <c>T name = Guard ? a[i] : 0;</c>: an inner loop's invariant element read once before the loop, under the loop's first
/// test (<see cref="Differentiator"/>'s ReadsBeforeLoop); the loop's body then does not read it.
/// </summary>
internal sealed record GuardedRead(int Node, string Guard) : Step;

/// <summary><c>name = value;</c> on a primal local (a phi's merge, a loop's carried value, a counter).</summary>
internal sealed record SetLocal(string Name, string Value) : Step;

/// <summary><c>type name = value;</c>: a local the sweeps need that is no node's (trip counter, kept result).</summary>
internal sealed record NewLocal(string Type, string Name, string Value) : Step;

/// <summary><c>name++;</c></summary>
internal sealed record Increment(string Name) : Step;

/// <summary>A throw or guard call, written as it stands.</summary>
internal sealed record Effect(int Node) : Step;

/// <summary><c>t[i] = v;</c> on a local array.</summary>
internal sealed record StoreElement(int Node) : Step;

/// <summary>A copy into an array (<see cref="GateKind.CopyInto"/>), made as the user wrote it.</summary>
internal sealed record CopyElements(int Node) : Step;

/// <summary><c>if (Condition) { Then } else { Else }</c>; no else when <paramref name="Else"/> is null.</summary>
internal sealed record Branch(string Condition, EquatableArray<Step> Then, EquatableArray<Step>? Else) : Step;

/// <summary><c>while (true) { Body }</c>: a forward loop, left by <see cref="BreakUnless"/>.</summary>
/// <param name="Body">One iteration.</param>
/// <param name="Trips">How many times it runs, when that is known at its entry (see <see cref="TapeReservations"/>).</param>
internal sealed record ForwardLoop(EquatableArray<Step> Body, LoopTrips? Trips = null) : Step;

/// <summary>A loop's trip count as C# (a <c>double</c>), and the nodes it reads, which must not change before the loop.</summary>
internal sealed record LoopTrips(string Count, EquatableArray<int> Reads);

/// <summary>
/// Before a loop: room on each tape for what the loop pushes (a <c>double</c> count, an upper bound), so that a first
/// call allocates its tape once. A hint: every push still checks for room. <paramref name="Restart"/>: a short tape
/// restarts the forward sweep (no calls in it), else it grows in place.
/// </summary>
internal sealed record Reserve(EquatableArray<TapeNeed> Needs, bool Restart) : Step;

/// <summary>A tape and the entries a loop will push onto it, as C#.</summary>
internal sealed record TapeNeed(TapeName Tape, string Count);

/// <summary><c>if (!Condition) break;</c></summary>
internal sealed record BreakUnless(string Condition) : Step;

/// <summary>Checks room on the tapes, then pushes the values (forward sweep of a loop iteration, or its trip count).</summary>
/// <param name="Room">Per tape, how many entries this save needs.</param>
/// <param name="Values">Each value with the tape it goes on.</param>
/// <param name="Restart">A full tape restarts the forward sweep instead of growing in place.</param>
/// <param name="Reserved">
/// The room was reserved before, for every push of the block (a fused iteration's reservation): no check here, and no call
/// in the loop for RyuJIT to keep its doubles in memory around. The stores stay bounds-checked: a reservation the workspace
/// declined (more than 2³⁰ entries in one iteration) throws there, never writes a wrong value.
/// </param>
internal sealed record TapePush(EquatableArray<TapeRoom> Room, EquatableArray<TapeValue> Values, bool Restart, bool Reserved = false) : Step;

/// <summary>A tape and a number of entries.</summary>
internal sealed record TapeRoom(TapeName Tape, int Count);

/// <summary>A value pushed onto a tape.</summary>
internal sealed record TapeValue(TapeName Tape, string Value);

// ---------- reverse sweep ----------

/// <summary>How a contribution reaches its adjoint.</summary>
internal enum Accumulation
{
    /// <summary>The adjoint's first contribution declares it: <c>T dX = v;</c></summary>
    Declare,
    /// <summary>A reset adjoint (a loop-carried one) takes the contribution: <c>dX = v;</c></summary>
    Assign,
    /// <summary><c>dX += v;</c></summary>
    Add,
}

/// <summary>
/// A contribution to an adjoint: <c>d(Target)[Index] op= ±Value</c>. For a gate's local gradient, Source is the gate
/// and the value already includes its upstream adjoint. A zero value (a declaration, a reset) has no source.
/// </summary>
/// <param name="Target">The node whose adjoint receives it.</param>
/// <param name="Index">For an adjoint array, the slot's index; else null.</param>
/// <param name="Value">The contribution, with references to adjoints.</param>
/// <param name="How">Declare, assign or add.</param>
/// <param name="Negative">Subtracted (or negated when declared or assigned).</param>
/// <param name="Source">The gate it comes from, or -1.</param>
/// <param name="Input">The gate's input position it is the local gradient of; -1 for none, or for both inputs of a gate
/// that reads one value twice (see <c>TwinContributions</c>).</param>
internal sealed record Contribute(int Target, string? Index, AdjointText Value, Accumulation How, bool Negative = false, int Source = -1, int Input = -1) : Step;

/// <summary><c>double dX;</c>: an adjoint whose first write is on each side of the branch that follows (<see cref="ZeroStarts"/>).</summary>
internal sealed record DeclareAdjoint(int Node) : Step;

/// <summary><c>Type Name = Value;</c>: a local the reverse sweep needs that reads adjoints (a call's in/out adjoint).</summary>
internal sealed record NewAdjointLocal(string Type, string Name, AdjointText Value) : Step;

/// <summary><c>var dT = new double[length];</c>: a local array's adjoint.</summary>
internal sealed record NewAdjointArray(int Node, string Length) : Step;

/// <summary>
/// <c>for (int Countdown = trips; Countdown &gt; 0; Countdown--) { Body }</c>, trips popped from <paramref name="TripTape"/>
/// or read from <paramref name="TripLocal"/> (a local, or C# of values the reverse walk has: <see cref="AffineCounters.Trips"/>); with a <paramref name="Walk"/>, the counter itself walks back to its entry.
/// </summary>
internal sealed record ReverseLoop(string Countdown, TapeName? TripTape, EquatableArray<Step> Body, string? TripLocal = null, CounterWalk? Walk = null) : Step;

/// <summary>
/// The reverse sweep of a checkpointed loop: <c>for (int End = pop, Start; ; End = Start) { Start = pop; Body;
/// if (Start == 0) break; }</c>: the segments from the last one back, each run again from its checkpoint and
/// reversed by <paramref name="Body"/>.
/// </summary>
internal sealed record Segments(string End, string Start, TapeName Ints, EquatableArray<Step> Body) : Step;

/// <summary><c>[T ]name = tape[--top];</c>: a value of the iteration being reversed.</summary>
internal sealed record TapePop(int Node, bool Declare, TapeName Tape) : Step;

/// <summary>A call to a callee's derivative; it adds into the adjoints it is passed (<paramref name="Writes"/>).</summary>
internal sealed record Invoke(AdjointText Call, EquatableArray<int> Writes) : Step;

/// <summary>
/// <c>dX += Value;</c> (<c>-=</c> when negative) through a parameter's ref: the seed of a returned parameter, or its
/// summed adjoint written once.
/// </summary>
internal sealed record AddToParameter(int Node, AdjointText Value, bool Negative = false) : Step;

/// <summary><c>Name += Value;</c> (<c>-=</c> when negative): an add into a local that sums an adjoint array's slot (<see cref="SlotSums"/>).</summary>
internal sealed record AddToLocal(string Name, AdjointText Value, bool Negative = false) : Step;

/// <summary><c>return Value;</c></summary>
internal sealed record Return(string Value) : Step;

/// <summary>
/// C# text with references to adjoints, kept apart so that the adjoint names are chosen when written:
/// <c>Text[0] adjoint(Refs[0]) Text[1] … Text[n]</c>.
/// </summary>
internal sealed record AdjointText(EquatableArray<string> Text, EquatableArray<int> Refs)
{
    /// <summary>The marker <see cref="Template"/> splits on: the upstream adjoint's place.</summary>
    public const string Upstream = "\u0001";

    public static AdjointText Plain(string text) => new(new EquatableArray<string>(new[] { text }), EquatableArray<int>.Empty);

    public static AdjointText Of(int node) => new(new EquatableArray<string>(new[] { "", "" }), new EquatableArray<int>(new[] { node }));

    /// <summary>Text where each <see cref="Upstream"/> marker stands for node <paramref name="upstream"/>'s adjoint.</summary>
    public static AdjointText Template(string text, int upstream)
    {
        var pieces = text.Split(Upstream[0]);
        var refs = new int[pieces.Length - 1];
        for (int i = 0; i < refs.Length; i++) refs[i] = upstream;
        return new(new EquatableArray<string>(pieces), new EquatableArray<int>(refs));
    }

    /// <summary>Concatenates texts.</summary>
    public static AdjointText Concat(params AdjointText[] parts)
    {
        var text = new System.Collections.Generic.List<string> { "" };
        var refs = new System.Collections.Generic.List<int>();
        foreach (var part in parts)
        {
            text[text.Count - 1] += part.Text[0];
            for (int i = 0; i < part.Refs.Length; i++)
            {
                refs.Add(part.Refs[i]);
                text.Add(part.Text[i + 1]);
            }
        }
        return new(new EquatableArray<string>(text), new EquatableArray<int>(refs));
    }

    /// <summary>The text with each reference replaced by its adjoint's name.</summary>
    public string Render(System.Func<int, string> adjoint)
    {
        if (Refs.IsEmpty) return Text[0];
        var b = new System.Text.StringBuilder(Text[0]);
        for (int i = 0; i < Refs.Length; i++) b.Append(adjoint(Refs[i])).Append(Text[i + 1]);
        return b.ToString();
    }

    /// <summary>The text is exactly one adjoint: a copy.</summary>
    public bool IsAdjoint(out int node)
    {
        node = Refs.Length == 1 && Text[0].Length == 0 && Text[1].Length == 0 ? Refs[0] : -1;
        return node >= 0;
    }
}

/// <summary>
/// <c>Stack.Push(Value);</c>: an iteration's local array kept for the reverse sweep, which takes it back by a <see cref="NewLocal"/>;
/// on an <c>ArrayTape</c> also <c>PushLength</c> (a spare array's length).
/// </summary>
internal sealed record SaveArray(string Stack, string Value, string Method = "Push") : Step;

/// <summary><c>ArrayTape&lt;Element&gt; Name = workspace.Arrays&lt;Element&gt;(Site);</c>: a call site's array tape (Differentiator.Arrays).</summary>
internal sealed record NewArrayTape(string Element, string Name, int Site) : Step;
