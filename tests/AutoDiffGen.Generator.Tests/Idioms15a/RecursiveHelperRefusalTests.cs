using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Idioms15a item 1, just outside: a recursive plain helper whose depth is not known when the code is generated, or too
/// deep, keeps one ADG0004 at the outermost call saying why (never a level's error wrapped in the next), and no code.
/// </summary>
public class RecursiveHelperRefusalTests
{
    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // A depth known only at run time: the text it always had.
    [InlineData("static double Pow(double x, int n) => n == 0 ? 1 : x * Pow(x, n - 1);", "Pow(x, k)", "it calls itself ('Pow(x, n - 1)' at line 5): a helper is inlined where it is called, and recursion has no end to inline")]
    // No int parameter decides it.
    [InlineData("static double Halve(double x) => x < 1 ? x : Halve(x / 2);", "Halve(x * 4)", "it calls itself ('Halve(x / 2)' at line 5)")]
    // The body moves its int parameter: its value is not the argument's throughout.
    [InlineData("static double Down(double x, int n) { n--; return n < 0 ? 1 : x * Down(x, n); }", "Down(x, 3)", "it calls itself ('Down(x, n)' at line 5)")]
    // Deeper than the cap, and a recursion that never ends.
    [InlineData("static double Pow(double x, int n) => n == 0 ? 1 : x * Pow(x, n - 1);", "Pow(x, 40)", "it recurses more than 32 levels deep at this call")]
    [InlineData("static double Forever(double x, int n) => x * Forever(x, n + 1);", "Forever(x, 0)", "it recurses more than 32 levels deep at this call")]
    // Two calls per level: the operations of all levels together.
    [InlineData("static double Fib(double x, int n) => n < 2 ? x : x * Fib(x, n - 1) + Fib(x, n - 2);", "Fib(x, 20)", "more than 2400 operations over all its levels")]
    // Two helpers calling each other at a depth known only at run time.
    [InlineData("static double Ping(double x, int n) => n == 0 ? x : Pong(x * 2, n - 1); static double Pong(double x, int n) => n == 0 ? x : Ping(x + 1, n - 1);", "Ping(x, k)", "it calls itself through another helper")]
    public void OutsideTheUnrolling_IsOneADG0004AtTheOutermostCall(string helpers, string call, string says)
    {
        string source = Header + "    " + helpers + "\n    [Differentiable] public static double F(double x, int k) => " + call + " + x;\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0004", call, says);
        // Said once: no level's refusal is wrapped in another's.
        var message = GeneratorHarness.Run(source).GeneratorDiagnostics.Single(d => d.Severity == DiagnosticSeverity.Error).GetMessage(CultureInfo.InvariantCulture);
        Assert.Equal(message.IndexOf("is not [Differentiable]", StringComparison.Ordinal), message.LastIndexOf("is not [Differentiable]", StringComparison.Ordinal));
    }

    [Fact]
    public void AnErrorAtTheLastLevel_IsOneADG0004AtTheOutermostCall()
    {
        // The body is fine until n reaches 0, where it converts through decimal (no derivative).
        string source = Header + "    static double Pow(double x, int n) => n == 0 ? (double)(decimal)x : x * Pow(x, n - 1);\n"
            + "    [Differentiable] public static double F(double x) => Pow(x, 3) + x;\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0004", "Pow(x, 3)", "decimal");
    }
}
