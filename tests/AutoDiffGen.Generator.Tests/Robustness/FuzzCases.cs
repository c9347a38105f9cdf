using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Tests.Robustness;

/// <summary>One fuzz input: a whole file whose namespace is <c>Fuzz.Case{Id}</c>.</summary>
public sealed record FuzzCase(int Id, string Category, string Source, bool ExpectClean);

/// <summary>
/// Draws random and malformed [Differentiable] methods: valid random programs, the same truncated
/// at a random character as in an IDE, token-level mutations, token soup, unsupported constructs,
/// unknown names and types, and odd signatures.
/// </summary>
public sealed class FuzzCaseGenerator
{
    private static readonly string[] Soup =
    {
        "x", "y", "a", "Math", ".", "Sin", "Exp", "Log", "Pow", "(", ")", "(", ")", "{", "}", "[", "]", ";", ";", ",", "+", "-", "*", "/", "%",
        "=", "+=", "-=", "==", "<", ">", "&&", "!", "?", ":", "=>", "return", "double", "float", "int", "var", "new", "if", "else", "for", "while",
        "ref", "out", "in", "this", "null", "default", "1", "2.5", "-0.5", "1e-3", "2.5f", "\"s\"", "'c'", "@", "#", "$", "x++", "--", "typeof",
        "is", "as", "static", "void", "class", "goto", "L", "await", "yield", "throw", "lock", "checked", "stackalloc", "\\", "`", "..", "??", "?.",
    };

    /// <summary>Bodies using x (and y) with constructs the generator must reject or handle.</summary>
    private static readonly string[] Constructs =
    {
        "double s = 0; for (int i = 0; i < 3; i++) s += x * i; return s;",
        "double s = x; while (s < 10) s *= 2; return s;",
        "double s = 0; foreach (var v in new[] { x, y }) s += v; return s;",
        "do { x *= 2; } while (x < 1); return x;",
        "try { return Math.Sin(x); } catch { return 0; }",
        "try { return x * y; } finally { }",
        "Func<double, double> f = v => v * x; return f(y);",
        "goto end; end: return x * x;",
        "Field = x; return x * 2;",
        "Helper(x, out var z); return z * x;",
        "double Local(double v) => v * v; return Local(x);",
        "static double Twice(double v) => 2 * v; return Twice(x) * y;",
        "switch ((int)x) { case 1: return x; default: return x * 2; }",
        "return x switch { > 0 => x * y, _ => -x };",
        "string s = x.ToString(); return s.Length * x;",
        "return new[] { x, 2 * y }.Sum();",
        "return Enumerable.Range(0, 3).Select(i => i * x).Sum();",
        "if (x > 0) return x * y; return -x;",
        "if (x > 0) { y = x * 2; } else { y = -x; } return y * x;",
        "return x > 0 ? x * y : -x;",
        "var arr = new double[2]; arr[0] = x; return arr[0] * y;",
        "lock (Gate) { return x * x; }",
        "using (var m = new System.IO.MemoryStream()) { return x * m.Length; }",
        "checked { return x * 2; }",
        "unchecked { return x * y; }",
        "throw new InvalidOperationException();",
        "return (double)(object)x * y;",
        "dynamic d = x; return d * y;",
        "var t = (x, y * 2); return t.Item1 * t.Item2;",
        "Span<double> s = stackalloc double[2]; s[0] = x; return s[0] * y;",
        "ref double r = ref x; r *= 2; return r * y;",
        "return x is double d ? d * y : 0;",
        "return default(double) + x * y;",
        "return nameof(x).Length * x;",
        "return Math.Round(x, 2) * y;",
        "return Math.FusedMultiplyAdd(x, y, x);",
        "return Math.Clamp(x, 0, 1) + Math.Log(1 + x * x, 2) + Math.Atan2(x, y);",
        "return (float)x * y;",
        "return x++ + y;",
        "return (x += 1) * y;",
        "double z; z = x; return z * y;",
        "double p = 1, q = x; return p * q * y;",
        "const double k = 2.5; return k * x;",
        "return Math.Sin(x) * Other(y);",
        "return x < 0.1 ? x : F(x / 2, y);",
        "return Math.Tan(x) + Math.Asin(x / 10) + Math.Acos(y / 10) + Math.Sinh(x) + Math.Cosh(y) + Math.Cbrt(x) + Math.Log10(1 + x * x) + Math.Log2(1 + y * y);",
        "return MathF.Sin((float)x) * y;",
        "return Math.Sign(x) * Math.Ceiling(y) + Math.Truncate(x) + Math.Round(y) + Math.Floor(x);",
        "return (x > y ? 1.0 : 0.0) + (x == y ? 2.0 : 0.0);",
        "return Math.Max(x, Math.Min(y, 0.5)) + Math.Abs(x - y) + Math.Clamp(y, -1.0, 1.0);",
        "x = Math.Sin(x); x = x * x; x -= y; x /= 3; return x;",
        "double s = x; s++; s--; ++s; --s; return s * y;",
        "return -(-x) + +y;",
        "return Math.PI * x + Math.E * y + double.Epsilon;",
        "int n = (int)x; return n * y;",
        "long n = 3; return n * x + y;",
        "bool b = x > y; return b ? x : y;",
        "return x == 0 ? 0 : 1 / x;",
        "var w = new Other2(); return w.Value * x;",
        "return Gate.GetHashCode() * x;",
        "Action a = () => Field = x; a(); return x * y;",
        "return ((Func<double>)(() => x * y))();",
        "object o = x; return o is double v ? v * y : 0;",
        "x = y = x * y; return x + y;",
        "return x * y; return x;",
        "return (x, y) switch { (> 0, _) => x, _ => y };",
        "return Tensor.Zeros(2) is null ? x : y;",
        "return System.Linq.Enumerable.Sum(new[] { x, y });",
        "return Math.Sqrt(x) + Math.Log(y) + Math.Pow(x, y) + 1 / (x - y);",
        "double e = Math.Exp(x), s = 1 / (1 + Math.Exp(-y)); return e * s;",
        "return 1.0 / (1.0 + Math.Exp(-(x * y)));",
        "double @in = x * y; double @return = @in + y; return @return * @in;",
    };

    private static readonly string[] Broken =
    {
        "return x + zz;",
        "Foo z = x; return z;",
        "return Bar(x);",
        "return Math.Sinn(x);",
        "return x.Foo;",
        "Vector3 v = default; return v.X * x;",
        "return Unknown.Method(x) * y;",
        "var q = new Missing(); return q.Value;",
        "return (x * ) ;",
        "return x +;",
        "return Math.Sin(x, y);",
        "return Math.Max(x);",
        "return \"a\" * x;",
        "int i = x; return i;",
        "return x * true;",
        "double x = 2; return x;",
        "return y * undefinedLocal;",
        "return;",
        "",
        "return x",
        "return Math.Exp(x;",
        "double z = ; return z;",
        "return x * y }",
        "{ return x; ",
        "return x * y; }}}}",
        "return x.;",
        "return Math.;",
        "return new double();",
        "return 1e;",
        "return 0x;",
        "return 1.5.5 * x;",
        "return x * 1_000.5_;",
        "#if DEBUG\nreturn x;\n#endif",
        "#pragma warning disable\nreturn x * y;",
        "return x /* unterminated",
        "return x * y; // comment",
        "return @\"verbatim\".Length * x;",
        "return $\"{x}\".Length * y;",
        "return x ?? y;",
        "return x?.ToString().Length ?? 0;",
        "return global::System.Math.Sin(x) * global::Nope.M(y);",
        "yield return x;",
        "await Task.Yield(); return x;",
        "return this.Field * x;",
        "return base.GetHashCode() * x;",
    };

    /// <summary>Whole method declarations with odd signatures or placement (class C, namespace Fuzz.CaseN).</summary>
    private static readonly string[] Signatures =
    {
        "[Differentiable] public static int F(double x, double y) => (int)(x * y);",
        "[Differentiable] public static void F(double x, double y) { }",
        "[Differentiable] public static double F<T>(double x, double y) => x * y;",
        "[Differentiable] public static double F(ref double x, double y) => x * y;",
        "[Differentiable] public static double F(out double x, double y) { x = y; return y * 2; }",
        "[Differentiable] public static double F(in double x, double y) => x * y;",
        "[Differentiable] public static double F(params double[] x) => x[0] * 2;",
        "[Differentiable] public static double F(double[] x, double y) => x[0] * y;",
        "[Differentiable] public static double F(ReadOnlySpan<double> x, double y) => x[0] * y;",
        "[Differentiable] public static double F(double dX, double x) => x * dX;",
        "[Differentiable] public static double F(double dResult, double y) => dResult * y;",
        "[Differentiable] public static partial double F(double x, double y);",
        "[Differentiable] public static extern double F(double x, double y);",
        "[Differentiable] public abstract double F(double x, double y);",
        "[Differentiable] public double F(double x, double y) => x * y;",
        "[Differentiable] public static double F(double x, double y) => x * y; public static double FBackward() => 0;",
        "[Differentiable] public static double F(double x, double y) => x * y; public static int FBackward;",
        "[Differentiable(1)] public static double F(double x, double y) => x * y;",
        "[Differentiable, Differentiable] public static double F(double x, double y) => x * y;",
        "[Differentiable] public static double F(decimal x, double y) => (double)x * y;",
        "[Differentiable] public static double F(double x, [NoDiff] double y, int n, bool b) => b ? x * y * n : x;",
        "[Differentiable] public static double F(this double x, double y) => x * y;",
        "[Differentiable] public static Tensor F(Tensor x, double y) => x;",
        "[Differentiable] public static double F(double x, double y) => F(x, y);",
        "[Differentiable] public static double F(double x = 1.5, double y = -0.5) => x * y;",
        "[Differentiable] public static double F(double @double, double @return) => @double * @return;",
        "[Differentiable] public static double F(double é, double Ω) { double ß = é * Ω; return ß * é; }",
        "[Differentiable] public static double F(double prod, double sum) { double prod2 = prod * sum; double sum2 = prod2 + sum; return sum2 * prod; }",
        "[Differentiable] public static double F(double tapeDouble, double dResult2) => tapeDouble * dResult2;",
        "[Differentiable] public static double F(double x, double y) { }",
        "[Differentiable] public static double F(double x, double y) => throw new Exception();",
        "[Differentiable] public static double F(double x, double y) { return x * y; return x; }",
        "[Differentiable] public static float F(float x, double y) => x * (float)y;",
        "[Differentiable] public static double F(float x, float y) => x * y + 2.5f;",
        "[Differentiable] public static double F(double x, double y) => x * y; [Differentiable] public static double F(float x, float y) => x * y;",
        "[Differentiable] public static double F(double x, double y) => x * y; [Differentiable] public static double F(double x) => x * 2;",
        "[Differentiable] public static double F(double x, double y) => x * y; [Differentiable] public static double F(double x, double y) => x + y;",
        "[Differentiable] public static double F(double x, double y) => G(x) * y; [Differentiable] public static double G(double x) => F(x, x);",
        "[DerivativeOf(nameof(F))] public static double FBackward(double x, ref double dX) => x; [Differentiable] public static double F(double x, double y) => x * y;",
        "[DerivativeOf(\"Nope\")] public static double Bogus(double x) => x; [Differentiable] public static double F(double x, double y) => x * y;",
        "[DerivativeOf(typeof(Other2), nameof(Other2.Value))] public static double Bogus(double x) => x; [Differentiable] public static double F(double x, double y) => x * y;",
        "public static double G(double x) => x * x; [DerivativeOf(nameof(G))] public static void GPullback(double x, double r, double d) { } [Differentiable] public static double F(double x, double y) => G(x) * y;",
        "public static double G(double x) => x * x; [DerivativeOf(nameof(G))] public static double GBackward(double x, ref float dX, double dResult = 1) => x; [Differentiable] public static double F(double x, double y) => G(x) * y;",
        "void M() { [Differentiable] static double L(double x) => x * 2; }",
        "[Differentiable] public static double operator +(C a, C b) => 0;",
        "[Differentiable] public C(double x) { }",
        "[Differentiable] public double P => 1;",
        "[Differentiable] public static double F(double x, double y) => x * y",
        "[Differentiable] public static double F(double x, double y) =>",
        "[Differentiable] public static double F(double x, double y",
        "[Differentiable] public static double F(",
        "[Differentiable] public static double",
        "[Differentiable]",
        "[Differentiable] public static double F(double x, double y) { return x * y; ",
        "[Differentiable] public static double F(double x, double y) => x * y; }",
        "[Differentiable] public static double F(double x, double y) => x * y; } }",
        "[Differentiable] public static double F(double x, double y) => x * y; } class D { [Differentiable] static double H(double z) => z * z;",
        "[Differentiable] private static double F(double x, double y) => x * y;",
        "[Differentiable] protected internal static double F(double x, double y) => x * y;",
        "[Differentiable] public static unsafe double F(double* x, double y) => *x * y;",
        "[Differentiable] public static double F(dynamic x, double y) => y * 2;",
        "[Differentiable] public static double F(double? x, double y) => x!.Value * y;",
        "[Differentiable] public static ref double F(ref double x, double y) => ref x;",
        "[Differentiable] public static async System.Threading.Tasks.Task<double> F(double x, double y) => x * y;",
        "[Differentiable] public static IEnumerable<double> F(double x, double y) { yield return x * y; }",
    };

    private static readonly string[] Containers =
    {
        "public static partial class C",
        "public partial class C",
        "public partial struct C",
        "public partial record C",
        "public partial record struct C",
        "public static class C",
        "public partial class C<T>",
        "public static partial class Outer { public partial class C",
        "public static class Outer { public static partial class C",
        "public partial interface C",
        "public abstract partial class C",
        "internal sealed partial class C",
    };

    private readonly Random _random;
    private readonly RandomProgramGenerator _programs;

    public FuzzCaseGenerator(int seed)
    {
        _random = new Random(seed);
        _programs = new RandomProgramGenerator(seed + 17);
    }

    public FuzzCase Next(int id)
    {
        int roll = _random.Next(100);
        return roll switch
        {
            < 12 => new FuzzCase(id, "valid random program", Wrap(id, _programs.Next("F").Render("    ")), ExpectClean: true),
            < 30 => new FuzzCase(id, "truncated file", Truncate(ValidFile(id)), false),
            < 40 => new FuzzCase(id, "truncated body, braces closed", TruncateBody(id), false),
            < 55 => new FuzzCase(id, "token mutation", Mutate(ValidFile(id)), false),
            < 65 => new FuzzCase(id, "token soup", Wrap(id, Method(SoupText())), false),
            < 80 => new FuzzCase(id, "unsupported construct", Wrap(id, Method(Pick(Constructs))), false),
            < 90 => new FuzzCase(id, "unknown names and malformed code", Wrap(id, Method(Pick(Broken)), withUsings: _random.Next(6) != 0), false),
            _ => new FuzzCase(id, "odd signature or container", Wrap(id, Pick(Signatures), Pick(Containers)), false),
        };
    }

    private string Method(string body) =>
        _random.Next(2) == 0
            ? "[Differentiable]\npublic static double F(double x, double y)\n{\n" + body + "\n}"
            : "[Differentiable]\npublic static double F(double x, double y) { " + body + " }";

    private string ValidFile(int id) =>
        _random.Next(2) == 0 ? Wrap(id, _programs.Next("F").Render("    ")) : Wrap(id, Method(Pick(Constructs)));

    /// <summary>A file: usings, the case's namespace, helpers the constructs use, and the member text in a container.</summary>
    private static string Wrap(int id, string member, string container = "public static partial class C", bool withUsings = true)
    {
        var text = new StringBuilder();
        if (withUsings) text.AppendLine("using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing System.Threading.Tasks;\nusing AutoDiffGen;\nusing AutoDiffGen.Tensors;");
        else text.AppendLine("using AutoDiffGen;");
        text.AppendLine($"namespace Fuzz.Case{id};");
        text.AppendLine("public sealed class Other2 { public double Value = 1; }");
        text.AppendLine(container);
        text.AppendLine("{");
        if (!container.Contains("interface"))
        {
            text.AppendLine("    static double Field;");
            text.AppendLine("    static readonly object Gate = new object();");
            text.AppendLine("    static void Helper(double a, out double b) => b = a;");
            text.AppendLine("    public static double Other(double v) => v * 3;");
        }
        text.AppendLine(member);
        text.AppendLine("}");
        if (container.Contains("Outer")) text.AppendLine("}");
        return text.ToString();
    }

    private string Truncate(string source) => source.Substring(0, _random.Next(source.Length));

    /// <summary>Half-typed code inside a method: the body cut at a random point, the braces closed.</summary>
    private string TruncateBody(int id)
    {
        string file = ValidFile(id);
        int open = file.IndexOf("[Differentiable]", StringComparison.Ordinal);
        int cut = open + _random.Next(file.Length - open);
        return file.Substring(0, cut) + "\n}\n}\n";
    }

    private string Mutate(string source)
    {
        var tokens = SyntaxFactory.ParseTokens(source).Select(t => t.ToFullString()).Where(t => t.Length > 0).ToList();
        int mutations = 1 + _random.Next(3);
        for (int m = 0; m < mutations && tokens.Count > 1; m++)
        {
            int i = _random.Next(tokens.Count);
            switch (_random.Next(5))
            {
                case 0: tokens.RemoveAt(i); break;
                case 1: tokens.Insert(i, tokens[i]); break;
                case 2:
                    int j = _random.Next(tokens.Count);
                    (tokens[i], tokens[j]) = (tokens[j], tokens[i]);
                    break;
                case 3: tokens[i] = " " + Pick(Soup) + " "; break;
                default: tokens[i] = " zz" + _random.Next(100) + " "; break;
            }
        }
        return string.Concat(tokens);
    }

    private string SoupText()
    {
        int n = 1 + _random.Next(30);
        return string.Join(" ", Enumerable.Range(0, n).Select(_ => Pick(Soup)));
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
