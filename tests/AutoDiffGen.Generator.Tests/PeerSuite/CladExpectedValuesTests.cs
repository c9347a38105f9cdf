using System.Globalization;
using System.Reflection;
using Xunit;

namespace AutoDiffGen.Generator.Tests.PeerSuite;

/// <summary>
/// The peer tool's own expected gradients: each row is a CHECK-EXEC line of a Clad test (vgvassilev/clad 4b2c0eef) whose
/// function PeerSuite/Sources/Clad*.cs translates, with Clad's point and Clad's printed gradient (or, where Clad prints
/// none, the hand derivation in the comment). The Backward of every row that the generator supports must give exactly
/// that (to Clad's two printed decimals and 1e-9 relative); diagnosed methods are skipped here (PeerSuiteTests pins them).
/// </summary>
public class CladExpectedValuesTests
{
    private static double[] A(params double[] v) => v;
    private static float[] F(params float[] v) => v;

    /// <summary>Type, method, the point (arrays as given), and the gradient: one entry per differentiated scalar, arrays flattened.</summary>
    public static readonly (string Type, string Method, object[] Point, double[] Gradient)[] Rows =
    [
        // test/Gradient/Assignments.C
        ("CladAssignments", "F1", [3.0, 4.0], A(0, 1)),
        ("CladAssignments", "F2", [3.0, 4.0], A(0, 1)),
        ("CladAssignments", "F3", [2.0, 100.0], A(32, 0)),
        ("CladAssignments", "F4", [3.0, 4.0], A(1, 0)),
        ("CladAssignments", "F5", [-3.0, 4.0], A(6, 0)),
        ("CladAssignments", "F5", [3.0, -4.0], A(-6, 0)), // f6 is f5 at another point
        ("CladAssignments", "F7", [3.0, 4.0], A(1, 0)),
        ("CladAssignments", "F8", [3.0, 4.0], A(0, 8)),
        ("CladAssignments", "F9", [3.0, 4.0], A(24, 9)),
        ("CladAssignments", "F10", [3.0, 4.0], A(0, 1)),
        ("CladAssignments", "F11", [3.0, 4.0], A(0, 1)),
        ("CladAssignments", "F12", [3.0, 4.0], A(0, 8)),
        ("CladAssignments", "F12Conditional", [3.0, 4.0], A(0, 8)),
        ("CladAssignments", "F13", [3.0, 4.0], A(27, 0)),
        ("CladAssignments", "F14", [3.0, 4.0], A(96, 0)),
        ("CladAssignments", "F15", [3.0, 4.0], A(30, 33)),
        ("CladAssignments", "F16", [3.0, 4.0], A(16, 12)),
        ("CladAssignments", "F17", [3.0, 4.0, 5.0], A(2, 0, 0)),
        ("CladAssignments", "F18", [3.0, 4.0, 5.0], A(3, 2, 0)),
        ("CladAssignments", "F19", [1.0, 2.0], A(2, 2)),
        ("CladAssignments", "F20", [1.0, 2.0], A(0, 3)),
        ("CladAssignments", "F21", [6.0, 4.0], A(1, 0)),
        ("CladAssignments", "F22", [6.0, 4.0], A(0, 0)),
        ("CladAssignments", "F23", [7.0, 5.0], A(1, 1)),
        ("CladAssignments", "F23FromEnd", [7.0, 5.0], A(1, 1)),
        ("CladAssignments", "ConstVal", [3.0, 4.0], A(24)),
        ("CladAssignments", "ConstValIn", [3.0, 4.0], A(16, 24)),
        ("CladAssignments", "ConstValInput", [3.0], A(1)),
        ("CladAssignments", "F24", [7.0, 5.0], A(1, 1)),
        ("CladAssignments", "F26", [8.0, 2.0], A(0.5, -2)),
        ("CladAssignments", "F27", [3.0, 4.0], A(5, 3)),
        // test/Gradient/EarlyReturns.C, RecursiveFunctionEarlyReturn.C
        ("CladEarlyReturns", "NoEarly", [3.0, 5.0], A(5, 3)),
        ("CladEarlyReturns", "SingleEarly", [5.0, 3.0], A(10, 0)),
        ("CladEarlyReturns", "SingleEarly", [3.0, 5.0], A(5, 3)),
        ("CladEarlyReturns", "MultiEarly", [20.0, 1.0], A(1, 0)),
        ("CladEarlyReturns", "MultiEarly", [1.0, 20.0], A(0, 40)),
        ("CladEarlyReturns", "MultiEarly", [2.0, 3.0], A(3, 2)),
        ("CladEarlyReturns", "LoopEarly", [2.0, 3.0], A(12, 8)),
        ("CladEarlyReturns", "LoopEarly", [1.0, 1.0], A(5, 5)),
        ("CladEarlyReturns", "MidEarly", [8.0, 7.0], A(896, 960)),
        ("CladEarlyReturns", "MidEarly", [6.0, 7.0], A(56, 90)),
        ("CladEarlyReturns", "CallsRec", [3.0, 1.0], A(1, 1)),
        ("CladEarlyReturns", "NestedEarlyReturn", [5.0, 3.0], A(3, 5)),
        ("CladEarlyReturns", "NestedEarlyReturn", [-5.0, 3.0], A(0, 0)),
        ("CladEarlyReturns", "DeclAfterEarly", [3.0, 0.0], A(0, 0)),
        ("CladEarlyReturns", "DeclAfterEarly", [3.0, 5.0], A(7, 13)),
        ("CladEarlyReturns", "RefAfterEarly", [1.0, 2.0], A(64, 32)),
        ("CladEarlyReturns", "RefAfterEarly", [1.0, 0.0], A(0, 0)),
        ("CladEarlyReturns", "StructRefAfterEarly", [1.0, 2.0], A(8, 5)),
        ("CladEarlyReturns", "StructRefAfterEarly", [1.0, 0.0], A(0, 0)),
        ("CladEarlyReturns", "NontrivialRefAfterEarly", [1.0, 2.0], A(8, 5)),
        ("CladEarlyReturns", "Func1", [2.0, 3], A(8)),
        ("CladEarlyReturns", "Func", [A(1, 2, 3), 3, A(1)], A(74, 13, 2, 6)),
        // test/Gradient/Pointers.C
        ("CladPointers", "NonMemFn", [5.0], A(10)),
        ("CladPointers", "MinimalPointer", [5.0], A(10)),
        ("CladPointers", "ArrayPointer", [A(1, 2, 3, 4, 5)], A(5, 1, 2, 4, 3)),
        ("CladPointers", "PointerParam", [A(1, 2, 3, 4, 5), 5], A(0, 1, 2, 3, 4)),
        ("CladPointers", "PointerMultipleParams", [A(1, 2, 3, 4, 5), A(1, 2, 3, 4, 5)], A(2, 4, 2, 0, 0, 0, 0, 1, 0, 0)),
        ("CladPointers", "NewAndDeletePointer", [5.0, 7.0], A(9, 7)),
        ("CladPointers", "StructPointer", [5.0], A(1)),
        ("CladPointers", "CStyleMemoryAlloc", [5.0, 7], A(4)),
        ("CladPointers", "NestedPtrFn", [5.0, 7.0], A(0, 1)),
        ("CladPointers", "ListInitPtrFn", [5.0, 7.0], A(1, 1)),
        ("CladPointers", "NestedStruct", [5.0], A(1)),
        ("CladPointers", "PointerAliasing", [5.0], A(3)),
        // test/Arrays/ArrayInputsReverseMode.C
        ("CladArrayInputs", "F", [A(1, 2, 3)], A(1, 1, 1)),
        ("CladArrayInputs", "Func", [F(1, 1, 1), F(2, 5, 2)], A(2, 5, 2, 1, 1, 1)),
        ("CladArrayInputs", "Func2", [F(2, 3, 4)], A(2, 2, 2)),
        ("CladArrayInputs", "Func3", [F(1, 1, 1), F(2, 5, 2)], A(1, 1, 1, 1, 1, 1)),
        ("CladArrayInputs", "Func4", [1.0], A(15)),
        ("CladArrayInputs", "Func6", [1.0], A(9)),
        ("CladArrayInputs", "Func7", [A(2)], A(-0.25)),
        ("CladArrayInputs", "Func8", [3.0, A(1, 2, 3, 4, 5), 5], A(1, 0, 0, 0, 0, 0)), // arr[0] is overwritten with 1 before it is read
        ("CladArrayInputs", "Func9", [3.0, 5.0], A(5, 0)),
        ("CladArrayInputs", "Func10", [A(1, 2, 3, 4, 5), 5], A(2, 4, 6, 8, 10)),
        ("CladArrayInputs", "Func11", [1.0], A(9)),
        ("CladArrayInputs", "Func12", [A(1, 2, 3), A(5, 6, 7)], A(5, 6, 7, 1, 2, 3)),
        ("CladArrayInputs", "Func13", [A(1, 2, 3, 4), 5.0], A(3, 0, 10, 0, 6)),
        // test/Gradient/CommaOperator.C
        ("CladComma", "CommaBasic", [10.0, 5.0, 2.0], A(0, 2, 5)),
        ("CladComma", "CommaSideEffect", [10.0, 5.0, 2.0], A(0, 2, 5)),
        ("CladComma", "CommaLvalueAssign", [10.0, 5.0, 3.0], A(0, 0, 2)),
        ("CladComma", "CommaNestedSelf", [10.0, 3.0], A(0, 6)),
        ("CladComma", "CommaNestedChain", [10.0, 5.0, 3.0, 2.0], A(0, 0, 2, 3)),
        ("CladComma", "CommaLvalueExpr", [10.0, 5.0, 3.0, 2.0], A(0, 0, 2, 3)),
        ("CladComma", "CommaLvalueChain", [10.0, 5.0, 3.0, 2.0], A(0, 0, 0, 3)),
        // UnaryMinus.C, TestTypeConversion.C, TBRTernary.C, ConditionalOperatorCondition.C, SwitchInit.C
        ("CladUnaryMinus", "F1", [5.0], A(1)),
        ("CladUnaryMinus", "F2", [3.0, 4.0], A(-4, -3)),
        ("CladTypeConversion", "FnTypeConversion", [4f, 3], A(9)),
        ("CladTbrTernary", "F", [false, 2.0, 3.0], A(0, 6)),
        ("CladTbrTernary", "F", [true, 2.0, 3.0], A(4, 0)),
        ("CladConditionalCondition", "F", [3.0, "x"], A(6)),
        ("CladSwitchInit", "Fn1", [3.0, 5.0], A(156, 100)),
        // test/Gradient/TestAgainstDiff.C (Clad compares with its forward mode at (1,1), (3,3), (5,5): by hand here),
        // ReverseForw.C, constexprTest.C, Lambdas.C, Constructors.C, TemporaryMemberCall.C (Sources/CladMore.cs)
        ("CladMore", "Rosenbrock", [3.0, 3.0], A(2 * (3 - 1) - 400 * 3 * (3 - 9), 200 * (3 - 9))),
        ("CladMore", "F1", [-9.0], A(-1)),
        ("CladMore", "F3", [1.0], A(6)),
        ("CladMore", "F4", [1.0], A(6)),
        ("CladMore", "F5", [1.0, 1], A(3)),
        ("CladMore", "Mul", [2.0, 3.0, 4.0], A(12, 8, 6)),
        ("CladMore", "Fn", [4.0, 9.0, 10.0], A(1530, 880, -467)),
        ("CladMore", "L1", [3.0, 4.0], A(1, 8)),
        ("CladMore", "L2", [1.0, 1.0], A(3, 1)),
        ("CladMore", "L3", [1.0, 2.0], A(1, 4)),
        ("CladMore", "L4", [1.0, 2.0], A(1, 2)),
        ("CladMore", "GlobalF", [4.0], A(3)),
        ("CladMore", "L6", [3.0], A(8)),
        ("CladMore", "L7", [3.0, 4.0], A(6, 0)),
        ("CladMore", "C3", [3.0, 2.0], A(9, 0)),            // fn3: s.i * s.p with i = 9
        ("CladMore", "C1Assigned", [3.0, 4.0], A(7, 0)),    // fn1: x + x², written without the parameter write
        ("CladMore", "C6Flat", [3.0, 4.0], A(24, 9)),       // fn6: x² y
        ("CladMore", "C7", [2.0, 9.0], A(12, 0)),           // fn7: x³
        ("CladMore", "C8", [7.0, 2.0], A(1, 1)),
        ("CladMore", "C10", [7.0, 2.0], A(1, 1)),
        ("CladMore", "TemporaryMethod", [3.0], A(6)),
        // test/Gradient/Switch.C fn1-fn3: fallthrough, as goto case (Sources/Switch.cs)
        ("Switches", "Fn1", [3.0, 5.0], A(156, 100)),
        ("Switches", "Fn2", [3.0, 5.0], A(5, 3)),
        ("Switches", "Fn3", [3.0, 5.0], A(162, 90)),
        // test/Arrays/Arrays.C (sum and sum_squares are Clad forward-mode checks of ∂/∂x; the rest by hand)
        ("CladArrays", "Sum", [11.0, 12.0, 13.0], A(1, 1, 1)),
        ("CladArrays", "SumSquares", [11.0, 12.0, 13.0], A(22, 24, 26)),
        ("CladArrays", "ConstDotProduct", [11.0, 12.0, 13.0], A(1, 2, 3)),
        ("CladArrays", "ConstMatmulSum", [1.0, 2.0, 3.0, 4.0], A(3, 7, 3, 7)), // Σ(A·B) = 3a + 7b + 3c + 7d
        ("CladArrays", "ConstMatmulSumJagged", [1.0, 2.0, 3.0, 4.0], A(3, 7, 3, 7)),
        ("CladArrays", "FOuter", [5.0], A(20)),
        // test/ValidCodeGen/ValidCodeGen.C, test/Gradient/NonDifferentiable.C
        ("CladValidCodeGen", "Fn", [3.0], A(3)),
        ("CladValidCodeGen", "Fn2", [3.0, 4.0], A(4, 0)),
        ("CladNonDifferentiable", "FnS1MemFn", [3.0, 5.0], A(35, 33)),
        ("CladNonDifferentiable", "FnS1Field", [3.0, 5.0], A(5, 3)),
        ("CladNonDifferentiable", "FnNonDiffPtrParam", [F(1), F(2), F(3)], A(1, 1)),
    ];

    [Fact]
    public void SupportedTranslationsGiveClad_sOwnGradients()
    {
        var run = PeerSuiteTests.Result.Value;
        Assert.NotNull(run.Assembly);
        var problems = new List<string>();
        int checkedRows = 0;
        foreach (var (typeName, name, point, expected) in Rows)
        {
            var type = run.Assembly!.GetType("PeerSuite." + typeName, throwOnError: true)!;
            const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static;
            var backward = type.GetMethods(all).SingleOrDefault(m => m.Name == name + "Backward");
            if (backward is null)
            {
                // No Backward: the method must be one PeerSuiteTests pins as diagnosed.
                if (!PeerSuiteTests.Diagnosed.Keys.Any(k => k.StartsWith(typeName + "." + name + "(", StringComparison.Ordinal))) problems.Add(typeName + "." + name + ": no Backward and not pinned as diagnosed");
                continue;
            }
            var primal = type.GetMethods(all).Single(m => m.Name == name);
            var ps = primal.GetParameters();
            var args = new List<object?>(point.Select(p => p is Array a ? a.Clone() : p));
            // The adjoints follow the point in the Backward's own list (dX for x, …), then the seed dResult.
            var adjoints = new List<int>();
            var bs = backward.GetParameters();
            for (int k = ps.Length; k < bs.Length; k++)
            {
                var t = bs[k].ParameterType.IsByRef ? bs[k].ParameterType.GetElementType()! : bs[k].ParameterType;
                if (bs[k].Name == "dResult") { args.Add(t == typeof(float) ? (object)1f : 1.0); continue; }
                int of = Array.FindIndex(ps, q => "d" + char.ToUpperInvariant(q.Name![0]) + q.Name.Substring(1) == bs[k].Name);
                adjoints.Add(args.Count);
                args.Add(t == typeof(double) ? 0.0 : t == typeof(float) ? (object)0f : Array.CreateInstance(t.GetElementType()!, ((Array)point[of]).Length));
            }
            var argArray = args.ToArray();
            try { backward.Invoke(null, argArray); }
            catch (Exception e) when (e is ArgumentException or TargetInvocationException or TargetParameterCountException)
            {
                problems.Add(typeName + "." + name + ": " + backward + " threw " + (e.InnerException ?? e).Message);
                continue;
            }
            var got = adjoints.SelectMany(a => argArray[a] is Array arr ? arr.Cast<object>().Select(Convert.ToDouble) : [Convert.ToDouble(argArray[a], CultureInfo.InvariantCulture)]).ToArray();
            checkedRows++;
            bool close = got.Length == expected.Length && got.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(1, Math.Abs(p.Second)) + (ps.Any(q => q.ParameterType == typeof(float) || q.ParameterType == typeof(float[])) ? 1e-5 * Math.Max(1, Math.Abs(p.Second)) : 0));
            if (!close) problems.Add(typeName + "." + name + "(" + string.Join(", ", point.Select(Show)) + "): Clad gives {" + string.Join(", ", expected) + "} but the Backward {" + string.Join(", ", got) + "}");
        }
        Assert.True(checkedRows >= 60, "only " + checkedRows + " rows had a Backward");
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private static string Show(object o) => o is Array a ? "{" + string.Join(", ", a.Cast<object>()) + "}" : Convert.ToString(o, CultureInfo.InvariantCulture) ?? "null";
}
