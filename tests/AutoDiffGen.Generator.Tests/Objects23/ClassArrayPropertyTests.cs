using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Objects23;

/// <summary>
/// Random programs over a <c>[WithRespectTo]</c> array, <c>List&lt;T&gt;</c>, <c>IList&lt;T&gt;</c> or <c>IReadOnlyList&lt;T&gt;</c>
/// (objects24) of generated class types (a positional record, a class of settable members, either with an <c>int</c>
/// member), reading elements in for loops, foreach loops and branches, through a local element, all in ONE compilation;
/// about one in three also with <c>Forward = true</c> (objects24). About one in five goes just outside (a store into an
/// element, LINQ over it, a second name for it, Jacobian = true, a list grown with Add): the ADG id at that construct and
/// no code. Every other one: each element member's gradient in <c>dXs</c> and the scalar's against central differences
/// at three points, and MForward's tResult against central differences along a random direction.
/// </summary>
public class ClassArrayPropertyTests(ITestOutputHelper output)
{
    private const string Usings = """
        #nullable enable
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using AutoDiffGen;

        """;

    private const string Opening = """
        public static partial class ClassArrayPrograms
        {

        """;

    private sealed record Program(string Name, string Types, string Text, string? Bad, string Type, bool Record, bool Discrete, bool List, bool Forward);

    private static readonly string[] Collections = { "{0}[]", "List<{0}>", "IList<{0}>", "IReadOnlyList<{0}>" };

    private static string F(double v) => v.ToString("0.0##", CultureInfo.InvariantCulture);

    private static Program Draw(Random r, int n)
    {
        string name = "P" + n, type = "R" + n;
        bool record = r.Next(2) == 0, discrete = r.Next(2) == 0;
        string types = record
            ? "public sealed record " + type + "(double A, double B" + (discrete ? ", int N" : "") + ");"
            : "public sealed class " + type + " { public double A; public double B { get; set; }" + (discrete ? " public int N;" : "") + " }";
        int outside = r.Next(5) == 0 ? r.Next(5) : -1;
        int collection = r.Next(Collections.Length);
        bool list = collection > 0, readOnly = collection == 3, forward = outside < 0 && r.Next(3) == 0;
        // A list grown with Add (no Add on an IReadOnlyList, no store either: LINQ over it instead).
        if (outside == 4 && !list || readOnly && outside is 0 or 4) outside = 1;
        string length = list ? "xs.Count" : "xs.Length";
        string Member(string e) => e + (r.Next(2) == 0 ? ".A" : ".B");
        string Expr(string e) => r.Next(5) switch
        {
            0 => Member(e) + " * " + Member(e) + " * k",
            1 => "Math.Sin(" + Member(e) + ") * " + F(0.5 + r.NextDouble()),
            2 => Member(e) + " * k + " + Member(e) + (discrete ? " * " + e + ".N" : ""),
            3 => "Math.Exp(0.3 * " + Member(e) + ") - k",
            _ => Member(e) + " / (1.0 + " + Member(e) + " * " + Member(e) + ")",
        };
        var b = new StringBuilder();
        string? bad = null;
        string attribute = outside == 3 ? "[Differentiable(Jacobian = true)]" : forward ? "[Differentiable(Forward = true)]" : "[Differentiable]";
        string parameter = "[WithRespectTo] " + string.Format(CultureInfo.InvariantCulture, Collections[collection], type) + " xs";
        b.Append("    ").Append(attribute).Append(" public static double ").Append(name).Append("(double k, ").Append(parameter).Append(")\n    {\n        double s = 0;\n");
        if (outside == 3) bad = parameter;
        switch (r.Next(3))
        {
            case 0:
                b.Append("        for (int i = 0; i < ").Append(length).Append("; i++) s += ").Append(Expr("xs[i]")).Append(";\n");
                break;
            case 1:
                b.Append("        foreach (var e in xs) { if (e.A > 0) s += ").Append(Expr("e")).Append("; else s -= ").Append(Expr("e")).Append("; }\n");
                break;
            default:
                b.Append("        for (int i = 0; i < ").Append(length).Append("; i++) { var e = xs[i]; s += ").Append(Expr("e")).Append(" * ").Append(Member("xs[0]")).Append("; }\n");
                break;
        }
        switch (outside)
        {
            case 0:
                bad = "xs[0] = xs[" + length + " - 1]";
                b.Append("        ").Append(bad).Append(";\n");
                break;
            case 1:
                bad = "xs";
                b.Append("        s += xs.Sum(e => e.A);\n");
                break;
            case 2:
                bad = "xs";
                b.Append("        var ys = xs;\n        s += ys[0].A;\n");
                break;
            case 4:
                bad = "xs.Add(xs[0])";
                b.Append("        ").Append(bad).Append(";\n");
                break;
        }
        b.Append("        return s;\n    }\n");
        // MForward's tangent is a ReadOnlySpan, which reflection cannot pass: a plain wrapper takes it as an array.
        if (forward) b.Append("    public static double ").Append(name).Append("F(double k, ").Append(parameter.Substring("[WithRespectTo] ".Length)).Append(", double tk, ").Append(type)
            .Append("[] t, out double tr) => ").Append(name).Append("Forward(k, xs, tk, t, out tr);\n");
        return new Program(name, types, b.ToString(), bad, type, record, discrete, list, forward);
    }

    [Fact]
    public void RandomPrograms_MatchCentralDifferences_OrAreRefusedAtTheConstruct()
    {
        var random = new Random(2326);
        var programs = Enumerable.Range(0, ProgramBatch.Count("ADG_PROPERTY_COUNT", 25)).Select(i => Draw(random, i)).ToList();
        string header = Usings + string.Concat(programs.Select(p => p.Types + "\n")) + Opening;
        var run = GeneratorHarness.Run(ProgramBatch.Source(header, programs.Select(p => p.Text)));
        var clean = ProgramBatch.Judge(run, header, programs, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0007");
        var assembly = GeneratorHarness.Load(run);
        int points = 0;
        foreach (var p in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                Check(assembly, p, random);
                points++;
            }
        }
        ProgramBatch.AssertCounts(programs.Count, programs.Count(p => p.Bad is not null), clean.Count, points, output.WriteLine);
    }

    private static void Check(Assembly assembly, Program p, Random random)
    {
        var type = assembly.GetType(p.Type)!;
        var owner = assembly.GetType("ClassArrayPrograms")!;
        int n = 1 + random.Next(3);
        // Away from A = 0, the branch of the foreach programs.
        double[] values = Enumerable.Range(0, 2 * n).Select(_ => (random.Next(2) == 0 ? -1 : 1) * (0.2 + 1.3 * random.NextDouble())).ToArray();
        double kValue = -1 + 2 * random.NextDouble();
        object Make(double[] v) => p.List ? ToList(Elements(v)) : Elements(v);
        object ToList(Array items)
        {
            var list = (System.Collections.IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(type))!;
            foreach (var item in items) list.Add(item);
            return list;
        }
        Array Elements(double[] v)
        {
            var array = Array.CreateInstance(type, n);
            for (int i = 0; i < n; i++)
            {
                object o;
                if (p.Record) o = p.Discrete ? Activator.CreateInstance(type, v[2 * i], v[2 * i + 1], i + 2)! : Activator.CreateInstance(type, v[2 * i], v[2 * i + 1])!;
                else
                {
                    o = Activator.CreateInstance(type)!;
                    type.GetField("A")!.SetValue(o, v[2 * i]);
                    type.GetProperty("B")!.SetValue(o, v[2 * i + 1]);
                    if (p.Discrete) type.GetField("N")!.SetValue(o, i + 2);
                }
                array.SetValue(o, i);
            }
            return array;
        }
        double Value(double kk, double[] v) => (double)owner.GetMethod(p.Name)!.Invoke(null, new object[] { kk, Make(v) })!;
        var adjoint = Elements(new double[2 * n]);
        var args = new object?[] { kValue, Make(values), 0.0, adjoint, 1.0 };
        double value = (double)owner.GetMethod(p.Name + "Backward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(Value(kValue, values), value, p.Name + " value");
        const double h = 1e-6;
        string where = p.Name + " at k = " + kValue.ToString(CultureInfo.InvariantCulture) + ", " + string.Join(", ", values.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "\n" + p.Text;
        Tolerance.AssertCentral((Value(kValue + h, values) - Value(kValue - h, values)) / (2 * h), (double)args[2]!, Math.Abs(value), "∂k of " + where);
        for (int j = 0; j < 2 * n; j++)
        {
            double[] plus = (double[])values.Clone(), minus = (double[])values.Clone();
            plus[j] += h;
            minus[j] -= h;
            var element = adjoint.GetValue(j / 2)!;
            string member = j % 2 == 0 ? "A" : "B";
            double got = (double)(type.GetProperty(member)?.GetValue(element) ?? type.GetField(member)!.GetValue(element))!;
            Tolerance.AssertCentral((Value(kValue, plus) - Value(kValue, minus)) / (2 * h), got, Math.Abs(value), "∂" + member + "[" + (j / 2) + "] of " + where);
        }
        if (!p.Forward) return;
        // MForward along a random direction (tk, t): tResult against the central difference along it.
        double tk = -1 + 2 * random.NextDouble();
        double[] tv = Enumerable.Range(0, 2 * n).Select(_ => -1 + 2 * random.NextDouble()).ToArray();
        var forward = new object?[] { kValue, Make(values), tk, Elements(tv), 0.0 };
        Tolerance.AssertFormula(value, (double)owner.GetMethod(p.Name + "F")!.Invoke(null, forward)!, p.Name + "Forward value");
        double along = (Value(kValue + h * tk, values.Select((v, j) => v + h * tv[j]).ToArray()) - Value(kValue - h * tk, values.Select((v, j) => v - h * tv[j]).ToArray())) / (2 * h);
        Tolerance.AssertCentral(along, (double)forward[4]!, Math.Abs(value), "tResult of " + where);
    }
}
