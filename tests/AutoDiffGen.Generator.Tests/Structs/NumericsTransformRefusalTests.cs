using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// structs14 (Matrix4x4, Plane since idioms18b): a Quaternion, Matrix3x2, Matrix4x4 or Plane member without a formula in the generator, on a differentiated value, is one
/// ADG0003 at the call naming the member (never a constant, never the BCL's value taken as having no gradient); over
/// constants the same members are evaluated as written and the method is generated.
/// </summary>
public class NumericsTransformRefusalTests
{
    private const string Header = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class F
        {
            [Differentiable]
            public static float M(float a) => 
        """;

    [Theory]
    [InlineData("Quaternion.CreateFromRotationMatrix(Matrix4x4.CreateRotationZ(a)).X", "Quaternion.CreateFromRotationMatrix(Matrix4x4.CreateRotationZ(a))", "'Quaternion.CreateFromRotationMatrix'")]
    [InlineData("Quaternion.Inverse(new Quaternion(a, 0, 0, 1)).X", "Quaternion.Inverse(new Quaternion(a, 0, 0, 1))", "'Quaternion.Inverse'")]
    [InlineData("(new Quaternion(a, 0, 0, 1) / new Quaternion(1, 2, 0, 1)).X", "new Quaternion(a, 0, 0, 1) / new Quaternion(1, 2, 0, 1)", "'Quaternion.op_Division'")]
    [InlineData("Quaternion.Divide(new Quaternion(a, 0, 0, 1), new Quaternion(1, 2, 0, 1)).W", "Quaternion.Divide(new Quaternion(a, 0, 0, 1), new Quaternion(1, 2, 0, 1))", "'Quaternion.Divide'")]
    [InlineData("Quaternion.CreateFromYawPitchRoll(a, 0, 0).X", "Quaternion.CreateFromYawPitchRoll(a, 0, 0)", "'Quaternion.CreateFromYawPitchRoll'")]
    [InlineData("Matrix3x2.CreateSkew(a, 0).M21", "Matrix3x2.CreateSkew(a, 0)", "'Matrix3x2.CreateSkew'")]
    [InlineData("Matrix3x2.CreateRotation(a, Vector2.One).M31", "Matrix3x2.CreateRotation(a, Vector2.One)", "'Matrix3x2.CreateRotation'")]
    [InlineData("Matrix3x2.CreateScale(a, Vector2.One).M31", "Matrix3x2.CreateScale(a, Vector2.One)", "'Matrix3x2.CreateScale'")]
    [InlineData("Matrix4x4.CreateLookAt(new Vector3(a, 0, 1), Vector3.Zero, Vector3.UnitY).M11", "Matrix4x4.CreateLookAt(new Vector3(a, 0, 1), Vector3.Zero, Vector3.UnitY)", "'Matrix4x4.CreateLookAt'")]
    [InlineData("Matrix4x4.CreateRotationX(a, Vector3.One).M22", "Matrix4x4.CreateRotationX(a, Vector3.One)", "'Matrix4x4.CreateRotationX'")]
    [InlineData("Matrix4x4.CreateScale(a, Vector3.One).M11", "Matrix4x4.CreateScale(a, Vector3.One)", "'Matrix4x4.CreateScale'")]
    [InlineData("Matrix4x4.CreateFromYawPitchRoll(a, 0, 0).M11", "Matrix4x4.CreateFromYawPitchRoll(a, 0, 0)", "'Matrix4x4.CreateFromYawPitchRoll'")]
    [InlineData("Matrix4x4.CreatePerspectiveFieldOfView(a, 1, 0.1f, 10).M11", "Matrix4x4.CreatePerspectiveFieldOfView(a, 1, 0.1f, 10)", "'Matrix4x4.CreatePerspectiveFieldOfView'")]
    [InlineData("Matrix4x4.CreateRotationZ(a)[0, 1]", "Matrix4x4.CreateRotationZ(a)[0, 1]", "'Matrix4x4's indexer'")]
    [InlineData("Plane.Transform(new Plane(a, 1, 0, 0), Matrix4x4.Identity).D", "Plane.Transform(new Plane(a, 1, 0, 0), Matrix4x4.Identity)", "'Plane.Transform'")]
    [InlineData("Vector4.Transform(Vector4.One, new Quaternion(a, 0, 0, 1)).X", "Vector4.Transform(Vector4.One, new Quaternion(a, 0, 0, 1))", "'Vector4.Transform(Vector4, Quaternion)'")]
    [InlineData("Vector2.Transform(Vector2.One, new Quaternion(a, 0, 0, 1)).X", "Vector2.Transform(Vector2.One, new Quaternion(a, 0, 0, 1))", "'Vector2.Transform(Vector2, Quaternion)'")]
    [InlineData("new Quaternion(a, 1, 0, 1).Length() + Quaternion.Identity.X * new Matrix3x2(a, 0, 0, 1, 0, 0).GetDeterminant() + Quaternion.Inverse(new Quaternion(a, 0, 0, 1)).Y", "Quaternion.Inverse(new Quaternion(a, 0, 0, 1))", "'Quaternion.Inverse'")]
    [InlineData("new Quaternion(a, 0, 0, 1)[2]", "new Quaternion(a, 0, 0, 1)[2]", "'Quaternion's indexer'")]
    [InlineData("Matrix3x2.CreateRotation(a)[1, 0] * 2f", "Matrix3x2.CreateRotation(a)[1, 0]", "'Matrix3x2's indexer'")]
    [InlineData("(new Quaternion(a, 0, 0, 1) * 2f)[0]", "(new Quaternion(a, 0, 0, 1) * 2f)[0]", "'Quaternion's indexer'")]
    public void AMemberWithoutAFormula_IsADG0003AtTheCall_NamingIt_NoCode(string body, string at, string names)
    {
        var result = GeneratorHarness.Run(Header + body + ";\n}\n");
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("F.M", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        Assert.Contains(names, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void OverConstants_TheSameMembersAreEvaluatedAsWritten()
    {
        // Slerp, a Transform by a Matrix4x4 and a rotation about a point on constants: values, no gradient to lose.
        var m = new Differentiated(GeneratorHarness.CompileAndLoad(Header
            + "a * Quaternion.Slerp(Quaternion.Identity, new Quaternion(1, 0, 0, 1), 0.5f).X + a * Vector3.Transform(Vector3.One, Matrix4x4.CreateRotationZ(0.25f)).X + Matrix3x2.CreateRotation(0.5f, Vector2.One).M31;\n}\n"), "F", "M");
        float k = System.Numerics.Quaternion.Slerp(System.Numerics.Quaternion.Identity, new System.Numerics.Quaternion(1, 0, 0, 1), 0.5f).X
            + System.Numerics.Vector3.Transform(System.Numerics.Vector3.One, System.Numerics.Matrix4x4.CreateRotationZ(0.25f)).X;
        var (value, gradient) = m.Backward(new[] { 2.0 });
        Assert.Equal(m.Value(2.0), value);
        Assert.Equal(k, gradient[0], 1e-6);
    }
}
