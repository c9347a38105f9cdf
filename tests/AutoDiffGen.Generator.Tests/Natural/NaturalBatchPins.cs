using AutoDiffGen.Generator.Tests.Corpus;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// Natural/Batch: 879 [Differentiable] methods (judged: those returning a real) written as people trying the package write them (finance, physics, ML,
/// statistics, optimisation test functions, .NET's generic-math statics such as double.Hypot and double.RootN, LINQ,
/// records, properties, local functions, switch expressions, named and params arguments, extension methods, recursion,
/// tuple swaps, forward/Hessian/Jacobian modes) and Clad's test/Gradient/MemberFunctions.C translated.
/// Each is judged as the corpus is (central differences at up to 3 points). Every method is ok, or gets exactly the ADG
/// errors pinned below, at the construct named in the comment; none is wrong or broken.
/// <para>
/// The pins live here; the tests are <see cref="NaturalBatchWholeTests"/> (the run as a whole) and the group classes of
/// NaturalBatchGroupTests.cs (each file's methods, a theory case per file, spread over classes so that xunit runs them on
/// both cores; all share one compilation per mode, <see cref="NaturalBatch"/>).
/// </para>
/// </summary>
public static class NaturalBatchPins
{
    internal static readonly Dictionary<string, string> Diagnosed = new(StringComparer.Ordinal)
    {
        // Clad MemberFunctions.C: a struct with a bool member passed to a plain instance method in a condition (fn8: ADG0016,
        // its gradient would reach code not differentiated), a class object whose method stores a value (fn11: ADG0002 at a.SetData(u)),
        // and a [Differentiable] method writing its struct's own field (RefMemFn: ADG0007 at the write; fn2 calling it, fn12's void method with out: right since objects6, Objects/MutatingValueTests, RefHelperTests). Fn3/Fn3Const (a [Differentiable] method
        // without WithRespectToThis on a struct local: inlined), fn4/fn5 (the struct's own ++ and +=: inlined) and fn9/fn10
        // (a struct with a bool member built by an object initializer: the bool a constant, 2026-12-03) are ok.
        ["CladMemberFunctions.Fn11(double, double)"] = "ADG0002", // its object, made from constants, is one (2026-12-03); a.SetData(u) is a call for its effect
        ["CladMemberFunctions.Fn8(double, double)"] = "ADG0016",
        ["SimpleFunctions.RefMemFn(double)"] = "ADG0007",
        // (Likelihoods.LineFit, foreach (var (x, y) in Points) over a static readonly tuple array, is right since natural15:
        // constant tuples are deconstructed, Lists/ConstantTupleListForEachTests checks it by hand.)
        // Math.BitIncrement (no derivative). (Records.LogPdfViaRecord, a record class made from differentiated values, is right
        // since 2026-12-03 objects4: carried as its members, Objects/ValueClassTests checks it by hand too.)
        ["MathApi.Bitwise(double)"] = "ADG0004",
        // (V01_Calls.cs: Modes.CallsHelper, a Hessian-mode method calling helpers that are not Hessian = true, is right since
        // 2026-12-03, hess6: DerivedForms/UnmarkedCalleeTests. Ext.Goto, a goto back to an earlier label that is a do/while as
        // written, and Ext.TryCatch, whose try (Math.Log) never throws, are right since 2026-12-03: Statements/BackwardGotoTests,
        // Statements/TryCatchTests.)
        // W01–W03_Hunt.cs (2026-12-03, second session: signal, epidemics, geometry, economics, losses, layers, control,
        // chemistry, statistics composed from helpers, Monte Carlo with new Random(seed), sorts, lists, local Vector2[]):
        // (Collect.Scores, LINQ's ToList() of a Select, is right since 2026-12-03: Lists/ListMadeByLinqTests.)
        // W04_Hunt.cs (2026-12-03, third session: pricing, learning, physics with an RK4 local function returning a tuple,
        // statistics, newer Math members, named and default arguments). (Misc.NullCoalesce, an array chosen by ??, is right since idioms9: ArrayChoices/.)
        // W07_Idioms.cs (2026-12-03, fourth session: extension methods, switch expressions and patterns, records with
        // `with` and operators, params, named/default arguments, out helpers, guards, stackalloc, Vector3 and Complex,
        // tuple loops, LINQ, checked casts, jagged and 2-D arrays, ref locals, binary search): an `is` pattern declaring a
        // variable of a computed object, and a double? local made from a value with a gradient. (Idioms.CallsInParam, a real
        // struct passed by `in`, is right since 2026-12-03, inparams5: RefOut/InStructParameterTests; Idioms.ForeachTuple, a
        // local array of tuples walked by deconstruction, since idioms6: Arrays/LocalTupleArrayTests.)
        // (idioms11 made type patterns on a differentiated real work, `x is double d`: TypeTests/RealTypePatternTests. This one
        // declares a string from a computed object, `Tag(n) is string s`, which the generated code could not declare in C# 7.3
        // and under nullable analysis alike: still refused at the pattern. idioms12 kept the refusal, with one error now: the
        // variable's reads are not reported again; docs/supported.md says why.)
        ["Idioms.IsPattern(double, int)"] = "ADG0003",
        // (Idioms.NullableLocal: a double? local is carried as (HasValue, Value) since idioms8, NullableLocals/.)
        // W06_Hunt.cs (2026-12-03, hunt3: the last two sessions' additions as a user writes them; a struct or tuple local
        // passed by ref to a local function, or captured and written by one, is right since then: InlinedScopes/StructResultTests).
        // A call to a generic callee with a ref int (ADG0006 at its parameter, a helper judged through its callers as those
        // taking structs, struct arrays or ref are; since idioms12 the ADG0003 at `ref k` names Bump's ref int parameter and says to pass
        // it by value or move it in a void plain helper: Idioms12/Idioms12RefusalTests); a hand-written [DerivativeOf] in Hessian mode. (Captures.CapturedTupleWrittenByLambda,
        // an Action<double> writing a captured tuple, is right since lists11: InlinedScopes/ActionLambdaTests checks it by hand.)
        ["GenericRefs.UsesBump(double)"] = "ADG0003",
        ["HandUse.HessianCaller(double, double)"] = "ADG0019",
        // Lists: a foreach whose body adds to the list (C# throws; AddRangeSelf and Alias are right since lists6: Lists/ListMovesTests).
        ["ListHunt.ForeachAdding(double)"] = "ADG0003",
        // (Slots.CalleeIndex, a slot's index moved by a void helper taking it by ref, is right since objects6: Objects/RefHelperTests.)
        // State reached through an indexer, a struct's property (ADG0032 at the caller's call, and in Jacobian mode at a helper), an
        // operator of a class (its helper ADG0004: no derivative), an event subscribed in a call for its effect (its helper
        // ADG0002). LegThread, a [ThreadStatic] counter written with no gradient, builds since idioms21 (ADG0007 before; its value
        // changes from call to call, so the judge leaves it unchecked) and ViaThreadStatic, calling it twice, is ADG0032 at the call.
        ["Stateful.ViaEvent(double)"] = "ADG0017",
        ["Stateful.ViaIndexer(double)"] = "ADG0032",
        ["Stateful.ViaLazyValue(double)"] = "ADG0003",
        ["Stateful.ViaOperator(double)"] = "ADG0017",
        ["Stateful.ViaStructProperty(double)"] = "ADG0032",
        ["Stateful.ViaThreadStatic(double)"] = "ADG0032",
        // A local struct array passed to a callee that writes it (`ref bs[0]` in a helper: ADG0003). SmoothH, which writes its own
        // double[] parameter, is right since hess11 (Hessians/HessianWrittenParameterTests checks it by hand); HessCaller, Hessian
        // mode over a callee writing its array, since hess12 (Hessians/HessianWritingCalleeTests checks it by hand).
        ["StructArrayCallee.CallsWriter(double, double)"] = "ADG0003",
        // X08_hunt6.cs (2026-12-03, hunt6: list parameters, value classes, in structs, try/catch, goto, checked, combined;
        // Hunt.DivideInPlace and RemainderInPlaceLoop, n /= k and n %= k in a try, are right since hunt6; in a try with a
        // catch, a call, a checked integer multiply, a list element, a tuple's or struct's member read since idioms7:
        // Statements/TryCatchCallTests); a method of a class object in a try stays ADG0002 (ClassMix.LineTryCatch: by the
        // rule that a cast to int cuts the gradient, d/da = 1, but central differences see its 1e-9 staircase as x + 1).
        // A class whose constructor chains, guards or leaves an init default (ADG0003 at the creation); a list's ToArray()
        // passed straight to a call (right since lists8: Lists/ListArgumentTests). (Modes.CallsInHessian, an `in` struct of get-only
        // properties passed to a callee in Hessian mode, is right since hess14: the callee inlined, Hessians/HessianStructCallTests checks it by hand.)
        ["ClassMix.LineTryCatch(double, double, double)"] = "ADG0002",
        ["Hunt.ChainedCtor(double)"] = "ADG0003",
        ["Hunt.GuardedCtor(double)"] = "ADG0003",
        ["Hunt.InitDefault(double, double)"] = "ADG0003",
        // X09_lists7.cs (lists7: Math.NET's StreamingStatistics over IEnumerable<double>, word for word): Variance's explicit enumerator in a using, and
        // StandardDeviation passing its sequence on to it, are right since enum9 (Lists/EnumeratorWalkTests checks Variance and Covariance by hand too).
        // X10_lists8.cs (lists8: Math.NET's ArrayStatistics and StreamingStatistics word for word, lists passed between methods): the
        // explicit enumerator again (right since enum9, and PopulationStandardDeviation calling it), and Statistics' dispatch
        // `data is double[] array ? ArrayStatistics… : StreamingStatistics…` (a type test of a sequence that carries a gradient: ADG0003).
        // (idioms11: a type test the static type does not decide, with a gradient behind it, stays ADG0003 at the pattern: the
        // sequence's run-time type chooses the path. X12_idioms11.cs, type patterns on reals, using, lock and foreach over
        // double[,] and jagged rows, is right in full.) idioms13a keeps it refused over a sequence, now with one ADG0003 at the
        // pattern saying to declare the parameter double[] (docs/supported.md, "Array dispatch"); over a double[] the same
        // dispatch is right (Idioms13a/Idioms13aTests checks Math.NET's RootMeanSquare through it by hand). idioms14a: over a list
        // or sequence parameter too, the array path taking a copy of the elements (Idioms14a/SequenceDispatchTests checks
        // Statistics8.RootMeanSquare by hand, called with an array and with a list).
        // X10_throw8.cs (throw8: Math.NET's StreamingStatistics and CubicSpline word for word, and calls of them): the explicit
        // enumerators (Variance, PopulationVariance, Covariance, PopulationCovariance, double and float, their StandardDeviations, StreamCalls.Cv:
        // were ADG0002/ADG0017) are right since enum9; Entropy's Dictionary (ADG0002/0003/0007/0016).
        ["StreamingStatistics.Entropy(System.Collections.Generic.IEnumerable<double>)"] = "ADG0002,ADG0003,ADG0007,ADG0016",
        // X12_hunt11.cs (hunt11, 2026-12-04: finance, physics with Vector2/3, ML, statistics, geometry, optimisation, L(x, x) self
        // comparisons, Math.CopySign in Hessian mode, Complex/Vector constants: all right; the Black–Scholes call and put and
        // LogisticLoss, whose private helpers Cdf/Erf and Sigmoid are not [Differentiable], are right since helpers11 inlines
        // plain helpers: PlainHelpers/). Diagnosed, each at the construct:
        // generic helpers that are not [Differentiable] generic math (ADG0003 at the call, since idioms13a naming the generic helper and
        // saying to write it for double or make it [Differentiable] generic math), a record class tested by `is var`
        // (ADG0003), a recursive local function (ADG0003 at the recursive call). (Shapes11Tuples.JaggedSum, foreach over a
        // jagged parameter's rows reading row[j] and row.Length, and TupleHelper, var (s, p) = Both(x, y) of a plain helper,
        // are right since idioms12: Idioms12/Idioms12Tests checks the same bodies by hand.) (Stats11.Kurtosis, a tuple parameter, is ADG0006 at
        // the parameter and, like a helper taking a struct, is judged through its callers: it has none here.)
        // (Generic11.UsesPoly and UsesSquare, plain generic helpers at double, are right since idioms14a: read over double and
        // inlined; Idioms14a/GenericHelperTests checks both word for word by hand: 12x - 2 and 4x + 2.)
        ["Shapes11.CircleArea(double)"] = "ADG0003",
        ["Shapes11Tuples.LocalRecursion(double)"] = "ADG0003",
        // X13_hunt12.cs (hunt12, 2026-12-04: Math.NET's GammaLn, Gamma, BetaLn, BetaRegularized (Lentz's continued fraction), the
        // incomplete gamma series, Normal/LogNormal/StudentT/Gamma/Beta densities and CDFs, streaming variance, skewness and
        // kurtosis, Distance metrics, word for word with their guards; Clad's Gradient/ForwardMode/Hessian and Enzyme's
        // integration cases translated; an enum, string or int? compared with itself through an inlined function, a broken
        // build fixed then: InlinedCallees/SelfComparisonTypesTests; the Try pattern through a plain helper, `TryInvert(x, out var inv)
        // ? … : 0` and `if (TrySqrt(x, out var r))`, is inlined since try12: PlainHelpers/PlainTryHelperTests). Diagnosed, each at
        // the construct: a plain helper taking strings (ADG0004 at `Scale(x * x, u, u)`). (Peer12More.RefArrayHelper, a void helper
        // adding into its array argument, is right since idioms13b: inlined, PlainHelpers/ArrayWritingHelperTests checks it by hand.)
        ["MathNetMore12.UnitHelper(double)"] = "ADG0004",
        // Idioms12 (X13_hunt12.cs): (a write through a ref ternary, `(x > y ? ref a : ref b) = …`, and a ref local bound to one,
        // are right since idioms13a: Idioms13a/Idioms13aTests checks ConditionalRefAssign and RefTernary by hand); LINQ over a range of an array, `a[1..3].Sum()` (ADG0003 at the
        // range: an array that is not a parameter or local); (`foreach (var (a, b) in xs.Zip(ys))` is right since idioms14b:
        // Idioms14b/Idioms14bTests checks ZipTuple by hand);
        // `Math.DivRem(7, 3, out _);` as a statement and `Math.DivRem(17, 5, out int r)`: since idioms19b each is one ADG0003 at
        // the call naming 'Math.DivRem' (a library call returning through out arguments, OutCallRefusals; was ADG0002 + ADG0003).
        ["Idioms12.IndexFromEnd(double[])"] = "ADG0003",
        ["Idioms12.OutDiscard(double)"] = "ADG0003",
        // X14_hunt13.cs (hunt13, 2026-12-04: jax.scipy.special, Enzyme's integration tests, ADBench's GMM and bundle adjustment,
        // an up-and-out barrier by Monte Carlo, SABR, a bootstrapped curve, symplectic integrators, SDFs with MathF, forward
        // kinematics; Finance13.BarrierUpAndOutMc's knock-out 1 / (1 + Math.Exp((s − B) / ε)) gave a NaN gradient where exp
        // overflowed and is right since then: Robustness/SigmoidOfExpTests). Diagnosed, each at the construct: ADBench's C
        // helpers ported as void methods filling their output arrays were ADG0002 at each call, and are right since idioms13b
        // (PlainHelpers/GmmHelperCallTests checks AdBench13.GmmWithHelpers by hand); (a `goto` out of an if nested in an if, GotoCleanup, and a
        // property pattern `{ X: > 1f, Y: not < 0f }`, PatternVector, are right since idioms14b: Idioms14b/Idioms14bTests checks both by hand); (Robotics13.DhHeight, a local `new double[3, 3]` made in a loop and `r = n`, was ADG0003 at the creation and ADG0007 at the write,
        // and is right since idioms15b: Idioms15b/Idioms15bTests checks it word for word by hand, forward and Hessian);
        // (Robotics13.Matrix3x2Arm and QuaternionJoint, System.Numerics' Matrix3x2 operator * and Quaternion.CreateFromAxisAngle,
        // were ADG0003 and are right since structs14: Structs/NumericsTransformTests checks both, verbatim, by hand and central differences.)
        // (Idioms13.InScalar, `Weighted(in x, y)`, and Idioms13.SegmentLength, `Perimeter(in s)` of a readonly struct, plain
        // helpers taking `in` reals and structs of reals, were ADG0003 and are right since hunt13's second round:
        // PlainHelpers/PlainStructHelperTests checks the same bodies by hand and central differences.)
    };

    /// <summary>
    /// The same methods with <c>Forward = true</c> on every plain <c>[Differentiable]</c>: each Forward of scalars is judged
    /// too (its tangent is ⟨gradient, t⟩, <see cref="ForwardJudge"/>). Pinned beyond <see cref="Diagnosed"/>: what forward
    /// mode refuses with what to write instead.
    /// </summary>
    internal static readonly Dictionary<string, string> DiagnosedForward = new(StringComparer.Ordinal)
    {
        // (Ext.Jagged and W07's Idioms.ArrayOfArrays, local jagged arrays, are right in forward mode since 2026-12-03, modes4:
        // Forward/JaggedLocalForwardTests.)
        // (Ext.RefElement and Ext.WriteParam, which write into their array parameter and return a value, are right in forward
        // mode since 2026-12-03: Forward/ValueAndArrayForwardTests.)
        // (Modes.UsesPolar, whose callee has Jacobian = true only, is right since 2026-12-03, hess6: DerivedForms/UnmarkedCalleeTests.)
        // (Vectors.Energy, which calls a WithRespectToThis Dot, is right in forward mode since modes6: the callee is inlined.)
        // (X08_hunt6's Modes.CallsTryJacobian, whose callee keeps Jacobian = true only, is right since hess6: its MForward is written from its body.)
    };

    /// <summary>What is pinned in a mode: <see cref="Diagnosed"/>, and in forward mode <see cref="DiagnosedForward"/> too.</summary>
    internal static Dictionary<string, string> For(bool forward) =>
        forward ? Diagnosed.Concat(DiagnosedForward).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) : Diagnosed;
}
