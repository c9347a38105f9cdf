using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// Random float programs over Quaternion and Matrix3x2 (structs14): nested constructors, products, sums, scalings,
/// Conjugate, Normalize, Concatenate, CreateFromAxisAngle, CreateRotation/Translation/Scale, in-place *=, +=, -=, reads
/// of fields, Length, Dot, GetDeterminant, Translation and Vector3/Vector2.Transform, in branches. Inside support the
/// Backward value is the method's (the BCL's) to float rounding, the gradient matches central differences of the
/// method and MForward's tangent is the gradient along a random direction. Just outside, one member without a formula
/// (CreateFromYawPitchRoll, Inverse, Divide, CreateSkew, a rotation or scale about a point, a quaternion division; Slerp,
/// Lerp and a Transform by a Matrix4x4 until idioms18b, now in Idioms18b/Matrix4x4PropertyTests) is
/// applied to a differentiated value: exactly ADG0003 at that call, no code for the method.
/// </summary>
public class NumericsTransformPropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Transforms
        {

        """;

    private static readonly string[] Outside =
    {
        "Quaternion.CreateFromYawPitchRoll(a, b, 0.5f)",
        "Quaternion.Inverse(new Quaternion(a, b, 1f, 0.5f))",
        "Quaternion.Divide(new Quaternion(b, a, 0.5f, 1f), new Quaternion(0.5f, 1f, 0.25f, 1f))",
        "new Quaternion(a, b, 1f, 0.5f) / new Quaternion(0.5f, 1f, b, 1f)",
    };

    private static readonly string[] OutsideMatrix =
    {
        "Matrix3x2.CreateSkew(a, 0.1f)",
        "Matrix3x2.CreateRotation(b, new Vector2(1f, 2f))",
        "Matrix3x2.CreateScale(a + 1.5f, new Vector2(1f, 2f))",
    };

    [Fact]
    public void RandomTransformPrograms_MatchCentralDifferencesAndForward_AndOutsideOnesAreADG0003AtTheCall()
    {
        var random = new Random(14_2026_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_NUMERICS_TRANSFORMS_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003");
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Transforms");
        int points = 0;
        foreach (var p in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                Check(type, p.Name, (float)Math.Round(random.NextDouble() * 2 - 1, 3), (float)Math.Round(random.NextDouble() * 2 - 1, 3), p.Text);
                points++;
            }
        }
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points");
    }

    /// <summary>
    /// Float tolerances: the values are float computations of a few hundred operations at most whose terms stay within
    /// a few units (a, b in [−1, 1], unit-sized constants), so rounding is n·ε·Σ|term| with n = 256 and Σ|term| taken as
    /// 1 + |f| + |gradient|·(1 + |x|); a central difference over 2h adds that bound over h and the truncation h²·(1 + |f|).
    /// </summary>
    internal static void Check(Type type, string name, float a, float b, string text)
    {
        var primal = type.GetMethod(name)!;
        var backward = type.GetMethod(name + "Backward")!;
        var forward = type.GetMethod(name + "Forward")!;
        float F(float u, float v) => (float)primal.Invoke(null, new object[] { u, v })!;
        var args = new object[] { a, b, 0f, 0f, 1f };
        float value = (float)backward.Invoke(null, args)!;
        double da = (float)args[2], db = (float)args[3];
        double f = F(a, b);
        double magnitudes = 1 + Math.Abs(f) + (Math.Abs(da) + Math.Abs(db)) * 2;
        double bound = Tolerance.ForSum(256, magnitudes, Tolerance.Float);
        string at = name + " at (" + a + ", " + b + "):\n" + text;
        Tolerance.AssertClose(f, value, bound, at + " value");
        const float h = 1e-2f;
        double cda = (F(a + h, b) - F(a - h, b)) / (2.0 * h), cdb = (F(a, b + h) - F(a, b - h)) / (2.0 * h);
        double cdBound = 2 * bound / h + h * h * magnitudes * 4;
        Tolerance.AssertClose(cda, da, cdBound, at + " ∂a central");
        Tolerance.AssertClose(cdb, db, cdBound, at + " ∂b central");
        var fargs = new object[] { a, b, 0.6f, -0.8f, 0f };
        float fvalue = (float)forward.Invoke(null, fargs)!;
        Tolerance.AssertClose(value, fvalue, bound, at + " forward value");
        Tolerance.AssertClose(0.6 * da - 0.8 * db, (float)fargs[4], bound, at + " forward tangent");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        string? bad = null;
        int badSlot = outside ? random.Next(2) : -1;
        string Quaternion(int depth)
        {
            if (badSlot == 0 && bad is null && random.Next(3) == 0) return "(" + (bad = Outside[random.Next(Outside.Length)]) + ")";
            int pick = depth > 1 ? random.Next(4) : random.Next(10);
            return pick switch
            {
                0 => "new Quaternion(a, b, 1f, 0.5f)",
                1 => "new Quaternion(new Vector3(b, 1f, a), 2f)",
                2 => "Quaternion.CreateFromAxisAngle(new Vector3(0.6f, 0f, 0.8f), a + b)",
                3 => "new Quaternion(0.5f, a * b, b, 1f)",
                4 => "(" + Quaternion(depth + 1) + " * " + Quaternion(depth + 1) + ")",
                5 => "Quaternion.Conjugate(" + Quaternion(depth + 1) + ")",
                6 => "Quaternion.Normalize(" + Quaternion(depth + 1) + ")",
                7 => "Quaternion.Concatenate(" + Quaternion(depth + 1) + ", " + Quaternion(depth + 1) + ")",
                8 => "(" + Quaternion(depth + 1) + " + " + Quaternion(depth + 1) + " * 0.5f)",
                _ => "(-" + Quaternion(depth + 1) + ")",
            };
        }
        string Matrix(int depth)
        {
            if (badSlot == 1 && bad is null && random.Next(3) == 0) return "(" + (bad = OutsideMatrix[random.Next(OutsideMatrix.Length)]) + ")";
            int pick = depth > 1 ? random.Next(4) : random.Next(8);
            return pick switch
            {
                0 => "Matrix3x2.CreateRotation(a)",
                1 => "Matrix3x2.CreateTranslation(b, a)",
                2 => "Matrix3x2.CreateScale(a + 1.5f, 2f)",
                3 => "new Matrix3x2(a, b, 1f, a, b, 2f)",
                4 => "(" + Matrix(depth + 1) + " * " + Matrix(depth + 1) + ")",
                5 => "(" + Matrix(depth + 1) + " + " + Matrix(depth + 1) + ")",
                6 => "(" + Matrix(depth + 1) + " - " + Matrix(depth + 1) + " * 0.5f)",
                _ => "Matrix3x2.CreateTranslation(new Vector2(a, b)) * " + Matrix(depth + 1),
            };
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static float ").Append(name).Append("(float a, float b)\n    {\n");
        string first = Quaternion(0);
        // The member without a formula, when the draw placed it nowhere deeper: a factor of the whole.
        if (badSlot == 0 && bad is null) first = "(" + (bad = Outside[random.Next(Outside.Length)]) + ") * " + first;
        string second = Matrix(0);
        if (badSlot == 1 && bad is null) second = "(" + (bad = OutsideMatrix[random.Next(OutsideMatrix.Length)]) + ") * " + second;
        text.Append("        var q = ").Append(first).Append(";\n");
        text.Append("        var m = ").Append(second).Append(";\n");
        text.Append(random.Next(3) switch
        {
            0 => "        q *= new Quaternion(b, 0.5f, a, 1f);\n        m *= Matrix3x2.CreateRotation(b);\n",
            1 => "        q -= Quaternion.Conjugate(q) * 0.25f;\n        m += Matrix3x2.CreateScale(b, a);\n",
            _ => "",
        });
        string[] scalars =
        {
            "q.X", "q.Y * q.W", "q.Length()", "Quaternion.Dot(q, new Quaternion(a, 1f, b, 0.5f))", "Vector3.Transform(new Vector3(a, 1f, b), Quaternion.Normalize(q)).Y",
            "m.M11", "m.M32 * m.M21", "m.GetDeterminant()", "Vector2.Transform(new Vector2(a, 1f), m).X", "m.Translation.Y", "q.LengthSquared() * 0.1f",
        };
        string S() => scalars[random.Next(scalars.Length)];
        text.Append("        float r = ").Append(S()).Append(" + ").Append(S()).Append(";\n");
        if (random.Next(2) == 0) text.Append("        if (a > b) r = r * ").Append(S()).Append(";\n        else r -= ").Append(S()).Append(";\n");
        text.Append("        return r;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
