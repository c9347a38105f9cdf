using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Property test of throw expressions (<c>c ? a : throw …</c>, <c>c ? throw … : a</c>, <c>w ?? throw …</c>), <c>??</c>
/// on a nullable constant and declaration patterns in guards (<c>o is double d</c>, <c>w is double v</c>): random
/// programs compose them in statements, loops and conditions. Each program inside what is supported generates cleanly;
/// at random points where the method returns, its Backward matches central differences, and where it throws, Backward
/// throws the same exception and writes no adjoint. Each program just outside (a throw on only some paths of an
/// expression, a declaration pattern on a differentiated value, one of a reference type, a property pattern) gets an
/// ADG0003 at that expression and no code. CI runs 160 programs; AUTODIFFGEN_THROWEXPR_COUNT runs more.
/// </summary>
public class ThrowExpressionPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    [Fact]
    public void ThrowExpressionsAndGuardPatterns_GiveTheMethodsValueGradientAndExceptions_OrAnErrorAtTheExpression()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_THROWEXPR_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 160;
        var random = new Random(20261202);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), outside: i % 6 == 5)).ToList();

        var clean = ProgramBatch.Judge(GeneratorHarness.Run(Source(all)), Header, all, p => (p.Name, p.Text, p.Bad));
        int diagnosed = all.Count - clean.Count;

        var cleanRun = GeneratorHarness.RunForLoad(Source(clean));
        Assert.True(cleanRun.Diagnostics.IsEmpty && cleanRun.Exceptions.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Guards")!;
        int points = 0, thrown = 0;
        foreach (var p in clean)
        {
            var method = type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!;
            for (int k = 0; k < 4; k++)
            {
                object? w = random.Next(4) == 0 ? null : Away(random);
                object o = random.Next(3) switch { 0 => Away(random), 1 => random.Next(5), _ => "text" };
                var point = new object?[] { Away(random), Away(random), w, o, random.Next(4) };
                Exception? primal = null;
                try
                {
                    method.Invoke(null, point);
                }
                catch (TargetInvocationException e)
                {
                    primal = e.InnerException;
                }
                if (primal is not null)
                {
                    var args = point.Concat(new object?[] { 0.0, 0.0, 1.0 }).ToArray();
                    var generated = Assert.Throws<TargetInvocationException>(() => type.GetMethod(p.Name + "Backward")!.Invoke(null, args)).InnerException!;
                    Assert.True(primal.GetType() == generated.GetType() && primal.Message == generated.Message && (double)args[5]! == 0 && (double)args[6]! == 0,
                        p.Name + " threw " + primal.Message + " but Backward " + generated.Message + "\n" + p.Text);
                    thrown++;
                    continue;
                }
                try
                {
                    CentralDifferenceRunner.Check(method, null, point!);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {thrown} throws compared, {diagnosed} diagnosed");
        Assert.True(diagnosed > 0 && clean.Count > count / 2 && points > clean.Count && thrown > 0);
    }

    private static readonly double[] Thresholds = { -0.5, 0, 0.3, 0.5, 1 };

    private static double Away(Random random)
    {
        while (true)
        {
            double v = Math.Round((random.NextDouble() * 3) - 1.5, 4);
            if (Thresholds.All(t => Math.Abs(v - t) > 0.01)) return v;
        }
    }

    private static Program Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Real() => Pick("x * y", "Math.Sin(x) + y", "Math.Exp(0.3 * x) * y", "x / (2 + y * y)", "s * x", "s + y");
        string Test() => Pick("x > 0.3", "y < 0", "s > 0.5", "k > 1", "Math.Abs(x) < 1");
        string Exception() => Pick("new ArgumentException(\"bad x \" + x)", "new ArgumentOutOfRangeException(nameof(k))", "new InvalidOperationException()");

        string Statement(int depth)
        {
            switch (random.Next(depth > 0 ? 9 : 8))
            {
                case 0: return "s += " + Test() + " ? " + Real() + " : throw " + Exception() + ";";
                case 1: return "s *= " + Test() + " ? throw " + Exception() + " : " + Real() + ";";
                case 2: return "s += (w ?? " + Real() + ") * " + Real() + ";";
                case 3: return "s += x * (w ?? throw new ArgumentNullException(nameof(w)));";
                case 4: return "{ if (o is double d && d > " + Pick("0", "0.3", "-0.5") + ") s += d * " + Real() + "; else s -= y * x; }";
                case 5: return "{ if (w is double v) s += v * " + Real() + "; }";
                case 6: return "{ int m = k > 0 ? k : throw " + Exception() + "; s += m * " + Real() + "; }";
                case 7: return "s = Math.Sqrt(s * s + 1) + (" + Test() + " ? " + Real() + " : throw " + Exception() + ");";
                default: return "for (int i = 0; i < k + 1; i++) { " + Statement(depth - 1) + " }";
            }
        }

        // Just outside: the text the ADG0003 must point at, and the statement that holds it.
        (string Bad, string Statement) Outside() => random.Next(4) switch
        {
            0 => ("x > 0.3 ? true : throw new ArgumentException()", "if (y < 0 && (x > 0.3 ? true : throw new ArgumentException())) s += x;"),
            1 => ("double d", "{ if (x * y is double d) s += d * y; }"), // x is double d itself names x since idioms11
            2 => ("string t", "{ if (o is string t) s += t.Length * x; }"),
            _ => ("{ }", "if (o is { }) s += x;"),
        };

        var text = new StringBuilder();
        text.Append("    [Differentiable]\n    public static double ").Append(name).Append("(double x, double y, [NoDiff] double? w, object o, int k)\n    {\n");
        text.Append("        double s = x + 0.5 * y;\n");
        string? badText = ProgramBatch.AppendStatements(text, random, outside, () => Statement(1), Outside);
        text.Append("        return s;\n    }\n");
        return new Program(name, text.ToString(), badText);
    }

    private const string Header = "using System;\nusing AutoDiffGen;\n\npublic static partial class Guards\n{\n";

    private static string Source(List<Program> programs) => ProgramBatch.Source(Header, programs.Select(p => p.Text));
}
