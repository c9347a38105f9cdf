using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// A struct of reals created through a constructor with a body of member assignments (<c>public S(double x) { P = x * x; }</c>,
/// Clad's Constructors.C and RecursiveFunctionEarlyReturn.C, and the way most C# structs are written): the body is inlined
/// where it is called, with the members' initializers first and later statements reading what earlier ones stored. Checked
/// by hand and by central differences; a <c>new S()</c> of a struct whose parameterless constructor has a body takes that
/// body's values (not zeros); a body that writes a parameter, branches or chains to another constructor stays ADG0003.
/// </summary>
public class ConstructorBodyTests(ITestOutputHelper output)
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public struct Square { public double P; public Square(double x) { P = x * x; } }
        public struct Polar
        {
            public double R, Phi, X, Y;
            public Polar(double r, double phi) { R = r; this.Phi = phi; X = R * Math.Cos(Phi); Y = r * Math.Sin(this.Phi); }
        }
        public struct WithInitializer { public double I = 9; public double P; public WithInitializer(double x) { P = x; } }
        public struct Half { public double H; public Half(double x) => H = x / 2; }
        public struct Pair { public double A, B; public Pair(double a, double b) { A = a; B = b; } }
        public struct Body { public Pair At; public double M; public Body(double x, double y, double m) { At = new Pair(x * m, y); M = m * 2; } }
        public struct Defaults { public double A, B; public Defaults() { A = 3; B = 5; } }
        public struct Settable { public double Q { get; set; } public double F { get; set; } public Settable(double q, double f) { Q = q * q; F = f * 3; } }

        public static partial class Ctors
        {
            [Differentiable] public static double Cube(double x) => new Square(x).P * x;
            [Differentiable] public static double Cartesian(double r, double phi) { var p = new Polar(r, phi); return p.X + 2 * p.Y + p.R * p.Phi; }
            [Differentiable] public static double Initialized(double u, double v) { var s = new WithInitializer(u); return s.I * s.P + v; }
            [Differentiable] public static double Halved(double x) => new Half(x * x).H;
            [Differentiable] public static double Nested(double x, double y, double m) { var b = new Body(x, y, m); return b.At.A * b.At.B + b.M; }
            [Differentiable] public static double ParameterlessWithBody(double x) { var d = new Defaults(); var e = new Defaults { B = x }; return d.A * x + e.A * e.B; }
            [Differentiable] public static double AutoProperties(double q, double f) { var z = new Settable(q, f); return z.Q + z.F * q; }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Compiled.Value.GetType("Ctors")!.GetMethod(name)!, null, point);

    [Fact]
    public void Square_TheBodysExpression()
    {
        var r = Check("Cube", 1.3);
        Tolerance.AssertFormula(3 * 1.3 * 1.3, r.Gradient[0]![0], "d/dx x³");
    }

    [Fact]
    public void Polar_LaterStatementsReadEarlierMembers()
    {
        double r0 = 1.7, phi = 0.6;
        var r = Check("Cartesian", r0, phi);
        // f = r cos φ + 2 r sin φ + r φ.
        Tolerance.AssertFormula(Math.Cos(phi) + 2 * Math.Sin(phi) + phi, r.Gradient[0]![0], "d/dr");
        Tolerance.AssertFormula(-r0 * Math.Sin(phi) + 2 * r0 * Math.Cos(phi) + r0, r.Gradient[1]![0], "d/dφ");
    }

    [Fact]
    public void FieldInitializer_RunsBeforeTheBody()
    {
        // Clad's Constructors.C fn3: S4 s(u); return s.i * s.p; with i = 9: {9, 0} (here + v: {9, 1}).
        var r = Check("Initialized", 3.0, 4.0);
        Assert.Equal(9.0 * 3 + 4, r.Value, 12);
        Tolerance.AssertFormula(9, r.Gradient[0]![0], "d/du");
        Tolerance.AssertFormula(1, r.Gradient[1]![0], "d/dv");
    }

    [Fact]
    public void ExpressionBodied_AndNestedStructMember()
    {
        Tolerance.AssertFormula(1.5, Check("Halved", 1.5).Gradient[0]![0], "d/dx x²/2");
        double x = 0.8, y = -1.1, m = 2.5;
        var r = Check("Nested", x, y, m);
        // f = x m y + 2m.
        Tolerance.AssertFormula(m * y, r.Gradient[0]![0], "d/dx");
        Tolerance.AssertFormula(x * m, r.Gradient[1]![0], "d/dy");
        Tolerance.AssertFormula(x * y + 2, r.Gradient[2]![0], "d/dm");
    }

    [Fact]
    public void ParameterlessConstructorWithABody_GivesItsValuesNotZeros()
    {
        // d.A = 3 (not 0); e = new Defaults { B = x }: A = 3, B = x. f = 3x + 3x.
        var r = Check("ParameterlessWithBody", 0.7);
        Assert.Equal(6 * 0.7, r.Value, 12);
        Tolerance.AssertFormula(6, r.Gradient[0]![0], "d/dx");
    }

    [Fact]
    public void AutoProperties_AreMembersToo()
    {
        var r = Check("AutoProperties", 1.2, 0.5);
        // f = q² + 3 f q.
        Tolerance.AssertFormula(2 * 1.2 + 3 * 0.5, r.Gradient[0]![0], "d/dq");
        Tolerance.AssertFormula(3 * 1.2, r.Gradient[1]![0], "d/df");
    }

    [Theory]
    [InlineData("public struct S { public double X; public S(double x) { x *= 2; X = x; } }", "new S(x)")]
    [InlineData("public struct S { public double X; public S(double x) { if (x > 0) X = x; else X = -x; } }", "new S(x)")]
    [InlineData("public struct S { public double X, Y; public S(double x) : this(x, 1) { Y = x; } public S(double x, double y) { X = x; Y = y; } }", "new S(x)")]
    [InlineData("public struct S { public double X; public S(double x) { X = new S(x - 1).X * x; } }", "new S(x)")]
    public void BodyThatDoesMore_StaysAnError(string type, string span)
    {
        var result = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\n" + type + "\npublic static partial class C {\n[Differentiable] public static double F(double x) => " + span + ".X * x;\n}\n");
        var errors = result.Diagnostics.Where(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && d.Severity == DiagnosticSeverity.Error).ToList();
        Assert.True(errors.Count > 0 && errors.All(d => d.Id == "ADG0003"), result.Dump());
        Assert.Contains(errors, d => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan) == span || d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan).StartsWith("new S(", StringComparison.Ordinal));
        Assert.DoesNotContain(result.Generated.Values, s => s.Contains("FBackward", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.CSharp10, true)]
    [InlineData(Microsoft.CodeAnalysis.CSharp.LanguageVersion.Latest, true)]
    public void GeneratedCode_CompilesClean(Microsoft.CodeAnalysis.CSharp.LanguageVersion version, bool nullable)
    {
        // C# 10 is the first with field initializers and parameterless constructors in structs, which Source uses.
        var result = Compatibility.LanguageVersionHarness.Run(version, nullable, null, Source);
        Assert.True(result.Generated.Count == 7, "generated " + result.Generated.Count + " files");
        Assert.Empty(result.CompileDiagnostics.Where(d => d.Location.SourceTree is { } t && !Path.GetFileName(t.FilePath).StartsWith("User", StringComparison.Ordinal)));
        Assert.DoesNotContain(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    /// <summary>
    /// Random structs of three reals whose constructor assigns members from its two parameters and the members already
    /// set (in a random order; some members left at zero or at an initializer), used with random arguments. Outside what is
    /// supported: a body that also writes a parameter, or assigns in an if: ADG0003 at the creation and no code.
    /// </summary>
    [Fact]
    public void RandomConstructorBodies_GiveTheMethodsGradient_OrAnError()
    {
        var random = new Random(20261202);
        var programs = Enumerable.Range(0, 40).Select(i => Program(random, i, outside: i % 5 == 4)).ToList();
        var run = GeneratorHarness.Run("using System;\nusing AutoDiffGen;\n" + string.Concat(programs.Select(p => p.Type)) + "public static partial class Made\n{\n" + string.Concat(programs.Select(p => p.Method)) + "}\n");
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var clean = new List<(string Type, string Method, string Name, bool Outside)>();
        foreach (var p in programs)
        {
            var mine = run.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.GetMessage(CultureInfo.InvariantCulture).Contains("'S" + p.Name.Substring(1) + "'", StringComparison.Ordinal)).ToList();
            bool generated = run.Generated.Values.Any(s => s.Contains(" " + p.Name + "Backward(", StringComparison.Ordinal));
            if (p.Outside) Assert.True(mine.Count > 0 && mine.All(d => d.Id == "ADG0003") && !generated, p.Name + ": expected ADG0003 and no code\n" + p.Type + p.Method + run.Dump());
            else { Assert.True(mine.Count == 0 && generated, p.Name + " should generate\n" + p.Type + p.Method + run.Dump()); clean.Add(p); }
        }
        var cleanRun = GeneratorHarness.RunForLoad("using System;\nusing AutoDiffGen;\n" + string.Concat(clean.Select(p => p.Type)) + "public static partial class Made\n{\n" + string.Concat(clean.Select(p => p.Method)) + "}\n");
        Assert.True(cleanRun.Diagnostics.IsEmpty && cleanRun.Exceptions.IsEmpty, cleanRun.Dump());
        var type = GeneratorHarness.Load(cleanRun).GetType("Made")!;
        foreach (var p in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                var point = new object[] { 0.3 + random.NextDouble(), 0.3 + random.NextDouble() };
                try { CentralDifferenceRunner.Check(type.GetMethod(p.Name)!, null, point); }
                catch (Xunit.Sdk.XunitException e) { throw new Xunit.Sdk.XunitException(p.Name + " at " + string.Join(", ", point) + ": " + e.Message + "\n" + p.Type + p.Method); }
            }
        }
        output.WriteLine($"{programs.Count} programs: {clean.Count} generated and checked at 3 points each, {programs.Count - clean.Count} diagnosed");
        Assert.True(clean.Count >= programs.Count / 2);
    }

    private static (string Type, string Method, string Name, bool Outside) Program(Random random, int i, bool outside)
    {
        string n = i.ToString(CultureInfo.InvariantCulture);
        string Pick(params string[] options) => options[random.Next(options.Length)];
        var members = new[] { "M0", "M1", "M2" };
        var set = new List<string>();
        var body = new StringBuilder();
        var order = members.OrderBy(_ => random.Next()).Take(1 + random.Next(3)).ToList();
        bool initializer = random.Next(3) == 0;
        foreach (var m in order)
        {
            string Operand() => set.Count > 0 && random.Next(2) == 0 ? Pick(set.ToArray()) : Pick("a", "b", "1.5");
            string value = random.Next(4) switch
            {
                0 => Operand() + " * " + Operand(),
                1 => "Math.Sin(" + Operand() + ") + " + Operand(),
                2 => Operand() + " / (1 + " + Operand() + " * " + Operand() + ")",
                _ => "Math.Exp(0.3 * " + Operand() + ")",
            };
            body.Append(random.Next(2) == 0 ? "this." : "").Append(m).Append(" = ").Append(value).Append("; ");
            set.Add(m);
        }
        if (outside) body.Insert(0, random.Next(2) == 0 ? "a *= 2; " : "if (a > 0.5) M0 = b; ");
        string type = "public struct S" + n + " { public double M0" + (initializer ? " = 0.25" : "") + ", M1, M2; public S" + n + "(double a, double b) { " + body + "} }\n";
        string method = "    [Differentiable] public static double P" + n + "(double x, double y) { var s = new S" + n + "(x * y, " + Pick("y", "x - y", "Math.Cos(x)") + "); return s.M0 + 2 * s.M1 + s.M2 * x; }\n";
        return (type, method, "P" + n, outside);
    }
}
