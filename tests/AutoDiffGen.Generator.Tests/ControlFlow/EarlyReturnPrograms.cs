using System.Globalization;
using System.Text;

namespace AutoDiffGen.Generator.Tests.ControlFlow;

/// <summary>
/// Random methods of (double x, double y, int k) made of early returns the way numeric code nests them: returns
/// inside ifs without else, inside switch sections (with and without default, some sections falling out), inside
/// loops, inside ifs nested in other branches, and guards that throw. Branch conditions read only parameters and
/// constants from <see cref="Thresholds"/>, so points away from those have no kink. With <c>outside</c> a program
/// also holds a construct the generator rejects (a break inside an if in a switch section, or try/finally).
/// </summary>
internal sealed class EarlyReturnPrograms
{
    public static readonly double[] Thresholds = { -0.5, 0.0, 0.5 };

    private readonly System.Random _random;
    private StringBuilder _sb = new();
    private int _indent;
    private int _loops;

    public EarlyReturnPrograms(int seed) => _random = new System.Random(seed);

    public sealed record Program(string Name, string Text, bool Outside);

    public Program Next(string name, bool outside)
    {
        _sb = new StringBuilder();
        _indent = 2;
        _loops = 0;
        Line("[Differentiable]");
        Line("public static double " + name + "(double x, double y, int k)");
        Line("{");
        _indent++;
        Line("double t = x * 0.5 + y;");
        Line("double u = y - x;");
        if (outside)
        {
            // The rejected construct comes first so that it is always reached by the generator.
            if (_random.Next(2) == 0)
            {
                Line("switch (k)");
                Line("{");
                Line("    case 2: if (" + Condition() + ") break; t = " + Expression() + "; break;");
                Line("    default: u = " + Expression() + "; break;");
                Line("}");
            }
            else
            {
                // A using whose body reads its resource stays rejected (a try/finally that only assigns locals, a try/catch whose
                // try cannot throw, and lock are supported: Statements/AsWrittenTests, Statements/TryCatchTests, Idioms/UsingLockTests).
                Line("using (var m = new System.IO.MemoryStream()) { t = m.Length * " + Expression() + "; }");
            }
        }
        Statements(3, inLoop: false);
        Line("return " + Expression() + ";");
        _indent--;
        Line("}");
        return new Program(name, _sb.ToString(), outside);
    }

    /// <summary>A few statements; stops after a return (code after it would be unreachable).</summary>
    private void Statements(int depth, bool inLoop)
    {
        int count = 1 + _random.Next(3);
        for (int i = 0; i < count; i++)
        {
            if (Statement(depth, inLoop)) return;
        }
    }

    /// <summary>Writes one statement; returns true when it always returns (nothing may follow it).</summary>
    private bool Statement(int depth, bool inLoop)
    {
        int pick = depth <= 0 ? _random.Next(3) : _random.Next(11);
        switch (pick)
        {
            case 0:
            case 1:
                Line(Target() + " = " + Expression() + ";");
                return false;
            case 2:
                Line(Target() + " += " + Expression() + ";");
                return false;
            case 3:
                Line("if (" + Condition() + ") return " + Expression() + ";");
                return false;
            case 4:
                Line("if (" + Condition() + ")");
                Block(depth, inLoop);
                if (_random.Next(2) == 0)
                {
                    Line("else");
                    Block(depth, inLoop);
                }
                return false;
            case 5:
                Line("if (" + Condition() + ")");
                Block(depth, inLoop, endWithReturn: true);
                Line("else");
                Block(depth, inLoop, endWithReturn: true);
                return true;
            case 6:
            case 7:
                return Switch(depth, inLoop);
            case 8:
                Line("if (k > 3) throw new global::System.ArgumentOutOfRangeException(nameof(k), \"k = \" + k);");
                return false;
            case 9:
                if (inLoop || _loops > 1) goto case 0;
                Loop(depth);
                return false;
            default:
                Line("if (" + Condition() + ")");
                Line("{");
                _indent++;
                Line("if (" + Condition() + ") return " + Expression() + ";");
                Statements(depth - 1, inLoop);
                _indent--;
                Line("}");
                return false;
        }
    }

    private void Block(int depth, bool inLoop, bool endWithReturn = false)
    {
        Line("{");
        _indent++;
        bool returned = false;
        int count = 1 + _random.Next(2);
        for (int i = 0; i < count && !returned; i++) returned = Statement(depth - 1, inLoop);
        if (endWithReturn && !returned) Line("return " + Expression() + ";");
        _indent--;
        Line("}");
    }

    private bool Switch(int depth, bool inLoop)
    {
        bool hasDefault = _random.Next(2) == 0;
        int sections = 1 + _random.Next(3);
        bool allReturn = hasDefault;
        Line("switch (k)");
        Line("{");
        _indent++;
        for (int s = 0; s < sections + (hasDefault ? 1 : 0); s++)
        {
            Line(s == sections ? "default:" : "case " + s.ToString(CultureInfo.InvariantCulture) + ":");
            _indent++;
            bool returned = false;
            if (_random.Next(2) == 0) returned = Statement(depth - 1, inLoop);
            if (!returned)
            {
                // Sections taken at the test points (k = 0, 1, 2) never throw: case 5 does.
                if (_random.Next(3) == 0) { Line("return " + Expression() + ";"); returned = true; }
                else Line("break;");
            }
            allReturn &= returned;
            _indent--;
        }
        // A section k == 5 that throws: never taken at the test points.
        Line("case 5: throw new global::System.ArgumentException(\"five\");");
        _indent--;
        Line("}");
        return allReturn;
    }

    private void Loop(int depth)
    {
        _loops++;
        string i = "i" + _loops.ToString(CultureInfo.InvariantCulture);
        Line("for (int " + i + " = 0; " + i + " < " + (1 + _random.Next(3)).ToString(CultureInfo.InvariantCulture) + "; " + i + "++)");
        Line("{");
        _indent++;
        Line(Target() + " = " + Expression() + ";");
        if (_random.Next(2) == 0) Line("if (" + Condition() + ") return " + Expression() + ";");
        if (_random.Next(3) == 0) Line("if (" + Condition() + ") break;");
        if (depth > 1 && _random.Next(2) == 0) Statements(depth - 2, inLoop: true);
        _indent--;
        Line("}");
    }

    private string Target() => _random.Next(2) == 0 ? "t" : "u";

    private string Condition()
    {
        string c = Literal(Thresholds[_random.Next(Thresholds.Length)]);
        return _random.Next(5) switch
        {
            0 => "x > " + c,
            1 => "y < " + c,
            2 => "k == " + _random.Next(3).ToString(CultureInfo.InvariantCulture),
            3 => "x <= " + c,
            _ => "y >= " + c,
        };
    }

    private string Expression() => _random.Next(9) switch
    {
        0 => "t * u",
        1 => "t + x",
        2 => "Math.Sin(t) * y",
        3 => "u * 0.5 + x",
        4 => "t * t",
        5 => "Math.Exp(0.1 * u)",
        6 => "y - t",
        7 => "t * " + Literal(0.25 + _random.Next(4)),
        _ => "u + x * y",
    };

    private static string Literal(double v) => v.ToString("R", CultureInfo.InvariantCulture) + (v == System.Math.Floor(v) ? ".0" : "");

    private void Line(string text) => _sb.Append(' ', _indent * 4).Append(text).Append('\n');
}
