using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Diagnostics;

/// <summary>
/// Messages that tell the truth: each rule below once fired with a hint that was wrong for the code
/// it pointed at. Each test checks the id, the underlined text and what the message says (and no
/// longer says).
/// </summary>
public class TruthfulMessageTests
{
    private static string Underlined(Diagnostic d) =>
        d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    private static List<Diagnostic> Errors(string source) =>
        GeneratorHarness.Run("using System; using AutoDiffGen;\n" + source).Diagnostics.ToList();

    /// <summary>The one diagnostic with <paramref name="id"/> that underlines <paramref name="span"/>.</summary>
    private static string Message(List<Diagnostic> diagnostics, string id, string span)
    {
        var found = diagnostics.Where(d => d.Id == id && Underlined(d) == span).ToList();
        Assert.True(found.Count == 1, "expected one " + id + " at '" + span + "', got:\n" + string.Join("\n", diagnostics));
        return found[0].GetMessage();
    }

    [Fact]
    public void ADG0002_DiscardedVoidCall_SaysEffectsAreNotDifferentiated_NotAssignTheResult()
    {
        var diagnostics = Errors("""
            public static partial class C
            {
                static double last;
                static void Log(double v) { last = v; }
                [Differentiable] public static double F(double x) { Log(x); return x * x; }
                [Differentiable] public static double G(double x) { Math.Exp(x); return x; }
            }
            """);
        string voidCall = Message(diagnostics, "ADG0002", "Log(x)");
        Assert.Contains("A call made only for its effects ('Log(x)')", voidCall);
        Assert.Contains("call 'Log' before or after", voidCall);
        Assert.DoesNotContain("assign the result", voidCall);
        Assert.DoesNotContain("discarded", voidCall);

        // A discarded value is still called one, and the hint no longer claims the code has no effects.
        string value = Message(diagnostics, "ADG0002", "Math.Exp(x)");
        Assert.Contains("A statement whose value is discarded ('Math.Exp(x)')", value);
        Assert.Contains("its value is never used", value);
        Assert.DoesNotContain("without side effects", value);
    }

    [Fact]
    public void ADG0002_FixedStatement_NamesThePointerCode_NotTheStatementKindNone()
    {
        var diagnostics = Errors("""
            public static unsafe partial class C
            {
                [Differentiable] public static double F(double x, double y) { double[] a = { x, y }; fixed (double* p = a) { p[0] *= y; } return a[0] + a[1]; }
            }
            """);
        string message = Message(diagnostics, "ADG0002", "fixed");
        Assert.Contains("A 'fixed' statement (pointers)", message);
        Assert.Contains("index the array (a[i]) or a Span<double> instead of a pointer", message);
        Assert.DoesNotContain("statement kind", message);
    }

    [Fact]
    public void ADG0003_UserDefinedOperator_NamesTheOperatorAndItsType_NotTheOperatorAdd()
    {
        var diagnostics = Errors("""
            public record struct P(double X)
            {
                // An operator with in parameters is not inlined (other operators are: Idioms/UserOperatorTests, Statements/InlinedBodyTests).
                public static P operator +(in P a, in P b) { var s = a.X + b.X; return new P(s); }
            }
            public static partial class C
            {
                [Differentiable] public static double F(double x) { var v = new P(x); var w = v + v; return w.X; }
            }
            """);
        string message = Message(diagnostics, "ADG0003", "v + v");
        Assert.StartsWith("The user-defined operator '+' (op_Addition of P) ('v + v')", message);
        Assert.Contains("no derivative", message);
        Assert.Contains("double or float components", message);
        Assert.DoesNotContain("The operator Add", message);
        Assert.DoesNotContain("rewrite it with +", message);
    }

    [Fact]
    public void ConstantMultiDimensionalAndJaggedReads_AreConstants_AndTheGradientIsRight()
    {
        const string source = """
            using System;
            using AutoDiffGen;
            public static partial class M
            {
                [Differentiable]
                public static double F(double x, [NoDiff] double[,] m, [NoDiff] double[][] j, [NoDiff] double[,] plain)
                {
                    double s = 0;
                    for (int i = 0; i < m.GetLength(0); i++) s += m[i, 1] * x * x;
                    return s + Math.Sin(x) * j[1][0] + plain[0, 1] * x;
                }

                static readonly double[,] Table = { { 1, 2 }, { 3, 5 } };
                static readonly double[][] Jagged = { new double[] { 9 }, new double[] { 7, 11 } };
                static readonly double[,] Plain = { { 13, 0.5 } };

                public static double Value(double x) => F(x, Table, Jagged, Plain);

                public static double Gradient(double x)
                {
                    double dX = 0;
                    FBackward(x, Table, Jagged, Plain, ref dX);
                    return dX;
                }
            }
            """;
        var type = GeneratorHarness.CompileAndLoad(source).GetType("M")!;
        double Call(string name, double x) => (double)type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, new object[] { x })!;
        foreach (double x in new[] { -1.3, 0.4, 2.0 })
        {
            // d/dx [(2 + 5) x² + 7 sin x + 0.5 x] = 14 x + 7 cos x + 0.5
            double hand = 14 * x + 7 * Math.Cos(x) + 0.5;
            const double h = 1e-5;
            double central = (Call("Value", x + h) - Call("Value", x - h)) / (2 * h);
            double gradient = Call("Gradient", x);
            Assert.Equal(hand, gradient, 1e-12 * (1 + Math.Abs(hand)));
            Assert.Equal(central, gradient, 1e-6 * (1 + Math.Abs(central)));
        }
    }

    /// <summary>
    /// Arrays passed to a [Differentiable] callee are differentiated now (ArrayArgumentTests), so the only
    /// argument still rejected here is one into a parameter that truly takes no gradient, named as such.
    /// </summary>
    [Fact]
    public void ADG0003_ArgumentIntoANoDiffParameter_NamesTheParameter_NotTakesNone()
    {
        var diagnostics = Errors("""
            public static partial class C
            {
                [Differentiable] public static double Sum(double[] xs) { double s = 0; foreach (var v in xs) s += v; return s; }
                [Differentiable] public static double F(double[] ys) => Sum(ys);
                [Differentiable] public static double Scale(double a, [NoDiff] double b) => a * b;
                [Differentiable] public static double G(double y) => Scale(y, y);
            }
            """);
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("takes none"));
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("'C.Sum'"));

        var noDiff = diagnostics.Single(d => d.Id == "ADG0003" && d.GetMessage().Contains("'C.Scale'"));
        Assert.StartsWith("An argument that carries a gradient, passed to the [NoDiff] parameter 'b' of 'C.Scale' ('y')", noDiff.GetMessage());
        Assert.Equal("y", Underlined(noDiff));
    }

    /// <summary>A stackalloc was reported as "The expression kind None", Roslyn's internal name, not the construct.</summary>
    [Fact]
    public void ADG0003_Stackalloc_NamesTheConstruct_NotTheOperationKind()
    {
        var diagnostics = Errors("""
            using System;
            public static partial class C
            {
                [Differentiable]
                public static double F(double[] a)
                {
                    // A stackalloc of doubles is a local array (Arrays/CreatedWherePassedTests); one of ints is not carried.
                    Span<int> t = stackalloc int[a.Length];
                    double s = 0;
                    for (int i = 0; i < a.Length; i++) { t[i] = i; s += a[i] * a[i]; }
                    return s;
                }
            }
            """);
        Assert.DoesNotContain(diagnostics, d => d.GetMessage().Contains("expression kind", StringComparison.Ordinal));
        var error = diagnostics.First(d => d.Id == "ADG0003" && Underlined(d) == "stackalloc int[a.Length]");
        Assert.StartsWith("A stackalloc expression ('stackalloc int[a.Length]')", error.GetMessage());
        Assert.Contains("new double[n]", error.GetMessage());
    }

    [Theory]
    [InlineData("double a, b; (a, b) = Two(x); return a * 2 + b;", "(a, b) = Two(x)")]
    [InlineData("var (s, c) = Two(x); return s * c + y;", "var (s, c) = Two(x)")]
    public void DeconstructionIntoOwnLocals_ItCannotLower_IsAnUnsupportedStatement_NotAWriteToSomethingElse(string body, string span)
    {
        // A tuple literal of the targets' own types is lowered (Statements/WrittenTests); these shapes are not.
        // Two is not [Differentiable] and returns a (double, int), which no helper inlining takes (a plain helper returning a
        // tuple of reals is inlined since idioms12; Math.SinCos is a Sin and a Cos gate: Statements/AsWrittenTests).
        var diagnostics = Errors("public static partial class C { static (double, int) Two(double v) => (v * v, 3); [Differentiable] public static double F(double x, double y) { " + body + " } }");
        string message = Message(diagnostics, "ADG0002", span);
        Assert.StartsWith("A tuple deconstruction of anything but a tuple literal of the targets' own types ('" + span + "') is not supported in a [Differentiable] method yet", message);
        Assert.Contains("one assignment per variable", message);
        Assert.DoesNotContain(diagnostics, d => d.Id == "ADG0007");
        // Its locals are not then reported as read before assignment.
        Assert.Single(diagnostics);
    }

    [Fact]
    public void DeconstructionIntoAnElementOrMemberOfAnOwnLocal_IsADG0002_NotAWriteOutsideTheMethod()
    {
        // It said "writes to the field 'A'; a [Differentiable] method may only assign its own locals" of the method's own
        // tuple, list and jagged array (2026-12-06): untrue. The hint's rewrite builds and is right (lead probe G03–G05).
        var diagnostics = Errors("""
            public static partial class C
            {
                [Differentiable] public static double T(double x, double y) { var p = (A: x, B: y); (p.A, p.B) = (p.B * x, p.A + 1); return p.A * p.B; }
                [Differentiable] public static double J(double x, double y) { var m = new double[2][]; m[0] = new[] { x, y }; m[1] = new[] { y, x }; (m[0][1], m[1][0]) = (m[1][0] * x, m[0][1]); return m[0][1] * m[1][0]; }
            }
            """);
        string tuple = Message(diagnostics, "ADG0002", "(p.A, p.B) = (p.B * x, p.A + 1)");
        Assert.Contains("A deconstruction into 'p.A', an element or member of the local 'p'", tuple);
        Assert.Contains("assign each target in its own statement", tuple);
        string jagged = Message(diagnostics, "ADG0002", "(m[0][1], m[1][0]) = (m[1][0] * x, m[0][1])");
        Assert.Contains("of the local 'm'", jagged);
        Assert.DoesNotContain(diagnostics, d => d.Id == "ADG0007");
        Assert.Equal(2, diagnostics.Count);
    }

    [Fact]
    public void NullCoalescingAssignmentToAnOwnLocal_IsADG0002_SayingToWriteAnIf()
    {
        // It said "'m ??= x * y' writes to 'm'; a [Differentiable] method may only assign its own locals" (2026-12-06).
        var diagnostics = Errors("public static partial class C { [Differentiable] public static double F(double x, double y) { double? m = null; m ??= x * y; return m.Value * y; } }");
        string message = Message(diagnostics, "ADG0002", "m ??= x * y");
        Assert.Contains("A null-coalescing assignment", message);
        Assert.Contains("if (m is null) m = x * y;", message);
        Assert.Single(diagnostics);
    }

    [Fact]
    public void DeconstructionIntoAField_IsStillADG0007_NamingTheField()
    {
        var diagnostics = Errors("public partial class C { double _f; [Differentiable] public double F(double x) { double b; (_f, b) = (x, x); return b; } }");
        string message = Message(diagnostics, "ADG0007", "(_f, b) = (x, x)");
        Assert.Contains("writes to the field '_f'", message);
        Assert.Single(diagnostics);
    }

    [Fact]
    public void ADG0012_ParameterNamedDResult_NamesTheUpstreamGradient_NotParameterTheResult()
    {
        var diagnostics = Errors("public static partial class C { [Differentiable] public static double H(double x, double dResult) => x * dResult; }");
        string message = Message(diagnostics, "ADG0012", "double dResult");
        Assert.Equal("The upstream gradient that HBackward takes for the result is named 'dResult', which is already the name of a parameter of 'H'; rename the parameter 'dResult'", message);

        var clash = Errors("public static partial class C { [Differentiable] public static double F(double x, double dX) => x * dX; }");
        Assert.Equal("The adjoint of parameter 'x' is named 'dX', which is already the name of a parameter of 'F'; rename one of them",
            Message(clash, "ADG0012", "double x"));
    }

    /// <summary>x and X are two parameters in C#, but the contract names both adjoints dX (before, CS0100 in the generated code).</summary>
    [Fact]
    public void ADG0012_ParametersDifferingInCase_NamesTheOtherAdjoint()
    {
        var diagnostics = Errors("public static partial class C { [Differentiable(Forward = true)] public static double F(double x, double X) => x * X; }");
        Assert.Equal(2, diagnostics.Count(d => d.Id == "ADG0012" && Underlined(d) == "double X"));
        Assert.Contains(diagnostics, d => d.GetMessage() == "The adjoint of parameter 'X' is named 'dX', which is already the adjoint of parameter 'x' of 'F'; rename one of them");
        Assert.Contains(diagnostics, d => d.GetMessage() == "The tangent of parameter 'X' is named 'tX', which is already the tangent of parameter 'x' of 'F'; rename one of them");
    }

    /// <summary>An explicit interface implementation (before, CS0106/CS0539 in the generated code); the form the message asks for works.</summary>
    [Fact]
    public void ADG0031_ExplicitImplementation_SaysWhatToWriteInstead()
    {
        const string Interface = "public interface IModel { double Loss(double x); }\n";
        var result = GeneratorHarness.Run("using AutoDiffGen;\n" + Interface + "public partial class Q : IModel { [Differentiable] double IModel.Loss(double x) => x * x; }");
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Location.SourceTree?.FilePath.EndsWith(".g.cs", StringComparison.Ordinal) == true);
        Assert.Equal("[Differentiable] method 'IModel.Loss' is an explicit implementation of 'IModel.Loss', whose generated 'LossBackward' could not be named or called; put the attribute on a method of the type ('public double Loss(…)') and implement the interface member by calling it",
            Message(result.Diagnostics.ToList(), "ADG0031", "Loss"));

        var fixedForm = GeneratorHarness.CompileAndLoad("using AutoDiffGen;\n" + Interface
            + "public partial class Q : IModel { [Differentiable] public double Loss(double x) => x * x * x; double IModel.Loss(double x) => Loss(x); }");
        var q = Activator.CreateInstance(fixedForm.GetType("Q")!)!;
        var backward = fixedForm.GetType("Q")!.GetMethod("LossBackward")!;
        var args = new object[] { 1.5, 0.0, 1.0 };
        Assert.Equal(3.375, (double)backward.Invoke(q, args)!, 12);
        Assert.Equal(3 * 1.5 * 1.5, (double)args[1], 12);   // hand: 3x²
        double Loss(double x) => (double)fixedForm.GetType("Q")!.GetMethod("Loss")!.Invoke(q, new object[] { x })!;
        Assert.Equal((Loss(1.5 + 1e-6) - Loss(1.5 - 1e-6)) / 2e-6, (double)args[1], 6);
    }

    /// <summary>A file-local type cannot be extended from the generated file (before, ADG9999: an invalid hint name).</summary>
    [Fact]
    public void ADG0001_FileLocalType_SaysToRemoveFile()
    {
        var result = GeneratorHarness.Run("using AutoDiffGen;\nfile static partial class C { [Differentiable] public static double F(double x) => x * x; }");
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.Diagnostics, d => d.Id == "ADG9999");
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("F_double"));
        Assert.Equal("'C' contains the [Differentiable] method 'F' but is file-local, and a file-local type's declarations must all be in one file while 'FBackward' is generated into another; remove 'file' (make the type internal) or move the method to another type",
            Message(result.Diagnostics.ToList(), "ADG0001", "C"));
    }

    private const string Struct = """
        public struct W2 { public double X; public W2 ZeroAdjoint() => default; }
        public static partial class K
        {
            public static double Len(W2 v) => v.X;
            [Differentiable] public static double Use(W2 v) => Len(v);
        """;

    [Fact]
    public void ADG0013_OnAStruct_PrintsAShapeWithoutNullable_AndSaysWhatDiffers()
    {
        // W2? is Nullable<W2>: the shape the message used to print, written as printed.
        var diagnostics = Errors(Struct + "[DerivativeOf(nameof(Len))] public static double LenBackward(W2 v, W2? dV, double dResult) => v.X; }");
        string message = Message(diagnostics, "ADG0013", "DerivativeOf(nameof(Len))");
        Assert.Contains("its parameter 2 ('dV') is 'W2?' (Nullable<W2>) where 'W2' ('dV') is expected", message);
        Assert.Contains("'static double LenBackward(W2 v, W2 dV, double dResult)'", message);
        Assert.Contains("'static void LenPullback(W2 v, double result, double dResult, W2 dV)'", message);
        Assert.DoesNotContain("W2? dV", message);
    }

    [Fact]
    public void ADG0013_TheBackwardShapeItPrints_WrittenAsPrinted_IsAccepted()
    {
        var wrong = Errors(Struct + "[DerivativeOf(nameof(Len))] public static double LenBackward(W2 v, double dResult) => v.X; }");
        string message = Message(wrong, "ADG0013", "DerivativeOf(nameof(Len))");
        var printed = System.Text.RegularExpressions.Regex.Match(message, "'(static double LenBackward\\([^)]*\\))'");
        Assert.True(printed.Success, message);
        var diagnostics = Errors(Struct + "[DerivativeOf(nameof(Len))] public " + printed.Groups[1].Value + " => v.X; }");
        Assert.DoesNotContain(diagnostics, d => d.Id == "ADG0013");
    }
}
