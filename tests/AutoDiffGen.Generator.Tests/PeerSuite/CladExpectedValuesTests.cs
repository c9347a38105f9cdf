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
        // test/Gradient/Gradients.C (Sources/CladGradients.cs)
        ("CladGradients", "f_add1", [1.0, 1.0], A(1, 1)),
        ("CladGradients", "f_add2", [1.0, 1.0], A(3, 4)),
        ("CladGradients", "f_add3", [1.0, 1.0], A(3, 16)),
        ("CladGradients", "f_sub1", [1.0, 1.0], A(1, -1)),
        ("CladGradients", "f_sub2", [1.0, 1.0], A(3, -4)),
        ("CladGradients", "f_mult1", [1.0, 1.0], A(1, 1)),
        ("CladGradients", "f_mult2", [1.0, 1.0], A(12, 12)),
        ("CladGradients", "f_div1", [1.0, 1.0], A(1, -1)),
        ("CladGradients", "f_div2", [1.0, 1.0], A(0.75, -0.75)),
        ("CladGradients", "f_div3", [1.0, 1.0], A(0, -1)),
        ("CladGradients", "f_c", [1.0, 1.0], A(0, -2)),
        ("CladGradients", "f_rosenbrock", [1.0, 1.0], A(0, 0)),
        ("CladGradients", "f_cond1", [3.0, 2.0], A(1, 0)),
        ("CladGradients", "f_cond2", [3.0, -1.0], A(1, 0)),
        ("CladGradients", "f_cond3", [3.0, -1.0], A(1, -1)),
        ("CladGradients", "f_cond4", [3.0, -1.0], A(6, 0)),
        ("CladGradients", "f_if1", [3.0, 2.0], A(1, 0)),
        ("CladGradients", "f_if2", [-5.0, -4.0], A(0, -1)),
        ("CladGradients", "f_decls1", [3.0, 3.0], A(6, 10)),
        ("CladGradients", "f_decls2", [2.0, 2.0], A(8, 8)),
        ("CladGradients", "f_decls3", [3.0, 0.0], A(6, 0)),
        ("CladGradients", "f_decls3", [-3.0, 0.0], A(-6, 0)),
        ("CladGradients", "f_decls3", [0.5, 0.0], A(9, 0)),
        ("CladGradients", "f_decls3", [0.0, 100.0], A(0, 0)),
        ("CladGradients", "f_issue138", [1.0, 2.0], A(4, 32)),
        ("CladGradients", "f_const", [2.0, 3.0], A(3, 2)),
        ("CladGradients", "f_const_reference", [5.0, 2.0], A(2, 0)),
        ("CladGradients", "f_const02", [8.0, 5.0], A(1, 0)),
        ("CladGradients", "fn_global_var_use", [3.0, 5.0], A(7, 0)),
        ("CladGradients", "fn_increment_in_return", [3.0, 2.0], A(7, 0)),
        ("CladGradients", "fn_template_non_type", [5.0], A(15)),
        ("CladGradients", "fn_div", [2.0], A(0.125)),
        ("CladGradients", "fn_cond_side_eff", [0.0], A(2)),
        ("CladGradients", "fn_cond_side_eff", [1.0], A(2)),
        ("CladGradients", "fn_cond_init", [0.0], A(1)),
        ("CladGradients", "fn_cond_init", [-1.0], A(1)),
        ("CladGradients", "fn_const_cond_op", [0.0], A(1)),
        ("CladGradients", "fn_empty_if_block", [0.0], A(0)),
        ("CladGradients", "fn_empty_if_else", [1.0], A(5)),
        ("CladGradients", "fn_cond_false", [3.0, 5.0], A(0, 0)),
        ("CladGradients", "fn_cond_add_assign", [3.0, 5.0], A(80, 48)),
        ("CladGradients", "f_mult3", [3.0, 5.0], A(11, 3)),
        ("CladGradients", "f_const_denom", [3.0, 5.0], A(10, 6)),
        ("CladGradients", "f_ref_in_rhs", [3.0, 5.0], A(5, 13)),
        ("CladGradients", "f_ref_in_rhs", [55.0, 5.0], A(0, 0)),
        ("CladGradients", "f_reuse_global", [-3.0, 4.0], A(-4, 3)),
        ("CladGradients", "f_static_assert", [-3.0, 4.0], A(1, 1)),
        ("CladGradients", "f_infinity", [-3.0, 4.0], A(0, 1)),
        // test/Gradient/Loops.C fn7-fn46 (Sources/CladLoops.cs; fn10, fn13 and f_loop_init_var are not Clad's values in C#)
        ("CladLoops", "fn7", [3.0, 5.0], A(18, 3)),
        ("CladLoops", "fn8", [3.0, 5.0], A(18, 3)),
        ("CladLoops", "fn9", [3.0, 5.0], A(54, 9)),
        ("CladLoops", "fn11", [3.0, 5.0], A(18, 3)),
        ("CladLoops", "fn12", [3.0, 5.0], A(54, 18)),
        ("CladLoops", "fn14", [3.0, 5.0], A(6, 5)),
        ("CladLoops", "fn15", [3.0, 5.0], A(3, 3)),
        ("CladLoops", "fn16", [3.0, 5.0], A(10, 6)),
        ("CladLoops", "fn17", [3.0, 5.0], A(15, 9)),
        ("CladLoops", "fn18", [3.0, 5.0], A(4, 4)),
        ("CladLoops", "fn19", [A(0, 0, 0, 0, 0), 5], A(1, 1, 1, 1, 1)),
        ("CladLoops", "fn20", [A(1, 1, 1, 1, 1), 5], A(5, 5, 5, 5, 5)),
        ("CladLoops", "fn21", [5.0], A(5)),
        ("CladLoops", "fn22", [5.0], A(1)),
        ("CladLoops", "fn23", [3.0, 5.0], A(5, 3)),
        ("CladLoops", "fn24", [3.0, 5.0], A(20, 12)),
        ("CladLoops", "fn25", [3.0, 5.0], A(40, 24)),
        ("CladLoops", "fn26", [3.0, 5.0], A(5, 3)),
        ("CladLoops", "fn27", [3.0, 5.0], A(10, 6)),
        ("CladLoops", "fn28", [3.0, 5.0], A(5, 3)),
        ("CladLoops", "fn29", [3.0, 5.0], A(5, 3)),
        ("CladLoops", "fn30", [3.0, 5.0], A(5, 3)),
        ("CladLoops", "fn31", [3.0, 5.0], A(10, 6)),
        ("CladLoops", "fn32", [3.0, 5.0], A(45, 27)),
        ("CladLoops", "fn33", [3.0, 5.0], A(15, 9)),
        ("CladLoops", "fn34", [2.0, 2.0], A(64, 32)),
        ("CladLoops", "fn35", [2.0, 2.0], A(12, 4)),
        ("CladLoops", "fn36", [1.0, 1.0], A(Math.Sin(1) + Math.Sin(2), 0)), // Clad prints 1.75
        ("CladLoops", "fn37", [1.0, 1.0], A(1, 1)),
        ("CladLoops", "fn38", [6.0, 3.0], A(1, 1)),
        ("CladLoops", "fn39", [9.0], A(6)),
        ("CladLoops", "fn40", [2.0, 3.0], A(14, 0)),
        ("CladLoops", "fn41", [2.0, 3.0], A(1, 0)),
        ("CladLoops", "fn43", [A(1, 2, 3, 4, 5), 5.0], A(-1, -0.25, -1.0 / 9, 0, 0, 0)), // Clad prints -1.00, -0.25, -0.11
        ("CladLoops", "fn44", [2.0, 3.0], A(1, 1)),
        ("CladLoops", "fn45", [1.0, 0.5], A(-50, 100)),
        ("CladLoops", "fn46", [1.0, 0.5], A(-50, 100)),
        // test/Gradient/FunctionCalls.C (Sources/CladFunctionCalls.cs; adjoints of every array, where Clad asks for one)
        ("CladFunctionCalls", "fn1", [11f], A(3)),
        ("CladFunctionCalls", "fn2", [3.0, 5.0], A(1, 3)),
        ("CladFunctionCalls", "fn3", [3.0, 5.0], A(1, 3)),
        ("CladFunctionCalls", "fn4", [A(1, 2, 3, 4, 5), 5], A(23, 3, 3, 3, 3)),
        ("CladFunctionCalls", "fn5", [A(1, 2, 3, 4, 5), 5], A(5, 1, 0, 0, 0)),
        ("CladFunctionCalls", "fn6", [3.0, 5.0], A(5, 3)),
        ("CladFunctionCalls", "fn7", [3.0, 5.0], A(11, 78)),
        ("CladFunctionCalls", "fn8", [3.0, 5.0], A(5 * Math.Tanh(1) * 2, 3 * Math.Tanh(1) * 2)), // Clad prints 7.62, 4.57
        ("CladFunctionCalls", "fn9", [3.0, 5.0], A(5, 3)),
        ("CladFunctionCalls", "fn10", [8.0, 5.0], A(0, 7)),
        ("CladFunctionCalls", "fn11", [3.0, 5.0], A(1, 1)),
        ("CladFunctionCalls", "fn12", [3.0, 5.0], A(1, 0)),
        ("CladFunctionCalls", "fn13", [A(2), A(2, 3)], A(3, 0, 2)),
        ("CladFunctionCalls", "fn14", [3.0, 5.0], A(1, 1)),
        ("CladFunctionCalls", "fn15", [6.0, -2.0], A(1, 1)),
        ("CladFunctionCalls", "fn16", [12.0, 8.0], A(8, 8)),
        ("CladFunctionCalls", "fn17", [5.0, A(3, 2)], A(2, 2, 0)),
        ("CladFunctionCalls", "fn18", [3.0, 5.0], A(6, 10)),
        ("CladFunctionCalls", "fn19", [3.0], A(1)),
        ("CladFunctionCalls", "fn20", [A(3, 5), A(-1, 2, 3)], A(2, 3, 0, 3, 5)),
        ("CladFunctionCalls", "fn21", [8.0], A(1)),
        ("CladFunctionCalls", "fn22", [3.0, 5.0], A(5, 3)),
        ("CladFunctionCalls", "fn23", [3.0], A(1)),
        ("CladFunctionCalls", "fn24", [3.0], A(2)),
        ("CladFunctionCalls", "fn25_defined_later", [3.0], A(1)),
        ("CladFunctionCalls", "fn26", [A(3, 5), A(-1, 2, 3)], A(-1, 0, 3, 0, 0)),
        ("CladFunctionCalls", "fn27", [2.0, 1.0], A(2, 2)),
        ("CladFunctionCalls", "fn28", [3.0, 5.0], A(15, 9)),
        ("CladFunctionCalls", "fn29", [A(3, 4)], A(24, 9)),
        ("CladFunctionCalls", "fn30", [A(3, 5), A(-1, 2, 3)], A(1, 0, 0, 0, 0)),
        ("CladFunctionCalls", "fn31", [A(3, 4)], A(1, 0)),
        ("CladFunctionCalls", "fn32", [A(3, 4)], A(22, 0)),
        ("CladFunctionCalls", "fn33", [A(3, 4)], A(1, 0)),
        ("CladFunctionCalls", "fn35", [10.0, 1.0], A(-3, 2)),
        ("CladFunctionCalls", "fnIdLoop", [2.0, 5.0], A(3, 1)),
        // test/ValidCodeGen/ValidCodeGen.C, test/Gradient/NonDifferentiable.C
        ("CladValidCodeGen", "Fn", [3.0], A(3)),
        ("CladValidCodeGen", "Fn2", [3.0, 4.0], A(4, 0)),
        ("CladNonDifferentiable", "FnS1MemFn", [3.0, 5.0], A(35, 33)),
        ("CladNonDifferentiable", "FnS1Field", [3.0, 5.0], A(5, 3)),
        ("CladNonDifferentiable", "FnNonDiffPtrParam", [F(1), F(2), F(3)], A(1, 1)),
        // round25, test/Gradient/Functors.C (CHECK-EXEC: E(3, 5) at (7, 9) gives {27, 21}; after setX(6) {54, 42}; the
        // lambda i·i·j {126, 49}; the capture of the global x = 3 {27, 21}): x·i·j has ∂i = x·j, ∂j = x·i.
        ("CladRound25", "CallFunctor", [7.0, 9.0], A(27, 21)),
        ("CladRound25", "CallFunctorConst", [7.0, 9.0], A(27, 21)),
        ("CladRound25", "CallFunctorNNS", [7.0, 9.0], A(27, 21)),
        ("CladRound25", "CallFunctorAfterSetX", [7.0, 9.0], A(54, 42)),
        ("CladRound25", "Lambda", [7.0, 9.0], A(126, 49)),
        ("CladRound25", "LambdaWithCapture", [7.0, 9.0], A(27, 21)),
        // TemplateFunctors.C's long double form x·i²·j + y·j·i with (x, y) = (3, 5), by hand at (7, 9): ∂i = 2x·i·j + y·j =
        // 378 + 45 = 423, ∂j = x·i² + y·i = 147 + 35 = 182.
        ("CladRound25", "TemplateLongDouble", [7.0, 9.0], A(423, 182)),
        // PullbackState.C's fv and f_two without Clad's stateful custom pullbacks (no C# form): the no-op helpers leave the
        // identity, by hand 1 and {1, 1} (Clad's 8 and {8, 4} add the pullbacks' sentinels).
        ("CladRound25", "Fv", [3.0], A(1)),
        ("CladRound25", "FTwo", [1.0, 1.0], A(1, 1)),
        // ReverseCtorArgQualification.C: x² + x at 3 (CHECK-EXEC 7).
        ("CladRound25", "PairCtor", [3.0], A(7)),
        // STLNonIndependentAdjoint.C: values[0] = x overwrites the element, so its gradient is 0 and x's 2x = 6 at 3;
        // replace_fallback by value: 6.
        ("CladRound25", "ReplaceAndSquareArray", [A(10), 3.0], A(0, 6)),
        ("CladRound25", "ReplaceFallback", [3.0], A(6)),
        // DiffInterface.C: 0x + 1y + 2z; f_2(x, y) = x + y called as f_2(x, y)·x: ∂x = 2x + y = 10, ∂y = x = 3 at (3, 4).
        ("CladRound25", "f_1", [5.0, 6.0, 7.0], A(0, 1, 2)),
        ("CladRound25", "CallsF2", [3.0, 4.0], A(10, 3)),
        // Functors/Simple.C: SimpleExpression's x² + y² at (3, 4): {6, 8}; f(x) = x: 1.
        ("CladRound25", "CallSimpleExpression", [3f, 4f], A(6, 8)),
        ("CladRound25", "SimpleF", [2f], A(1)),
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
            // A method with optional parameters (FunctionCalls.C fn6) also gets shorter overloads: the full one is judged.
            var backward = type.GetMethods(all).Where(m => m.Name == name + "Backward").OrderByDescending(m => m.GetParameters().Length).FirstOrDefault();
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
