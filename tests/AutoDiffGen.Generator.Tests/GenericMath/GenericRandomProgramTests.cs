using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.GenericMath;

/// <summary>
/// Random generic-math programs, each written twice: over T (constrained to exactly the interfaces its functions need,
/// so the user's code compiles) and for double. Property: the build never breaks; every generic method either gets a
/// Backward whose gradient at double equals the double method's bit for bit (and matches central differences), or is
/// ADG0025 because its derivative needs a function those constraints lack (T.Pow's needs T.Log, T.Asinh's T.Sqrt).
/// </summary>
public class GenericRandomProgramTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private sealed record Fn(string Name, string Interface, int Arity, Func<string, string, string, string> Render);

    // Render(f, a, b): f is "T." or "Math." (double.Hypot for Math), a and b the arguments.
    private static readonly Fn[] Functions =
    {
        new("Sin", "ITrigonometricFunctions", 1, (f, a, _) => f + "Sin(" + a + ")"),
        new("Cos", "ITrigonometricFunctions", 1, (f, a, _) => f + "Cos(" + a + ")"),
        new("Atan", "ITrigonometricFunctions", 1, (f, a, _) => f + "Atan(" + a + ")"),
        new("Exp", "IExponentialFunctions", 1, (f, a, _) => f + "Exp(" + f + "Sin(" + a + "))"),
        new("Log", "ILogarithmicFunctions", 1, (f, a, _) => f + "Log(" + f + "Abs(" + a + ") + C(0.5))"),
        new("Sqrt", "IRootFunctions", 1, (f, a, _) => f + "Sqrt(" + a + " * " + a + " + C(0.25))"),
        new("Hypot", "IRootFunctions", 2, (f, a, b) => (f == "Math." ? "double." : f) + "Hypot(" + a + ", " + b + ")"),
        new("Tanh", "IHyperbolicFunctions", 1, (f, a, _) => f + "Tanh(" + a + ")"),
        new("Asinh", "IHyperbolicFunctions", 1, (f, a, _) => f + "Asinh(" + a + ")"),
        new("Pow", "IPowerFunctions", 2, (f, a, b) => f + "Pow(" + f + "Abs(" + a + ") + C(0.5), " + b + ")"),
        new("Max", "", 2, (f, a, b) => f + "Max(" + a + ", " + b + ")"),
        new("Abs", "", 1, (f, a, _) => f + "Abs(" + a + ")"),
    };

    private sealed class Program
    {
        public string Name = "";
        public bool Loop;
        public string Generic = "";
        public string Double = "";
        public HashSet<string> Interfaces = new();
    }

    private static string Expr(Random r, int depth, string x, string y, bool generic, HashSet<string> interfaces)
    {
        string C(double c) => generic ? "T.CreateChecked(" + c.ToString("R", CultureInfo.InvariantCulture) + ")" : c.ToString("R", CultureInfo.InvariantCulture) + "";
        if (depth == 0 || r.NextDouble() < 0.2)
        {
            return r.Next(5) switch { 0 => C(Math.Round(r.NextDouble() * 3 - 1.5, 2)), 1 or 2 => x, _ => y };
        }
        if (r.NextDouble() < 0.45)
        {
            char op = "+-*"[r.Next(3)];
            return "(" + Expr(r, depth - 1, x, y, generic, interfaces) + " " + op + " " + Expr(r, depth - 1, x, y, generic, interfaces) + ")";
        }
        var fn = Functions[r.Next(Functions.Length)];
        if (fn.Interface.Length > 0) interfaces.Add(fn.Interface);
        if (fn.Name == "Exp") interfaces.Add("ITrigonometricFunctions");
        string a = Expr(r, depth - 1, x, y, generic, interfaces);
        string b = fn.Arity == 2 ? Expr(r, depth - 1, x, y, generic, interfaces) : "";
        return fn.Render(generic ? "T." : "Math.", a, b).Replace("C(0.5)", C(0.5)).Replace("C(0.25)", C(0.25));
    }

    private static Program Draw(Random r, int index)
    {
        var p = new Program { Name = "P" + index, Loop = r.Next(3) == 0 };
        // The same draws for both spellings: one seed per program.
        int seed = r.Next();
        string x = p.Loop ? "v[i]" : "x";
        string ge = Expr(new Random(seed), 4, x, "y", true, p.Interfaces);
        string de = Expr(new Random(seed), 4, x, "y", false, new HashSet<string>());
        string constraints = "IFloatingPoint<T>" + string.Concat(p.Interfaces.OrderBy(i => i, StringComparer.Ordinal).Select(i => ", " + i + "<T>"));
        if (r.Next(4) == 0) constraints = "IFloatingPointIeee754<T>";
        if (p.Loop)
        {
            p.Generic = "[Differentiable] public static T " + p.Name + "<T>(T[] v, T y) where T : " + constraints + " { T s = T.Zero; for (int i = 0; i < v.Length; i++) s += " + ge + "; return s; }";
            p.Double = "[Differentiable] public static double " + p.Name + "D(double[] v, double y) { double s = 0; for (int i = 0; i < v.Length; i++) s += " + de + "; return s; }";
        }
        else
        {
            p.Generic = "[Differentiable] public static T " + p.Name + "<T>(T x, T y) where T : " + constraints + " => " + ge + ";";
            p.Double = "[Differentiable] public static double " + p.Name + "D(double x, double y) => " + de + ";";
        }
        return p;
    }

    [Fact]
    public void RandomGenericPrograms_AreTheDoubleProgramsBitForBit_OrADG0025()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_GENERIC_PROPERTY_COUNT"), out var c) ? c : 40;
        var random = new Random(20261201);
        var programs = Enumerable.Range(0, count).Select(i => Draw(random, i)).ToList();
        var source = new StringBuilder("using System;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static partial class R\n{\n");
        foreach (var p in programs) source.Append("    ").Append(p.Generic).Append("\n    ").Append(p.Double).Append('\n');
        source.Append("}\n");
        var result = GeneratorHarness.RunForLoad(source.ToString());

        Assert.Empty(result.Exceptions);
        Assert.True(result.CompileDiagnostics.All(d => d.Severity != DiagnosticSeverity.Error), "broken build:\n" + string.Join("\n", result.CompileDiagnostics.Take(5)));
        var diagnosed = new HashSet<string>();
        foreach (var d in result.Diagnostics.Where(d => d.Id != "ADG0011"))
        {
            Assert.True(d.Id == "ADG0025" && d.GetMessage().Contains("constraints do not give", StringComparison.Ordinal), "unexpected: " + d);
            string method = d.GetMessage().Split('\'')[1];
            diagnosed.Add(method);
        }
        // Only a derivative that needs more than its function's own interface can be refused.
        foreach (string name in diagnosed)
        {
            var p = programs.Single(q => q.Name == name);
            Assert.True(p.Interfaces.Contains("IPowerFunctions") || p.Interfaces.Contains("IHyperbolicFunctions"), name + " was refused: " + p.Generic);
        }

        var type = GeneratorHarness.Load(result).GetType("R")!;
        int compared = 0;
        var points = new Random(7);
        foreach (var p in programs.Where(q => !diagnosed.Contains(q.Name)))
        {
            var generic = type.GetMethods().Single(m => m.Name == p.Name + "Backward" && m.GetParameters().Length == 4).MakeGenericMethod(typeof(double));
            var plain = type.GetMethods().Single(m => m.Name == p.Name + "DBackward");
            var primal = type.GetMethod(p.Name + "D")!;
            for (int k = 0; k < 3; k++)
            {
                double y = points.NextDouble() * 2 - 1;
                object x = p.Loop ? Enumerable.Range(0, 3).Select(_ => points.NextDouble() * 2 - 1).ToArray() : points.NextDouble() * 2 - 1;
                object Adjoint() => p.Loop ? new double[3] : 0.0;
                var g = new object[] { x, y, Adjoint(), 0.0 };
                var d = new object[] { x, y, Adjoint(), 0.0, 1.0 };
                double gv = (double)generic.Invoke(null, g)!;
                double dv = (double)plain.Invoke(null, d)!;
                Assert.Equal(dv, gv);
                Assert.Equal((double)d[3], (double)g[3]);
                if (p.Loop) Assert.Equal((double[])d[2], (double[])g[2]);
                else Assert.Equal((double)d[2], (double)g[2]);

                // And the derivative in y against central differences (smooth away from kinks: skipped when the two steps disagree).
                double F(double yy) => (double)primal.Invoke(null, new[] { x, yy })!;
                double h = 1e-6, fd = (F(y + h) - F(y - h)) / (2 * h), fd2 = (F(y + 2 * h) - F(y - 2 * h)) / (4 * h);
                if (double.IsFinite(fd) && Math.Abs(fd - fd2) < 1e-5 * Math.Max(1, Math.Abs(fd)))
                {
                    Assert.True(Math.Abs(fd - (double)g[3]) <= 1e-5 * Math.Max(1, Math.Abs(fd)), p.Name + ": " + fd + " vs " + g[3] + " in " + p.Generic);
                }
            }
            compared++;
        }
        output.WriteLine(count + " generic programs: " + compared + " differentiated and equal to the double method bit for bit at 3 points each, " + diagnosed.Count + " ADG0025");
        Assert.True(compared >= count / 3, "only " + compared + " of " + count + " generic programs were differentiated");
        Assert.True(diagnosed.Count > 0, "no program went outside what T's constraints give: the property is not exercised");
    }
}
