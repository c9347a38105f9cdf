using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// What stays an error among arrays created where they are passed, arrays created in loops and stackalloc spans: an ADG
/// error at the construct, saying what it is and what to write, no Backward for the method, and nothing that does not
/// compile. A stackalloc span is kept as an array in the generated code, so every use an array would not mean the same
/// by is refused at the use.
/// </summary>
public class CreatedWherePassedDiagnosticTests
{
    private const string Helpers = """
            [Differentiable]
            public static double Sum(double[] v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i];
                return s;
            }

            [Differentiable]
            public static double SpanSq(ReadOnlySpan<double> v)
            {
                double s = 0;
                for (int i = 0; i < v.Length; i++) s += v[i] * v[i];
                return s;
            }

            public static double Plain(ReadOnlySpan<double> v) => v[0];
            public static double Plain(double[] v) => v[0];

            [Differentiable]
            public static double Normalize(double[] v)
            {
                double n = Math.Sqrt(v[0] * v[0] + v[1] * v[1]);
                v[0] = v[0] / n;
                v[1] = v[1] / n;
                return n;
            }
        """;

    private const string StackAllocUse = "A stackalloc span used other than by its elements, its Length, a foreach, or passing it (or a slice of it) to a method";

    [Theory]
    // A spread element at the call: its elements are not listed where the gradient could follow them.
    [InlineData("double F(double[] xs, double x) => Sum([..xs, x]);", "..xs", "A spread element", "list the elements one by one")]
    // A span aliasing a stackalloc span: the generated code keeps one array, and an alias would be a second name for it.
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; Span<double> b = a; return b[0]; }", "a", StackAllocUse, "new double[n]")]
    // x[^1] on a stackalloc span (an implicit Index indexer): write a[a.Length - 1].
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; a[1] = x; return a[^1]; }", "a[^1]", StackAllocUse, "new double[n]")]
    // An array created in a loop that escapes the iteration (last = t;) is copied into place since idioms15b
    // (Idioms15b/Idioms15bTests.FormerlyRefused checks it by hand); one named after the rebinding is not.
    [InlineData("double F(double x) { var last = new double[2]; for (int k = 0; k < 3; k++) { var t = new double[2]; t[0] = x * k; last = t; t[1] = x; } return last[0] + last[1]; }", "last = t", "Rebinding the local array 'last' to 't'", "named after it")]
    public void StaysAnError_AtTheConstruct(string method, string at, string what, string hint)
    {
        var output = Run(method);
        var error = Assert.Single(output.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        AssertAt(error, "ADG0003", at, what, hint);
        AssertNoCode(output);
    }

    [Theory]
    // Uses another rule refuses too: the stackalloc error is at the same construct, next to the other one.
    // A library's extension method over spans: a double[] would not bind to it the same way.
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; return a.IndexOf(x) + a[0]; }", "a.IndexOf(x)", StackAllocUse)]
    // An overloaded method: a double[] would bind to another overload.
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; return Plain(a); }", "Plain(a)", StackAllocUse)]
    // A slice of a stackalloc span kept in a local: only slices passed to a callee are carried.
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; a[1] = x; Span<double> c = a.Slice(1); return SpanSq(c); }", "a.Slice(1)", StackAllocUse)]
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a.Fill(x); return a[0]; }", "a.Fill(x)", StackAllocUse)]
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; a[0]++; return a[0]; }", "a[0]++", "++ or -- on an element of a stackalloc span")]
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; double s = (a[0] = x) * 2; return s + a[0]; }", "a[0] = x", "An assignment to an element of a stackalloc span inside an expression")]
    [InlineData("double F(double x) { Span<double> a = stackalloc double[2]; a[0] = x; a = stackalloc double[3]; return a[0]; }", "a = stackalloc double[3]", StackAllocUse)]
    public void StackAllocUse_IsAnErrorAtTheUse(string method, string at, string what)
    {
        var output = Run(method);
        var errors = output.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.Contains(errors, d => d.Id == "ADG0003" && Text(d) == at && d.GetMessage().Contains(what, StringComparison.Ordinal) && d.GetMessage().Contains("new double[n]", StringComparison.Ordinal));
        // Every error lies within the refused use (no error elsewhere in the method).
        var span = errors.Single(d => d.GetMessage().Contains(what, StringComparison.Ordinal)).Location.SourceSpan;
        Assert.All(errors, d => Assert.True(span.Contains(d.Location.SourceSpan) || d.Location.SourceSpan.Contains(span), d.ToString()));
        AssertNoCode(output);
    }

    [Fact]
    public void ATemporaryArrayPassedToACalleeThatWritesIntoIt_IsAnError()
    {
        // Normalize writes into its array: the array made at the call is nobody's, so its new values could not be read.
        var output = Run("double F(double x, double y) => Normalize(new[] { x, y });");
        var error = Assert.Single(output.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal("new[] { x, y }", Text(error));
        AssertNoCode(output);
    }

    [Fact]
    public void ElementsInATuple_AreReads_ElementsADeconstructionAssigns_AreAnError()
    {
        // A tuple of elements is read (a [Differentiable] method may return one); storing into elements by a deconstruction is refused.
        var read = Run("(double, double) F(double x, double y) { Span<double> a = stackalloc double[2]; a[0] = x; a[1] = x * y; var (p, q) = (a[1], a[0]); return (a[0] * a[1], p * q); }");
        Assert.DoesNotContain(read.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Contains(read.Generated.Values, text => text.Contains(" FBackward(", StringComparison.Ordinal));
        read.AssertClean();
        var written = Run("double F(double x, double y) { Span<double> a = stackalloc double[2]; (a[0], a[1]) = (x, y); return a[0] * a[1]; }");
        Assert.Contains(written.GeneratorDiagnostics, d => d.Id == "ADG0003" && Text(d) == "a[0]" && d.GetMessage().Contains("assigned by a deconstruction", StringComparison.Ordinal));
        AssertNoCode(written);
    }

    private static GeneratorOutput Run(string method) =>
        GeneratorHarness.Run("using System;\nusing AutoDiffGen;\n\npublic static partial class D\n{\n" + Helpers + "\n    [Differentiable]\n    public static " + method + "\n}\n");

    private static string Text(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    private static void AssertAt(Diagnostic error, string id, string at, string what, string hint)
    {
        Assert.Equal(id, error.Id);
        Assert.Equal(at, Text(error));
        Assert.Contains(what, error.GetMessage(), StringComparison.Ordinal);
        Assert.Contains(hint, error.GetMessage(), StringComparison.Ordinal);
    }

    private static void AssertNoCode(GeneratorOutput output)
    {
        Assert.DoesNotContain(output.Generated.Values, text => text.Contains(" FBackward(", StringComparison.Ordinal));
        Assert.Empty(output.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        Assert.Empty(output.Exceptions);
    }
}
