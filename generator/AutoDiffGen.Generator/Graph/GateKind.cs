namespace AutoDiffGen.Generator.Graph;

/// <summary>
/// The operation of a node. Each gate has a forward expression and a local gradient per input
/// (see <c>Derivatives/LocalGradients</c>).
/// </summary>
internal enum GateKind
{
    /// <summary>A parameter of the method, read as-is.</summary>
    Parameter,
    /// <summary>A value that depends on no differentiable input: rendered C# text, no adjoint.</summary>
    Constant,
    /// <summary>A user local assigned from another value: passes the gradient through.</summary>
    Copy,
    /// <summary>A float ↔ double conversion: passes the gradient through with a cast.</summary>
    Convert,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    /// <summary>1 / x: its local gradient reuses the output, −y².</summary>
    Reciprocal,
    /// <summary>σ(x) = 1 / (1 + exp(−x)), recognised from its four-node form.</summary>
    Sigmoid,
    Exp,
    Log,
    LogBase,
    Log10,
    Log2,
    Sqrt,
    Cbrt,
    Pow,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Atan2,
    Sinh,
    Cosh,
    Tanh,
    Abs,
    Max,
    Min,
    Clamp,
    // The rest of the BCL's real functions (Derivatives/LibraryFunctions): Math/MathF members and the
    // generic-math statics of double and float (double.Hypot, float.ExpM1, …).
    Asinh,
    Acosh,
    Atanh,
    Hypot,
    FusedMultiplyAdd,
    ScaleB,
    ReciprocalEstimate,
    ReciprocalSqrtEstimate,
    ExpM1,
    Exp2,
    Exp10,
    Exp2M1,
    Exp10M1,
    LogP1,
    Log2P1,
    Log10P1,
    SinPi,
    CosPi,
    TanPi,
    AsinPi,
    AcosPi,
    AtanPi,
    Atan2Pi,
    RootN,
    CopySign,
    MaxMagnitude,
    MinMagnitude,
    MaxNumber,
    MinNumber,
    MaxMagnitudeNumber,
    MinMagnitudeNumber,
    IEEERemainder,
    /// <summary>The C# remainder operator on reals, x % y = x − trunc(x/y)·y.</summary>
    Remainder,
    DegreesToRadians,
    RadiansToDegrees,
    Lerp,
    /// <summary>Merges a variable's values where control flow meets (after a branch, around a loop).</summary>
    Phi,
    /// <summary>An element of an array or span parameter: x[i]. Its adjoint goes to dX[i].</summary>
    Element,
    /// <summary>new double[n] for a local array.</summary>
    NewArray,
    /// <summary>t[i] = v on a local array: the next version of the array.</summary>
    Store,
    /// <summary>
    /// <c>(T[])a.Clone()</c>: the values a local array held when it was passed to a callee that it is stored into after.
    /// It shares the array's adjoint (the adjoint at that point is the one of the values it holds).
    /// </summary>
    CopyArray,
    /// <summary>
    /// An array as long as its input, for the Backward of a callee that writes each element of it before reading it
    /// (<c>Lowering/WrittenBeforeRead</c>): it stands where <see cref="CopyArray"/> would, but its values are never read, so
    /// it is one array per call site (<c>name</c> + "Kept", grown when the length changes), not a copy per call.
    /// </summary>
    SpareArray,
    /// <summary>
    /// A local array made as a copy the user wrote (<c>(T[])x.Clone()</c>, <c>x.ToArray()</c>, <c>x.AsSpan(s, n).ToArray()</c>,
    /// <c>x[a..b]</c>): inputs are the source, then the slice's start and length when it is one. Unlike
    /// <see cref="CopyArray"/> it has an adjoint of its own, added into the source's (that slice of it) by the reverse
    /// sweep; its text names the index of that loop.
    /// </summary>
    CloneArray,
    /// <summary>
    /// A copy into an array that exists (<c>Array.Copy(x, sx, y, sy, n)</c>, <c>x.CopyTo(y, i)</c>, <c>x.AsSpan(a, n).CopyTo(y)</c>):
    /// the next version of the destination, whose elements from its first index are the source's. A bulk store: the
    /// reverse sweep adds what reached those slots into the source's adjoint and zeroes them (<see cref="CopyIntoForms"/>).
    /// </summary>
    CopyInto,
    /// <summary>
    /// <c>m[i] = new double[k];</c> on a local jagged array: the next version of the array, whose row i is a fresh row of
    /// zeros. Inputs are the array, the row's index, its length and the length of the row it replaces (0 for none). The
    /// reverse sweep gives the replaced row a zeroed adjoint of that length there.
    /// </summary>
    NewRow,
    /// <summary>
    /// A slice of an array or span (<c>x.AsSpan(s, n)</c>, <c>x[a..b]</c>, <c>s.Slice(a, n)</c>) passed to a callee that takes
    /// a span: inline text; inputs the array, the start and (optionally) the length. The callee's adjoint is the same
    /// slice of the array's adjoint, so nothing is added here.
    /// </summary>
    View,
    /// <summary>A call whose derivative is another method: a [Differentiable] callee's Backward or a [DerivativeOf].</summary>
    Call,
    /// <summary>
    /// A struct of reals built from its components (inputs, in <c>RealStructs.Components</c> order) to be passed to a
    /// [Differentiable] callee: inline, its name the construction and its text the same with a marker per component
    /// (<c>StructPacks</c>). Its adjoint is a struct of the same type; each component receives its member.
    /// </summary>
    Pack,
    /// <summary>One real member of a struct a [Differentiable] callee returned (input 0; Text: the member's path): its adjoint goes to that member of the call's.</summary>
    Part,
    /// <summary>
    /// The value a call leaves in a ref or out argument: its input is the call, which declares and sets its local
    /// (see <c>Emit/CallEmitter</c>) and back-propagates it (its reverse is the call's).
    /// </summary>
    CallOutput,
    /// <summary>
    /// <c>throw e;</c>: its text is the statement, its inputs the values the exception reads. Written in place in
    /// the forward sweep and never differentiated: its path ends there, before the reverse sweep starts.
    /// </summary>
    Throw,
    /// <summary>
    /// A call made only to check its arguments (<c>ArgumentNullException.ThrowIfNull(a)</c>, <c>Debug.Assert(c)</c>):
    /// its text is the call. Written in place in the forward sweep and never differentiated.
    /// </summary>
    Guard,
}
