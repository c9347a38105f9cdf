using System.Text;
using System.Text.RegularExpressions;
using AutoDiffGen.Generator.Tests.Infrastructure;

namespace AutoDiffGen.Generator.Tests.Jacobians;

/// <summary>
/// How a vector-valued program takes its three inputs: three doubles, one record struct P3, a double[] of length 3, or
/// three doubles among a [NoDiff] double and an int that the body reads (they are not columns of the Jacobian).
/// </summary>
public enum VectorInputs { Scalars, Struct, Array, Mixed }

/// <summary>
/// How it returns its m components: a tuple, a named tuple, a positional record struct (R2/R3), a struct of fields
/// built with an initializer (S2/S3), the same struct built member by member in a local, or a plain double (m = 1).
/// </summary>
public enum VectorResult { Tuple, NamedTuple, Record, Fields, MemberByMember, Scalar }

/// <summary>
/// A random vector-valued program: the statements of a <see cref="RandomProgram"/> (branches, loops, switches, returns
/// from loops, calls of the helpers), then m result components. An early return inside a loop returns the carried
/// target in every component (scaled, so the rows differ).
/// </summary>
public sealed record VectorProgram(string Name, RandomProgram Body, IReadOnlyList<Expr> Components, VectorInputs Inputs, VectorResult Result)
{
    /// <summary>The structs the programs use, declared once per batch next to the class.</summary>
    public const string Types = """
        public record struct P3(double X, double Y, double Z);
        public record struct R2(double X, double Y);
        public record struct R3(double X, double Y, double Z);
        public struct S2 { public double U; public double V; }
        public struct S3 { public double U; public double V; public double W; }
        """;

    /// <summary>A vector-valued callee: struct results through calls (<see cref="PairExpr"/>).</summary>
    public const string PairHelper = """
            [Differentiable(Forward = true)]
            public static R2 Pair(double x, double y) => new R2(x * y, Math.Sin(x) + y);
        """;

    private static readonly string[] TupleNames = { "First", "Second", "Third" };
    private static readonly string[] RecordMembers = { "X", "Y", "Z" };
    private static readonly string[] FieldMembers = { "U", "V", "W" };

    public int M => Components.Count;

    /// <summary>Holds a form that must be diagnosed (the written draws), or calls a helper that gets no Backward.</summary>
    public bool MustBeDiagnosed => Body.MustBeDiagnosed || Components.Any(c => c.MustBeDiagnosed);

    public bool CallsFailing => Render().Contains("Bad(", StringComparison.Ordinal) || Render().Contains("Mid(", StringComparison.Ordinal);

    public string ResultType => Result switch
    {
        VectorResult.Scalar => "double",
        VectorResult.Tuple => "(" + string.Join(", ", Components.Select(_ => "double")) + ")",
        VectorResult.NamedTuple => "(" + string.Join(", ", Components.Select((_, k) => "double " + TupleNames[k])) + ")",
        VectorResult.Record => "R" + M,
        _ => "S" + M,
    };

    /// <summary>An expression of the result type from component texts.</summary>
    public string Make(IReadOnlyList<string> parts) => Result switch
    {
        VectorResult.Scalar => parts[0],
        VectorResult.Tuple or VectorResult.NamedTuple => "(" + string.Join(", ", parts) + ")",
        VectorResult.Record => "new R" + M + "(" + string.Join(", ", parts) + ")",
        _ => "new S" + M + " { " + string.Join(", ", parts.Select((p, k) => FieldMembers[k] + " = " + p)) + " }",
    };

    /// <summary>The component k of a value <paramref name="r"/> of the result type.</summary>
    public string Member(string r, int k) => Result switch
    {
        VectorResult.Scalar => r,
        VectorResult.Tuple => r + ".Item" + (k + 1),
        VectorResult.NamedTuple => r + "." + TupleNames[k],
        VectorResult.Record => r + "." + RecordMembers[k],
        _ => r + "." + FieldMembers[k],
    };

    public string Render(string indent = "    ")
    {
        var text = new StringBuilder();
        text.Append(indent).AppendLine("[Differentiable(Forward = true, Jacobian = true)]");
        string parameters = Inputs switch
        {
            VectorInputs.Scalars => "double a, double b, double c",
            VectorInputs.Struct => "P3 p",
            VectorInputs.Mixed => "double a, [NoDiff] double gain, int steps, double b, double c",
            _ => "double[] x",
        };
        text.Append(indent).Append("public static ").Append(ResultType).Append(' ').Append(Name).Append('(').Append(parameters).AppendLine(")");
        text.Append(indent).AppendLine("{");
        string inner = indent + "    ";
        if (Inputs == VectorInputs.Struct) text.Append(inner).AppendLine("double a = p.X, b = p.Y, c = p.Z;");
        if (Inputs == VectorInputs.Array) text.Append(inner).AppendLine("double a = x[0], b = x[1], c = x[2];");
        if (Inputs == VectorInputs.Mixed) text.Append(inner).AppendLine("b += gain * a; c -= steps * 0.25;");
        foreach (var s in Body.Statements)
        {
            string line = s.Render();
            // A return from a loop returns the carried target, in every component.
            if (s.Wrapper == "return") line = Regex.Replace(line, @"return (\w+);", m => "return " + Make(Enumerable.Range(0, M).Select(k => k == 0 ? m.Groups[1].Value : "(" + m.Groups[1].Value + " * " + (k + 1) + ".5)").ToList()) + ";");
            text.Append(inner).AppendLine(line);
        }
        var parts = Components.Select(c => c.Render()).ToList();
        if (Result == VectorResult.MemberByMember)
        {
            text.Append(inner).AppendLine("var res = new S" + M + " { U = " + parts[0] + " };");
            for (int k = 1; k < M; k++) text.Append(inner).AppendLine("res." + FieldMembers[k] + " = " + parts[k] + ";");
            text.Append(inner).AppendLine("return res;");
        }
        else
        {
            text.Append(inner).Append("return ").Append(Make(parts)).AppendLine(";");
        }
        text.Append(indent).AppendLine("}");
        return text.ToString();
    }

    /// <summary>The batch: the types, the enum Op, the helpers (with Forward = true) and the programs.</summary>
    public static string Source(string className, IEnumerable<VectorProgram> programs)
    {
        var text = new StringBuilder();
        text.AppendLine("using System;").AppendLine("using System.Linq;").AppendLine("using AutoDiffGen;").AppendLine().AppendLine("namespace Random;").AppendLine();
        text.AppendLine(Types).AppendLine("public enum Op { Add, Mul, Neg }").AppendLine();
        text.Append("public static partial class ").AppendLine(className).AppendLine("{");
        text.AppendLine(RandomProgram.Helpers.Replace("[Differentiable]", "[Differentiable(Forward = true)]"));
        text.AppendLine(PairHelper);
        foreach (var p in programs) text.AppendLine(p.Render());
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>
    /// A second file: for each program, array-only wrappers the test calls through delegates (a span or a ref cannot go
    /// through reflection): P_V(x) the value's components; P_J(x, j) MJacobian; P_B(x, w, pre, g) MBackward with
    /// dResult = w and adjoints preloaded with pre, g what they hold after; P_F(x, t, tr) MForward with tangent t.
    /// </summary>
    public static string Wrappers(string className, IEnumerable<VectorProgram> programs)
    {
        var text = new StringBuilder();
        text.AppendLine("namespace Random { public static partial class " + className + " {");
        foreach (var p in programs)
        {
            string args = p.Inputs switch
            {
                VectorInputs.Scalars => "x[0], x[1], x[2]",
                VectorInputs.Mixed => "x[0], 0.7, 2, x[1], x[2]",
                VectorInputs.Struct => "new P3(x[0], x[1], x[2])",
                _ => "x",
            };
            string Components(string r) => "new double[] { " + string.Join(", ", Enumerable.Range(0, p.M).Select(k => p.Member(r, k))) + " }";
            string fromW = p.Make(Enumerable.Range(0, p.M).Select(k => "w[" + k + "]").ToList());
            string n = p.Name;
            text.AppendLine($"public static double[] {n}_V(double[] x) {{ var r = {n}({args}); return {Components("r")}; }}");
            text.AppendLine($"public static double[] {n}_J(double[] x, double[] j) {{ var r = {n}Jacobian({args}, j); return {Components("r")}; }}");
            switch (p.Inputs)
            {
                case VectorInputs.Scalars:
                case VectorInputs.Mixed:
                    text.AppendLine($"public static double[] {n}_B(double[] x, double[] w, double pre, double[] g) {{ double d0 = pre, d1 = pre, d2 = pre; var r = {n}Backward({args}, ref d0, ref d1, ref d2, {fromW}); g[0] = d0; g[1] = d1; g[2] = d2; return {Components("r")}; }}");
                    text.AppendLine($"public static double[] {n}_F(double[] x, double[] t, double[] tr) {{ var r = {n}Forward({args}, t[0], t[1], t[2], out var tR); var c = {Components("tR")}; c.CopyTo(tr, 0); return {Components("r")}; }}");
                    break;
                case VectorInputs.Struct:
                    text.AppendLine($"public static double[] {n}_B(double[] x, double[] w, double pre, double[] g) {{ var dp = new P3(pre, pre, pre); var r = {n}Backward({args}, ref dp, {fromW}); g[0] = dp.X; g[1] = dp.Y; g[2] = dp.Z; return {Components("r")}; }}");
                    text.AppendLine($"public static double[] {n}_F(double[] x, double[] t, double[] tr) {{ var r = {n}Forward({args}, new P3(t[0], t[1], t[2]), out var tR); var c = {Components("tR")}; c.CopyTo(tr, 0); return {Components("r")}; }}");
                    break;
                default:
                    text.AppendLine($"public static double[] {n}_B(double[] x, double[] w, double pre, double[] g) {{ var dx = new double[] {{ pre, pre, pre }}; var r = {n}Backward({args}, dx, {fromW}); dx.CopyTo(g, 0); return {Components("r")}; }}");
                    text.AppendLine($"public static double[] {n}_F(double[] x, double[] t, double[] tr) {{ var r = {n}Forward({args}, t, out var tR); var c = {Components("tR")}; c.CopyTo(tr, 0); return {Components("r")}; }}");
                    break;
            }
        }
        text.AppendLine("} }");
        return text.ToString();
    }
}

/// <summary>
/// Draws vector-valued programs: the body and first component from a <see cref="RandomProgramGenerator"/> (widened,
/// and with the written forms or the array forms when asked), the other components from a second generator's results, their variables
/// renamed into what is in scope at the end of the body (the parameters and the body's top-level locals).
/// </summary>
public sealed class VectorProgramGenerator
{
    private readonly RandomProgramGenerator _bodies;
    private readonly RandomProgramGenerator _components;
    private readonly Random _random;

    public VectorProgramGenerator(int seed, bool written, bool arrays = false)
    {
        _bodies = new RandomProgramGenerator(seed, widened: true, written: written, arrays: arrays);
        _components = new RandomProgramGenerator(seed + 7, widened: true);
        _random = new Random(seed + 13);
    }

    public VectorProgram Next(string name)
    {
        var body = _bodies.Next(name);
        var result = (VectorResult)_random.Next(6);
        int m = result == VectorResult.Scalar ? 1 : _random.Next(2, 4);
        var scope = RandomProgram.Parameters.Concat(body.Statements.Where(s => s.Declares).Select(s => s.Target)).ToList();
        var components = new List<Expr> { body.Return };
        for (int k = 1; k < m; k++)
        {
            components.Add(_random.Next(12) switch
            {
                // Now and then a constant component (a zero row) or a bare input (a unit row).
                0 => new ConstExpr(2.0),
                1 => new VarExpr(scope[_random.Next(scope.Count)]),
                // A member of a vector-valued callee's result.
                2 => new PairExpr(Rename(_components.Next("Q").Return, scope), new VarExpr(scope[_random.Next(scope.Count)]), _random.Next(2) == 0 ? "X" : "Y"),
                _ => Rename(_components.Next("Q").Return, scope),
            });
        }
        var inputs = (VectorInputs)_random.Next(4);
        return new VectorProgram(name, body, components, inputs, result);
    }

    /// <summary><paramref name="e"/> with every variable not in <paramref name="scope"/> replaced by one that is.</summary>
    private Expr Rename(Expr e, List<string> scope)
    {
        if (e is VarExpr v) return scope.Contains(v.Name) ? v : new VarExpr(scope[_random.Next(scope.Count)]);
        for (int i = 0; i < e.Children.Count; i++) e = e.With(i, Rename(e.Children[i], scope));
        return e;
    }
}

/// <summary><c>Pair(a, b).X</c>: a member of the struct a [Differentiable] callee returns.</summary>
public sealed record PairExpr(Expr A, Expr B, string Member) : Expr
{
    public override string Render() => "Pair(" + A.Render() + ", " + B.Render() + ")." + Member;
    public override IReadOnlyList<Expr> Children => new[] { A, B };
    public override Expr With(int index, Expr child) => index == 0 ? this with { A = child } : this with { B = child };
}
