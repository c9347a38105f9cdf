using System.Globalization;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.State;

/// <summary>
/// Random WithRespectToThis methods: expressions over a parameter and the object's members (a double, a float, a
/// double[] read in loops and by constant index, a member read in a branch condition, a call to a helper that opts in
/// too). Each generated method's gradient, parameter and every member, must match central differences. Programs that
/// hold a rejected construct (a member write, a computed property, a call to an instance method that does not opt in,
/// <c>this</c> as a value) must be diagnosed, with no Backward for that method. Count: AUTODIFFGEN_STATE_COUNT (default 40).
/// </summary>
public class ThisPropertyTests
{
    private static int Count => int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_STATE_COUNT"), out int n) ? n : 40;

    private static readonly string[] Rejected =
    {
        "A = x;", "double bad = Twice;", "double bad = Bump();", "var self = this;",
    };

    private sealed class Gen(int seed)
    {
        private readonly Random _r = new(seed);

        public string Expr(int depth)
        {
            if (depth <= 0 || _r.NextDouble() < 0.3)
            {
                return _r.Next(7) switch
                {
                    0 => "x",
                    1 => "A",
                    2 => "this.A",
                    3 => "W[" + _r.Next(3) + "]",
                    4 => "(double)F",
                    5 => "Helper(x)",
                    _ => (0.5 + _r.NextDouble()).ToString("0.###", CultureInfo.InvariantCulture),
                };
            }
            string a = Expr(depth - 1), b = Expr(depth - 1);
            return _r.Next(6) switch
            {
                0 => "(" + a + " + " + b + ")",
                1 => "(" + a + " - " + b + ")",
                2 => "(" + a + " * " + b + ")",
                3 => "Math.Sin(" + a + ")",
                4 => "Math.Exp(0.1 * " + a + ")",
                _ => "(" + a + " * " + a + ")",
            };
        }

        public string Method(string name, string? rejected)
        {
            var sb = new StringBuilder();
            sb.Append("[Differentiable(WithRespectToThis = true)] public double ").Append(name).Append("(double x) {\n");
            if (rejected is not null) sb.Append(rejected).Append('\n');
            sb.Append("double s = ").Append(Expr(2)).Append(";\n");
            if (_r.NextDouble() < 0.6) sb.Append("for (int i = 0; i < W.Length; i++) s += W[i] * ").Append(Expr(1)).Append(";\n");
            if (_r.NextDouble() < 0.5) sb.Append("if (A > 0.3) s += ").Append(Expr(2)).Append("; else s -= ").Append(Expr(1)).Append(";\n");
            sb.Append("return s * ").Append(Expr(1)).Append(";\n}\n");
            return sb.ToString();
        }
    }

    private static string Class(IEnumerable<string> methods) => """
        using System;
        using AutoDiffGen;
        namespace Random;
        public partial class M
        {
            public double A;
            public float F;
            public double[] W = new double[3];
            public double Twice => 2 * A;
            public double Plain() => A * A;
            public double Bump() { A += 1; return A; }
            [Differentiable(WithRespectToThis = true)] public double Helper(double y) => Math.Sin(A * y) + W[1] * F;

        """ + string.Join("\n", methods) + "\n}\n";

    [Fact]
    public void RandomStateMethods_MatchCentralDifferences_OrAreDiagnosed()
    {
        int n = Count;
        var accepted = new List<string>();
        var rejected = new List<(string Name, string Source)>();
        for (int i = 0; i < n; i++)
        {
            var gen = new Gen(1000 + i);
            bool reject = i % 10 == 9;
            string name = "M" + i;
            if (reject) rejected.Add((name, gen.Method(name, Rejected[(i / 10) % Rejected.Length])));
            else accepted.Add(gen.Method(name, null));
        }

        var assembly = GeneratorHarness.CompileAndLoad(Class(accepted));
        var type = assembly.GetType("Random.M")!;
        var random = new Random(7);
        int checkedMethods = 0;
        foreach (var method in type.GetMethods().Where(m => m.Name.StartsWith('M') && !m.Name.EndsWith("Backward", StringComparison.Ordinal)))
        {
            var model = Activator.CreateInstance(type)!;
            type.GetField("A")!.SetValue(model, (random.NextDouble() * 1.6) - 0.8);
            type.GetField("F")!.SetValue(model, (float)((random.NextDouble() * 2) - 1));
            type.GetField("W")!.SetValue(model, new[] { random.NextDouble() - 0.5, random.NextDouble() - 0.5, random.NextDouble() - 0.5 });
            double x = (random.NextDouble() * 2) - 1;
            try
            {
                var args = StateCheck.Members(model, method.Name, new object[] { x }, () => Activator.CreateInstance(type)!, adjointsBefore: new object[] { 0.0 });
                double F(double v) => (double)method.Invoke(model, new object[] { v })!;
                Tolerance.AssertCentral((F(x + 1e-6) - F(x - 1e-6)) / 2e-6, (double)args[1]!, F(x), "dX");
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new Xunit.Sdk.XunitException(method.Name + " failed:\n" + e.Message + "\n" + accepted.Single(s => s.Contains(" " + method.Name + "(", StringComparison.Ordinal)));
            }
            checkedMethods++;
        }
        Assert.Equal(accepted.Count, checkedMethods);

        foreach (var (name, source) in rejected)
        {
            var result = GeneratorHarness.Run(Class(new[] { source }));
            Assert.True(result.Diagnostics.Any(d => d.Severity == DiagnosticSeverity.Error && d.Id.StartsWith("ADG", StringComparison.Ordinal)), name + " was not diagnosed:\n" + source);
            Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("." + name + "_", StringComparison.Ordinal));
            Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }
    }
}
