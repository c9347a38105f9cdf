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

    private const string OutHeader = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        public static partial class F
        {
            [Differentiable]
            public static float M(float a, float b)
            {
                var m = Matrix4x4.CreateScale(a, b, 1f);

        """;

    /// <summary>
    /// Issue 13 follow-up (idioms19b): a library call returning through out arguments, as a statement or in a condition,
    /// on a value that carries a gradient, or on constants (still refused: the call is not run as constant code), is ONE
    /// ADG0003 at the call naming it and saying what to write instead; the later reads of its out locals add nothing.
    /// </summary>
    [Theory]
    [InlineData("Matrix4x4.Invert(m, out var r);\n return r.M11 + r.M22;", "Matrix4x4.Invert(m, out var r)", "'Matrix4x4.Invert'")]
    [InlineData("if (Matrix4x4.Invert(m, out var r)) return r.M11 * b;\n return 0f;", "Matrix4x4.Invert(m, out var r)", "'Matrix4x4.Invert'")]
    [InlineData("Matrix4x4.Decompose(m, out var s, out var q, out var t);\n return s.X + s.Y + q.W + t.Z;", "Matrix4x4.Decompose(m, out var s, out var q, out var t)", "'Matrix4x4.Decompose'")]
    [InlineData("Matrix4x4 r;\n bool ok = Matrix4x4.Invert(m, out r);\n return ok ? r.M11 : 0f;", "Matrix4x4.Invert(m, out r)", "'Matrix4x4.Invert'")]
    [InlineData("Matrix3x2.Invert(new Matrix3x2(a, 0, 0, b, 0, 0), out var r);\n return r.M11 + m.M11;", "Matrix3x2.Invert(new Matrix3x2(a, 0, 0, b, 0, 0), out var r)", "'Matrix3x2.Invert'")]
    [InlineData("Matrix4x4.Invert(Matrix4x4.Identity, out var r);\n return a * r.M11 + m.M22;", "Matrix4x4.Invert(Matrix4x4.Identity, out var r)", "'Matrix4x4.Invert'")]
    public void ALibraryCallReturningThroughOut_IsOneADG0003AtTheCall_NamingIt_NoCode(string body, string at, string names)
    {
        var result = GeneratorHarness.Run(OutHeader + body + "\n}\n}\n");
        Assert.Empty(result.Exceptions);
        Assert.Empty(result.CompileDiagnostics);
        Assert.DoesNotContain(result.Generated.Keys, k => k.Contains("F.M", StringComparison.Ordinal));
        var error = Assert.Single(result.GeneratorDiagnostics, d => d.Severity == DiagnosticSeverity.Error);
        Assert.Equal("ADG0003", error.Id);
        Assert.Equal(at, error.Location.SourceTree!.GetText().ToString(error.Location.SourceSpan));
        string message = error.GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(names, message, StringComparison.Ordinal);
        Assert.Contains("[NoDiff]", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheInverseOfAConstantMatrix_PassedInAsNoDiff_IsGeneratedAndRight()
    {
        // The workaround the message names: Invert before the method, pass the inverse as [NoDiff].
        // M(a, b, inv) = a·inv.M11 + b²·inv.M22 with inv = CreateScale(2, 4, 1)⁻¹ (M11 = 1/2, M22 = 1/4):
        // ∂M/∂a = inv.M11 = 0.5, ∂M/∂b = 2b·inv.M22 = 2·3·0.25 = 1.5 at (a, b) = (1.5, 3).
        var assembly = GeneratorHarness.CompileAndLoad("""
            using System.Numerics;
            using AutoDiffGen;

            public static partial class F
            {
                [Differentiable]
                public static float M(float a, float b, [NoDiff] Matrix4x4 inv) => a * inv.M11 + b * b * inv.M22;
            }
            """);
        System.Numerics.Matrix4x4.Invert(System.Numerics.Matrix4x4.CreateScale(2f, 4f, 1f), out var inv);
        var r = CentralDifferenceRunner.Check(assembly.GetType("F")!.GetMethod("M")!, null, new object[] { 1.5f, 3f, inv });
        Tolerance.AssertFormula(0.5, r.Gradient[0]![0], "∂/∂a");
        Tolerance.AssertFormula(1.5, r.Gradient[1]![0], "∂/∂b");
    }
}
