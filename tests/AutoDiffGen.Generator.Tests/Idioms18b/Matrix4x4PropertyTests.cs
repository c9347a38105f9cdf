using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using AutoDiffGen.Generator.Tests.Structs;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Idioms18b;

/// <summary>
/// Random float programs over Matrix4x4, Plane and Quaternion.Lerp/Slerp (idioms18b, issue 13): constructors, products,
/// sums, scalings, negation, Transpose, Lerp, CreateTranslation/Scale/RotationX/Y/Z, CreateFromQuaternion, in-place
/// *=, +=, reads of fields, Translation, GetDeterminant, Vector2/3/4.Transform, TransformNormal, Plane.Normalize, Dot,
/// DotCoordinate, DotNormal, in branches. Inside support the Backward value is the method's (the BCL's) to float
/// rounding, the gradient matches central differences of the method and MForward's tangent is the gradient along a
/// random direction (NumericsTransformPropertyTests.Check). Lerp and Slerp are drawn where q1·q2 stays away from 0 and 1
/// (the BCL's branches switch there: a jump central differences would straddle). Just outside (one in four), one member
/// without a formula is applied to a differentiated value: exactly ADG0003 at that call, no code for the method.
/// </summary>
public class Matrix4x4PropertyTests(ITestOutputHelper output)
{
    private sealed record Program(string Name, string Text, string? Bad);

    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class Matrices
        {

        """;

    private static readonly string[] Outside =
    {
        "Matrix4x4.CreateFromYawPitchRoll(a, b, 0.5f)",
        "Matrix4x4.CreateRotationZ(a, new Vector3(1f, 0f, 0f))",
        "Matrix4x4.CreateLookAt(new Vector3(a, b, 2f), Vector3.Zero, Vector3.UnitY)",
        "Matrix4x4.CreateReflection(new Plane(a, 1f, 0f, b))",
        "Matrix4x4.CreateFromAxisAngle(Vector3.UnitX, a)",
    };

    [Fact]
    public void RandomMatrixPrograms_MatchCentralDifferencesAndForward_AndOutsideOnesAreADG0003AtTheCall()
    {
        var random = new Random(18_2026_1205);
        int count = ProgramBatch.Count("AUTODIFFGEN_MATRIX4X4_COUNT", 40);
        var all = Enumerable.Range(0, count).Select(i => Next(random, i, i % 4 == 3)).ToList();
        var clean = ProgramBatch.Judge(GeneratorHarness.Run(ProgramBatch.Source(Header, all.Select(p => p.Text))), Header, all, p => (p.Name, p.Text, p.Bad), "ADG0003");
        Assert.True(clean.Count >= count / 2, clean.Count + " of " + count + " programs inside support");
        var type = ProgramBatch.LoadClean(Header, clean.Select(p => p.Text), "Matrices");
        int points = 0;
        foreach (var p in clean)
        {
            for (int k = 0; k < 3; k++)
            {
                NumericsTransformPropertyTests.Check(type, p.Name, (float)Math.Round(random.NextDouble() * 2 - 1, 3), (float)Math.Round(random.NextDouble() * 2 - 1, 3), p.Text);
                points++;
            }
        }
        output.WriteLine(clean.Count + " programs inside, " + (count - clean.Count) + " outside; " + points + " points");
    }

    private static Program Next(Random random, int index, bool outside)
    {
        string name = "P" + index;
        string? bad = null;
        string Matrix(int depth)
        {
            if (outside && bad is null && random.Next(3) == 0) return "(" + (bad = Outside[random.Next(Outside.Length)]) + ")";
            int pick = depth > 0 ? random.Next(7) : random.Next(13);
            return pick switch
            {
                0 => "Matrix4x4.CreateRotationX(a)",
                1 => "Matrix4x4.CreateRotationY(b)",
                2 => "Matrix4x4.CreateRotationZ(a + b)",
                3 => "Matrix4x4.CreateTranslation(a, b, 1f)",
                4 => "Matrix4x4.CreateScale(a + 1.5f, 2f, b)",
                5 => "Matrix4x4.CreateFromQuaternion(Quaternion.Normalize(new Quaternion(a, b, 1f, 0.5f)))",
                6 => "new Matrix4x4(a, b, 0f, 1f, 1f, a, b, 0f, 0f, 1f, a, b, b, 0f, 1f, a)",
                7 => "(" + Matrix(depth + 1) + " * " + Matrix(depth + 1) + ")",
                8 => "Matrix4x4.Transpose(" + Matrix(depth + 1) + ")",
                9 => "(" + Matrix(depth + 1) + " + " + Matrix(depth + 1) + " * 0.5f)",
                10 => "Matrix4x4.Lerp(" + Matrix(depth + 1) + ", " + Matrix(depth + 1) + ", 0.25f)",
                11 => "(-" + Matrix(depth + 1) + ")",
                _ => "Matrix4x4.CreateTranslation(new Vector3(b, a, 0.5f)) * " + Matrix(depth + 1),
            };
        }
        var text = new StringBuilder();
        text.Append("    [Differentiable(Forward = true)]\n    public static float ").Append(name).Append("(float a, float b)\n    {\n");
        string first = Matrix(0);
        // The member without a formula, when the draw placed it nowhere deeper: a factor of the whole.
        if (outside && bad is null) first = "(" + (bad = Outside[random.Next(Outside.Length)]) + ") * " + first;
        text.Append("        var m = ").Append(first).Append(";\n");
        text.Append(random.Next(3) switch
        {
            0 => "        m *= Matrix4x4.CreateRotationZ(b);\n",
            1 => "        m += Matrix4x4.CreateScale(b, a, 1f);\n",
            _ => "",
        });
        string[] quaternions =
        {
            "Quaternion.Slerp(Quaternion.Identity, Quaternion.CreateFromAxisAngle(new Vector3(0.6f, 0f, 0.8f), 1.5f + 0.5f * a), 0.5f + 0.4f * b)",
            "Quaternion.Slerp(Quaternion.Normalize(new Quaternion(a, b, 1f, 2f)), -Quaternion.Identity, 0.3f + 0.2f * a)",
            "Quaternion.Lerp(new Quaternion(a, b, 0.5f, 2f), new Quaternion(b, 0.5f, a, 1.5f), 0.5f + 0.3f * b)",
            "Quaternion.Lerp(new Quaternion(a, b, 0.5f, 2f), -new Quaternion(b, 0.5f, a, 1.5f), 0.4f)",
        };
        string[] scalars =
        {
            "m.M11", "m.M23 * m.M41", "m.GetDeterminant() * 0.1f", "Vector3.Transform(new Vector3(a, 1f, b), m).Y", "Vector3.TransformNormal(new Vector3(1f, b, a), m).Z",
            "Vector4.Transform(new Vector4(a, b, 1f, 0.5f), m).W", "Vector2.Transform(new Vector2(a, 1f), m).X", "m.Translation.X", "Matrix4x4.Transpose(m).M12",
            "Plane.DotCoordinate(Plane.Normalize(new Plane(m.M11, m.M22, 1f, m.M44)), new Vector3(a, b, 1f))",
            "Plane.Dot(new Plane(new Vector3(m.M12, a, 1f), b), new Vector4(1f, 2f, m.M33, 0.5f))",
            "Plane.DotNormal(new Plane(a, b, m.M31, 1f), new Vector3(0.5f, m.M13, 2f))",
        };
        string S() => random.Next(4) == 0 ? quaternions[random.Next(quaternions.Length)] + (random.Next(2) == 0 ? ".X" : ".W * 2f") : scalars[random.Next(scalars.Length)];
        text.Append("        float r = ").Append(S()).Append(" + ").Append(S()).Append(";\n");
        if (random.Next(2) == 0) text.Append("        if (a > b) r = r * ").Append(S()).Append(";\n        else r -= ").Append(S()).Append(";\n");
        // A term in both inputs, so no draw (the translation of a rotation, a Plane of constants) leaves the result constant (ADG0011).
        text.Append("        return r + 0.125f * a * b;\n    }\n");
        return new Program(name, text.ToString(), bad);
    }
}
