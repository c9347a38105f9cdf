using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>
/// Generated file names are compared ignoring case, and one clash used to fail the whole generator (CS8785: no file
/// at all, so every Backward of the project vanished): methods that differ only in case, types or namespaces that differ
/// only in case, overloads over types of the same short name. Random programs mix those; every method must still get
/// its Backward, right against the hand derivative and central differences.
/// </summary>
public class HintNameClashTests
{
    private static readonly string[] Namespaces = { "N", "n" };
    private static readonly string[] Classes = { "C", "c" };
    private static readonly string[] Names = { "F", "f", "G" };
    private static readonly string[] Types = { "double", "A.V", "B.V" };

    private sealed record Method(string Namespace, string Class, string Name, string Type, int K)
    {
        public string Signature => Namespace + "." + Class + "." + Name + "(" + Type + ")";
    }

    [Fact]
    public void ClashingNames_EachMethodGetsItsOwnBackward()
    {
        var random = new Random(20261203);
        for (int program = 0; program < 40; program++)
        {
            var methods = new List<Method>();
            int count = random.Next(2, 7);
            while (methods.Count < count)
            {
                var m = new Method(Pick(random, Namespaces), Pick(random, Classes), Pick(random, Names), Pick(random, Types), methods.Count + 1);
                if (methods.All(o => o.Signature != m.Signature)) methods.Add(m);
            }
            Check(methods);
        }
    }

    [Fact]
    public void OnlyCaseDiffers_AndShortTypeNamesMeet()
    {
        Check(new List<Method>
        {
            new("N", "C", "F", "double", 1), new("N", "C", "f", "double", 2),
            new("N", "C", "G", "A.V", 3), new("N", "C", "G", "B.V", 4),
            new("N", "c", "F", "double", 5), new("n", "C", "F", "double", 6),
        });
    }

    /// <summary>
    /// The same method declared twice (CS0111, as while one is typed): the compiler's error stands; the generator does not
    /// fail, and the other methods keep their files.
    /// </summary>
    [Fact]
    public void SameMethodTwice_LeavesTheCompilersErrorAndTheOtherFiles()
    {
        var result = GeneratorHarness.Run("""
            using AutoDiffGen;
            public static partial class C
            {
                [Differentiable] public static double F(double x) => x * x;
                [Differentiable] public static double F(double x) => x * x * x;
                [Differentiable] public static double G(double x) => 2 * x;
            }
            """);
        Assert.Empty(result.Exceptions);
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Id == "CS8785");
        Assert.Contains(result.CompileDiagnostics, d => d.Id == "CS0111");
        Assert.Equal(new[] { "C.G_double.g.cs" }, result.Generated.Keys.Where(k => k.EndsWith(".g.cs", StringComparison.Ordinal) && k.StartsWith("C.", StringComparison.Ordinal)).ToArray());
    }

    private static void Check(List<Method> methods)
    {
        var source = Source(methods);
        var result = GeneratorHarness.RunForLoad(source);
        Assert.True(result.Exceptions.IsEmpty && !result.CompileDiagnostics.Any(d => d.Id == "CS8785"), source + "\n" + result.Dump());
        result.AssertClean();
        var files = result.Generated.Keys.Where(k => k.StartsWith("N.", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.True(files.Count == methods.Count, source + "\nfiles: " + string.Join(", ", files));

        var probe = GeneratorHarness.Load(result).GetType("Probe")!.GetMethod("Run")!;
        const double x = 1.3;
        var rows = (double[][])probe.Invoke(null, new object[] { x })!;
        for (int i = 0; i < methods.Count; i++)
        {
            var m = methods[i];
            // k·x² for a double parameter, k·p.X² for a struct one: value k·x², derivative 2·k·x.
            Assert.True(Math.Abs(rows[i][0] - m.K * x * x) < 1e-12, m.Signature + " value " + rows[i][0] + "\n" + source);
            Assert.True(Math.Abs(rows[i][1] - 2 * m.K * x) < 1e-12, m.Signature + " gradient " + rows[i][1] + "\n" + source);
            Assert.True(Math.Abs(rows[i][1] - rows[i][2]) < 1e-6, m.Signature + " gradient " + rows[i][1] + " vs central difference " + rows[i][2]);
        }
    }

    private static string Source(List<Method> methods)
    {
        var s = new StringBuilder("using AutoDiffGen;\nnamespace A { public struct V { public double X; } }\nnamespace B { public struct V { public double X; } }\n");
        foreach (var group in methods.GroupBy(m => (m.Namespace, m.Class)))
        {
            s.Append("namespace ").Append(group.Key.Namespace).Append(" { public static partial class ").Append(group.Key.Class).Append(" {\n");
            foreach (var m in group)
            {
                string body = m.Type == "double" ? "x * x" : "x.X * x.X";
                string type = m.Type == "double" ? "double" : "global::" + m.Type;
                s.Append($"    [Differentiable] public static double {m.Name}({type} x) => {m.K}.0 * {body};\n");
            }
            s.Append("} }\n");
        }
        s.Append("public static class Probe\n{\n    public static double[][] Run(double x)\n    {\n        const double h = 1e-6;\n        return new[]\n        {\n");
        foreach (var m in methods)
        {
            string owner = $"global::{m.Namespace}.{m.Class}.{m.Name}";
            if (m.Type == "double")
            {
                s.Append($"            new[] {{ {owner}(x), Grad((ref double d) => {owner}Backward(x, ref d)), ({owner}(x + h) - {owner}(x - h)) / (2 * h) }},\n");
            }
            else
            {
                string make = $"new global::{m.Type} {{ X = ";
                s.Append($"            new[] {{ {owner}({make}x }}), GradV{m.Type[0]}((ref global::{m.Type} d) => {owner}Backward({make}x }}, ref d)), ({owner}({make}x + h }}) - {owner}({make}x - h }})) / (2 * h) }},\n");
            }
        }
        s.Append("        };\n    }\n");
        s.Append("    private delegate double Seeded(ref double d);\n    private static double Grad(Seeded f) { double d = 0; f(ref d); return d; }\n");
        foreach (var ns in new[] { "A", "B" })
        {
            s.Append($"    private delegate double Seeded{ns}(ref global::{ns}.V d);\n    private static double GradV{ns}(Seeded{ns} f) {{ var d = new global::{ns}.V(); f(ref d); return d.X; }}\n");
        }
        s.Append("}\n");
        return s.ToString();
    }

    private static T Pick<T>(Random random, T[] items) => items[random.Next(items.Length)];
}
