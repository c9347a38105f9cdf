using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Random Hessian-mode programs passing a local array to a callee where the product needs the array as it was at the call
/// (hess17): an array made in a loop and passed there, one made before a loop and passed in it, one stored into after
/// the call, one stored into after the call in a loop; to a callee with <c>Hessian = true</c> (SumSq) or without (Dot, Pair).
/// Each matches central differences of its own <c>MBackward</c> gradient at random points, MHessian exactly symmetric, and
/// MHessianVector = MHessian·v to rounding (<see cref="HessianMatrixPropertyTests.Check"/>). Since hess18 the array may be
/// passed as a slice too (<c>Head(v.AsSpan(1))</c>, <c>Tail(v[1..])</c>, <c>Tail(v.AsSpan(0, 2))</c>: hess17's outside form), and
/// since hess19 an array made at the call in a loop (<c>SumSq(new double[] { … })</c>, <c>Head([…])</c>, two at one
/// <c>Dot</c>: hess18's outside form), and since hess23 a double[,] passed to a callee returning a double that writes it (hess21's
/// outside form); one in five calls a helper with a hand-written reverse-only [DerivativeOf] (outside since hess23: it has no
/// second-order form; a jagged local until hess20, a void callee writing a double[] until hess21): ADG0019 at the call, no code.
/// </summary>
public class HessianCopiedArrayCallPropertyTests(ITestOutputHelper output)
{
    private const string Helpers = """
            [Differentiable(Hessian = true)]
            public static double SumSq(double[] v) { double s = 0; for (int i = 0; i < v.Length; i++) s += v[i] * v[i]; return s; }
            [Differentiable]
            public static double Dot(double[] x, double[] y) { double s = 0; for (int i = 0; i < x.Length; i++) s += x[i] * y[i]; return s; }
            [Differentiable]
            public static double Pair(double[] v) => Math.Sin(v[0]) * v[1];
            [Differentiable(Hessian = true)]
            public static double Head(ReadOnlySpan<double> v) => v[0] * v[0];
            [Differentiable]
            public static double Tail(ReadOnlySpan<double> v) => v[0] * Math.Cos(v[1]);

        """;

    [Fact]
    public void CopiedArrayCallPrograms_MatchCentralDifferences_OrADG0019AtTheVoidWriter()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_HESSIAN_COPIED_COUNT", 40);
        var random = new Random(20261205);
        var programs = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 5 == 4)).ToList();
        // One compilation: the outside programs get no wrappers (their Hessian methods are not generated).
        var text = new StringBuilder("using System;\nusing AutoDiffGen;\n\nnamespace RandomCopied;\n\npublic static partial class C\n{\n" + Helpers + "\n    [Differentiable] public static double Scale9(double[,] v, double k) { for (int j = 0; j < 2; j++) v[0, j] = v[0, j] * k; return v[0, 0]; }\n    public static double Hand9(double x) => Math.Exp(x) * 0.5;\n    [DerivativeOf(nameof(Hand9))] public static double Hand9Backward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x) * 0.5; dX += e * dResult; return e; }\n");
        foreach (var (name, body, isOutside) in programs)
        {
            text.Append("    [Differentiable(Hessian = true)]\n    public static double " + name + "(double a, double b, double c)\n    {\n" + body + "    }\n");
            if (isOutside) continue;
            HessianWrappers.OverThreeDoubles(text, name);
        }
        text.Append("}\n");
        var run = GeneratorHarness.RunForLoad(text.ToString());
        Assert.Empty(run.Exceptions);
        // Generated code compiles warning-free (warnings are errors in the harness's compilation).
        Assert.True(run.CompileDiagnostics.IsEmpty, run.Dump());
        var tree = run.Compilation.SyntaxTrees.First();
        var errors = run.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceTree == tree).ToList();
        string? MethodOf(Diagnostic d) => tree.GetRoot().FindNode(d.Location.SourceSpan).AncestorsAndSelf()
            .OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
        bool Generated(string name) => run.Generated.Values.Any(t => t.Contains(" " + name + "Hessian(", StringComparison.Ordinal));
        int outside = 0;
        foreach (var (name, body, isOutside) in programs)
        {
            var mine = errors.Where(d => MethodOf(d) == name).ToList();
            if (!isOutside)
            {
                Assert.True(mine.Count == 0 && Generated(name), name + ": " + string.Join("; ", mine) + "\n" + body);
                continue;
            }
            Assert.True(mine.Count > 0 && mine.All(d => d.Id == "ADG0019") && !Generated(name), name + " is outside but got " + string.Join("; ", mine) + "\n" + body);
            Assert.Contains(mine, d => tree.GetText().ToString(d.Location.SourceSpan) == "Hand9(a * b)");
            outside++;
        }

        var inside = programs.Where(p => !p.Outside).ToList();
        var type = GeneratorHarness.Load(run).GetType("RandomCopied.C", throwOnError: true)!;
        var points = new Random(7);
        int checkedPoints = 0, skipped = 0, checkedPrograms = 0;
        foreach (var (name, body, _) in inside)
        {
            var g = Method<Action<double[], double[]>>(type, name + "G");
            var h = Method<Action<double[], double[]>>(type, name + "H");
            var v = Method<Action<double[], double[], double[]>>(type, name + "V");
            bool any = false;
            for (int k = 0; k < 3; k++)
            {
                var x = Enumerable.Range(0, 3).Select(_ => Math.Round((points.NextDouble() * 3) - 1.5, 4)).ToArray();
                string? failure = HessianMatrixPropertyTests.Check(g, h, v, x, points, out bool skip);
                if (skip) { skipped++; continue; }
                if (failure is not null) Assert.Fail(name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + body);
                checkedPoints++;
                any = true;
            }
            if (any) checkedPrograms++;
        }
        output.WriteLine($"{count} programs: {inside.Count} inside ({checkedPrograms} checked at {checkedPoints} points, {skipped} skipped), {outside} outside");
        Assert.True(checkedPrograms >= inside.Count * 0.8, $"only {checkedPrograms} of {inside.Count} programs had a checkable point");
        Assert.True(outside >= count / 5, "fewer than one in five outside");
    }

    /// <summary>One program: a local array v of doubles passed (whole or sliced) to a callee in one of the four forms, or arrays made at the call in a loop; outside, a void callee writing a double[] (a jagged local until hess20).</summary>
    private static (string Name, string Body, bool Outside) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("a", "b", "c", "a * b", "Math.Sin(c)", "b * c + 0.5", "Math.Exp(0.3 * a)", "a / (2 + c * c)");
        // The last three pass slices (hess18).
        string Call(string array) => Pick("SumSq(" + array + ")", "Dot(" + array + ", " + array + ")", "Pair(" + array + ")",
            "Head(" + array + ".AsSpan(1))", "Tail(" + array + "[1..])", "Tail(" + array + ".AsSpan(0, 2))");
        string make = "new double[] { " + Real() + ", " + Real() + ", " + Real() + " }";
        var body = new StringBuilder("        double u = " + Real() + ";\n");
        switch (random.Next(5))
        {
            case 0:
                // A new array each iteration, passed there.
                body.Append("        for (int k = 0; k < " + random.Next(2, 4) + "; k++) { var v = " + make + "; v[0] = v[0] + 0.25 * k; u += " + Call("v") + " * " + Real() + "; }\n");
                break;
            case 1:
                // Made before the loop, only read in it.
                body.Append("        var v = " + make + ";\n        for (int k = 0; k < " + random.Next(2, 4) + "; k++) u = u * 0.5 + " + Call("v") + ";\n");
                break;
            case 2:
                // Stored into after the call.
                body.Append("        var v = " + make + ";\n        double s = " + Call("v") + ";\n        v[" + random.Next(3) + "] = s * " + Real() + ";\n        u += v[0] * v[1] + s;\n");
                break;
            case 3:
                // Made at the call in a loop (hess19): an array, a span, or two arrays at one call.
                string made = Pick("SumSq(" + make + ")", "Head([" + Real() + " * k, " + Real() + "])", "Pair(new[] { " + Real() + ", " + Real() + " + k })",
                    "Dot(new[] { " + Real() + ", " + Real() + ", 0.5 * k }, " + make + ")", "Tail([" + Real() + ", " + Real() + " * k])");
                body.Append("        for (int k = 0; k < " + random.Next(1, 4) + "; k++) u += " + made + " * " + Real() + ";\n");
                break;
            default:
                // Stored into after the call, in the loop.
                body.Append("        var v = " + make + ";\n        for (int k = 0; k < 2; k++) { u += " + Call("v") + "; v[" + random.Next(3) + "] = v[" + random.Next(3) + "] * " + Real() + "; }\n");
                break;
        }
        // Outside since hess21 (a void callee writing a double[] is inlined now, a jagged local followed since hess20): a callee
        // returning a double that writes a double[,] (ADG0019 at the call).
        // Outside since hess23: a helper with a hand-written reverse-only [DerivativeOf]. The double[,] writer that was outside
        // (hess21–22) is inlined since hess23: one program in four of the others gets it.
        if (outside) body.Append("        u += Hand9(a * b) * c;\n");
        else if (random.Next(4) == 0) body.Append("        var o9 = new double[1, 2]; o9[0, 0] = a; o9[0, 1] = b * c; u += Scale9(o9, c) * o9[0, 1];\n");
        body.Append("        return u + " + Real() + ";\n");
        return (name, body.ToString(), outside);
    }

    private static T Method<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();
}
