using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// What stays an error among the constructs of <see cref="WrittenExamples"/>, at the offending expression, saying what
/// to write instead: nothing is silently reordered, evaluated twice or dropped.
/// </summary>
public class WrittenDiagnosticTests
{
    private static Diagnostic Only(string body, string id, string underlined)
    {
        var result = GeneratorHarness.Run("using System; using AutoDiffGen; public static partial class C { static int _count; static (double, int) Pair(double v) => (v * v, 2); " + body + " }");
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.Empty(result.Generated);
        var d = Assert.Single(result.GeneratorDiagnostics, d => d.Id == id);
        var tree = d.Location.SourceTree!;
        Assert.Equal(underlined, tree.GetText().ToString(d.Location.SourceSpan));
        return d;
    }

    [Theory]
    // (On the right of && or || and in an arm of ?:, they are lowered as branches: ShortCircuits/ShortCircuitTests.)
    [InlineData("double t = 0; double? w = null; double y = w ?? (t = x); return y + t;", "t = x", "w ?? (t = x)")]
    [InlineData("double t = 0; double y = x switch { > 1 => t = x, _ => x }; return y + t;", "t = x", "> 1 => t = x")]
    public void AnAssignmentEvaluatedOnlyOnSomePaths_IsADG0003_SayingWhere(string body, string at, string where)
    {
        var d = Only("[Differentiable] public static double F(double x) { " + body + " }", "ADG0003", at);
        Assert.Contains("evaluated only on some paths of an expression (inside '" + where + "')", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("statement of its own", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("double y = x * _count++; return y;", "_count++", "'_count'")]
    public void AnAssignmentToAnythingButALocal_InsideAnExpression_IsADG0003(string body, string at, string what)
    {
        var d = Only("[Differentiable] public static double F(double x) { " + body + " }", "ADG0003", at);
        Assert.Contains("An assignment to " + what + " inside an expression", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("write it as a statement of its own", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AnIncrementInANamedArgumentOutOfOrder_IsADG0003()
    {
        var d = Only("[Differentiable] public static double F(double x) { int k = 2; return Math.Pow(y: k++, x: x * k); }", "ADG0003", "y: k++");
        Assert.Contains("named argument written out of parameter order", d.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("double R(double t) => t < 1 ? t : R(t / 2) * 2; return R(x);", "R(t / 2)", "A recursive call to the local function 'R'")]
    // Loops, writes to the method's locals and ref parameters are inlined now (Statements/InlinedBodyTests).
    [InlineData("double S(double t) { int i = 0; again: t *= 2; if (++i < 3) goto again; return t; } return S(x);", "S(x)", "whose body has a goto")]
    [InlineData("double Add(double t) { _count += 1; return t; } return Add(x);", "Add(x)", "which writes to '_count'")]
    // (An element of a double[] by ref is the slot itself since idioms15a: Idioms15a/GenericRefHelperTests.LocalTwice. A 2-D one is not.)
    [InlineData("double[,] a = { { x } }; double Twice(ref double t) => t * 2; return Twice(ref a[0, 0]);", "ref a[0, 0]", "A ref or out argument that is not a local")]
    [InlineData("T Id<T>(T t) => t; return Id(x);", "Id(x)", "A call to the generic local function 'Id'")]
    public void ALocalFunctionItCannotInline_IsADG0003_AtTheCall(string body, string at, string what)
    {
        var d = Only("[Differentiable] public static double F(double x) { " + body + " }", "ADG0003", at);
        Assert.Contains(what, d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void AVoidLocalFunctionMadeForItsEffects_IsADG0002_AtTheEffect()
    {
        // A void local function is inlined (it may update the method's variables); a call inside it made only for its effects is reported there.
        var d = Only("[Differentiable] public static double F(double x) { double y = x; void Log() { Console.Out.WriteLine(y); } Log(); return y * y; }", "ADG0002", "Console.Out.WriteLine(y)");
        Assert.Contains("A call made only for its effects", d.GetMessage(), StringComparison.Ordinal);
    }

    [Fact]
    public void ARefLocalPointedElsewhere_IsReported()
    {
        // A ref local declared in a loop, or bound to an array element, is supported now (Idioms/RefLocalTests).
        var rebound = Only("[Differentiable] public static double F(double x) { double s = x, t = 1; ref double r = ref s; r = ref t; r *= x; return s + t; }", "ADG0003", "r = ref t");
        Assert.Contains("Pointing a 'ref' local at another variable", rebound.GetMessage(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var (s, c) = Pair(x * x); return s * c;", "var (s, c) = Pair(x * x)")]
    [InlineData("double a, b; (a, b) = Pair(x); return a * b;", "(a, b) = Pair(x)")]
    public void ADeconstructionOfAnythingButATupleLiteralOfTheTargetsTypes_IsADG0002(string body, string span)
    {
        // Pair returns (double, int): a plain helper returning a tuple of reals is inlined since idioms12 (Idioms12/Idioms12Tests).
        var d = Only("[Differentiable] public static double F(double x) { " + body + " }", "ADG0002", span);
        Assert.Contains("A tuple deconstruction of anything but a tuple literal of the targets' own types", d.GetMessage(), StringComparison.Ordinal);
        Assert.Contains("(2.0, not 2)", d.GetMessage(), StringComparison.Ordinal);
    }
}
