using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// A local that is an error where it is declared (a Span local that may view either of two arrays that carry a gradient,
/// a span local over a range of an array, which is a copy, a local jagged array) inside a loop body that is lowered twice (a carried value found to vary only in the first pass). The second
/// pass dropped the first pass's diagnostic but still remembered the local as reported, so it skipped the declaration
/// silently: no error, and generated code reading 'default' for its elements (CS8310, a broken build; found by the peer
/// suite, Clad's null-tangent-pointer-arithmetic.cpp / issue-1955.cpp loop_alias ported with a span slice). Random loops
/// (for, while, do) with such a local must get ADG0003 at its initializer and no code; the same loops indexing the array
/// itself must generate and match central differences. AUTODIFFGEN_REJECTEDLOOP_COUNT sets how many programs (default 48).
/// </summary>
public class RejectedLocalInLoopPropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_REJECTEDLOOP_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 48;

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Rl\n{\n";

    private sealed record Program(string Name, string Text, string? Bad);

    private static Program Next(Random r, string name, bool outside)
    {
        int k = r.Next(3);
        int view = r.Next(5);
        // The view and how an element of it is read; inside support, the array itself at the same place.
        (string Decl, string Bad, Func<int, string> Read) = view switch
        {
            // A Span<double> local that may view either of two arrays (a ReadOnlySpan one, or one array, is a view: SpanLocalTests).
            0 => ("Span<double> t = x > 0 ? a.AsSpan(" + k + ") : p.AsSpan(" + k + ");", "x > 0 ? a.AsSpan(" + k + ") : p.AsSpan(" + k + ")", (Func<int, string>)(j => "t[" + j + "]")),
            1 => ("Span<double> t = x > 0 ? a.AsSpan(" + k + ", 2) : p.AsSpan(" + k + ", 2);", "x > 0 ? a.AsSpan(" + k + ", 2) : p.AsSpan(" + k + ", 2)", j => "t[" + j + "]"),
            // A range of an array is a copy, not a view.
            2 => ("ReadOnlySpan<double> t = a[" + k + "..];", "a[" + k + "..]", j => "t[" + j + "]"),
            3 => ("Span<double> t = x > 0 ? a : p;", "x > 0 ? a : p", j => "t[" + (k + j) + "]"),
            _ => ("double[][] g = new double[2][]; g[0] = a;", "new double[2][]", j => "g[0][" + (k + j) + "]"),
        };
        string T(int j) => outside ? Read(j) : "a[" + (k + j) + "]";
        var body = new StringBuilder();
        if (outside) body.Append("            ").Append(Decl).Append('\n');
        for (int i = 0, n = 1 + r.Next(3); i < n; i++)
        {
            body.Append("            ").Append(r.Next(5) switch
            {
                0 => "s += p[0] * " + T(0) + ";",
                1 => "s = s * x + " + T(1) + ";",
                2 => "double u" + i + " = " + T(0) + "; s += u" + i + " * p[i];",
                3 => "s += Math.Sin(s) * " + T(1) + " * x;",
                _ => "s = s * " + T(0) + " + p[1];",
            }).Append('\n');
        }
        string init = r.Next(3) switch { 0 => "0", 1 => "x", _ => "p[0]" };
        var s = new StringBuilder();
        s.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double[] p, double[] a, double x)\n    {\n");
        s.Append("        double s = ").Append(init).Append(";\n");
        switch (r.Next(3))
        {
            case 0:
                s.Append("        for (int i = 0; i < 2; i++)\n        {\n").Append(body).Append("        }\n");
                break;
            case 1:
                s.Append("        int i = 0;\n        while (i < 2)\n        {\n").Append(body).Append("            i++;\n        }\n");
                break;
            default:
                s.Append("        int i = 0;\n        do\n        {\n").Append(body).Append("            i++;\n        } while (i < 2);\n");
                break;
        }
        s.Append("        return s;\n    }\n");
        return new Program(name, s.ToString(), outside ? Bad : null);
    }

    private static string Source(IEnumerable<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));

    [Fact]
    public void RejectedLocalInALoopLoweredTwice_IsStillAnError_AndTheArrayItselfIsDifferentiated()
    {
        var random = new Random(20261202);
        var all = Enumerable.Range(0, Count).Select(i => Next(random, "R" + i.ToString(CultureInfo.InvariantCulture), i % 2 == 0)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        Assert.Equal(all.Count(p => p.Bad is null), clean.Count);
        var type = GeneratorHarness.CompileAndLoad(Source(clean)).GetType("Rl")!;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            CentralDifferenceRunner.Check(method, null, [new[] { 0.7, -0.4 }, new[] { 0.3, 0.9, -0.5, 0.8, 0.2 }, 0.6]);
        }
    }
}
