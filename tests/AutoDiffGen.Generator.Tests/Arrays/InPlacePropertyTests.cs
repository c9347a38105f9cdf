using System.Globalization;
using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Random programs over local arrays (made with <c>new</c> and a loop, or <c>x.ToArray()</c>) that <c>Array.Fill</c>,
/// <c>Array.Reverse</c> and <c>Array.Sort</c> them, whole and over a range, write and read their elements between, fill
/// and reverse inside loops and branches. Every program inside support must generate cleanly and match central
/// differences at two points (distinct values, so that no sort meets a tie); one in five adds a sort inside a loop (its
/// permutation would be needed for every iteration), which must be an ADG0003 at that call, and no code.
/// </summary>
public class InPlacePropertyTests(ITestOutputHelper output)
{
    private const string Header = """
        using System;
        using System.Linq;
        using AutoDiffGen;

        public static partial class Drawn
        {

        """;

    private const int XLength = 6;

    private sealed record Program(string Name, string Text, string? Bad);

    private sealed class Writer(Random random)
    {
        private readonly List<(string Name, int Length)> _arrays = new() { ("x", XLength) };
        private readonly StringBuilder _body = new();
        private int _locals;

        public string? Bad { get; private set; }

        private string Operand()
        {
            var (name, length) = _arrays[random.Next(_arrays.Count)];
            return name + "[" + random.Next(length) + "]";
        }

        private string Term() => random.Next(4) switch
        {
            0 => Operand(),
            1 => Operand() + " * " + Operand(),
            2 => "Math.Sin(" + Operand() + ")",
            _ => "0.5 * " + Operand() + " + s",
        };

        private (string Name, int Length) Local()
        {
            if (_arrays.Count == 1) NewLocal();
            return _arrays[1 + random.Next(_arrays.Count - 1)];
        }

        private void NewLocal()
        {
            string name = "a" + _locals++;
            if (random.Next(2) == 0)
            {
                _body.Append("        var ").Append(name).Append(" = x.ToArray();\n");
                _arrays.Add((name, XLength));
                return;
            }
            int length = 2 + random.Next(4);
            _body.Append("        var ").Append(name).Append(" = new double[").Append(length).Append("];\n");
            _body.Append("        for (int i = 0; i < ").Append(length).Append("; i++) ").Append(name).Append("[i] = ").Append(Operand()).Append(" * (i + 1.5);\n");
            _arrays.Add((name, length));
        }

        /// <summary>A range of the array as ", start, count" (count may be 0), or "" for the whole.</summary>
        private string Range(int length)
        {
            if (random.Next(2) == 0) return "";
            int start = random.Next(length + 1);
            return ", " + start + ", " + random.Next(length - start + 1);
        }

        private void Effect(string indent, bool sort)
        {
            var (name, length) = Local();
            switch (random.Next(sort ? 3 : 2))
            {
                case 0:
                    _body.Append(indent).Append("Array.Fill(").Append(name).Append(", ").Append(Term()).Append(Range(length)).Append(");\n");
                    break;
                case 1:
                    _body.Append(indent).Append("Array.Reverse(").Append(name).Append(Range(length)).Append(");\n");
                    break;
                default:
                    _body.Append(indent).Append("Array.Sort(").Append(name).Append(Range(length)).Append(");\n");
                    break;
            }
        }

        private void Loop()
        {
            var (name, length) = Local();
            _body.Append("        for (int k = 0; k < 3; k++)\n        {\n");
            Effect("            ", sort: false);
            _body.Append("            ").Append(name).Append('[').Append(random.Next(length)).Append("] *= 1 + 0.25 * ").Append(Operand()).Append(";\n");
            _body.Append("            s += ").Append(name).Append("[0] * ").Append(name).Append('[').Append(length - 1).Append("];\n");
            _body.Append("        }\n");
        }

        private void Branch()
        {
            if (_arrays.Count == 1) NewLocal();
            _body.Append("        if (").Append(Operand()).Append(" > 0.3)\n        {\n");
            Effect("            ", sort: true);
            _body.Append("        }\n        else\n        {\n");
            Effect("            ", sort: true);
            _body.Append("        }\n");
        }

        private void Outside()
        {
            var (name, _) = Local();
            Bad = "Array.Sort(" + name + ")";
            _body.Append("        for (int k = 0; k < 2; k++)\n        {\n            ").Append(Bad).Append(";\n            ")
                .Append(name).Append("[0] *= 1.5;\n            s += ").Append(name).Append("[1];\n        }\n");
        }

        public string Method(string name, bool outside)
        {
            _body.Append("        double s = x[0] * x[1];\n");
            int steps = 3 + random.Next(6);
            int outsideAt = outside ? random.Next(steps) : -1;
            for (int k = 0; k < steps; k++)
            {
                if (k == outsideAt) Outside();
                switch (random.Next(8))
                {
                    case 0: NewLocal(); break;
                    case 1: case 2: case 3: Effect("        ", sort: true); break;
                    case 4: Loop(); break;
                    case 5: Branch(); break;
                    case 6:
                        var (a, length) = Local();
                        _body.Append("        ").Append(a).Append('[').Append(random.Next(length)).Append(']').Append(new[] { " = ", " *= ", " += " }[random.Next(3)]).Append(Term()).Append(";\n");
                        break;
                    default: _body.Append("        s += ").Append(Term()).Append(";\n"); break;
                }
            }
            _body.Append("        return s");
            foreach (var (array, length) in _arrays.Skip(1))
            {
                for (int i = 0; i < length; i++) _body.Append(" + ").Append(i + 1).Append(" * ").Append(array).Append('[').Append(i).Append("] * ").Append(array).Append('[').Append(i).Append(']');
            }
            _body.Append(";\n");
            return "    [Differentiable]\n    public static double " + name + "(double[] x)\n    {\n" + _body + "    }\n";
        }
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    public void RandomPrograms_MatchCentralDifferences_OrAreDiagnosedAtTheSort(int seed)
    {
        var random = new Random(seed);
        const int count = 40;
        var all = Enumerable.Range(0, count).Select(i =>
        {
            var writer = new Writer(random);
            string name = "P" + i.ToString(CultureInfo.InvariantCulture);
            string text = writer.Method(name, i % 5 == 4);
            return new Program(name, text, writer.Bad);
        }).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad));
        var type = GeneratorHarness.CompileAndLoad(ProgramBatch.Source(Header, clean.Select(p => p.Text))).GetType("Drawn")!;
        foreach (var p in clean)
        {
            foreach (var point in new[] { new[] { 0.7, -1.3, 0.4, 1.1, -0.55, 0.9 }, new[] { -0.35, 0.8, 1.45, -0.9, 0.25, -1.15 } })
            {
                try
                {
                    CentralDifferenceRunner.Check(type.GetMethod(p.Name, BindingFlags.Public | BindingFlags.Static)!, null, new object[] { point.ToArray() });
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    throw new Xunit.Sdk.XunitException(p.Name + " at (" + string.Join(", ", point) + "): " + e.Message + "\n" + p.Text);
                }
            }
        }
        output.WriteLine($"{count} programs: {clean.Count} generated and checked, {count - clean.Count} diagnosed");
        Assert.True(clean.Count == count - all.Count(p => p.Bad is not null) && clean.Count > count / 2);
    }
}
