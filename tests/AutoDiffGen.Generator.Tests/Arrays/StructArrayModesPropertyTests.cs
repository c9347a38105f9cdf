using System.Globalization;
using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Issue 14: <see cref="StructArrayPropertyTests"/>' random programs over a <c>Vector3[]</c> or <c>Body[]</c> parameter
/// (and its helpers) with <c>Forward = true, Jacobian = true</c>. Inside support each must generate cleanly; its
/// <c>MBackward</c> is checked against central differences over every member of every element, its <c>MJacobian</c> (one
/// row) must be that gradient, element by element and member by member, and its <c>MForward</c> along a random tangent
/// array must be the gradient times the tangent. Just outside: the same constructs as there (ADG0003 at them), and a store
/// into the array, which MForward and MJacobian do not carry (ADG0018 and ADG0003 at the parameter), with no code.
/// AUTODIFFGEN_STRUCT_ARRAY_MODES_COUNT changes the run (60; 400 locally).
/// </summary>
public class StructArrayModesPropertyTests(ITestOutputHelper output)
{
    private const string Modes = "[Differentiable(Forward = true, Jacobian = true)]";

    private static string Header => StructArrayPropertyTests.Header.Replace("[Differentiable]", Modes, StringComparison.Ordinal);

    [Fact]
    public void RandomPrograms_InForwardAndJacobian_MatchTheCheckedGradient_OrAreDiagnosedAtTheConstruct()
    {
        int count = int.TryParse(Environment.GetEnvironmentVariable("AUTODIFFGEN_STRUCT_ARRAY_MODES_COUNT"), NumberStyles.Integer, CultureInfo.InvariantCulture, out int n) && n > 0 ? n : 60;
        var random = new Random(20261214);
        var all = Enumerable.Range(0, count).Select(i => Next(random, "P" + i.ToString(CultureInfo.InvariantCulture), i % 5)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003,ADG0018");
        var cleanRun = GeneratorHarness.RunForLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text + Wrappers(p))));
        Assert.True(cleanRun.Diagnostics.IsEmpty && !cleanRun.CompileDiagnostics.Any(d => d.Location.SourceTree?.FilePath != "User0.cs"), cleanRun.Dump());
        var assembly = GeneratorHarness.Load(cleanRun);
        var type = assembly.GetType("Drawn")!;
        var bodyType = assembly.GetType("Body")!;
        int points = 0;
        foreach (var p in clean)
        {
            for (int k = 0; k < 2; k++)
            {
                int length = 1 + random.Next(4);
                Array Draw() => p.Vectors ? StructArrayPropertyTests.Vectors(random, length) : StructArrayPropertyTests.Bodies(random, bodyType, length);
                var array = Draw();
                var point = new object[] { array, p.Vectors ? (object)(float)StructArrayPropertyTests.Away(random) : StructArrayPropertyTests.Away(random) };
                try
                {
                    var checkedGradient = CentralDifferenceRunner.Check(type.GetMethod(p.Name)!, null, point).Gradient;
                    var gradient = checkedGradient[0]!.Concat(checkedGradient[1]!).ToArray();
                    var jacobian = ((Array)type.GetMethod(p.Name + "J")!.Invoke(null, point)!).Cast<object>().Select(Convert.ToDouble).ToArray();
                    Assert.Equal(gradient.Length, jacobian.Length);
                    for (int c = 0; c < gradient.Length; c++) AssertNear(gradient[c], jacobian[c], p.Vectors, "J[0, " + c + "]");
                    var tangent = Draw();
                    object tu = p.Vectors ? (object)(float)StructArrayPropertyTests.Away(random) : StructArrayPropertyTests.Away(random);
                    var t = tangent.Cast<object>().SelectMany(RealStructs.Components).Append(Convert.ToDouble(tu)).ToArray();
                    double jvp = Convert.ToDouble(type.GetMethod(p.Name + "F")!.Invoke(null, new[] { point[0], point[1], tangent, tu })!);
                    AssertNear(gradient.Select((g, c) => g * t[c]).Sum(), jvp, p.Vectors, "MForward along a random tangent", gradient.Select((g, c) => Math.Abs(g * t[c])).Sum());
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join("; ", array.Cast<object>().Select(v => string.Join(", ", RealStructs.Components(v)))) + " u = " + point[1] + ": " + e.Message + "\n" + p.Text);
                }
                points++;
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated, {points} points checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count > count / 2 && points == 2 * clean.Count && clean.Count < count);
    }

    /// <summary>Entries computed two ways: float methods to float rounding, double ones to a few ulps of the terms.</summary>
    private static void AssertNear(double expected, double actual, bool floats, string what, double magnitude = 0)
    {
        double scale = 1 + Math.Max(Math.Abs(expected), magnitude);
        Tolerance.AssertClose(expected, actual, (floats ? 1e-4 : 1e-10) * scale, what);
    }

    /// <summary>
    /// One of <see cref="StructArrayPropertyTests.Next"/>'s programs in Forward and Jacobian mode; every fifth one just
    /// outside: every other time there its own construct, else a store into the array (refused at the parameter).
    /// </summary>
    private static StructArrayPropertyTests.Program Next(Random random, string name, int slot)
    {
        bool stored = slot == 4 && random.Next(2) == 0;
        var p = StructArrayPropertyTests.Next(random, name, outside: slot == 4 && !stored);
        p = p with { Text = p.Text.Replace("[Differentiable]", Modes, StringComparison.Ordinal) };
        if (!stored) return p;
        string store = p.Vectors ? "        pts[0].X = u;\n" : "        bs[0].X = u;\n";
        return p with { Text = p.Text.Replace("        return s;\n", store + "        return s;\n", StringComparison.Ordinal), Bad = p.Vectors ? "Vector3[] pts" : "Body[] bs" };
    }

    /// <summary>MForward and MJacobian (whose entries are double, for a float method too) behind arrays, which reflection can pass (a span it cannot).</summary>
    private static string Wrappers(StructArrayPropertyTests.Program p)
    {
        string real = p.Vectors ? "float" : "double", element = p.Vectors ? "Vector3" : "Body", array = p.Vectors ? "pts" : "bs";
        return "    public static " + real + " " + p.Name + "F(" + element + "[] " + array + ", " + real + " u, " + element + "[] t, " + real + " tu) { " + p.Name + "Forward(" + array + ", u, t, tu, out " + real + " r); return r; }\n"
            + "    public static double[] " + p.Name + "J(" + element + "[] " + array + ", " + real + " u) { var j = new double[3 * " + array + ".Length + 1]; " + p.Name + "Jacobian(" + array + ", u, j); return j; }\n";
    }
}
