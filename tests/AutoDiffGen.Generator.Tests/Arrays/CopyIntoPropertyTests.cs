using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Generated programs that copy into local arrays (<c>Array.Copy</c> in both forms, <c>Array.ConstrainedCopy</c>,
/// <c>x.CopyTo(y, i)</c>, span <c>CopyTo</c> over slices and slices of slices), write elements before and after, and copy
/// inside loops, from the parameter and from one local into another. About a third also hold one form outside what is
/// supported (a copy within one array, between element types, into a jagged row): those must be an ADG error at that
/// copy and get no Backward. Every other method is checked against central differences. A second property draws copies
/// with ranges that may be out of bounds: Backward must throw exactly when the method does, with the same exception.
/// </summary>
public class CopyIntoPropertyTests
{
    private const string Header = """
        using System;
        using AutoDiffGen;

        public static partial class Gen
        {

        """;

    private const int XLength = 6;

    private sealed class Program
    {
        private readonly Random _random;
        private readonly List<(string Name, int Length)> _arrays = new() { ("x", XLength) };
        private readonly StringBuilder _body = new();
        private int _locals;

        public Program(Random random) => _random = random;

        public string? Unsupported { get; private set; }

        /// <summary>The text of the copy outside what is supported, as the diagnostic underlines it.</summary>
        public string? UnsupportedAt { get; private set; }

        private string Operand()
        {
            var (name, length) = _arrays[_random.Next(_arrays.Count)];
            return name + "[" + _random.Next(length) + "]";
        }

        private string Term() => _random.Next(4) switch
        {
            0 => Operand(),
            1 => Operand() + " * " + Operand(),
            2 => "Math.Sin(" + Operand() + ")",
            _ => "0.5 * " + Operand(),
        };

        private void NewLocal()
        {
            string name = "a" + _locals++;
            int length = 2 + _random.Next(4);
            _body.Append("        var ").Append(name).Append(" = new double[").Append(length).Append("];\n");
            _body.Append("        for (int i = 0; i < ").Append(length).Append("; i++) ").Append(name).Append("[i] = ").Append(Operand()).Append(" * (i + 1);\n");
            _arrays.Add((name, length));
        }

        private (string Name, int Length) Local() => _arrays[1 + _random.Next(_arrays.Count - 1)];

        private void CopyInto()
        {
            if (_arrays.Count == 1) NewLocal();
            var (dst, dl) = Local();
            var candidates = _arrays.Where(a => a.Name != dst).ToList();
            var (src, sl) = candidates[_random.Next(candidates.Count)];
            int most = Math.Min(sl, dl);
            int n = 1 + _random.Next(most);
            int ss = _random.Next(sl - n + 1), ds = _random.Next(dl - n + 1);
            switch (_random.Next(6))
            {
                case 0:
                    _body.Append("        Array.Copy(").Append(src).Append(", ").Append(dst).Append(", ").Append(n).Append(");\n");
                    break;
                case 1:
                    _body.Append("        Array.Copy(").Append(src).Append(", ").Append(ss).Append(", ").Append(dst).Append(", ").Append(ds).Append(", ").Append(n).Append(");\n");
                    break;
                case 2:
                    _body.Append("        Array.ConstrainedCopy(").Append(src).Append(", ").Append(ss).Append(", ").Append(dst).Append(", ").Append(ds).Append(", ").Append(n).Append(");\n");
                    break;
                case 3 when sl <= dl:
                    _body.Append("        ").Append(src).Append(".CopyTo(").Append(dst).Append(", ").Append(_random.Next(dl - sl + 1)).Append(");\n");
                    break;
                case 4:
                    _body.Append("        ").Append(src).Append(".AsSpan(").Append(ss).Append(", ").Append(n).Append(").CopyTo(").Append(dst).Append(".AsSpan(").Append(ds).Append("));\n");
                    break;
                default:
                    // A slice of a slice into a slice with a length.
                    int first = _random.Next(ss + 1);
                    _body.Append("        ").Append(src).Append(".AsSpan(").Append(first).Append(").Slice(").Append(ss - first).Append(", ").Append(n).Append(").CopyTo(")
                        .Append(dst).Append(".AsSpan(").Append(ds).Append(", ").Append(n + _random.Next(dl - ds - n + 1)).Append("));\n");
                    break;
            }
        }

        private void CopyInLoop()
        {
            if (_arrays.Count == 1) NewLocal();
            var (dst, dl) = Local();
            int n = 1 + _random.Next(Math.Min(dl, 3));
            int trips = XLength - n + 1;
            _body.Append("        for (int k = 0; k < ").Append(trips).Append("; k++)\n        {\n");
            _body.Append("            Array.Copy(x, k, ").Append(dst).Append(", ").Append(dl - n).Append(", ").Append(n).Append(");\n");
            _body.Append("            s += ").Append(dst).Append('[').Append(dl - 1).Append("] * ").Append(dst).Append('[').Append(_random.Next(dl)).Append("];\n");
            _body.Append("            ").Append(dst).Append('[').Append(dl - n).Append("] = 0.1 * s;\n");
            _body.Append("        }\n");
        }

        private void Write()
        {
            if (_arrays.Count == 1) return;
            var (name, length) = Local();
            string op = new[] { " = ", " *= ", " += " }[_random.Next(3)];
            _body.Append("        ").Append(name).Append('[').Append(_random.Next(length)).Append(']').Append(op).Append(Term()).Append(";\n");
        }

        private void Outside()
        {
            if (_arrays.Count == 1) NewLocal();
            var (name, length) = Local();
            switch (_random.Next(3))
            {
                case 0:
                    Unsupported = "within one array";
                    UnsupportedAt = "Array.Copy(" + name + ", 0, " + name + ", 1, " + (length - 1) + ")";
                    break;
                case 1:
                    Unsupported = "element types";
                    _body.Append("        var f = new float[2];\n");
                    UnsupportedAt = "Array.Copy(f, " + name + ", 1)";
                    break;
                default:
                    Unsupported = "jagged row";
                    _body.Append("        var m = new double[1][];\n        m[0] = new double[2];\n");
                    UnsupportedAt = "Array.Copy(" + name + ", m[0], 1)";
                    break;
            }
            _body.Append("        ").Append(UnsupportedAt).Append(";\n");
        }

        public string Method(string name, bool outside)
        {
            _body.Append("        double s = x[0] * x[1];\n");
            int steps = 3 + _random.Next(6);
            int outsideAt = outside ? _random.Next(steps) : -1;
            for (int k = 0; k < steps; k++)
            {
                if (k == outsideAt) Outside();
                switch (_random.Next(7))
                {
                    case 0: NewLocal(); break;
                    case 1: case 2: CopyInto(); break;
                    case 3: CopyInLoop(); break;
                    case 4: Write(); break;
                    default: _body.Append("        s += ").Append(Term()).Append(";\n"); break;
                }
            }
            _body.Append("        return s");
            foreach (var (array, length) in _arrays.Skip(1)) _body.Append(" + ").Append(array).Append('[').Append(length - 1).Append("] * ").Append(array).Append("[0]");
            _body.Append(";\n");
            return "    [Differentiable]\n    public static double " + name + "(double[] x)\n    {\n" + _body + "    }\n\n";
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    [InlineData(4242)]
    public void GeneratedPrograms_MatchCentralDifferencesOrAreDiagnosedAtTheCopy(int seed)
    {
        var random = new Random(seed);
        var source = new StringBuilder(Header);
        var outside = new Dictionary<string, (string Why, string At)>();
        const int count = 40;
        for (int k = 0; k < count; k++)
        {
            var program = new Program(random);
            string name = "P" + k.ToString(CultureInfo.InvariantCulture);
            source.Append(program.Method(name, random.Next(3) == 0));
            if (program.Unsupported is { } why) outside[name] = (why, program.UnsupportedAt!);
        }
        source.Append("}\n");
        string text = source.ToString();
        var result = GeneratorHarness.RunForLoad(text);
        Assert.True(result.Exceptions.IsEmpty, result.Dump());
        Assert.DoesNotContain(result.CompileDiagnostics, d => d.Severity >= DiagnosticSeverity.Warning);
        var type = GeneratorHarness.Load(result).GetType("Gen")!;
        Assert.InRange(outside.Count, 5, count - 10);
        for (int k = 0; k < count; k++)
        {
            string name = "P" + k.ToString(CultureInfo.InvariantCulture);
            int start = text.IndexOf("double " + name + "(", StringComparison.Ordinal);
            int end = k + 1 < count ? text.IndexOf("double P" + (k + 1).ToString(CultureInfo.InvariantCulture) + "(", StringComparison.Ordinal) : text.Length;
            var errors = result.GeneratorDiagnostics.Where(d => d.Severity == DiagnosticSeverity.Error && d.Location.SourceSpan.Start > start && d.Location.SourceSpan.Start < end).ToList();
            bool generated = type.GetMethod(name + "Backward") is not null;
            string program = text.Substring(start, end - start);
            if (outside.TryGetValue(name, out var o))
            {
                Assert.True(!generated && errors.Any(d => d.Id.StartsWith("ADG", StringComparison.Ordinal) && text.Substring(d.Location.SourceSpan.Start, d.Location.SourceSpan.Length).Contains(o.At, StringComparison.Ordinal)),
                    name + " (" + o.Why + ") was not diagnosed at '" + o.At + "':\n" + string.Join("\n", errors) + "\n" + program);
                continue;
            }
            Assert.True(errors.Count == 0 && generated, name + ": " + string.Join("\n", errors) + "\n" + program);
            var point = new[] { 0.7, -1.3, 0.4, 1.1, -0.6, 0.9 };
            CentralDifferenceRunner.Check(type.GetMethod(name)!, null, new object[] { point });
        }
    }

    [Theory]
    [InlineData(11)]
    [InlineData(99)]
    public void RandomRanges_BackwardThrowsExactlyWhenTheMethodDoes(int seed)
    {
        var random = new Random(seed);
        var source = new StringBuilder(Header);
        const int count = 30;
        string[] forms =
        {
            "Array.Copy(x, a, y, b, n);",
            "Array.ConstrainedCopy(x, a, y, b, n);",
            "x.CopyTo(y, b);",
            "x.AsSpan(a, n).CopyTo(y.AsSpan(b));",
            "x.AsSpan(a).Slice(b, n).CopyTo(y);",
            "Array.Copy(x, y, n);",
        };
        for (int k = 0; k < count; k++)
        {
            source.Append("    [Differentiable]\n    public static double R").Append(k).Append("(double[] x, int a, int b, int n)\n    {\n")
                .Append("        var y = new double[4];\n        y[0] = x[0] * x[1];\n        ")
                .Append(forms[k % forms.Length]).Append("\n        return y[0] * y[3] + x[2];\n    }\n\n");
        }
        source.Append("}\n");
        var type = GeneratorHarness.CompileAndLoad(source.ToString()).GetType("Gen")!;
        int threw = 0, ran = 0;
        for (int k = 0; k < count; k++)
        {
            var method = type.GetMethod("R" + k)!;
            var backward = type.GetMethod("R" + k + "Backward")!;
            for (int trial = 0; trial < 6; trial++)
            {
                int a = random.Next(-1, 5), b = random.Next(-1, 5), n = random.Next(-1, 5);
                var x = new[] { 0.7, -1.3, 0.4, 1.1 };
                Exception? primal = Catch(() => method.Invoke(null, new object[] { x.Clone(), a, b, n }));
                Exception? reverse = Catch(() => backward.Invoke(null, new object[] { x.Clone(), a, b, n, new double[4], 1.0 }));
                Assert.True(primal?.GetType() == reverse?.GetType(), $"R{k}({a}, {b}, {n}): the method threw {primal?.GetType().Name ?? "nothing"}, Backward {reverse?.GetType().Name ?? "nothing"}");
                if (primal is null)
                {
                    ran++;
                    CentralDifferenceRunner.Check(method, null, new object[] { x, a, b, n });
                }
                else
                {
                    threw++;
                }
            }
        }
        Assert.True(threw > 10 && ran > 10, $"threw {threw}, ran {ran}");
    }

    private static Exception? Catch(Action action) => Invocations.Thrown(action);
}
