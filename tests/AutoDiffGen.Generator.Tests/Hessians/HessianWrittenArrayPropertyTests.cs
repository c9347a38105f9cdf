using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Random programs that write an array (issue 14, hess9), with <c>Hessian = true</c>, in six shapes by number: inside
/// (the body writes a local copy of its array parameter, as ADG0019 said to before hess11: MHessian must match central differences of
/// MBackward's gradient and be exactly symmetric, MHessianVector be MHessian·v), written (the same body writing the
/// parameter itself: supported since hess11, checked the same way), outside through a call (the body moved into a callee
/// returning a double that writes a double[,] the caller made: ADG0019 at the call, no Hessian code; before hess21 the outside
/// shape was a void callee writing the caller's local array, now inlined and checked as the sixth shape), through a callee returning a double that
/// writes the caller's local array or parameter (supported since hess12, checked the same way), and in a loop (that
/// callee called in a loop: ADG0019 at the call before hess13, checked the same way since). AUTODIFFGEN_HESSIAN_WRITTEN_COUNT/SEED
/// pick others (400 run locally).
/// </summary>
public class HessianWrittenArrayPropertyTests(ITestOutputHelper output)
{
    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    private enum Shape { Inside, Written, OutsideCall, CalleeWrites, InLoop, VoidCallee }

    private static Shape Of(int i) => (Shape)(i % 6);

    /// <summary>
    /// The shape that stays ADG0019 at the call: a callee returning a double that writes a double[,] it is passed (a writing
    /// call in a loop is followed since hess13, a void callee writing the array since hess21).
    /// </summary>
    private static bool Outside(int i) => Of(i) is Shape.OutsideCall;

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void WrittenArrayPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = EnvInt("AUTODIFFGEN_HESSIAN_WRITTEN_COUNT", 60);
        int seed = EnvInt("AUTODIFFGEN_HESSIAN_WRITTEN_SEED", 20261204);
        var random = new Random(seed);
        var programs = Enumerable.Range(0, count).Select(i => new Program(i, random)).ToList();
        var failures = new List<string>();
        int checkedPoints = 0, skipped = 0, diagnosed = 0, programsChecked = 0;
        for (int start = 0; start < count; start += 100)
        {
            var batch = programs.Skip(start).Take(100).ToList();
            var source = "using System;\nusing AutoDiffGen;\nnamespace RandomWritten;\npublic static partial class W" + start + "\n{\n" + string.Concat(batch.Select(p => p.Source)) + "}\n";
            var run = GeneratorHarness.Run(source);
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var p in batch)
            {
                var mine = errors.Where(d => Span(d) == p.ErrorAt && d.Location.SourceSpan.Start >= source.IndexOf(p.Source, StringComparison.Ordinal)
                    && d.Location.SourceSpan.Start < source.IndexOf(p.Source, StringComparison.Ordinal) + p.Source.Length).ToList();
                bool generated = run.Generated.Values.Any(t => t.Contains(" " + p.Name + "Hessian(", StringComparison.Ordinal));
                if (!Outside(p.Index))
                {
                    if (!generated) failures.Add(p.Name + " (inside) has no MHessian\n" + p.Source);
                    continue;
                }
                // Exactly one error, ADG0019, at the written parameter or at the call, and no MHessian.
                if (!generated && mine.Count == 1 && mine[0].Id == "ADG0019") diagnosed++;
                else failures.Add(p.Name + " (" + Of(p.Index) + "): generated=" + generated + ", " + string.Join("; ", mine) + "\n" + p.Source);
            }
            var stray = errors.Where(d => !batch.Any(p => Outside(p.Index) && Span(d) == p.ErrorAt)).ToList();
            if (stray.Count > 0) failures.Add("errors outside the expected constructs: " + string.Join("; ", stray.Take(3)));
            if (failures.Count > 0) break;
            // The outside programs have no generated code: compile the inside ones alone.
            var insideSource = "using System;\nusing AutoDiffGen;\nnamespace RandomWritten;\npublic static partial class W" + start + "\n{\n"
                + string.Concat(batch.Where(p => !Outside(p.Index)).Select(p => p.Source)) + "}\n";
            var type = GeneratorHarness.CompileAndLoad(insideSource).GetType("RandomWritten.W" + start, throwOnError: true)!;
            foreach (var p in batch.Where(q => !Outside(q.Index)))
            {
                var f = Delegate<Func<double[], double>>(type, p.Name + "_F");
                var g = Delegate<Action<double[], double[]>>(type, p.Name + "_G");
                var h = Delegate<Action<double[], double[]>>(type, p.Name + "_H");
                var v = Delegate<Action<double[], double[], double[]>>(type, p.Name + "_V");
                bool any = false;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 4).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 4)).ToArray();
                    string? failure = Check(f, g, h, v, x, random, out bool skip);
                    if (skip) { skipped++; continue; }
                    if (failure is not null) { failures.Add(p.Name + " at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Source); break; }
                    checkedPoints++;
                    any = true;
                }
                if (any) programsChecked++;
            }
        }
        output.WriteLine($"seed {seed}: {count} programs, {programsChecked} checked at {checkedPoints} points, {skipped} skipped (overflow, kinks), {diagnosed} diagnosed outside support, {failures.Count} failures");
        if (failures.Count > 0) Assert.Fail(failures.Count + " failures; the first:\n" + string.Join("\n----\n", failures.Take(3)));
        int inside = programs.Count(p => !Outside(p.Index));
        Assert.True(programsChecked >= inside * 0.8, $"only {programsChecked} of {inside} programs had a checkable point");
        Assert.Equal(count - inside, diagnosed);
    }

    private static T Delegate<T>(Type type, string name) where T : Delegate =>
        type.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!.CreateDelegate<T>();

    /// <summary>Skips a point whose value or gradient is not finite or huge, then HessianMatrixPropertyTests.Check.</summary>
    private static string? Check(Func<double[], double> f, Action<double[], double[]> g, Action<double[], double[]> h, Action<double[], double[], double[]> v,
        double[] x, Random random, out bool skip)
    {
        var grad = new double[x.Length];
        g(x, grad);
        double value = f(x);
        skip = !double.IsFinite(value) || Math.Abs(value) > 1e5 || grad.Any(q => !double.IsFinite(q) || Math.Abs(q) > 1e4);
        return skip ? null : HessianMatrixPropertyTests.Check(g, h, v, x, random, out skip);
    }

    /// <summary>One random program over a double[3] and a double k: stores into the array (slots overwritten, a loop), then a result.</summary>
    private sealed class Program
    {
        public Program(int index, Random random)
        {
            Index = index;
            Name = "P" + index;
            var body = new StringBuilder();
            int statements = random.Next(2, 5);
            for (int s = 0; s < statements; s++) body.Append(Statement(random));
            string result = "A[" + random.Next(3) + "] * A[" + random.Next(3) + "] + " + Expression(random, 1) + " * k";
            var text = new StringBuilder();
            string wrappers = "    public static double " + Name + "_F(double[] p) => " + Name + "(new[] { p[0], p[1], p[2] }, p[3]);\n"
                + "    public static void " + Name + "_G(double[] p, double[] g) { var da = new double[3]; double dk = 0; " + Name + "Backward(new[] { p[0], p[1], p[2] }, p[3], da, ref dk); da.CopyTo(g, 0); g[3] = dk; }\n"
                + "    public static void " + Name + "_H(double[] p, double[] h) => " + Name + "Hessian(new[] { p[0], p[1], p[2] }, p[3], h);\n"
                + "    public static void " + Name + "_V(double[] p, double[] v, double[] hv) => " + Name + "HessianVector(new[] { p[0], p[1], p[2] }, p[3], v, hv);\n";
            switch (Of(index))
            {
                case Shape.Inside:
                    // What ADG0019 says to write: copy the parameter into a local array and write the copy.
                    text.Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[] a, double k)\n    {\n")
                        .Append("        var b = new double[a.Length];\n        for (int i = 0; i < a.Length; i++) b[i] = a[i];\n")
                        .Append(body.ToString().Replace("A", "b", StringComparison.Ordinal)).Append("        return " + result.Replace("A", "b", StringComparison.Ordinal) + ";\n    }\n")
                        .Append(wrappers);
                    ErrorAt = "";
                    break;
                case Shape.Written:
                    // The same body writing the parameter itself (hess11): each wrapper passes a fresh array.
                    text.Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[] a, double k)\n    {\n")
                        .Append(body.ToString().Replace("A", "a", StringComparison.Ordinal)).Append("        return " + result.Replace("A", "a", StringComparison.Ordinal) + ";\n    }\n")
                        .Append(wrappers);
                    ErrorAt = "";
                    break;
                case Shape.CalleeWrites:
                    // The stores moved into a callee returning a double (hess12), with Hessian = true or without (its
                    // MBackwardTangent then written from its body), that writes the caller's local array or, every other
                    // program, the caller's own parameter.
                    bool own = index / 5 % 2 == 1;
                    string array = own ? "a" : "t";
                    text.Append(WritingCallee(index / 10 % 2 == 0 ? "(Hessian = true)" : "", body))
                        .Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[] a, double k)\n    {\n")
                        .Append(own ? "" : "        var t = new[] { a[0], a[1], a[2] * k };\n")
                        .Append("        double r = " + Name + "Write(" + array + ", k);\n")
                        .Append("        return r * " + Expression(random, 1).Replace("A", array, StringComparison.Ordinal) + " + " + result.Replace("A", array, StringComparison.Ordinal) + ";\n    }\n")
                        .Append(wrappers);
                    ErrorAt = "";
                    break;
                case Shape.InLoop:
                    // The same writing callee called in a loop (hess13: each iteration's copy of the array and of its tangents
                    // is kept on a tape), with Hessian = true or without.
                    text.Append(WritingCallee(index / 5 % 2 == 0 ? "(Hessian = true)" : "", body))
                        .Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[] a, double k)\n    {\n")
                        .Append("        var t = new[] { a[0], a[1], a[2] * k };\n        double r = 0;\n        for (int j = 0; j < 2; j++) r += " + Name + "Write(t, k);\n")
                        .Append("        return r + " + result.Replace("A", "t", StringComparison.Ordinal) + ";\n    }\n")
                        .Append(wrappers);
                    ErrorAt = "";
                    break;
                case Shape.VoidCallee:
                    // The stores moved into a void callee (with Hessian = true only every other program: a void method has no
                    // Hessian of its own) that writes the caller's local array: inlined since hess21 (ADG0019 before).
                    text.Append("    [Differentiable" + (index / 6 % 2 == 0 ? "(Forward = true)" : "") + "]\n    public static void " + Name + "Write(double[] a, double k)\n    {\n")
                        .Append(body.ToString().Replace("A", "a", StringComparison.Ordinal)).Append("    }\n")
                        .Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[] a, double k)\n    {\n")
                        .Append("        var t = new[] { a[0], a[1], a[2] * k };\n        " + Name + "Write(t, k);\n")
                        .Append("        return " + result.Replace("A", "t", StringComparison.Ordinal) + ";\n    }\n")
                        .Append(wrappers);
                    ErrorAt = "";
                    break;
                default:
                    // The stores moved into a callee returning a double that writes a double[,] the caller made, called in a ?: arm
                    // (inlined where it always runs since hess23; in an arm it stays ADG0019 at the call).
                    string grid = body.ToString().Replace("A.Length", "m.GetLength(1)", StringComparison.Ordinal).Replace("A[", "m[0, ", StringComparison.Ordinal);
                    text.Append("    [Differentiable]\n    public static double " + Name + "Write(double[,] m, double k)\n    {\n")
                        .Append(grid).Append("        return m[0, 0] * k;\n    }\n")
                        .Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double x, double k)\n    {\n")
                        .Append("        var t = new double[1, 3];\n        t[0, 0] = x;\n        t[0, 1] = k;\n        t[0, 2] = x * k;\n        double r = k > -100 ? " + Name + "Write(t, k) : 0.0;\n")
                        .Append("        return r + " + result.Replace("A[", "t[0, ", StringComparison.Ordinal) + ";\n    }\n");
                    ErrorAt = Name + "Write(t, k)";
                    break;
            }
            Source = text.ToString();
        }

        /// <summary>The stores in a callee that writes its array and returns a double (hess12), with the given attribute arguments.</summary>
        private string WritingCallee(string options, StringBuilder body) =>
            "    [Differentiable" + options + "]\n    public static double " + Name + "Write(double[] a, double k)\n    {\n"
            + body.ToString().Replace("A", "a", StringComparison.Ordinal) + "        return a[0] * k + a[2];\n    }\n";

        public int Index { get; }

        public string Name { get; }

        /// <summary>The text of the one ADG0019 an outside program gets ("" inside).</summary>
        public string ErrorAt { get; }

        public string Source { get; }

        private static string Statement(Random random) => random.Next(3) switch
        {
            0 => "        A[" + random.Next(3) + "] = " + Expression(random, 2) + ";\n",
            1 => "        for (int i = 1; i < A.Length; i++) A[i] = A[i] * " + Expression(random, 1) + " + A[i - 1];\n",
            _ => "        A[" + random.Next(3) + "] += A[" + random.Next(3) + "] * k;\n",
        };

        private static string Expression(Random random, int depth)
        {
            if (depth == 0 || random.Next(3) == 0)
            {
                return random.Next(4) switch
                {
                    0 => "k",
                    1 => "0." + random.Next(1, 10).ToString(CultureInfo.InvariantCulture),
                    _ => "A[" + random.Next(3) + "]",
                };
            }
            string a = Expression(random, depth - 1), b = Expression(random, depth - 1);
            return random.Next(5) switch
            {
                0 => "(" + a + " + " + b + ")",
                1 => "(" + a + " * " + b + ")",
                2 => "Math.Sin(" + a + ")",
                3 => "Math.Exp(0.3 * " + a + ")",
                _ => "(" + a + " - " + b + ")",
            };
        }
    }
}
