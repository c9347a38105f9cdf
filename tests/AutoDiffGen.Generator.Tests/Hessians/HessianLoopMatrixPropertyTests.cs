using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// Random <c>Hessian = true</c> programs over the forms hess13 made work (issue 14), and forms just outside them, all over a
/// 2 × 2 <c>double[,] a</c> and a <c>double k</c> (n = 5): inside, a method writing its matrix parameter (random stores, loops
/// over its rows and columns), and a callee (with <c>Hessian = true</c> or without) writing a local array, called in a loop
/// of 1 to 3 trips; each must match central differences of its own <c>MBackward</c> gradient, be exactly symmetric, and its
/// <c>MHessianVector</c> be <c>MHessian</c>·v. Outside, one ADG0019 at the construct and no <c>MHessian</c>: a callee returning a
/// double that writes a <c>double[,]</c> it is passed (at the call). A jagged local whose rows are made in a loop is inside since hess20. A struct passed to a callee and a
/// tuple-returning callee, outside until hess14, are inside since (the callee inlined). AUTODIFFGEN_HESSIAN_LOOPMATRIX_COUNT/SEED pick others.
/// </summary>
public class HessianLoopMatrixPropertyTests(ITestOutputHelper output)
{
    private static int EnvInt(string name, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v : fallback;

    private enum Shape { WrittenMatrix, LoopCallee, JaggedLocal, MatrixCallee, StructArgument, TupleCallee }

    private static Shape Of(int i) => (Shape)(i % 6);

    // A struct argument and a tuple-returning callee were outside until hess14, which inlines such a callee in Hessian mode.
    // A jagged local was outside until hess20, which gives its rows tangent rows and adjoint-tangent rows.
    private static bool Outside(int i) => Of(i) is Shape.MatrixCallee;

    private static string Span(Diagnostic d) => d.Location.SourceTree!.ToString().Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length);

    [Fact]
    public void LoopWriteAndMatrixPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheConstruct()
    {
        int count = EnvInt("AUTODIFFGEN_HESSIAN_LOOPMATRIX_COUNT", 60);
        int seed = EnvInt("AUTODIFFGEN_HESSIAN_LOOPMATRIX_SEED", 20261213);
        var random = new Random(seed);
        var programs = Enumerable.Range(0, count).Select(i => new Program(i, random)).ToList();
        var failures = new List<string>();
        int checkedPoints = 0, skipped = 0, diagnosed = 0, programsChecked = 0;
        const string header = "using System;\nusing AutoDiffGen;\nnamespace RandomLoopMatrix;\npublic struct Pair { public double U; public double V; public Pair(double u, double v) { U = u; V = v; } }\n";
        for (int start = 0; start < count; start += 60)
        {
            var batch = programs.Skip(start).Take(60).ToList();
            var source = header + "public static partial class L" + start + "\n{\n" + string.Concat(batch.Select(p => p.Source)) + "}\n";
            var run = GeneratorHarness.Run(source);
            if (!run.Exceptions.IsEmpty) throw new Xunit.Sdk.XunitException("generator threw:\n" + run.Dump());
            var errors = run.GeneratorDiagnostics.Concat(run.CompileDiagnostics).Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            foreach (var p in batch)
            {
                int from = source.IndexOf(p.Source, StringComparison.Ordinal);
                var mine = errors.Where(d => d.Location.SourceSpan.Start >= from && d.Location.SourceSpan.Start < from + p.Source.Length).ToList();
                bool generated = run.Generated.Values.Any(t => t.Contains(" " + p.Name + "Hessian(", StringComparison.Ordinal));
                if (!Outside(p.Index))
                {
                    if (!generated || mine.Count > 0) failures.Add(p.Name + " (" + Of(p.Index) + ") has no MHessian or errors: " + string.Join("; ", mine) + "\n" + p.Source);
                    continue;
                }
                // Exactly one error, ADG0019, at the construct just outside support, and no MHessian.
                if (!generated && mine.Count == 1 && mine[0].Id == "ADG0019" && Span(mine[0]) == p.ErrorAt) diagnosed++;
                else failures.Add(p.Name + " (" + Of(p.Index) + "): generated=" + generated + ", " + string.Join("; ", mine) + "\n" + p.Source);
            }
            if (failures.Count > 0) break;
            var insideSource = header + "public static partial class L" + start + "\n{\n" + string.Concat(batch.Where(p => !Outside(p.Index)).Select(p => p.Source)) + "}\n";
            var type = GeneratorHarness.CompileAndLoad(insideSource).GetType("RandomLoopMatrix.L" + start, throwOnError: true)!;
            foreach (var p in batch.Where(q => !Outside(q.Index)))
            {
                var g = Delegate<Action<double[], double[]>>(type, p.Name + "_G");
                var h = Delegate<Action<double[], double[]>>(type, p.Name + "_H");
                var v = Delegate<Action<double[], double[], double[]>>(type, p.Name + "_V");
                var f = Delegate<Func<double[], double>>(type, p.Name + "_F");
                bool any = false;
                for (int k = 0; k < 3; k++)
                {
                    var x = Enumerable.Range(0, 5).Select(_ => Math.Round(random.NextDouble() * 2 - 1, 4)).ToArray();
                    var grad = new double[5];
                    g(x, grad);
                    double value = f(x);
                    if (!double.IsFinite(value) || Math.Abs(value) > 1e5 || grad.Any(q => !double.IsFinite(q) || Math.Abs(q) > 1e4)) { skipped++; continue; }
                    string? failure = HessianMatrixPropertyTests.Check(g, h, v, x, random, out bool skip);
                    if (skip) { skipped++; continue; }
                    if (failure is not null) { failures.Add(p.Name + " (" + Of(p.Index) + ") at (" + string.Join(", ", x) + "): " + failure + "\n" + p.Source); break; }
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

    /// <summary>One random program over a 2 × 2 matrix a and a double k, in one of the shapes by number.</summary>
    private sealed class Program
    {
        public Program(int index, Random random)
        {
            Index = index;
            Name = "P" + index;
            bool matrix = Of(index) is Shape.WrittenMatrix or Shape.MatrixCallee;
            var body = new StringBuilder();
            int statements = random.Next(2, 5);
            for (int s = 0; s < statements; s++) body.Append(Statement(random, matrix));
            // What the method returns, over the matrix a (or the matrix t) or over the local double[] t.
            string Result(bool overMatrix) => At(random, overMatrix) + " * " + At(random, overMatrix) + " + " + Expression(random, 1, overMatrix) + " * k";
            string result = Result(true), vectorResult = Result(false);
            // The wrappers the check calls: x = (a00, a01, a10, a11, k), a fresh matrix each call.
            const string a = "new double[,] { { p[0], p[1] }, { p[2], p[3] } }";
            string wrappers = "    public static double " + Name + "_F(double[] p) => " + Name + "(" + a + ", p[4]);\n"
                + "    public static void " + Name + "_G(double[] p, double[] g) { var da = new double[2, 2]; double dk = 0; " + Name + "Backward(" + a + ", p[4], da, ref dk); g[0] = da[0, 0]; g[1] = da[0, 1]; g[2] = da[1, 0]; g[3] = da[1, 1]; g[4] = dk; }\n"
                + "    public static void " + Name + "_H(double[] p, double[] h) => " + Name + "Hessian(" + a + ", p[4], h);\n"
                + "    public static void " + Name + "_V(double[] p, double[] v, double[] hv) => " + Name + "HessianVector(" + a + ", p[4], v, hv);\n";
            string signature = "    [Differentiable(Hessian = true)]\n    public static double " + Name + "(double[,] a, double k)\n    {\n";
            var text = new StringBuilder();
            ErrorAt = "";
            switch (Of(index))
            {
                case Shape.WrittenMatrix:
                    // The method writes its own double[,] (hess13).
                    text.Append(signature).Append(body.ToString().Replace("A", "a", StringComparison.Ordinal))
                        .Append("        return " + result.Replace("A", "a", StringComparison.Ordinal) + ";\n    }\n").Append(wrappers);
                    break;
                case Shape.LoopCallee:
                    // A callee writing the caller's local array, called in a loop of 1 to 3 trips (hess13).
                    int trips = 1 + index / 6 % 3;
                    text.Append(Callee(index / 6 % 2 == 0 ? "(Hessian = true)" : "", "double[]", body))
                        .Append(signature).Append("        var t = new[] { a[0, 0], a[0, 1] * k, a[1, 0] + a[1, 1] };\n        double r = 0;\n")
                        .Append("        for (int j = 0; j < " + trips.ToString(CultureInfo.InvariantCulture) + "; j++) r += " + Name + "Write(t, k) * " + Expression(random, 1, false).Replace("A", "t", StringComparison.Ordinal) + ";\n")
                        .Append("        return r + " + vectorResult.Replace("A", "t", StringComparison.Ordinal) + ";\n    }\n").Append(wrappers);
                    break;
                case Shape.JaggedLocal:
                    // The matrix's rows copied into a jagged local that the body writes.
                    text.Append(signature).Append("        var t = new double[3][];\n        for (int i = 0; i < 3; i++) t[i] = new[] { a[0, 0] * i, a[1, 1] + k };\n")
                        .Append("        t[1][0] = t[2][1] * " + Expression(random, 1, true).Replace("A", "a", StringComparison.Ordinal) + ";\n")
                        .Append("        return t[1][0] * t[2][0] + " + result.Replace("A", "a", StringComparison.Ordinal) + ";\n    }\n").Append(wrappers);
                    break;
                case Shape.MatrixCallee:
                    // The stores moved into a callee that writes a double[,] it is passed, called in a ?: arm (inlined where it always
                    // runs since hess23; in an arm it stays ADG0019 at the call).
                    text.Append(Callee("(Hessian = true)", "double[,]", body))
                        .Append(signature).Append("        var t = new double[,] { { a[0, 0], a[0, 1] }, { a[1, 0] * k, a[1, 1] } };\n")
                        .Append("        double r = k > -100 ? " + Name + "Write(t, k) : 0.0;\n")
                        .Append("        return r * " + result.Replace("A", "t", StringComparison.Ordinal) + ";\n    }\n");
                    ErrorAt = Name + "Write(t, k)";
                    break;
                case Shape.StructArgument:
                    // A struct of doubles that carries a gradient passed to a Hessian callee (inlined since hess14).
                    text.Append("    [Differentiable(Hessian = true)]\n    public static double " + Name + "Norm(Pair q, double w) => q.U * q.U * w + Math.Sin(q.V);\n")
                        .Append(signature).Append("        return " + Name + "Norm(new Pair(a[0, 0] * k, a[1, 1]), k) + " + result.Replace("A", "a", StringComparison.Ordinal) + ";\n    }\n").Append(wrappers);
                    break;
                default:
                    // A tuple-returning callee (without Hessian = true: a tuple result has no Hessian of its own; inlined since hess14).
                    text.Append("    [Differentiable]\n    public static (double, double) " + Name + "Two(double u, double w) => (u * w, Math.Exp(0.3 * u) + w);\n")
                        .Append(signature).Append("        var (p, q) = " + Name + "Two(a[0, 1], k);\n")
                        .Append("        return p * q + " + result.Replace("A", "a", StringComparison.Ordinal) + ";\n    }\n").Append(wrappers);
                    break;
            }
            Source = text.ToString();
        }

        /// <summary>The stores in a callee that writes its array (of the given type) and returns a double.</summary>
        private string Callee(string options, string type, StringBuilder body) =>
            "    [Differentiable" + options + "]\n    public static double " + Name + "Write(" + type + " a, double k)\n    {\n"
            + body.ToString().Replace("A", "a", StringComparison.Ordinal) + "        return a[" + (type == "double[]" ? "0" : "0, 0") + "] * k + a[" + (type == "double[]" ? "2" : "1, 1") + "];\n    }\n";

        public int Index { get; }

        public string Name { get; }

        /// <summary>The text of the one ADG0019 an outside program gets ("" inside).</summary>
        public string ErrorAt { get; }

        public string Source { get; }

        private static string At(Random random, bool matrix) =>
            matrix ? "A[" + random.Next(2) + ", " + random.Next(2) + "]" : "A[" + random.Next(3) + "]";

        private static string Statement(Random random, bool matrix) => random.Next(3) switch
        {
            0 => "        " + At(random, matrix) + " = " + Expression(random, 2, matrix) + ";\n",
            1 => matrix
                ? "        for (int i = 0; i < A.GetLength(0); i++) for (int j = 0; j < A.GetLength(1); j++) A[i, j] = A[i, j] * " + Expression(random, 1, matrix) + " + A[0, j];\n"
                : "        for (int i = 1; i < A.Length; i++) A[i] = A[i] * " + Expression(random, 1, matrix) + " + A[i - 1];\n",
            _ => "        " + At(random, matrix) + " += " + At(random, matrix) + " * k;\n",
        };

        private static string Expression(Random random, int depth, bool matrix)
        {
            if (depth == 0 || random.Next(3) == 0)
            {
                return random.Next(4) switch
                {
                    0 => "k",
                    1 => "0." + random.Next(1, 10).ToString(CultureInfo.InvariantCulture),
                    _ => At(random, matrix),
                };
            }
            string a = Expression(random, depth - 1, matrix), b = Expression(random, depth - 1, matrix);
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
