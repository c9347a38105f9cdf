using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms18b;

/// <summary>
/// Issue 13, idioms18b item 1: System.Numerics Matrix4x4 and Plane, and Quaternion.Lerp/Slerp (float), differentiated
/// through their constructors, fields, operators and everyday methods (ExpressionLowering.Matrix4x4, .Planes,
/// .QuaternionBlends). Each method's gradient is checked against the value derived by hand (in the comment above it, at a
/// point where the partials are non-zero and distinct), against central differences of the method itself (which runs the
/// BCL's code, so a formula that differs from System.Numerics shows there and in the value), and MForward along a tangent;
/// the Hessian, where the method asks for it, against the hand-derived second derivatives.
/// </summary>
public class Matrix4x4Tests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Matrices18b;

        public static partial class F
        {
            // v·M with row vectors: x' = b·cos a + 1·(−sin a), so f = b cos a − sin a.
            [Differentiable(Forward = true, Hessian = true)]
            public static float RotZ(float a, float b) => Vector3.Transform(new Vector3(b, 1, 0), Matrix4x4.CreateRotationZ(a)).X;

            // p = (1, 2, 3) − (a, 0, 1) = (1 − a, 2, 2) turned by b about y: (x cos b + z sin b, y, −x sin b + z cos b).
            // f = p.X + 0.5 p.Z = (1 − a) cos b + 2 sin b − 0.5 (1 − a) sin b + cos b.
            [Differentiable(Forward = true)]
            public static float Camera(float a, float b)
            {
                Matrix4x4 view = Matrix4x4.CreateTranslation(-new Vector3(a, 0, 1)) * Matrix4x4.CreateRotationY(b);
                Vector3 p = Vector3.Transform(new Vector3(1, 2, 3), view);
                return p.X + 0.5f * p.Z;
            }

            // q = (a, 0, 0, b): M22 = 1 − 2(z² + x²) = 1 − 2a², M23 = 2(yz + xw) = 2ab: f = 1 − 2a² + 4ab.
            [Differentiable(Forward = true, Hessian = true)]
            public static float FromQuaternion(float a, float b) { var m = Matrix4x4.CreateFromQuaternion(new Quaternion(a, 0, 0, b)); return m.M22 + 2 * m.M23; }

            // det(S(a, b, 2)·Rx(a)) = 2ab (a rotation's determinant is 1); T(ab, b, 0)·Scale(a) has the fourth row (a²b, ab, 0, 1),
            // so the transpose's M14 is a²b: f = 2ab + a²b.
            [Differentiable(Forward = true)]
            public static float Determinant(float a, float b)
            {
                var m = Matrix4x4.CreateScale(a, b, 2) * Matrix4x4.CreateRotationX(a);
                var t = Matrix4x4.Transpose(Matrix4x4.CreateTranslation(a * b, b, 0) * Matrix4x4.CreateScale(a));
                return m.GetDeterminant() + t.M14;
            }

            // Lerp(S(a), Rz(b), 0.25): M11 = 0.75a + 0.25 cos b, M12 = 0.25 sin b; TransformNormal((1, 0, 0), m) is its first row.
            // Vector4.Transform((0, 1, 0, 1), T(a, b, 0)).X = M21 + M41 = a; Vector2.TransformNormal((0, b), R(a)).X = b·M21 = −b sin a.
            // f = 0.75a + 0.25 cos b + 0.5 sin b + a − b sin a.
            [Differentiable(Forward = true)]
            public static float Mixed(float a, float b)
            {
                var m = Matrix4x4.Lerp(Matrix4x4.CreateScale(a), Matrix4x4.CreateRotationZ(b), 0.25f);
                var n = Vector3.TransformNormal(new Vector3(1, 0, 0), m);
                return n.X + 2 * n.Y + Vector4.Transform(new Vector4(0, 1, 0, 1), Matrix4x4.CreateTranslation(a, b, 0)).X + Vector2.TransformNormal(new Vector2(0, b), Matrix3x2.CreateRotation(a)).X;
            }

            // Operators and fields: m has M11 = a, M12 = 1, M22 = a, M33 = 1, M42 = b, M44 = 1; k = (m + m)·0.5 − (−m) = 2m (times I,
            // times 1), so k.M11·k.M42·0.5 = 2ab; Vector2.Transform((1, 1), m).Y = M12 + M22 + M42 = 1 + a + b; k.Translation.Z = 0.
            // f = 2ab + 1 + a + b.
            [Differentiable(Forward = true)]
            public static float Fields(float a, float b)
            {
                var m = new Matrix4x4(a, 1, 0, 0, 0, a, 0, 0, 0, 0, 1, 0, 0, b, 0, 1);
                var k = (m + m) * 0.5f - (-m);
                k = Matrix4x4.Multiply(k, Matrix4x4.Identity);
                k *= 1f;
                return k.M11 * k.M42 * 0.5f + Vector2.Transform(Vector2.One, m).Y + k.Translation.Z;
            }

            // Slerp(I, (0, 0, sin(a/2), cos(a/2)), b) for 0 < a < π is the rotation by ab about z: (0, 0, sin(ab/2), cos(ab/2)).
            // f = Z + 2W = sin(ab/2) + 2 cos(ab/2); ∂a = (b/2)(cos(ab/2) − 2 sin(ab/2)), ∂b = (a/2)(…).
            [Differentiable(Forward = true)]
            public static float Slerp(float a, float b) { var q = Quaternion.Slerp(Quaternion.Identity, Quaternion.CreateFromAxisAngle(Vector3.UnitZ, a), b); return q.Z + 2 * q.W; }

            // The same with −q2 (q1·q2 < 0): Slerp takes the shorter way, flipping q2, so the result is the same function.
            [Differentiable(Forward = true)]
            public static float SlerpFlipped(float a, float b) { var q = Quaternion.Slerp(Quaternion.Identity, -Quaternion.CreateFromAxisAngle(Vector3.UnitZ, a), b); return q.Z + 2 * q.W; }

            // Lerp(I, (a, 0, 0, 1), b) = (ab, 0, 0, 1)/n and Lerp(I, (a, 0, 0, −1), b) = (−ab, 0, 0, 1)/n (q1·q2 < 0: t·q2 subtracted),
            // n = √(1 + a²b²): f = ab/n + 3/n; ∂a = b(1 − 3ab)/n³, ∂b = a(1 − 3ab)/n³.
            [Differentiable(Forward = true)]
            public static float Lerp(float a, float b) =>
                Quaternion.Lerp(Quaternion.Identity, new Quaternion(a, 0, 0, 1), b).X + 3 * Quaternion.Lerp(Quaternion.Identity, new Quaternion(a, 0, 0, -1), b).W;

            // Normalize(Plane(a, 2, 0, b)) = (a, 2, 0, b)/n, n = √(a² + 4); DotCoordinate with (1, 1, 3) = (a + 2 + b)/n;
            // Dot(Plane((b, a, 1), 2), (1, 2, 0, a)) = b + 2a + 2a; DotNormal(Plane(b, 0, 0, a), (2, 5, 5)) = 2b; −p.D + p.Normal.Y = (2 − b)/n.
            // f = (a + 4)/n + 2a + 2.5b.
            [Differentiable(Forward = true)]
            public static float Planes(float a, float b)
            {
                var p = Plane.Normalize(new Plane(a, 2, 0, b));
                return Plane.DotCoordinate(p, new Vector3(1, 1, 3)) + 0.5f * Plane.Dot(new Plane(new Vector3(b, a, 1), 2f), new Vector4(1, 2, 0, a))
                    + Plane.DotNormal(new Plane(b, 0, 0, a), new Vector3(2, 5, 5)) - p.D + p.Normal.Y;
            }

            // y' = v.X·M12 + v.Y·M22 + v.Z·M32 + M42 and f = y'·M11: ∂M11 = y', ∂M12 = v.X·M11, ∂M22 = v.Y·M11, ∂M32 = v.Z·M11,
            // ∂M42 = M11, ∂v = M11·(M12, M22, M32), every other field 0.
            [Differentiable]
            public static float Parameter(Matrix4x4 m, Vector3 v) => Vector3.Transform(v, m).Y * m.M11;
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    /// <summary>Operations along the longest chain of these methods, for the float bound n·ε·Σ|term|.</summary>
    private const int Operations = 96;

    public static IEnumerable<object[]> Cases()
    {
        {
            double a = 0.7, b = 1.6;
            yield return new object[] { "RotZ", a, b, -b * Math.Sin(a) - Math.Cos(a), Math.Cos(a), 4.0 };
        }
        {
            double a = 0.3, b = 0.8, c = Math.Cos(b), s = Math.Sin(b);
            yield return new object[] { "Camera", a, b, -c + 0.5 * s, -(1 - a) * s + 2 * c - 0.5 * (1 - a) * c - s, 8.0 };
        }
        {
            double a = 0.6, b = -0.9;
            yield return new object[] { "FromQuaternion", a, b, -4 * a + 4 * b, 4 * a, 8.0 };
        }
        {
            double a = 1.3, b = -0.7;
            yield return new object[] { "Determinant", a, b, 2 * b + 2 * a * b, 2 * a + a * a, 12.0 };
        }
        {
            double a = 0.4, b = 1.1;
            yield return new object[] { "Mixed", a, b, 1.75 - b * Math.Cos(a), -0.25 * Math.Sin(b) + 0.5 * Math.Cos(b) - Math.Sin(a), 8.0 };
        }
        {
            double a = 0.9, b = -1.4;
            yield return new object[] { "Fields", a, b, 2 * b + 1, 2 * a + 1, 8.0 };
        }
        {
            double a = 1.2, b = 0.35, h = a * b / 2, k = Math.Cos(h) - 2 * Math.Sin(h);
            yield return new object[] { "Slerp", a, b, b / 2 * k, a / 2 * k, 8.0 };
            yield return new object[] { "SlerpFlipped", a, b, b / 2 * k, a / 2 * k, 8.0 };
        }
        {
            double a = 0.8, b = 0.6, n = Math.Sqrt(1 + (a * a * b * b));
            yield return new object[] { "Lerp", a, b, b * (1 - 3 * a * b) / (n * n * n), a * (1 - 3 * a * b) / (n * n * n), 8.0 };
        }
        {
            // f = (a + 2 + b)/n + 0.5(b + 4a) + 2b − b/n + 2/n = (a + 4)/n + 2a + 2.5b, n = √(a² + 4):
            // ∂a = 1/n − (a + 4)a/n³ + 2, ∂b = 2.5.
            double a = 0.5, b = -1.3, n = Math.Sqrt((a * a) + 4);
            yield return new object[] { "Planes", a, b, 1 / n - (a + 4) * a / (n * n * n) + 2, 2.5, 10.0 };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_ByHand_CentralDifferences_AndForward(string name, double a, double b, double da, double db, double magnitudes)
    {
        var m = new Differentiated(Compiled.Value, "Matrices18b.F", name);
        double bound = Tolerance.ForSum(Operations, magnitudes, Tolerance.Float);
        var (value, gradient) = m.Backward(new[] { a, b });
        // The value is the formula's, the method's is the BCL's: equal to float rounding when the formula is System.Numerics'.
        Tolerance.AssertClose(m.Value(a, b), value, bound, name + " value");
        Tolerance.AssertClose(da, gradient[0], bound, name + " ∂a by hand");
        Tolerance.AssertClose(db, gradient[1], bound, name + " ∂b by hand");
        const double h = 3e-3;
        for (int i = 0; i < 2; i++)
        {
            double up = i == 0 ? m.Value(a + h, b) : m.Value(a, b + h), down = i == 0 ? m.Value(a - h, b) : m.Value(a, b - h);
            // Float rounding of the two values over 2h, plus the truncation h²·|f‴|/6 (|f‴| below the magnitudes).
            Tolerance.AssertClose((up - down) / (2 * h), gradient[i], 2 * bound / h + h * h * magnitudes, name + " central " + i);
        }
        var (forwardValue, tangent) = m.Forward(new[] { a, b }, new[] { 0.3, -0.7 });
        Tolerance.AssertClose(value, forwardValue, bound, name + " forward value");
        Tolerance.AssertClose(0.3 * da - 0.7 * db, tangent, bound, name + " forward tangent");
    }

    private delegate float Hessian2(float a, float b, Span<float> hessian);

    [Fact]
    public void Hessians_ByHand()
    {
        var type = Compiled.Value.GetType("Matrices18b.F", throwOnError: true)!;
        var h = new float[4];
        // RotZ: f = b cos a − sin a: f_aa = −b cos a + sin a, f_ab = −sin a, f_bb = 0.
        float a = 0.7f, b = 1.6f;
        float value = type.GetMethod("RotZHessian")!.CreateDelegate<Hessian2>()(a, b, h);
        double bound = Tolerance.ForSum(Operations, 8, Tolerance.Float);
        Tolerance.AssertClose(b * Math.Cos(a) - Math.Sin(a), value, bound, "RotZ value");
        Tolerance.AssertClose(-b * Math.Cos(a) + Math.Sin(a), h[0], bound, "RotZ f_aa");
        Tolerance.AssertClose(-Math.Sin(a), h[1], bound, "RotZ f_ab");
        Tolerance.AssertClose(-Math.Sin(a), h[2], bound, "RotZ f_ba");
        Tolerance.AssertClose(0, h[3], bound, "RotZ f_bb");
        // FromQuaternion: f = 1 − 2a² + 4ab: [[−4, 4], [4, 0]].
        a = 0.6f;
        b = -0.9f;
        value = type.GetMethod("FromQuaternionHessian")!.CreateDelegate<Hessian2>()(a, b, h);
        Tolerance.AssertClose(1 - (2 * a * a) + (4 * a * b), value, bound, "FromQuaternion value");
        Tolerance.AssertClose(-4, h[0], bound, "FromQuaternion f_aa");
        Tolerance.AssertClose(4, h[1], bound, "FromQuaternion f_ab");
        Tolerance.AssertClose(4, h[2], bound, "FromQuaternion f_ba");
        Tolerance.AssertClose(0, h[3], bound, "FromQuaternion f_bb");
    }

    [Fact]
    public void AMatrix4x4Parameter_HasTheMatrixAsItsAdjoint_ByHand_AndCentralDifferences()
    {
        var type = Compiled.Value.GetType("Matrices18b.F", throwOnError: true)!;
        var m = new Matrix4x4(1.5f, -0.5f, 2f, 0.25f, 0.75f, 1.25f, -1f, 0.5f, 2.5f, -1.5f, 0.5f, 1f, 0.125f, 3f, -2f, 1f);
        var v = new Vector3(0.5f, -2f, 1.5f);
        var args = new object[] { m, v, default(Matrix4x4), default(Vector3), 1f };
        float value = (float)type.GetMethod("ParameterBackward")!.Invoke(null, args)!;
        var dm = (Matrix4x4)args[2];
        var dv = (Vector3)args[3];
        float y = (v.X * m.M12) + (v.Y * m.M22) + (v.Z * m.M32) + m.M42;
        Assert.Equal(y * m.M11, value, 1e-5f);
        var expected = default(Matrix4x4);
        expected.M11 = y;
        expected.M12 = v.X * m.M11;
        expected.M22 = v.Y * m.M11;
        expected.M32 = v.Z * m.M11;
        expected.M42 = m.M11;
        for (int r = 0; r < 4; r++)
        {
            for (int c = 0; c < 4; c++) Assert.Equal(expected[r, c], dm[r, c], 1e-5f);
        }
        Assert.Equal(m.M11 * m.M12, dv.X, 1e-5f);
        Assert.Equal(m.M11 * m.M22, dv.Y, 1e-5f);
        Assert.Equal(m.M11 * m.M32, dv.Z, 1e-5f);
        CentralDifferenceRunner.Check(type.GetMethod("Parameter")!, null, new object[] { m, v });
    }
}
