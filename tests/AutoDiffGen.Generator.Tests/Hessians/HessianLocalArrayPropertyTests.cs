using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Random programs over a local array that carries a gradient (stores, reads, slots overwritten in loops, branches,
/// arrays created in loops), with <c>Hessian = true</c>, in four shapes by number: double (twice: MHessian must match
/// central differences of MBackward's gradient at random points, be exactly symmetric, and MHessianVector be MHessian·v),
/// mixed (the same double method with its local arrays of floats) and float (the same program in float): their MHessian
/// must agree with the double program's to float precision (the double ones also pass their local array to a Hessian
/// callee in the result, whole or, since hess18, as a slice, and since hess19 an array made from its elements at a call in a
/// loop, to a callee with or without Hessian = true, which was the outside form until then); and outside support (a jagged
/// local built from the local array's elements; until hess18 a slice, until hess19 an array made at a call in a loop; since
/// hess21 a callee returning a double that writes a double[,] made from them, inlined since hess23 and drawn inside; since hess23 a
/// helper with a hand-written reverse-only [DerivativeOf]): ADG0019 there and no Hessian code, never a wrong one. Since hess25
/// a quarter of the double and float programs sort a copy of the local array, copies in a loop and a range of it in place,
/// and clone a double[,] made from it.
/// AUTODIFFGEN_HESSIAN_LOCAL_COUNT/SEED pick others.
/// </summary>
public class HessianLocalArrayPropertyTests
{
    private readonly ITestOutputHelper _output;

    public HessianLocalArrayPropertyTests(ITestOutputHelper output) => _output = output;

    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    private enum Shape { Double, Mixed, Float, Outside }

    private static Shape Of(int i) => (Shape)(i % 4);

    [Fact]
    public void LocalArrayPrograms_MatchCentralDifferences_OrAreDiagnosed()
    {
        int count = EnvInt("AUTODIFFGEN_HESSIAN_LOCAL_COUNT", 120);
        int seed = EnvInt("AUTODIFFGEN_HESSIAN_LOCAL_SEED", 20261202);
        var random = new Random(seed);
        var programs = Enumerable.Range(0, count).Select(i => new Program(i, random)).ToList();
        var failures = new List<string>();
        int checkedPoints = 0, skipped = 0, diagnosed = 0, floats = 0, programsChecked = 0, throughCalls = 0, sorted = 0;
        for (int start = 0; start < count; start += 80)
        {
            var batch = programs.Skip(start).Take(80).ToList();
            string className = "L" + start;
            var source = Source(className, batch);
            var run = GeneratorHarness.RunForLoad(source);
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var p in batch)
            {
                var mine = errors.Where(d => InMethod(d) is { } m && (m == p.Name || m == p.Name + "F" || m == p.Name + "M")).ToList();
                if (Of(p.Index) == Shape.Outside)
                {
                    bool generated = run.Generated.Values.Any(t => t.Contains(p.Name + "Hessian(", StringComparison.Ordinal));
                    const string at = "Hand9(a * b)";
                    if (!generated && mine.Count > 0 && mine.All(d => d.Id == "ADG0019") && mine.Any(d => At(d).StartsWith(at, StringComparison.Ordinal))) diagnosed++;
                    else failures.Add(p.Name + " (outside): generated=" + generated + ", " + string.Join("; ", mine) + "\n" + p.Double);
                    continue;
                }
                if (mine.Count > 0) failures.Add(p.Name + ": " + string.Join("; ", mine) + "\n" + p.Double);
            }
            if (failures.Count > 0) break;
            var assembly = GeneratorHarness.Load(run);
            var type = assembly.GetType("RandomLocal." + className, throwOnError: true)!;
            foreach (var p in batch.Where(q => Of(q.Index) != Shape.Outside))
            {
                var f = Delegate<Func<double, double, double, double>>(type, p.Name);
                var g = Delegate<Func<double, double, double, double[]>>(type, p.Name + "_G");
                var h = Delegate<Func<double, double, double, double[]>>(type, p.Name + "_H");
                var v = Delegate<Func<double, double, double, double[], double[]>>(type, p.Name + "_V");
                var hf = Of(p.Index) is Shape.Float or Shape.Mixed ? Delegate<Func<float, float, float, float[]>>(type, p.Name + "_HF") : null;
                bool any = false;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 3 - 1.5, 4)).ToArray();
                    string? failure = Check(f, g, h, v, hf, x, random, out bool skip);
                    if (skip) { skipped++; continue; }
                    if (failure is not null) { failures.Add(p.Name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Double); break; }
                    checkedPoints++;
                    any = true;
                    if (hf is not null) floats++;
                }
                if (any) programsChecked++;
                if (any && p.Double.Contains("Sort(", StringComparison.Ordinal)) sorted++;
                if (any && (p.Double.Contains("Pair(", StringComparison.Ordinal) || p.Double.Contains("Span(t", StringComparison.Ordinal) || p.Double.Contains("Span(new", StringComparison.Ordinal))) throughCalls++;
            }
        }
        _output.WriteLine($"seed {seed}: {count} programs, {programsChecked} checked at {checkedPoints} points ({floats} float points), {skipped} skipped (kinks, overflow), {diagnosed} diagnosed outside support, {throughCalls} checked through Pair calls, {sorted} with sorts, {failures.Count} failures");
        if (failures.Count > 0) Assert.Fail(failures.Count + " failures; the first:\n" + string.Join("\n----\n", failures.Take(3)));
        int supported = programs.Count(p => Of(p.Index) != Shape.Outside);
        Assert.True(programsChecked >= supported * 0.8, $"only {programsChecked} of {supported} programs had a checkable point");
        Assert.Equal(programs.Count(p => Of(p.Index) == Shape.Outside), diagnosed);
        Assert.True(floats > 0);
        Assert.True(throughCalls > 0, "no program passing a local array to Pair was checked");
        Assert.True(sorted > 0, "no program sorting a copy of the local array was checked");
    }

    private static T Delegate<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    private static string? Check(Func<double, double, double, double> f, Func<double, double, double, double[]> g, Func<double, double, double, double[]> h,
        Func<double, double, double, double[], double[]> v, Func<float, float, float, float[]>? hf, double[] x, Random random, out bool skip)
    {
        skip = false;
        double value = f(x[0], x[1], x[2]);
        var grad = g(x[0], x[1], x[2]);
        if (!double.IsFinite(value) || Math.Abs(value) > 1e5 || grad.Any(q => !double.IsFinite(q) || Math.Abs(q) > 1e4)) { skip = true; return null; }
        var hessian = h(x[0], x[1], x[2]);
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
                if (!hessian[i * 3 + j].Equals(hessian[j * 3 + i])) return "not symmetric at " + i + "," + j;
        Action<double[], double[]> gradient = (p, o) => g(p[0], p[1], p[2]).CopyTo(o, 0);
        var c4 = HessianModeTests.CentralHessian(gradient, x, 1e-4);
        var c5 = HessianModeTests.CentralHessian(gradient, x, 1e-5);
        var c6 = HessianModeTests.CentralHessian(gradient, x, 1e-6);
        double scale = 1 + c5.Max(Math.Abs);
        for (int k = 0; k < 9; k++)
        {
            if (!double.IsFinite(c4[k]) || !double.IsFinite(c6[k]) || Math.Abs(c4[k] - c5[k]) > 1e-3 * scale || Math.Abs(c6[k] - c5[k]) > 1e-3 * scale) { skip = true; return null; }
        }
        for (int k = 0; k < 9; k++)
        {
            if (!(Math.Abs(hessian[k] - c5[k]) <= 1e-5 * Math.Max(1, Math.Abs(c5[k])) + 1e-6 * scale)) return $"entry {k}: MHessian {hessian[k]:R}, central differences {c5[k]:R}\nH:  {string.Join(", ", hessian)}\nFD: {string.Join(", ", c5)}";
        }
        var d = Enumerable.Range(0, 3).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 4)).ToArray();
        var hv = v(x[0], x[1], x[2], d);
        for (int i = 0; i < 3; i++)
        {
            double expected = hessian[i * 3] * d[0] + hessian[i * 3 + 1] * d[1] + hessian[i * 3 + 2] * d[2];
            double size = Math.Abs(hessian[i * 3] * d[0]) + Math.Abs(hessian[i * 3 + 1] * d[1]) + Math.Abs(hessian[i * 3 + 2] * d[2]);
            if (!(Math.Abs(hv[i] - expected) <= 1e-12 * Math.Max(1, size))) return $"H·v entry {i}: {hv[i]:R}, H times v {expected:R}";
        }
        if (hf is not null)
        {
            var single = hf((float)x[0], (float)x[1], (float)x[2]);
            double big = 1 + hessian.Max(Math.Abs);
            // The float program at the rounded point: its Hessian agrees with the double one's to float precision (unless
            // float rounding took another branch: then the values differ too, and the point is not compared).
            var rounded = h((float)x[0], (float)x[1], (float)x[2]);
            double there = f((float)x[0], (float)x[1], (float)x[2]);
            if (!(Math.Abs(single[9] - there) <= 1e-4 * (1 + Math.Abs(there)))) return null;
            for (int k = 0; k < 9; k++)
            {
                if (!(Math.Abs(single[k] - rounded[k]) <= 2e-3 * big)) return $"float entry {k}: {single[k]:R}, double {rounded[k]:R}";
            }
        }
        return null;
    }

    /// <summary>One random program: a local array t of 2–4 doubles, statements over a, b, c, t and s, in double and float text.</summary>
    private sealed class Program
    {
        public Program(int index, Random random)
        {
            Index = index;
            Name = "P" + index;
            int size = random.Next(2, 5);
            var body = new StringBuilder();
            body.Append("        var t = new double[" + size + "];\n        double s = 0;\n");
            body.Append("        t[0] = " + Expression(random, size, 2) + ";\n");
            int statements = random.Next(3, 7);
            // A double program may pass its local array to Pair (Hessian = true) in its result (a call in a loop is ADG0019).
            bool calls = Of(index) == Shape.Double;
            for (int k = 0; k < statements; k++) body.Append(Statement(random, size));
            string callee = random.Next(2) == 0 ? "PairSpan" : "PlainSpan";
            // An array made at the call in a loop, to PairSpan (Hessian = true) or PlainSpan (without): followed since hess19.
            if (calls && random.Next(3) == 0) body.Append("        for (int k = 0; k < 2; k++) s += " + callee + "(new[] { t[0] * k, t[1] });\n");
            // Outside: a callee returning a double that writes a double[,] made from the local array's elements (a void callee
            // writing a double[] until hess21, a jagged local until hess20, a slice of
            // the local array until hess18, the array itself stored into after the call until hess17, an array made at a call in a loop until hess19).
            // Since hess23 that double[,] writer is inlined (every other double program gets it) and the outside form is a helper
            // with a hand-written reverse-only [DerivativeOf], which has no second-order form.
            if (calls && index % 8 == 0) body.Append("        var o9 = new double[1, 2]; o9[0, 0] = t[0]; o9[0, 1] = a * b; s += Scale9(o9, b) * o9[0, 1];\n");
            // hess23: copies of the local array into another (Array.Copy, a span's CopyTo), then read: the other double programs.
            if (calls && index % 8 == 4)
            {
                body.Append("        var c9 = new double[" + size + "]; Array.Copy(t, c9, " + size + "); c9[0] = c9[0] * a; t.AsSpan(" + (size - 1) + ", 1).CopyTo(c9.AsSpan(0, 1));\n");
                body.Append("        s += c9[0] * c9[" + (size - 1) + "] + c9[0] * b;\n");
            }
            // hess25: sorts (ADG0019 before): a sorted copy, a copy sorted in each trip of a loop, a range of the array itself
            // sorted in place; in the double programs at index % 8 == 4 and the float ones (and their double twins) at 2.
            if (index % 8 is 2 or 4)
            {
                body.Append("        var q9 = (double[])t.Clone(); Array.Sort(q9); s += q9[0] * q9[" + (size - 1) + "] + q9[" + (size / 2) + "] * " + Param(random) + ";\n");
                body.Append("        for (int k = 0; k < 2; k++) { var w9 = (double[])t.Clone(); w9[0] = w9[0] * (k + 1); Array.Sort(w9); s += w9[0] * w9[1] * 0.5 ; }\n");
                body.Append("        t.AsSpan(0, 2).Sort();\n");
                // And a clone of a double[,] made from the array (ADG0019 before hess25).
                body.Append("        var g9 = new double[1, 2]; g9[0, 0] = t[0]; g9[0, 1] = t[1] * " + Param(random) + "; var h9 = (double[,])g9.Clone(); s += h9[0, 0] * h9[0, 1];\n");
            }
            if (Of(index) == Shape.Outside) body.Append("        s += Hand9(a * b) * t[0];\n");
            // The array always carries a gradient to the result.
            body.Append("        t[0] = t[0] + a * b;\n");
            string result = "s + t[0] + " + Slot(random, size) + " * " + Param(random) + " + " + Slot(random, size);
            // Whole or (hess18) a slice, to a callee with Hessian = true or without.
            if (calls && random.Next(2) == 0) result += " + " + (random.Next(3) switch { 0 => "Pair(t)", 1 => "PairSpan(t.AsSpan(0, 2))", _ => "PlainSpan(t[^2..])" }) + " * " + Param(random);
            body.Append("        return " + result + ";\n");
            Double = body.ToString();
        }

        public int Index { get; }

        public string Name { get; }

        /// <summary>The body in double.</summary>
        public string Double { get; }

        /// <summary>The body in float: float locals, MathF, float literals.</summary>
        public string Float => Double.Replace("double", "float").Replace("Math.", "MathF.").Replace("0.5 ", "0.5f ").Replace("0.3 ", "0.3f ").Replace("0.1 ", "0.1f ");

        /// <summary>The body of the mixed shape: the local arrays hold floats (each store rounds), in a double method.</summary>
        public string Mixed => FixStores(Double.Replace("new double[", "new float[").Replace("] = ", "] = (float)("));

        private static string FixStores(string text)
        {
            // Each store "t[i] = (float)(E;" closes its cast before the semicolon.
            var lines = text.Split('\n').Select(l => l.Contains("] = (float)(", StringComparison.Ordinal) ? CloseCast(l) : l);
            return string.Join("\n", lines);
        }

        private static string CloseCast(string line)
        {
            // Each store's value ends at the next semicolon.
            for (int at = line.IndexOf("] = (float)(", StringComparison.Ordinal); at >= 0; at = line.IndexOf("] = (float)(", at + 1, StringComparison.Ordinal))
            {
                int end = line.IndexOf(';', at);
                line = line.Substring(0, end) + ")" + line.Substring(end);
            }
            return line;
        }

        private static string Param(Random r) => new[] { "a", "b", "c" }[r.Next(3)];

        private static string Slot(Random r, int size) => "t[" + r.Next(size) + "]";

        private static string Operand(Random r, int size) => r.Next(3) switch { 0 => Param(r), 1 => Slot(r, size), _ => r.Next(2) == 0 ? Param(r) : "s" };

        private static string Expression(Random r, int size, int depth)
        {
            if (depth == 0) return Operand(r, size);
            string x = Expression(r, size, depth - 1), y = Expression(r, size, depth - 1);
            return r.Next(8) switch
            {
                0 => "(" + x + " + " + y + ")",
                1 => "(" + x + " - " + y + ")",
                2 => "(" + x + " * " + y + ")",
                3 => "Math.Sin(" + x + ")",
                4 => "Math.Exp(0.5 * Math.Sin(" + x + "))",
                5 => "Math.Log(1 + " + x + " * " + x + ")",
                6 => "(" + x + " / (1 + " + y + " * " + y + "))",
                _ => "(0.3 * " + x + " * " + y + ")",
            };
        }

        private static string Statement(Random r, int size)
        {
            switch (r.Next(5))
            {
                case 0:
                    return "        " + Slot(r, size) + " = " + Expression(r, size, 2) + ";\n";
                case 1:
                    // A loop overwriting slots: each iteration reads what the last one stored.
                    return "        for (int k = 0; k < " + r.Next(2, 4) + "; k++) { " + Slot(r, size) + " = Math.Sin(" + Expression(r, size, 1) + ") + 0.1 * k; s += " + Expression(r, size, 1) + " * 0.5 ; }\n";
                case 2:
                    return "        if (" + Expression(r, size, 1) + " > 0) " + Slot(r, size) + " = " + Expression(r, size, 1) + "; else s += " + Expression(r, size, 1) + ";\n";
                case 3:
                    // An array created in each iteration.
                    return "        for (int k = 0; k < 2; k++) { var u = new double[2]; u[0] = " + Expression(r, size, 1) + "; u[1] = u[0] * " + Operand(r, size) + "; s += Math.Sin(u[1]); }\n";
                default:
                    return "        s += " + Slot(r, size) + " * " + Slot(r, size) + " * 0.5 ;\n";
            }
        }
    }

    private static string Source(string className, IReadOnlyList<Program> programs)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;\nusing AutoDiffGen;\n\nnamespace RandomLocal;\n\npublic static partial class " + className + "\n{");
        text.AppendLine("    [Differentiable(Hessian = true)] public static double Pair(double[] v) => v[0] * v[1];");
        text.AppendLine("    [Differentiable] public static double Plain(double[] v) => v[0] * v[1];");
        text.AppendLine("    [Differentiable(Hessian = true)] public static double PairSpan(ReadOnlySpan<double> v) => v[0] * v[1];");
        text.AppendLine("    [Differentiable] public static double PlainSpan(ReadOnlySpan<double> v) => v[0] * v[1];");
        text.AppendLine("    [Differentiable] public static double Scale9(double[,] v, double k) { for (int j = 0; j < 2; j++) v[0, j] = v[0, j] * k; return v[0, 0]; }");
        text.Append("    public static double Hand9(double x) => Math.Exp(x) * 0.5;\n    [DerivativeOf(nameof(Hand9))] public static double Hand9Backward(double x, ref double dX, double dResult = 1) { double e = Math.Exp(x) * 0.5; dX += e * dResult; return e; }\n");
        foreach (var p in programs)
        {
            string n = p.Name;
            string body = p.Double;
            text.AppendLine("    [Differentiable(Hessian = true)]\n    public static double " + n + "(double a, double b, double c)\n    {\n" + body + "    }");
            if (Of(p.Index) == Shape.Outside) continue;
            text.AppendLine("    public static double[] " + n + "_G(double a, double b, double c) { double da = 0, db = 0, dc = 0; " + n + "Backward(a, b, c, ref da, ref db, ref dc); return new[] { da, db, dc }; }");
            text.AppendLine("    public static double[] " + n + "_H(double a, double b, double c) { var h = new double[9]; " + n + "Hessian(a, b, c, h); return h; }");
            text.AppendLine("    public static double[] " + n + "_V(double a, double b, double c, double[] v) { var hv = new double[3]; " + n + "HessianVector(a, b, c, v, hv); return hv; }");
            if (Of(p.Index) == Shape.Mixed)
            {
                text.AppendLine("    [Differentiable(Hessian = true)]\n    public static double " + n + "M(double a, double b, double c)\n    {\n" + p.Mixed + "    }");
                text.AppendLine("    public static float[] " + n + "_HF(float a, float b, float c) { var h = new double[9]; double f = " + n + "MHessian(a, b, c, h); var r = new float[10]; for (int i = 0; i < 9; i++) r[i] = (float)h[i]; r[9] = (float)f; return r; }");
            }
            if (Of(p.Index) != Shape.Float) continue;
            text.AppendLine("    [Differentiable(Hessian = true)]\n    public static float " + n + "F(float a, float b, float c)\n    {\n" + p.Float + "    }");
            text.AppendLine("    public static float[] " + n + "_HF(float a, float b, float c) { var h = new float[10]; h[9] = " + n + "FHessian(a, b, c, h.AsSpan(0, 9)); return h; }");
        }
        text.AppendLine("}");
        return text.ToString();
    }

    private static string At(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

    private static string? InMethod(Diagnostic d)
    {
        var tree = d.Location.SourceTree;
        if (tree is null) return null;
        var node = tree.GetRoot().FindNode(d.Location.SourceSpan);
        return node.AncestorsAndSelf().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax>().FirstOrDefault()?.Identifier.ValueText;
    }

}
