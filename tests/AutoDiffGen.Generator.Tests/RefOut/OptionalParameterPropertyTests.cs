using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// Property test of the shorter <c>MBackward</c>/<c>MForward</c> overloads (docs/supported.md, "Optional parameters"):
/// random parameter lists mixing required, optional (double, <c>[NoDiff]</c>, int, bool, enum, <c>in</c>, Vector2, a nullable
/// array), <c>params</c>, <c>ref</c>/<c>out</c> and arrays. For each, every natural call of the Backward (and Forward), leaving
/// out any suffix of the optional arguments as a call of the method may, with and without <c>dResult</c>, must compile with no
/// error or warning at C# 7.3 and at the latest version, together with a <c>[Differentiable]</c> caller that leaves them out,
/// and return what the full Backward returns with the defaults written out. 60 programs, fixed seed.
/// </summary>
public class OptionalParameterPropertyTests
{
    private enum Kind { Diff, NoDiff, Int, Bool, Enum, In, Vec, NullableArray, Array, Ref, Out, Params }

    private sealed record Param(Kind Kind, string Name, bool Optional)
    {
        public bool Differentiable => Kind is Kind.Diff or Kind.In or Kind.Vec or Kind.NullableArray or Kind.Array or Kind.Ref or Kind.Out or Kind.Params;
        public string Adjoint => "d" + char.ToUpperInvariant(Name[0]) + Name.Substring(1);
    }

    [Fact]
    public void NaturalCallsLeavingOutOptionalArguments_CompileAndEqualTheFullCall()
    {
        var random = new Random(20261202);
        for (int program = 0; program < 60; program++)
        {
            var ps = Draw(random);
            bool forward = ps.All(p => p.Kind is not (Kind.Ref or Kind.Out or Kind.In or Kind.Params or Kind.NullableArray)) && random.Next(2) == 0;
            foreach (var (version, nullable) in new[] { (LanguageVersion.CSharp7_3, false), (LanguageVersion.Latest, true) })
            {
                string source = Source(ps, forward, nullable);
                var result = LanguageVersionHarness.RunForLoad(version, nullable, null, source);
                Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, "program " + program + ":\n" + source + "\n" + result.Dump());
                if (version != LanguageVersion.Latest) continue;
                var calls = result.Load().GetType("Calls")!;
                int optional = ps.Count(p => p.Optional);
                for (int k = 0; k < optional; k++)
                {
                    foreach (bool seed in new[] { false, true })
                    {
                        var natural = (double[])calls.GetMethod("Short" + k)!.Invoke(null, new object[] { seed })!;
                        var full = (double[])calls.GetMethod("Full" + k)!.Invoke(null, new object[] { seed })!;
                        Assert.True(natural.SequenceEqual(full), "program " + program + ", " + k + " optional arguments given:\n" + source);
                        Assert.Contains(natural, v => v != 0);
                    }
                    if (forward)
                    {
                        var natural = (double[])calls.GetMethod("ShortForward" + k)!.Invoke(null, null)!;
                        var full = (double[])calls.GetMethod("FullForward" + k)!.Invoke(null, null)!;
                        Assert.True(natural.SequenceEqual(full), "program " + program + ", forward, " + k + ":\n" + source);
                    }
                }
            }
        }
    }

    private static List<Param> Draw(Random random)
    {
        var required = new List<Param>();
        var first = random.Next(3) == 0 ? Kind.Array : Kind.Diff;
        required.Add(new Param(first, "a0", false));
        var requiredKinds = new[] { Kind.Diff, Kind.NoDiff, Kind.Int, Kind.Array, Kind.Ref, Kind.Out, Kind.In, Kind.Vec };
        for (int i = random.Next(3); i > 0; i--) required.Add(new Param(requiredKinds[random.Next(requiredKinds.Length)], "r" + required.Count, false));
        var optionalKinds = new[] { Kind.Diff, Kind.NoDiff, Kind.Int, Kind.Bool, Kind.Enum, Kind.In, Kind.Vec, Kind.NullableArray };
        var all = new List<Param>(required);
        for (int i = 1 + random.Next(3); i > 0; i--) all.Add(new Param(optionalKinds[random.Next(optionalKinds.Length)], "o" + all.Count, true));
        if (random.Next(3) == 0) all.Add(new Param(Kind.Params, "rest", true));
        return all;
    }

    private static string Decl(Param p, bool nullable) => p.Kind switch
    {
        Kind.Diff => "double " + p.Name + (p.Optional ? " = 0.5" : ""),
        Kind.NoDiff => "[NoDiff] double " + p.Name + (p.Optional ? " = 2.0" : ""),
        Kind.Int => "int " + p.Name + (p.Optional ? " = 3" : ""),
        Kind.Bool => "bool " + p.Name + " = true",
        Kind.Enum => "Mode " + p.Name + " = Mode.B",
        Kind.In => "in double " + p.Name + (p.Optional ? " = 1.5" : ""),
        Kind.Vec => "Vector2 " + p.Name + (p.Optional ? " = default" : ""),
        Kind.NullableArray => "double[]" + (nullable ? "?" : "") + " " + p.Name + " = null",
        Kind.Array => "double[] " + p.Name,
        Kind.Ref => "ref double " + p.Name,
        Kind.Out => "out double " + p.Name,
        _ => "params double[] " + p.Name,
    };

    /// <summary>Each parameter's effect on the running value s.</summary>
    private static string Statement(Param p) => p.Kind switch
    {
        Kind.Diff or Kind.In or Kind.Ref => "s += " + p.Name + " * " + p.Name + " * 0.75 + s * " + p.Name + ";",
        Kind.NoDiff => "s = s * (1 + 0.1 * " + p.Name + ");",
        Kind.Int => "s = s * " + p.Name + ";",
        Kind.Bool => "if (" + p.Name + ") s += s * s;",
        Kind.Enum => "if (" + p.Name + " == Mode.B) s *= 2;",
        Kind.Vec => "s += " + p.Name + ".X * " + p.Name + ".Y + s * " + p.Name + ".X;",
        Kind.NullableArray => "if (" + p.Name + " != null) s += " + p.Name + "[0] * " + p.Name + "[1];",
        Kind.Array => "s += " + p.Name + "[0] * " + p.Name + "[1] + s * " + p.Name + "[0];",
        Kind.Params => "for (int i = 0; i < " + p.Name + ".Length; i++) s += " + p.Name + "[i] * s;",
        _ => "",
    };

    /// <summary>An argument given, and the default a left-out one takes, written out.</summary>
    private static string Argument(Param p, bool given) => p.Kind switch
    {
        Kind.Diff => given ? "1.25" : "0.5",
        Kind.NoDiff => given ? "3.0" : "2.0",
        Kind.Int => given ? "2" : "3",
        Kind.Bool => given ? "false" : "true",
        Kind.Enum => given ? "Mode.A" : "Mode.B",
        Kind.In => given ? "0.8" : "1.5",
        Kind.Vec => given ? "new Vector2(0.3f, 0.6f)" : "default(Vector2)",
        Kind.NullableArray => given ? "new[] { 0.7, -0.4 }" : "null",
        Kind.Array => "new[] { 0.9, 0.2 }",
        Kind.Ref => "ref " + p.Name,
        Kind.Out => "out " + p.Name,
        _ => given ? "new[] { 1.5, -0.5 }" : "new double[0]",
    };

    private static string AdjointArgument(Param p) => p.Kind switch
    {
        Kind.Array or Kind.NullableArray or Kind.Params => p.Adjoint,
        Kind.Out => "1.0",
        _ => "ref " + p.Adjoint,
    };

    private static string AdjointLocal(Param p, bool given, bool nullable) => p.Kind switch
    {
        Kind.Vec => "Vector2 " + p.Adjoint + " = default(Vector2);",
        Kind.Array => "double[] " + p.Adjoint + " = new double[2];",
        Kind.NullableArray => "double[]" + (nullable ? "?" : "") + " " + p.Adjoint + " = " + (given ? "new double[2]" : "null") + ";",
        Kind.Params => "double[] " + p.Adjoint + " = " + (given ? "new double[2]" : "new double[0]") + ";",
        Kind.Out => "",
        _ => "double " + p.Adjoint + " = 0;",
    };

    private static string Collect(Param p) => p.Kind switch
    {
        Kind.Vec => "g.Add(" + p.Adjoint + ".X); g.Add(" + p.Adjoint + ".Y);",
        Kind.Array or Kind.NullableArray or Kind.Params => "if (" + p.Adjoint + " != null) g.AddRange(" + p.Adjoint + ");",
        Kind.Out => "g.Add(" + p.Name + ");",
        Kind.Ref => "g.Add(" + p.Adjoint + "); g.Add(" + p.Name + ");",
        _ => "g.Add(" + p.Adjoint + ");",
    };

    private static string Source(List<Param> ps, bool forward, bool nullable)
    {
        var s = new StringBuilder();
        s.AppendLine("using System;\nusing System.Collections.Generic;\nusing System.Numerics;\nusing AutoDiffGen;\npublic enum Mode { A, B }");
        s.AppendLine("public static partial class M\n{");
        s.AppendLine("    [Differentiable" + (forward ? "(Forward = true)" : "") + "]");
        s.AppendLine("    public static double F(" + string.Join(", ", ps.Select(p => Decl(p, nullable))) + ")\n    {");
        s.AppendLine("        double s = 0.25;");
        foreach (var p in ps) s.AppendLine("        " + Statement(p));
        foreach (var p in ps.Where(p => p.Kind == Kind.Out)) s.AppendLine("        " + p.Name + " = s * 0.5;");
        s.AppendLine("        return s;\n    }");
        // A differentiated caller that leaves every optional argument out (its required ones only when they are plain values).
        // (Not with params: an empty expanded params list in a differentiated call is ADG0003, RandomProgramTests' business.)
        if (ps.Where(p => !p.Optional).All(p => p.Kind is Kind.Diff or Kind.NoDiff or Kind.Int or Kind.In) && ps.All(p => p.Kind != Kind.Params))
        {
            s.AppendLine("    [Differentiable]\n    public static double Caller(double c) => F(" + string.Join(", ", ps.Where(p => !p.Optional).Select(p => p.Kind == Kind.Int ? "2" : p.Kind == Kind.NoDiff ? "2.0" : "c")) + ");");
        }
        s.AppendLine("}");
        s.AppendLine("public static class Calls\n{");
        int optional = ps.Count(p => p.Optional);
        int required = ps.Count - optional;
        for (int k = 0; k < optional; k++)
        {
            var given = ps.Take(required + k).ToList();
            foreach (bool full in new[] { false, true })
            {
                var passed = full ? ps : given;
                s.AppendLine("    public static double[] " + (full ? "Full" : "Short") + k + "(bool seed)\n    {");
                s.AppendLine("        var g = new List<double>();");
                foreach (var p in ps.Where(p => p.Kind == Kind.Ref)) s.AppendLine("        double " + p.Name + " = 0.6;");
                foreach (var p in ps.Where(p => p.Kind == Kind.Out)) s.AppendLine("        double " + p.Name + ";");
                foreach (var p in passed.Where(p => p.Differentiable)) s.AppendLine("        " + AdjointLocal(p, given.Contains(p), nullable));
                var arguments = passed.Select(p => Argument(p, given.Contains(p)))
                    .Concat(passed.Where(p => p.Differentiable).Select(AdjointArgument));
                string call = "M.FBackward(" + string.Join(", ", arguments) + ")";
                string seeded = "M.FBackward(" + string.Join(", ", arguments.Concat(new[] { "2.0" })) + ")";
                s.AppendLine("        g.Add(seed ? " + seeded + " : " + call + ");");
                foreach (var p in given.Where(p => p.Differentiable)) s.AppendLine("        " + Collect(p));
                s.AppendLine("        return g.ToArray();\n    }");
            }
            if (forward)
            {
                foreach (bool full in new[] { false, true })
                {
                    var passed = full ? ps : given;
                    var arguments = passed.Select(p => Argument(p, given.Contains(p)))
                        .Concat(passed.Where(p => p.Differentiable).Select(p => !given.Contains(p) ? "default(" + (p.Kind == Kind.Vec ? "Vector2" : p.Kind is Kind.Array ? "ReadOnlySpan<double>" : "double") + ")"
                            : p.Kind == Kind.Vec ? "new Vector2(1f, -1f)" : p.Kind is Kind.Array ? "new[] { 1.0, 0.5 }" : "1.0"));
                    s.AppendLine("    public static double[] " + (full ? "FullForward" : "ShortForward") + k + "()\n    {");
                    s.AppendLine("        double v = M.FForward(" + string.Join(", ", arguments) + ", out double t);");
                    s.AppendLine("        return new[] { v, t };\n    }");
                }
            }
        }
        s.AppendLine("}");
        return s.ToString();
    }
}
