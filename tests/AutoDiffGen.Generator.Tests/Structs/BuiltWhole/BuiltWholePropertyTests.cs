using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs.BuiltWhole;

/// <summary>
/// Random programs over structs built whole (a readonly record struct with computed properties, a readonly struct with a
/// memberwise constructor, a record struct of Vector2 members): constructed, passed to and returned from helpers, 'with',
/// in loops and branches. Every supported program matches central differences; every program that goes outside what is
/// supported (a constructor that computes, Hessian mode's second-order path, a computed property or an instance method with a goto)
/// is an error at the construct and generates nothing that breaks the build.
/// </summary>
public class BuiltWholePropertyTests
{
    /// <summary>The structs and helpers the programs use (HessianBuiltWholePropertyTests draws over them too).</summary>
    internal const string Types = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Gen
        {
            public readonly record struct R(double A, double B)
            {
                public double S => A + B;
                public double P { get { return A * B; } }
                public double Q => Math.Sin(S) * P;
                public double Long { get { var t = A + B; again: t *= 0.5; if (t > 4) goto again; return t * t; } }
                public double Sum() => A + B;
                public double Twice() { var t = A + B; again: t *= 0.5; if (t > 4) goto again; return t + t; }
            }

            public readonly struct W
            {
                public double U { get; }
                public double V { get; }
                public W(double v, double u) { V = v; this.U = u; }
                public double Norm2 => U * U + V * V;
            }

            public readonly struct Doubled
            {
                public double X { get; }
                public Doubled(double x) { X = 2 * x; }
            }

            public record struct Seg(Vector2 From, Vector2 To);

            public static partial class H
            {
                [Differentiable]
                public static R Mix(R r, double t) => new R(r.A * t + r.B, r.B - t);

                [Differentiable]
                public static W Turn(W w, R r) => new W(w.U * r.A - w.V, w.V + r.S * w.U);

                [Differentiable]
                public static float Len(Seg s) => Vector2.Distance(s.From, s.To);
            }
        """;

    /// <summary>Draws methods over R, W and Seg (HessianBuiltWholePropertyTests draws them with Hessian = true).</summary>
    internal sealed class Gen
    {
        private readonly Random _random;
        private readonly List<string> _atoms = new();

        public Gen(int seed) => _random = new Random(seed);

        public string Expr(int depth)
        {
            if (depth <= 0 || _random.Next(3) == 0)
            {
                return _random.Next(5) == 0 ? (0.25 + _random.Next(8) * 0.25).ToString("0.00", CultureInfo.InvariantCulture) : _atoms[_random.Next(_atoms.Count)];
            }
            string a = Expr(depth - 1), b = Expr(depth - 1);
            return _random.Next(6) switch
            {
                0 => "(" + a + " + " + b + ")",
                1 => "(" + a + " - " + b + ")",
                2 => "(" + a + " * " + b + ")",
                3 => "Math.Sin(" + a + ")",
                4 => "(" + a + " * 0.5 + " + b + " * 0.25)",
                _ => "Math.Tanh(" + a + ")",
            };
        }

        /// <summary>A method; <paramref name="outside"/> selects a form that must be diagnosed (-1: none); <paramref name="hessian"/> adds Hessian = true.</summary>
        public string Method(string name, int outside, bool hessian = false)
        {
            _atoms.Clear();
            _atoms.AddRange(new[] { "x", "r.A", "r.B", "r.S", "r.P", "w.U", "w.V", "w.Norm2" });
            var b = new StringBuilder();
            string attribute = outside == 1 || hessian ? "[Differentiable(Hessian = true)]" : "[Differentiable]";
            // Outside 1: Hessian mode on a method that keeps the second-order path (a float[] in a double method), which
            // writes a struct's tangents member by member (forward over reverse takes these structs since hess15).
            string extra = outside == 0 ? ", Doubled d" : outside == 1 ? ", float[] z" : "";
            b.AppendLine("        " + attribute + " public static double " + name + "(R r, W w, double x" + extra + ", int n)");
            b.AppendLine("        {");
            b.AppendLine("            var q = new R(" + Expr(2) + ", " + Expr(2) + ");");
            _atoms.AddRange(new[] { "q.A", "q.B", "q.S", "q.Q" });
            b.AppendLine("            var v = new W(" + Expr(2) + ", " + Expr(1) + ");");
            _atoms.AddRange(new[] { "v.U", "v.Norm2" });
            b.AppendLine("            for (int k = 0; k < n; k++)");
            b.AppendLine("            {");
            b.AppendLine("                " + _random.Next(4) switch
            {
                0 => "q = H.Mix(q, " + Expr(1) + ");",
                1 => "q = q with { A = " + Expr(2) + " };",
                2 => "q = new R(q.B, q.A * 0.5);",
                _ => "v = H.Turn(v, q);",
            });
            b.AppendLine("                if (" + Expr(1) + " > 0.5) v = H.Turn(v, q with { B = 0.5 });");
            b.AppendLine("            }");
            // A record struct of Vector2 members through a helper; over constants here, since a float cast of a double
            // (float)q.A makes the result a staircase that central differences in double cannot follow (BuiltWholeTests
            // checks Vector3 members in float).
            b.AppendLine("            var s = new Seg(System.Numerics.Vector2.One, new System.Numerics.Vector2(0.5f, " + (_random.Next(3) * 0.5).ToString("0.0", CultureInfo.InvariantCulture) + "f));");
            string tail = outside switch
            {
                0 => " + d.X",
                1 => " + z[0]",
                2 => " + q.Long",
                3 => " + q.Twice()",
                _ => "",
            };
            b.AppendLine("            return " + Expr(3) + " + H.Len(s) * 0.1" + tail + ";");
            b.AppendLine("        }");
            return b.ToString();
        }
    }

    private static readonly (string Id, string Says)[] Outside =
    {
        ("ADG0006", "without a constructor that takes every member"),
        ("ADG0019", "built whole"),
        ("ADG0003", "q.Long"),
        // A method (q.Sum(), and bodies of several statements: Statements/InlinedBodyTests) is inlined; one with a goto is not.
        ("ADG0003", "whose body has a goto"),
    };

    [Theory]
    [InlineData(20261202, 40)]
    [InlineData(7, 40)]
    public void RandomProgramsOverStructsBuiltWhole_MatchCentralDifferences(int seed, int count)
    {
        var gen = new Gen(seed);
        var methods = Enumerable.Range(0, count).Select(i => gen.Method("F" + i, -1)).ToList();
        var source = Types + "    public static partial class P\n    {\n" + string.Join("\n", methods) + "    }\n}\n";
        // A drawn program may not depend on its parameters (a warning, ADG0011): its zero gradient is checked too.
        var assembly = GeneratorHarness.CompileAndLoadAllowing(source, "ADG0011");
        var type = assembly.GetType("Gen.P")!;
        var random = new Random(seed);
        for (int i = 0; i < count; i++)
        {
            var r = Activator.CreateInstance(assembly.GetType("Gen.R")!, Pick(random), Pick(random))!;
            var w = Activator.CreateInstance(assembly.GetType("Gen.W")!, Pick(random), Pick(random))!;
            try
            {
                CentralDifferenceRunner.Check(type.GetMethod("F" + i)!, null, new object[] { r, w, Pick(random), random.Next(4) });
            }
            catch (Exception e) when (e is not TargetInvocationException)
            {
                throw new Xunit.Sdk.XunitException("seed " + seed + ", F" + i + ":\n" + methods[i] + "\n" + e.Message);
            }
        }
    }

    [Theory]
    [InlineData(20261202)]
    [InlineData(11)]
    public void RandomProgramsOutsideWhatIsSupported_AreErrorsAtTheConstruct(int seed)
    {
        var gen = new Gen(seed);
        for (int outside = 0; outside < Outside.Length; outside++)
        {
            string method = gen.Method("F", outside);
            var result = GeneratorHarness.Run(Types + "    public static partial class P\n    {\n" + method + "    }\n}\n");
            var (id, says) = Outside[outside];
            var found = result.Diagnostics.Where(d => d.Id == id && d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(found.Count > 0, "expected " + id + " for\n" + method + "\n" + result.Dump());
            Assert.Contains(found, d => d.GetMessage().Contains(says, StringComparison.Ordinal) || d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).Contains(says, StringComparison.Ordinal));
            Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("P.F_", StringComparison.Ordinal) && outside != 1);
            Assert.Empty(result.CompileDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
        }
    }

    private static double Pick(Random random) => Math.Round((random.NextDouble() * 2) - 1, 2);
}
