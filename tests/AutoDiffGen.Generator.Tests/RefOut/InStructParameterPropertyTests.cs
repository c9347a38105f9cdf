using System.Globalization;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// Random programs calling [Differentiable] helpers that take a struct of reals by <c>in</c> (a mutable struct, a
/// readonly record struct), with the argument a local, a <c>new</c> at the call or <c>in local</c>, in loops
/// and branches. Inside, each must generate cleanly and match central differences; one in six adds a program of its
/// own that takes a struct by <c>ref</c> or <c>out</c> (ADG0006 at that parameter, no code). AUTODIFFGEN_IN_STRUCT_COUNT
/// changes the run (400 run once locally, 2026-12-03).
/// </summary>
public class InStructParameterPropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using AutoDiffGen;
        public struct Q { public double A; public double B; public Q(double a, double b) { A = a; B = b; } }
        public readonly record struct R(double U, double V);
        public static partial class Drawn
        {
            [Differentiable] public static double Fq(double x, in Q q) => x * q.A + Math.Sin(q.B) * q.A;
            [Differentiable] public static double Fr(in R r, double k) => r.U * r.V + k * r.U * r.U;
            [Differentiable] public static double Fv(double x, in Q v) => v.A * x - v.B * v.B;
            [Differentiable] public static double Nest(double x, in Q q) => Fq(x, q) + Fq(q.B, in q);

        """;

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheParameter()
    {
        int count = ProgramBatch.Count("AUTODIFFGEN_IN_STRUCT_COUNT", 60);
        var random = new Random(20261213);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 6 == 5)).ToList();
        // ADG0006 is a declaration rule, which the analyzer reports (the generator is silent and generates nothing):
        // the just-outside programs are judged with the analyzer's diagnostics, the inside ones by the batch.
        var outside = all.Where(p => p.Bad is not null).ToList();
        string source = ProgramBatch.Source(Header, outside.Select(p => p.Text));
        var run = GeneratorHarness.Run(source);
        foreach (var (name, text, bad) in outside)
        {
            Assert.Contains(run.Diagnostics, d => d.Id == "ADG0006" && source.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length) == bad
                && d.Location.GetLineSpan().StartLinePosition.Line == source.Substring(0, source.IndexOf(" " + name + "(", StringComparison.Ordinal)).Count(c => c == '\n'));
            Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("." + name + "_", StringComparison.Ordinal));
        }
        Assert.True(outside.Count > 0);
        ProgramBatch.JudgeAndCheck(Header, "Drawn", all.Where(p => p.Bad is null).ToList(), () => new object[] { Away(random), Away(random) }, output.WriteLine, "ADG0006");
    }

    private static double Away(Random random) => (random.Next(2) == 0 ? -1 : 1) * (0.3 + random.NextDouble());

    private static (string Name, string Text, string? Bad) Next(Random random, string name, bool outside)
    {
        string Pick(params string[] options) => options[random.Next(options.Length)];
        string Expr() => Pick("x", "u", "x * u", "0.5 * x + u", "Math.Cos(u)", "s", "1.5", "x - s * 0.1");
        var body = new System.Text.StringBuilder();
        string extra = outside ? Pick(", ref Q bad", ", out Q bad") : "";
        body.Append("    [Differentiable] public static double ").Append(name).Append("(double x, double u").Append(extra).Append(")\n    {\n        double s = 0;\n");
        if (extra == ", out Q bad") body.Append("        bad = new Q(x, u);\n");
        int statements = 1 + random.Next(4);
        for (int k = 0; k < statements; k++)
        {
            string call = random.Next(4) switch
            {
                0 => "Fq(" + Expr() + ", new Q(" + Expr() + ", " + Expr() + "))",
                1 => "Fr(new R(" + Expr() + ", " + Expr() + "), " + Expr() + ")",
                2 => "Fv(" + Expr() + ", new Q(" + Expr() + ", " + Expr() + "))",
                _ => "Nest(" + Expr() + ", new Q(" + Expr() + ", " + Expr() + "))",
            };
            switch (random.Next(4))
            {
                case 0:
                    body.Append("        { var q = new Q(").Append(Expr()).Append(", ").Append(Expr()).Append("); s += Fq(").Append(Expr()).Append(Pick(", in q);", ", q);")).Append(" }\n");
                    break;
                case 1:
                    body.Append("        for (int i = 0; i < ").Append(1 + random.Next(3)).Append("; i++) s += 0.5 * ").Append(call).Append(";\n");
                    break;
                case 2:
                    body.Append("        if (x > u) s += ").Append(call).Append("; else s -= ").Append(call).Append(";\n");
                    break;
                default:
                    body.Append("        s += ").Append(call).Append(";\n");
                    break;
            }
        }
        if (extra == ", ref Q bad") body.Append("        s += bad.A;\n");
        body.Append("        return s;\n    }\n");
        return (name, body.ToString(), outside ? extra.Substring(2) : null);
    }
}
