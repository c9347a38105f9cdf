using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Structs;

/// <summary>
/// structs14: System.Numerics Quaternion and Matrix3x2 (float) differentiated through their constructors, fields,
/// operators and methods (ExpressionLowering.NumericsTransforms). Each method's gradient is checked against the value
/// derived by hand (a float tolerance n·ε·Σ|term|), against central differences of the method itself (which runs the
/// BCL's code, so a formula that differs from System.Numerics shows there and in the value), and MForward along a tangent.
/// Natural X14_hunt13's Robotics13.QuaternionJoint and Matrix3x2Arm (ADG0003 pins until structs14) are here verbatim.
/// </summary>
public class NumericsTransformTests
{
    private const string Source = """
        using System;
        using System.Numerics;
        using AutoDiffGen;

        namespace Transforms14;

        public static partial class F
        {
            // (a + 2)(b − a): the product of (a, 1, 0, b) and (0, a, 2, 1) has X = a + 2, W = b − a.
            [Differentiable(Forward = true)]
            public static float Product(float a, float b) { var q = new Quaternion(a, 1, 0, b); var r = new Quaternion(0, a, 2, 1); var p = q * r; return p.X * p.W; }

            // (px, 1, 0) turned by t about z: px·cos t − sin t + 3(px·sin t + cos t).
            [Differentiable(Forward = true)]
            public static float AxisAngle(float t, float px) { var q = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, t); var v = Vector3.Transform(new Vector3(px, 1, 0), q); return v.X + 3 * v.Y; }

            // Vector3.Transform by a quaternion that is not a unit one, (a, b, 0.5, 2), of (1, a, 2): the X of q·v·q̄ (.NET 10) is
            // (n² − 2b² − 0.5) + a(2ab − 2) + 2(a + 4b) with n² = a² + b² + 4.25: a² − b² + 3.75 + 2a²b + 8b (the value check compares it with the BCL's).
            [Differentiable(Forward = true)]
            public static float TransformNotUnit(float a, float b) => Vector3.Transform(new Vector3(1, a, 2), new Quaternion(a, b, 0.5f, 2)).X;

            // (1 − 2a)/n + √(a² + b² + 5), n = √(a² + b² + 1).
            [Differentiable(Forward = true)]
            public static float NormalizeConjugate(float a, float b) { var q = Quaternion.Normalize(new Quaternion(a, b, 0, 1)); var c = Quaternion.Conjugate(q); return 2 * c.X + q.W + new Quaternion(new Vector3(a, b, 1), 2).Length(); }

            // q = (a, 2b, 0, 1); Concatenate(q, k) = k·q = (−2b, a, 1, 0) (q·k would be (2b, −a, 1, 0)): 1.5(a² + 4b² + 1) − 2b + 3a.
            [Differentiable(Forward = true)]
            public static float Concatenated(float a, float b)
            {
                var q = new Quaternion(a, b, 0, 1);
                q *= 2f;
                q -= new Quaternion(a, 0, 0, 1);
                var k = Quaternion.Concatenate(q, new Quaternion(0, 0, 1, 0));
                return Quaternion.Dot(q, q) + k.X + 3 * k.Y + 0.5f * q.LengthSquared();
            }

            // A two-link planar arm (links 1 and 0.7): squared distance of the tip to (1.2, 0.8).
            [Differentiable(Forward = true)]
            public static float Arm(float t1, float t2)
            {
                var m = Matrix3x2.CreateRotation(t2) * Matrix3x2.CreateTranslation(1f, 0f) * Matrix3x2.CreateRotation(t1);
                var p = Vector2.Transform(new Vector2(0.7f, 0f), m);
                return (p.X - 1.2f) * (p.X - 1.2f) + (p.Y - 0.8f) * (p.Y - 0.8f);
            }

            // det(S(a, b)·R(b)) − (m·T(a, 1)).M31 + M31 of a matrix built from its fields = ab − a + ab.
            [Differentiable(Forward = true)]
            public static float Determinant(float a, float b)
            {
                var m = Matrix3x2.CreateScale(a, b) * Matrix3x2.CreateRotation(b);
                m += m;
                m *= 0.5f;
                return m.GetDeterminant() + (-(m * Matrix3x2.CreateTranslation(a, 1))).Translation.X + new Matrix3x2(a, b, 1, 2, a * b, 4).M31;
            }

            // q = (a, b, 0, 1) from an initializer and a with; q·q = (2a, 2b, 0, 1 − a² − b²): 1 − a² − b² + 2b.
            [Differentiable(Forward = true)]
            public static float Initializers(float a, float b) { var q = new Quaternion { X = a, W = 1 }; q = q with { Y = b }; var r = q * q; return r.W + r.Y; }

            // W of q·q = w² − (x² + y² + z²): dQ = (−2x, −2y, −2z, 2w).
            [Differentiable]
            public static float SquareW(Quaternion q) => (q * q).W;

            // Natural X14_hunt13, Robotics13.QuaternionJoint, verbatim: cos θ + 2 sin θ.
            [Differentiable]
            public static float QuaternionJoint(float angle)
            {
                var q = Quaternion.CreateFromAxisAngle(Vector3.UnitZ, angle);
                Vector3 tip = Vector3.Transform(new Vector3(1f, 0f, 0f), q);
                return tip.X + 2f * tip.Y;
            }

            // Natural X14_hunt13, Robotics13.Matrix3x2Arm, verbatim: x² + y of the tip (links 1 and 0.8).
            [Differentiable]
            public static float Matrix3x2Arm(float a1, float a2)
            {
                Matrix3x2 m = Matrix3x2.CreateRotation(a2) * Matrix3x2.CreateTranslation(1f, 0f) * Matrix3x2.CreateRotation(a1);
                Vector2 tip = Vector2.Transform(new Vector2(0.8f, 0f), m);
                return tip.X * tip.X + tip.Y;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    /// <summary>Operations along the longest chain of these methods, for the float bound n·ε·Σ|term|.</summary>
    private const int Operations = 64;

    public static IEnumerable<object[]> Cases()
    {
        {
            double a = 0.5, b = 1.5;
            yield return new object[] { "Product", a, b, b - 2 * a - 2, a + 2, Math.Abs(b) + 2 * Math.Abs(a) + 2 };
        }
        {
            double t = 0.4, px = -1.3, c = Math.Cos(t), s = Math.Sin(t);
            yield return new object[] { "AxisAngle", t, px, -px * s - c + 3 * px * c - 3 * s, c + 3 * s, 4 * Math.Abs(px) + 4 };
        }
        {
            double a = 0.7, b = -1.2;
            yield return new object[] { "TransformNotUnit", a, b, 2 * a + 4 * a * b, -2 * b + 2 * a * a + 8, 2 * a * a + 2 * b * b + 3.75 + 2 * a * a * Math.Abs(b) + 8 * Math.Abs(b) + 4 * Math.Abs(a * b) + 10 };
        }
        {
            double a = 0.3, b = -0.4, n = Math.Sqrt(a * a + b * b + 1), l = Math.Sqrt(a * a + b * b + 5);
            yield return new object[] { "NormalizeConjugate", a, b, -2 / n + (2 * a - 1) * a / (n * n * n) + a / l, -(1 - 2 * a) * b / (n * n * n) + b / l, 8.0 };
        }
        {
            double a = 0.6, b = -0.9;
            yield return new object[] { "Concatenated", a, b, 3 * a + 3, 12 * b - 2, 3 * Math.Abs(a) + 12 * Math.Abs(b) + 5 };
        }
        {
            double t1 = 0.3, t2 = 0.9, x = Math.Cos(t1) + 0.7 * Math.Cos(t1 + t2), y = Math.Sin(t1) + 0.7 * Math.Sin(t1 + t2);
            yield return new object[] { "Arm", t1, t2, 2 * (x - 1.2) * -y + 2 * (y - 0.8) * x, 2 * (x - 1.2) * (-0.7 * Math.Sin(t1 + t2)) + 2 * (y - 0.8) * 0.7 * Math.Cos(t1 + t2), 12.0 };
        }
        {
            double a = 1.7, b = -0.6;
            yield return new object[] { "Determinant", a, b, 2 * b - 1, 2 * a, 4 * (Math.Abs(a) + Math.Abs(b)) + 1 };
        }
        {
            double a = -0.8, b = 0.45;
            yield return new object[] { "Initializers", a, b, -2 * a, -2 * b + 2, 2 * a * a + 2 * b * b + 3 };
        }
        {
            double a1 = -0.5, a2 = 1.1, x = Math.Cos(a1) + 0.8 * Math.Cos(a1 + a2), y = Math.Sin(a1) + 0.8 * Math.Sin(a1 + a2);
            yield return new object[] { "Matrix3x2Arm", a1, a2, 2 * x * -y + x, 2 * x * (-0.8 * Math.Sin(a1 + a2)) + 0.8 * Math.Cos(a1 + a2), 8.0 };
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Gradient_ByHand_CentralDifferences_AndForward(string name, double a, double b, double da, double db, double magnitudes)
    {
        var m = new Differentiated(Compiled.Value, "Transforms14.F", name);
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
        if (name != "Matrix3x2Arm")
        {
            var (forwardValue, tangent) = m.Forward(new[] { a, b }, new[] { 0.3, -0.7 });
            Tolerance.AssertClose(value, forwardValue, bound, name + " forward value");
            Tolerance.AssertClose(0.3 * da - 0.7 * db, tangent, bound, name + " forward tangent");
        }
    }

    [Fact]
    public void QuaternionJoint_ByHand_AndCentralDifferences()
    {
        var m = new Differentiated(Compiled.Value, "Transforms14.F", "QuaternionJoint");
        foreach (double t in new[] { -2.0, 0.35, 1.2 })
        {
            var (value, gradient) = m.Backward(new[] { t });
            double bound = Tolerance.ForSum(Operations, 4, Tolerance.Float);
            Tolerance.AssertClose(Math.Cos(t) + 2 * Math.Sin(t), value, bound, "value");
            Tolerance.AssertClose(-Math.Sin(t) + 2 * Math.Cos(t), gradient[0], bound, "by hand");
            const double h = 3e-3;
            Tolerance.AssertClose((m.Value(t + h) - m.Value(t - h)) / (2 * h), gradient[0], 2 * bound / h + h * h * 4, "central");
        }
    }

    [Fact]
    public void AQuaternionParameter_HasTheQuaternionAsItsAdjoint()
    {
        var type = Compiled.Value.GetType("Transforms14.F", throwOnError: true)!;
        var q = new Quaternion(0.5f, -1.25f, 2f, 0.75f);
        var args = new object[] { q, new Quaternion(1f, 1f, 1f, 1f), 1f };
        float value = (float)type.GetMethod("SquareWBackward")!.Invoke(null, args)!;
        var dq = (Quaternion)args[1];
        Assert.Equal((q * q).W, value);
        // Added into what the caller passed (1 each): 1 + (−2x, −2y, −2z, 2w), every term exact in float.
        Assert.Equal(new Quaternion(1 - 2 * q.X, 1 - 2 * q.Y, 1 - 2 * q.Z, 1 + 2 * q.W), dq);
    }
}
