using AutoDiffGen.Generator.Tests.Corpus;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// A peer AD tool's gradient test functions (Clad's test/Gradient: Gradient.C, Loops.C, Switch.C, FunctionCalls.C, …)
/// translated into [Differentiable] C# the way a user would write them (PeerSuite/Sources). Each method must either get
/// a Backward that compiles warning-free and agrees with central differences at sampled points (the corpus judge), or
/// the precise ADG error listed in <see cref="Diagnosed"/>: never a wrong value, a wrong gradient or broken code.
/// </summary>
public class PeerSuiteTests(ITestOutputHelper output)
{
    internal static readonly Lazy<CorpusRunner.Run> Result = new(() => CorpusRunner.Execute(Path.Combine(AppContext.BaseDirectory, "PeerSuite", "Sources")));

    /// <summary>The methods that must be refused, with the ADG error ids they must get (anything else must be Ok).</summary>
    public static readonly Dictionary<string, string> Diagnosed = new(StringComparer.Ordinal)
    {
        // Clad's own tests (Clad*.cs), translated word for word:
        // an array parameter reassigned to another (b = a), then indexed;
        ["CladPointers.PointerMultipleParams(double[], double[])"] = "ADG0003",
        // Array.Resize (CStyleMemoryAlloc: its local array of structs is carried since 2026-12-03), a helper returning a span: heap state is not differentiated;
        // (StructPointer, a class object made from x and only read, is right since 2026-12-03 objects4: carried as its members, CladExpectedValuesTests' 1.)
        ["CladPointers.CStyleMemoryAlloc(double, int)"] = "ADG0002",
        ["CladPointers.NestedPtrFn(double, double)"] = "ADG0004",
        ["CladPointers.NestedStruct(double)"] = "ADG0007", // a node object made from constants is one (2026-12-03); its field writes are not
        ["CladPointers.PointerAliasing(double)"] = "ADG0003",
        ["CladNonDifferentiable.FnS1MemFn(double, double)"] = "ADG0004", // the object is a constant (2026-12-03); its method has no derivative
        // CladMore.cs, CladUserTypes.cs (Constructors.C, ReverseForw.C, RecordRestore.C, NonActiveCallBase.C,
        // TemporaryMemberCall.C, UserDefinedTypes.C): a struct passed by ref to a void helper (ADG0006 there, so the call is
        // an effect); a ref return (ADG0005 there, so the ref argument is refused); an instance call on default(T);
        // a constructor that writes its own parameter or chains to another (: this(v)); a List created for its Count; a class
        // holding an array; an instance method of a struct that is not marked [Differentiable] (the error asks for the mark).
        // (RecordRestore, a struct passed by ref to a plain void helper, and Calls.OutParam, out reals of a plain helper, are right since objects6: inlined, Objects/RefHelperTests.)
        ["CladMore.F6(double, int)"] = "ADG0003",
        ["CladMore.AddrLit(double)"] = "ADG0003",
        ["CladMore.C1(double, double)"] = "ADG0003",
        ["CladMore.C6(double, double)"] = "ADG0003",
        ["CladMore.VectorTemporaryMethod(double)"] = "ADG0003",
        ["CladUserTypes.Fn3(double, double)"] = "ADG0007", // a class object made from constants (2026-12-03), then its array field written: the message names the field and says to use a local array (docs/supported.md)
        ["CladUserTypes.Fn21(double, double)"] = "ADG0004",
        // (Clad treats a non_differentiable function as a constant; C# has no such mark: FnNonDiffCall's plain helper is
        // differentiated in place since issue 13, as are Calls.CallsUndifferentiated's, Loops.SumSquares' and LogGaus' Sq:
        // PlainHelpers/LiftedPinTests checks them by hand. Pass [NoDiff] arguments to keep a helper constant.)
        // (C#'s fallthrough, goto case and goto default at a section's end, is supported: ControlFlow/GotoCaseTests.)
        // a struct's indexer (a property the generator does not read);
        ["CladValidCodeGen.Fn2(double, double)"] = "ADG0003",
        // CladGradients.cs (Gradients.C): an unsigned result; a ref local to a static field (Clad's global); a helper writing
        // a static field, and its caller;
        ["CladGradients.f_types(int, float, double)"] = "ADG0005",
        ["CladGradients.fn_global_var_use(double, double)"] = "ADG0002",
        ["CladGradients.g(double, double)"] = "ADG0007",
        ["CladGradients.f_reuse_global(double, double)"] = "ADG0007",
        // CladFunctionCalls.cs (FunctionCalls.C): Debug.Assert over
        // System.Type's ==, and its caller; std::max with a comparator, a delegate parameter. (Ref returns, identity,
        // custom_identity and nested, and their callers are supported: RefAliases/RefAliasTests; fn15's call whose value is
        // discarded while its argument assigns: Statements/DiscardedCallTests; span locals over an array
        // parameter, fn20, or over span parameters, fast_interp and its caller: Arrays/SpanLocalTests.)
        ["CladFunctionCalls.templated_fn(double)"] = "ADG0003",
        ["CladFunctionCalls.fn19(double)"] = "ADG0017",
        ["CladFunctionCalls.fn35(double, double)"] = "ADG0004",
        // CladRegressions.cs (test/Regressions): a union (a struct with explicit layout: its field writes are refused). (Span
        // locals over array parameters, issue-1804's h_inner, issue-1955's ptr_alias and loop_alias, null-tangent-pointer-
        // arithmetic.cpp's indexed, and Clad's PointerParam are supported: Arrays/SpanLocalTests.)
        ["CladRegressions.f2_1473(double)"] = "ADG0007",
        // CladRound25.cs (round25: Functors.C, TemplateFunctors.C, PullbackState.C, ReallocShrink.C, STLNonIndependentAdjoint.C,
        // NumDiff.C): a functor passed as a delegate, or as a struct to a generic constrained to an interface; a generic
        // struct's unmarked method (the error asks for the mark); a ref return of a ref parameter (*g(&x)); Array.Resize (realloc);
        // a local array declared null (realloc from null); a List<double> element written; extern functions (declared, not
        // defined: Clad falls back to numerical differences, we refuse at the call).
        ["CladRound25.FunctorAsArgWrapper(double, double)"] = "ADG0004",
        ["CladRound25.FunctorAsGenericWrapper(double, double)"] = "ADG0003",
        ["CladRound25.TemplateDouble(double, double)"] = "ADG0004",
        ["CladRound25.TemplateFloat(float, float)"] = "ADG0004",
        ["CladRound25.F(double)"] = "ADG0003",
        ["CladRound25.ShrinkRealloc(double)"] = "ADG0002",
        ["CladRound25.ReallocFromNull(double)"] = "ADG0003",
        ["CladRound25.ReplaceAndSquare(System.Collections.Generic.List<double>, double)"] = "ADG0007",
        ["CladRound25.NumDiffF1(double, double)"] = "ADG0004",
        ["CladRound25.NumDiffF2(double, double)"] = "ADG0004",
        ["Conversions.ViaDecimal(double)"] = "ADG0003",
        ["Conversions.ViaHalf(double)"] = "ADG0016",
        // (Conversions.ViaNullable: a double? local carries its gradient since idioms8, NullableLocals/.)
        ["Fuzz.F38(double, double, double[], int)"] = "ADG0002",
        ["Hunt2.CallsNoDiff(double, double)"] = "ADG0003",
        ["Hunt2.StringInterp(double)"] = "ADG0003",
        // (State.Goto, "again: r = r * x; i++; if (i < 3) goto again;", is judged right since 2026-12-03: a backward goto that
        // is a do/while as written is lowered as one, Statements/BackwardGotoTests.)
        // boxing x loses its gradient (the declaration pattern over the boxed constant is supported);
        ["State.IsPatternOnDouble(double)"] = "ADG0016",
        ["State.WritesStaticField(double)"] = "ADG0007",
    };

    /// <summary>
    /// Methods whose result depends on the inputs only through comparisons (a bisection): the derivative of the program
    /// as executed is zero, as in every AD tool, and the generator must say so with the ADG0011 warning. Central
    /// differences see the staircase, so the judge's verdict is not used; the gradient must be exactly zero.
    /// </summary>
    public static readonly HashSet<string> ZeroByDesign = new(StringComparer.Ordinal) { "Hunt.Bisection(double)" };

    /// <summary>
    /// Reciprocal(Sqrt)Estimate differentiates as the function it estimates (Bcl/LibraryFunctionTests checks that exactly).
    /// Where the hardware estimates (AVX-512's 14-bit table), central differences see only the table's flat steps: 0.
    /// </summary>
    public static readonly HashSet<string> EstimateByDesign = new(StringComparer.Ordinal) { "Hunt2.ReciprocalSqrt(double)" };

    [Fact]
    public void EveryPeerCaseIsCorrectOrPreciselyDiagnosed()
    {
        var run = Result.Value;
        output.WriteLine(CorpusTests.Summary(run));
        output.WriteLine(CorpusTests.Table(run));
        var problems = new List<string>();
        foreach (var m in run.Methods)
        {
            string key = m.Signature;
            if (Diagnosed.TryGetValue(key, out var ids))
            {
                if (m.Status != CorpusStatus.Diagnosed || string.Join(",", m.ErrorIds) != ids)
                    problems.Add(key + ": expected " + ids + " but " + m.Status + " " + string.Join(",", m.ErrorIds) + " " + string.Join(" | ", m.Details));
            }
            else if (ZeroByDesign.Contains(key))
            {
                bool zero = m.Status == CorpusStatus.Ok || (m.Status == CorpusStatus.Wrong && m.Details.Any(d => d.Contains(" = 0 but ", StringComparison.Ordinal)));
                if (!m.WarningIds.Contains("ADG0011") || !zero) problems.Add(key + ": expected a zero gradient and ADG0011 but " + m.Status + " " + string.Join(" | ", m.Details));
            }
            else if (EstimateByDesign.Contains(key))
            {
                bool flatSteps = m.Status == CorpusStatus.Wrong && m.Details.All(d => d.Contains("but central differences give 0 ", StringComparison.Ordinal));
                if (m.Status != CorpusStatus.Ok && !flatSteps) problems.Add(key + ": expected the exact function's gradient but " + m.Status + " " + string.Join(" | ", m.Details));
            }
            else if (m.Status != CorpusStatus.Ok)
            {
                problems.Add(key + ": " + m.Status + " " + string.Join(",", m.ErrorIds) + " " + string.Join(" | ", m.Details));
            }
        }
        // Helpers the judge cannot call (ref/in/out or span parameters, void, ref returns) are judged through their callers:
        // each must be diagnosed exactly as pinned, or have no error at all.
        foreach (var h in run.Helpers)
        {
            if (Diagnosed.TryGetValue(h.Signature, out var ids))
            {
                if (h.Status != CorpusStatus.Diagnosed || string.Join(",", h.ErrorIds) != ids)
                    problems.Add(h.Signature + ": expected " + ids + " but " + h.Status + " " + string.Join(",", h.ErrorIds) + " " + string.Join(" | ", h.Details));
            }
            else if (h.Status != CorpusStatus.Ok) problems.Add(h.Signature + " (judged through its callers): " + h.Status + " " + string.Join(",", h.ErrorIds) + " " + string.Join(" | ", h.Details));
        }
        foreach (var key in Diagnosed.Keys.Where(k => run.Methods.All(m => m.Signature != k) && run.Helpers.All(m => m.Signature != k))) problems.Add(key + ": listed but not in the sources");
        problems.AddRange(run.Global.Select(g => "global: " + g));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
