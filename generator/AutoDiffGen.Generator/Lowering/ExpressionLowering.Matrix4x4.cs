using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// System.Numerics <c>Matrix4x4</c> (float, idioms18b, issue 13): a struct of the 16 public float fields M11…M44, carried
/// as its fields like a Matrix3x2, its parameter's adjoint <c>ref Matrix4x4 dM</c>. System.Numerics uses row vectors:
/// a point is transformed as v·M, so the translation is the fourth row (M41, M42, M43). Each method below is the
/// formula System.Numerics implements, written as scalar gates (the formula beside each case); members by name.
/// </summary>
internal sealed partial class ExpressionLowering
{
    private static readonly string[] Matrix4Parts =
        Enumerable.Range(1, 4).SelectMany(r => Enumerable.Range(1, 4).Select(c => "M" + r + c)).ToArray();

    /// <summary>The parameter types of <c>new Matrix4x4(m11, …, m44)</c>.</summary>
    private static readonly string Matrix4Shape = string.Join(",", Enumerable.Repeat("Single", 16));

    /// <summary>The product a·b of two 4×4 matrices (Matrix4x4.Multiply): Mrc = Σk a_rk·b_kc, k = 1…4, left to right.</summary>
    private int[]? Matrix4Product(IOperation left, IOperation right, IOperation at)
    {
        var a = TransformParts(left);
        var b = TransformParts(right);
        if (a is null || b is null) return null;
        var product = new Dictionary<string, int>();
        for (int r = 1; r <= 4; r++)
        {
            for (int c = 1; c <= 4; c++)
            {
                product["M" + r + c] = SumOfProducts(
                    Enumerable.Range(1, 4).Select(k => a["M" + r + k]).ToArray(),
                    Enumerable.Range(1, 4).Select(k => b["M" + k + c]).ToArray());
            }
        }
        return FromParts(at, product);
    }

    /// <summary>
    /// Matrix4x4's static factories and Transpose; Handled false for the others (Add, Subtract, Multiply, Negate go to the
    /// shared cases; a rotation or scale about a center point, Invert, Decompose, CreateLookAt, … are reported there).
    /// </summary>
    private (bool Handled, int[]? Nodes) Matrix4Method(IInvocationOperation invocation, IOperation[] args)
    {
        bool scalars = args.All(a => TypeOf(a) is ScalarType.Float or ScalarType.Double);
        bool vector3 = args.Length == 1 && args[0].Type?.Name == "Vector3" && RealStructs.IsNumericsVector(args[0].Type);
        switch (invocation.TargetMethod.Name, args.Length)
        {
            case ("Transpose", 1):
                {
                    // Mrc = m_cr.
                    var m = TransformParts(args[0]);
                    if (m is null) return (true, null);
                    return (true, FromParts(invocation, Matrix4Parts.ToDictionary(p => p, p => m["M" + p[2] + p[1]])));
                }
            case ("CreateTranslation", 1) when vector3:
            case ("CreateTranslation", 3) when scalars:
                {
                    // The identity with the fourth row (x, y, z, 1).
                    var xyz = Three(args);
                    if (xyz is null) return (true, null);
                    return (true, Matrix4(invocation, new Dictionary<string, int> { ["M41"] = xyz[0], ["M42"] = xyz[1], ["M43"] = xyz[2] }));
                }
            case ("CreateScale", 1) when vector3 || scalars:
            case ("CreateScale", 3) when scalars:
                {
                    // diag(sx, sy, sz, 1); CreateScale(s) is diag(s, s, s, 1).
                    var xyz = Three(args);
                    if (xyz is null) return (true, null);
                    return (true, Matrix4(invocation, new Dictionary<string, int> { ["M11"] = xyz[0], ["M22"] = xyz[1], ["M33"] = xyz[2] }));
                }
            case ("CreateRotationX" or "CreateRotationY" or "CreateRotationZ", 1) when scalars:
                {
                    // c = cos θ, s = sin θ. X: M22 = c, M23 = s, M32 = −s, M33 = c; Y: M11 = c, M13 = −s, M31 = s, M33 = c;
                    // Z: M11 = c, M12 = s, M21 = −s, M22 = c (System.Numerics rounds nothing here, unlike Matrix3x2's).
                    int angle = Lower(args[0], null);
                    int c = Gate(GateKind.Cos, angle), s = Gate(GateKind.Sin, angle), minus = Gate(GateKind.Negate, s);
                    var set = invocation.TargetMethod.Name[invocation.TargetMethod.Name.Length - 1] switch
                    {
                        'X' => new Dictionary<string, int> { ["M22"] = c, ["M23"] = s, ["M32"] = minus, ["M33"] = c },
                        'Y' => new Dictionary<string, int> { ["M11"] = c, ["M13"] = minus, ["M31"] = s, ["M33"] = c },
                        _ => new Dictionary<string, int> { ["M11"] = c, ["M12"] = s, ["M21"] = minus, ["M22"] = c },
                    };
                    return (true, Matrix4(invocation, set));
                }
            case ("CreateFromQuaternion", 1) when RealStructs.IsQuaternion(args[0].Type):
                return (true, FromQuaternion(invocation, args[0]));
            default:
                return (false, null);
        }
    }

    /// <summary>Three floats from a Vector3 argument, three scalar arguments, or one scalar taken three times; null after a diagnostic.</summary>
    private int[]? Three(IOperation[] args)
    {
        if (args.Length == 1 && RealStructs.IsRealStruct(args[0].Type)) return TransformParts(args[0]) is { } v ? new[] { v["X"], v["Y"], v["Z"] } : null;
        var values = args.Select(a => Lower(a, null)).ToArray();
        return values.Length == 1 ? new[] { values[0], values[0], values[0] } : values;
    }

    /// <summary>The identity Matrix4x4 with the fields in <paramref name="set"/> replaced.</summary>
    private int[]? Matrix4(IOperation at, Dictionary<string, int> set) =>
        FromParts(at, Matrix4Parts.ToDictionary(p => p, p => set.TryGetValue(p, out int n) ? n : p[1] == p[2] ? One(ScalarType.Float) : Zero(ScalarType.Float)));

    /// <summary>
    /// Matrix4x4.CreateFromQuaternion(q), as System.Numerics computes it (q taken as given, not normalized):
    /// M11 = 1 − 2(y² + z²), M12 = 2(xy + zw), M13 = 2(xz − yw); M21 = 2(xy − zw), M22 = 1 − 2(z² + x²), M23 = 2(yz + xw);
    /// M31 = 2(xz + yw), M32 = 2(yz − xw), M33 = 1 − 2(y² + x²); the rest the identity's.
    /// </summary>
    private int[]? FromQuaternion(IOperation at, IOperation quaternion)
    {
        var q = TransformParts(quaternion);
        if (q is null) return null;
        int Mul(int p, int r) => Gate(GateKind.Multiply, p, r);
        int Add(int p, int r) => Gate(GateKind.Add, p, r);
        int Sub(int p, int r) => Gate(GateKind.Subtract, p, r);
        int one = One(ScalarType.Float), two = _context.AddConstant("2.0f", ScalarType.Float, "float", null, isAtom: true);
        int Twice(int p) => Mul(two, p);
        int xx = Mul(q["X"], q["X"]), yy = Mul(q["Y"], q["Y"]), zz = Mul(q["Z"], q["Z"]);
        int xy = Mul(q["X"], q["Y"]), wz = Mul(q["Z"], q["W"]), xz = Mul(q["Z"], q["X"]);
        int wy = Mul(q["Y"], q["W"]), yz = Mul(q["Y"], q["Z"]), wx = Mul(q["X"], q["W"]);
        return Matrix4(at, new Dictionary<string, int>
        {
            ["M11"] = Sub(one, Twice(Add(yy, zz))), ["M12"] = Twice(Add(xy, wz)), ["M13"] = Twice(Sub(xz, wy)),
            ["M21"] = Twice(Sub(xy, wz)), ["M22"] = Sub(one, Twice(Add(zz, xx))), ["M23"] = Twice(Add(yz, wx)),
            ["M31"] = Twice(Add(xz, wy)), ["M32"] = Twice(Sub(yz, wx)), ["M33"] = Sub(one, Twice(Add(yy, xx))),
        });
    }

    /// <summary>
    /// The determinant of a Matrix4x4 by its cofactors along the first row, as System.Numerics expands it: with the 2×2
    /// minors of rows 3 and 4 (kp_lo = M33·M44 − M34·M43, …), a·(f·kp_lo − g·jp_ln + h·jo_kn) − b·(…) + c·(…) − d·(…).
    /// </summary>
    private int Matrix4Determinant(Dictionary<string, int> m)
    {
        int Mul(int p, int r) => Gate(GateKind.Multiply, p, r);
        int Minor(string a, string b, string c, string d) => Gate(GateKind.Subtract, Mul(m[a], m[b]), Mul(m[c], m[d]));
        int kp_lo = Minor("M33", "M44", "M34", "M43"), jp_ln = Minor("M32", "M44", "M34", "M42"), jo_kn = Minor("M32", "M43", "M33", "M42");
        int ip_lm = Minor("M31", "M44", "M34", "M41"), io_km = Minor("M31", "M43", "M33", "M41"), in_jm = Minor("M31", "M42", "M32", "M41");
        int Cofactor(string x, int p, string y, int q, string z, int r) =>
            Gate(GateKind.Add, Gate(GateKind.Subtract, Mul(m[x], p), Mul(m[y], q)), Mul(m[z], r));
        int first = Mul(m["M11"], Cofactor("M22", kp_lo, "M23", jp_ln, "M24", jo_kn));
        int second = Mul(m["M12"], Cofactor("M21", kp_lo, "M23", ip_lm, "M24", io_km));
        int third = Mul(m["M13"], Cofactor("M21", jp_ln, "M22", ip_lm, "M24", in_jm));
        int fourth = Mul(m["M14"], Cofactor("M21", jo_kn, "M22", io_km, "M23", in_jm));
        return Gate(GateKind.Subtract, Gate(GateKind.Add, Gate(GateKind.Subtract, first, second), third), fourth);
    }

    /// <summary>
    /// <c>Vector2/3/4.Transform(v, m)</c> by a Matrix4x4 and <c>Vector2/3.TransformNormal(v, m)</c> by a Matrix4x4 or a
    /// Matrix3x2: component c of the result is Σk v_k·M_kc over v's components, plus, for Transform of a Vector2 or Vector3,
    /// the translation row's M_tc (t = 4 for a Matrix4x4, 3 for a Matrix3x2: the point's w = 1); TransformNormal has no
    /// translation (w = 0). Handled false for another pairing (the caller reports it).
    /// </summary>
    private (bool Handled, int[]? Nodes) VectorByMatrix(IInvocationOperation invocation, IOperation vector, IOperation by, bool normal)
    {
        bool four = RealStructs.IsMatrix4x4(by.Type);
        if (!four && !RealStructs.IsMatrix3x2(by.Type) || !RealStructs.IsNumericsVector(vector.Type) || !RealStructs.IsNumericsVector(invocation.Type)) return (false, null);
        int inputs = RealStructs.Components(vector.Type)!.Count, outputs = RealStructs.Components(invocation.Type)!.Count;
        if (!four && (inputs != 2 || outputs != 2) || normal && inputs == 4) return (false, null);
        var v = TransformParts(vector);
        var m = TransformParts(by);
        if (v is null || m is null) return (true, null);
        string translation = four ? "4" : "3";
        var result = new Dictionary<string, int>();
        for (int c = 1; c <= outputs; c++)
        {
            int sum = SumOfProducts(
                QuaternionParts.Take(inputs).Select(p => v[p]).ToArray(),
                Enumerable.Range(1, inputs).Select(k => m["M" + k + c]).ToArray());
            if (!normal && inputs < 4) sum = Gate(GateKind.Add, sum, m["M" + translation + c]);
            result[QuaternionParts[c - 1]] = sum;
        }
        return (true, FromParts(invocation, result));
    }
}
