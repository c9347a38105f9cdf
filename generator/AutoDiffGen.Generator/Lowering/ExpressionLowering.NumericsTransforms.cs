using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// System.Numerics <c>Quaternion</c> and <c>Matrix3x2</c> (float, structs14), <c>Matrix4x4</c> and <c>Plane</c> (idioms18b:
/// ExpressionLowering.Matrix4x4). All are structs of public float fields, so a
/// value is carried as its fields (X, Y, Z, W; M11, M12, M21, M22, M31, M32) like any struct of reals and a parameter's
/// adjoint is <c>ref Quaternion dQ</c>. Their operators and methods are not component-wise (a quaternion product, a matrix
/// product, a rotation), so each is written here as a composition of scalar gates from the formula System.Numerics
/// documents and implements (the formula beside each case); every mode differentiates those gates. Components are found
/// by name, never by position, so a runtime that declares the fields in another order changes nothing. A member not
/// listed here, on a differentiated value, is ADG0003 at the call naming it (<see cref="ReportTransformMember"/>).
/// </summary>
internal sealed partial class ExpressionLowering
{
    private static readonly string[] QuaternionParts = { "X", "Y", "Z", "W" };

    private static readonly string[] MatrixParts = { "M11", "M12", "M21", "M22", "M31", "M32" };

    /// <summary>A Plane's components as <see cref="RealStructs.Components"/> names them: its Normal's, then D.</summary>
    private static readonly string[] PlaneParts = { "Normal.X", "Normal.Y", "Normal.Z", "D" };

    /// <summary>The fields the formulas read of a transform type, by name (a vector: its first <paramref name="count"/> of X, Y, Z, W).</summary>
    private static IEnumerable<string> ExpectedParts(ITypeSymbol? type, int count) =>
        RealStructs.IsMatrix3x2(type) ? MatrixParts
        : RealStructs.IsMatrix4x4(type) ? Matrix4Parts
        : RealStructs.IsPlane(type) ? PlaneParts
        : QuaternionParts.Take(RealStructs.IsQuaternion(type) ? 4 : System.Math.Min(count, 4));

    /// <summary>What the message of an unsupported member lists as supported.</summary>
    private const string TransformSupport =
        "AutoDiffGen differentiates Quaternion's constructors, fields, +, -, * (quaternion product, or by a float), unary -, Add, Subtract, Multiply, Negate, Concatenate, Conjugate, Normalize, Dot, Length(), LengthSquared(), CreateFromAxisAngle, Lerp, Slerp and Vector3.Transform(v, q), "
        + "Matrix3x2's constructor, fields, Translation, +, -, * (matrix product, or by a float), unary -, Add, Subtract, Multiply, Negate, Lerp, CreateRotation(angle), CreateTranslation, CreateScale (without a center point), GetDeterminant(), Vector2.Transform(v, m) and Vector2.TransformNormal(v, m), "
        + "Matrix4x4's constructor, fields, Translation, +, -, * (matrix product, or by a float), unary -, Add, Subtract, Multiply, Negate, Transpose, Lerp, CreateTranslation, CreateScale and CreateRotationX/Y/Z (without a center point), CreateFromQuaternion, GetDeterminant(), Vector2/3/4.Transform(v, m) and Vector2/3.TransformNormal(v, m), "
        + "and Plane's constructors, Normal, D, Dot, DotCoordinate, DotNormal and Normalize: "
        + "write it with those, or member by member";

    /// <summary>
    /// The parts of a Quaternion, Matrix3x2 or vector value, by name; null after a diagnostic (also when the type's fields
    /// are not the names the formulas use, which a runtime could change: reported, never a missing key).
    /// </summary>
    private Dictionary<string, int>? TransformParts(IOperation value)
    {
        var nodes = LowerStruct(value);
        var components = RealStructs.Components(value.Type);
        if (nodes is null || components is null || nodes.Length != components.Count) return null;
        var parts = components.Select((c, i) => (c.Path, Node: nodes[i])).ToDictionary(p => p.Path, p => p.Node);
        return ExpectedParts(value.Type, components.Count).All(parts.ContainsKey) ? parts : ReportUnexpectedFields(value);
    }

    /// <summary>A value of <paramref name="at"/>'s type from its parts by name, in <see cref="RealStructs.Components"/> order; null after a diagnostic.</summary>
    private int[]? FromParts(IOperation at, Dictionary<string, int> parts) =>
        RealStructs.Components(at.Type) is { } components && components.Count == parts.Count && components.All(c => parts.ContainsKey(c.Path))
            ? components.Select(c => parts[c.Path]).ToArray()
            : ReportUnexpectedFields(at)?.Values.ToArray();

    private Dictionary<string, int>? ReportUnexpectedFields(IOperation at)
    {
        _context.ReportUnsupportedExpression(at, "A value of '" + at.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' whose fields are not the ones System.Numerics documents", "write the operation member by member");
        return null;
    }

    /// <summary>Names zipped with nodes: the parts of a value built from a list written in <paramref name="names"/> order.</summary>
    private static Dictionary<string, int> ByName(string[] names, IReadOnlyList<int> nodes) =>
        names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => nodes[p.i]);

    /// <summary>
    /// <c>new Quaternion(x, y, z, w)</c>, <c>new Quaternion(Vector3 vectorPart, float scalarPart)</c>,
    /// <c>new Matrix3x2(m11, m12, m21, m22, m31, m32)</c>: the arguments, flattened, are the fields in that order.
    /// </summary>
    private int[]? TransformCreation(IObjectCreationOperation creation)
    {
        // Only these shapes: another constructor (a later runtime's) could flatten to as many values meaning something else.
        var shape = string.Join(",", creation.Constructor?.Parameters.Select(p => p.Type.Name) ?? Enumerable.Empty<string>());
        if (shape is not ("Single,Single,Single,Single" or "Vector3,Single" or "Single,Single,Single,Single,Single,Single" or "Vector4") && shape != Matrix4Shape) return UnsupportedCreation(creation);
        var flat = new List<int>();
        foreach (var argument in creation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
        {
            if (argument.Parameter is null || argument.Parameter.RefKind != RefKind.None) return UnsupportedCreation(creation);
            if (RealStructs.IsNumericsVector(argument.Value.Type))
            {
                var inner = TransformParts(argument.Value);
                if (inner is null) return null;
                flat.AddRange(QuaternionParts.Take(inner.Count).Select(n => inner[n]));
            }
            else if (TypeOf(argument.Value) is ScalarType.Float or ScalarType.Double)
            {
                flat.Add(Lower(argument.Value, null));
            }
            else
            {
                return UnsupportedCreation(creation);
            }
        }
        // new Plane(x, y, z, d), new Plane(Vector3 normal, float d), new Plane(Vector4 value): Normal.X, Normal.Y, Normal.Z, D.
        string[] names = RealStructs.IsQuaternion(creation.Type) ? QuaternionParts : RealStructs.IsPlane(creation.Type) ? PlaneParts : RealStructs.IsMatrix4x4(creation.Type) ? Matrix4Parts : MatrixParts;
        return flat.Count == names.Length ? FromParts(creation, ByName(names, flat)) : UnsupportedCreation(creation);
    }

    /// <summary>An operator of Quaternion or Matrix3x2 (also in place, <c>q *= r</c>): +, - component-wise, * as the product.</summary>
    private int[]? TransformBinary(BinaryOperatorKind kind, IOperation left, IOperation right, IOperation at, string name)
    {
        bool leftStruct = RealStructs.IsRealStruct(left.Type), rightStruct = RealStructs.IsRealStruct(right.Type);
        switch (kind)
        {
            case BinaryOperatorKind.Add when leftStruct && rightStruct:
                return Componentwise(GateKind.Add, left, right, at);
            case BinaryOperatorKind.Subtract when leftStruct && rightStruct:
                return Componentwise(GateKind.Subtract, left, right, at);
            case BinaryOperatorKind.Multiply when leftStruct != rightStruct:
                // q * s, m * s: every field scaled.
                return Componentwise(GateKind.Multiply, left, right, at);
            case BinaryOperatorKind.Multiply when RealStructs.IsQuaternion(left.Type) && RealStructs.IsQuaternion(right.Type):
                return QuaternionProduct(left, right, at);
            case BinaryOperatorKind.Multiply when RealStructs.IsMatrix3x2(left.Type) && RealStructs.IsMatrix3x2(right.Type):
                return MatrixProduct(left, right, at);
            case BinaryOperatorKind.Multiply when RealStructs.IsMatrix4x4(left.Type) && RealStructs.IsMatrix4x4(right.Type):
                return Matrix4Product(left, right, at);
            default:
                return ReportTransformMember(at, name);
        }
    }

    /// <summary>
    /// The Hamilton product a·b (System.Numerics Quaternion.Multiply): with c = (a.xyz × b.xyz) and d = a.xyz · b.xyz,
    /// X = a.X·b.W + b.X·a.W + c.X, Y = a.Y·b.W + b.Y·a.W + c.Y, Z = a.Z·b.W + b.Z·a.W + c.Z, W = a.W·b.W − d.
    /// </summary>
    private int[]? QuaternionProduct(IOperation left, IOperation right, IOperation at)
    {
        var a = TransformParts(left);
        var b = TransformParts(right);
        if (a is null || b is null) return null;
        int Mul(int p, int q) => Gate(GateKind.Multiply, p, q);
        int Sub(int p, int q) => Gate(GateKind.Subtract, p, q);
        int Add(int p, int q) => Gate(GateKind.Add, p, q);
        int cx = Sub(Mul(a["Y"], b["Z"]), Mul(a["Z"], b["Y"]));
        int cy = Sub(Mul(a["Z"], b["X"]), Mul(a["X"], b["Z"]));
        int cz = Sub(Mul(a["X"], b["Y"]), Mul(a["Y"], b["X"]));
        int dot = Add(Add(Mul(a["X"], b["X"]), Mul(a["Y"], b["Y"])), Mul(a["Z"], b["Z"]));
        return FromParts(at, new Dictionary<string, int>
        {
            ["X"] = Add(Add(Mul(a["X"], b["W"]), Mul(b["X"], a["W"])), cx),
            ["Y"] = Add(Add(Mul(a["Y"], b["W"]), Mul(b["Y"], a["W"])), cy),
            ["Z"] = Add(Add(Mul(a["Z"], b["W"]), Mul(b["Z"], a["W"])), cz),
            ["W"] = Sub(Mul(a["W"], b["W"]), dot),
        });
    }

    /// <summary>
    /// The product a·b of two 3×2 affine matrices (System.Numerics Matrix3x2.Multiply, the third column taken as (0, 0, 1)):
    /// M11 = a11·b11 + a12·b21, M12 = a11·b12 + a12·b22, M21 = a21·b11 + a22·b21, M22 = a21·b12 + a22·b22,
    /// M31 = a31·b11 + a32·b21 + b31, M32 = a31·b12 + a32·b22 + b32.
    /// </summary>
    private int[]? MatrixProduct(IOperation left, IOperation right, IOperation at)
    {
        var a = TransformParts(left);
        var b = TransformParts(right);
        if (a is null || b is null) return null;
        int Row(string r, string c) => Gate(GateKind.Add, Gate(GateKind.Multiply, a["M" + r + "1"], b["M1" + c]), Gate(GateKind.Multiply, a["M" + r + "2"], b["M2" + c]));
        return FromParts(at, new Dictionary<string, int>
        {
            ["M11"] = Row("1", "1"), ["M12"] = Row("1", "2"),
            ["M21"] = Row("2", "1"), ["M22"] = Row("2", "2"),
            ["M31"] = Gate(GateKind.Add, Row("3", "1"), b["M31"]), ["M32"] = Gate(GateKind.Add, Row("3", "2"), b["M32"]),
        });
    }

    /// <summary>The static methods of Quaternion and Matrix3x2 that return one; anything else on a differentiated value is reported.</summary>
    private int[]? TransformMethod(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var args = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToArray();
        string name = method.ContainingType.Name + "." + method.Name;
        if (invocation.Arguments.Any(a => a.Parameter is null || a.Parameter.RefKind != RefKind.None)) return ReportTransformMember(invocation, name);
        bool quaternion = RealStructs.IsQuaternion(method.ContainingType), matrix3x2 = RealStructs.IsMatrix3x2(method.ContainingType);
        if (RealStructs.IsMatrix4x4(method.ContainingType) && Matrix4Method(invocation, args) is { Handled: true } matrix4) return matrix4.Nodes;
        if (RealStructs.IsPlane(method.ContainingType) && method.Name == "Normalize" && args.Length == 1) return PlaneNormalized(args[0], invocation);
        if (quaternion && QuaternionBlend(invocation, args) is { Handled: true } blend) return blend.Nodes;
        if ((matrix3x2 || RealStructs.IsMatrix4x4(method.ContainingType)) && method.Name == "Lerp" && args.Length == 3 && !RealStructs.IsRealStruct(args[2].Type))
        {
            // A matrix's Lerp: each field a·(1 − t) + b·t, as System.Numerics computes it (a vector's Lerp per row).
            return Lerped(args[0], args[1], args[2]);
        }
        switch (method.Name, args.Length)
        {
            case ("Add", 2):
                return TransformBinary(BinaryOperatorKind.Add, args[0], args[1], invocation, name);
            case ("Subtract", 2):
                return TransformBinary(BinaryOperatorKind.Subtract, args[0], args[1], invocation, name);
            case ("Multiply", 2):
                return TransformBinary(BinaryOperatorKind.Multiply, args[0], args[1], invocation, name);
            case ("Concatenate", 2) when quaternion:
                // Quaternion.Concatenate(a, b): the rotation a followed by b, which is the product b·a.
                return QuaternionProduct(args[1], args[0], invocation);
            case ("Negate", 1) when !RealStructs.IsPlane(method.ContainingType):
                return LowerStruct(args[0])?.Select(n => Gate(GateKind.Negate, n)).ToArray();
            case ("Conjugate", 1) when quaternion:
                {
                    // (−X, −Y, −Z, W).
                    var q = TransformParts(args[0]);
                    if (q is null) return null;
                    return FromParts(invocation, new Dictionary<string, int> { ["X"] = Gate(GateKind.Negate, q["X"]), ["Y"] = Gate(GateKind.Negate, q["Y"]), ["Z"] = Gate(GateKind.Negate, q["Z"]), ["W"] = q["W"] });
                }
            case ("Normalize", 1) when quaternion:
                // q / √(X² + Y² + Z² + W²).
                return Normalized(args[0]);
            case ("CreateFromAxisAngle", 2) when quaternion:
                {
                    // (axis·sin(θ/2), cos(θ/2)); the axis is taken as given (System.Numerics does not normalize it).
                    var axis = TransformParts(args[0]);
                    if (axis is null) return null;
                    int angle = Lower(args[1], null);
                    int half = Gate(GateKind.Multiply, angle, Half(_context.Nodes[angle].Type));
                    int sin = Gate(GateKind.Sin, half), cos = Gate(GateKind.Cos, half);
                    return FromParts(invocation, new Dictionary<string, int> { ["X"] = Gate(GateKind.Multiply, axis["X"], sin), ["Y"] = Gate(GateKind.Multiply, axis["Y"], sin), ["Z"] = Gate(GateKind.Multiply, axis["Z"], sin), ["W"] = cos });
                }
            case ("CreateRotation", 1) when matrix3x2:
                {
                    // (cos θ, sin θ; −sin θ, cos θ; 0, 0). System.Numerics returns exact 0/±1 within 0.001° of a multiple of
                    // 90° (a rounding of the same function): there the value here is cos/sin's, off by under 1.8e-5.
                    int angle = Lower(args[0], null);
                    var type = _context.Nodes[angle].Type;
                    int cos = Gate(GateKind.Cos, angle), sin = Gate(GateKind.Sin, angle);
                    return FromParts(invocation, new Dictionary<string, int> { ["M11"] = cos, ["M12"] = sin, ["M21"] = Gate(GateKind.Negate, sin), ["M22"] = cos, ["M31"] = Zero(type), ["M32"] = Zero(type) });
                }
            case ("CreateTranslation", 1 or 2) when matrix3x2:
                {
                    // The identity with M31 = x, M32 = y (from a Vector2 position or two floats).
                    var offset = args.Length == 1 ? TransformParts(args[0]) is { } v ? new[] { v["X"], v["Y"] } : null : new[] { Lower(args[0], null), Lower(args[1], null) };
                    if (offset is null) return null;
                    var type = _context.Nodes[offset[0]].Type;
                    return FromParts(invocation, new Dictionary<string, int> { ["M11"] = One(type), ["M12"] = Zero(type), ["M21"] = Zero(type), ["M22"] = One(type), ["M31"] = offset[0], ["M32"] = offset[1] });
                }
            case ("CreateScale", 1 or 2) when matrix3x2 && (args.Length == 1 || !RealStructs.IsRealStruct(args[1].Type)):
                {
                    // diag(sx, sy), no translation: CreateScale(s), CreateScale(sx, sy), CreateScale(Vector2 scales).
                    var scales = RealStructs.IsRealStruct(args[0].Type) ? TransformParts(args[0]) is { } v ? new[] { v["X"], v["Y"] } : null
                        : args.Length == 1 ? new[] { Lower(args[0], null), -1 } : new[] { Lower(args[0], null), Lower(args[1], null) };
                    if (scales is null) return null;
                    if (scales[1] < 0) scales[1] = scales[0];
                    var type = _context.Nodes[scales[0]].Type;
                    return FromParts(invocation, new Dictionary<string, int> { ["M11"] = scales[0], ["M12"] = Zero(type), ["M21"] = Zero(type), ["M22"] = scales[1], ["M31"] = Zero(type), ["M32"] = Zero(type) });
                }
            default:
                return ReportTransformMember(invocation, name);
        }
    }

    /// <summary>
    /// <c>Vector3.Transform(v, q)</c> (q·v·q̄ as .NET 10 computes it: with x2 = 2X, y2 = 2Y, z2 = 2Z of q and n² = |q|²,
    /// v′ = (v.X(n² − Y·y2 − Z·z2) + v.Y(X·y2 − W·z2) + v.Z(X·z2 + W·y2), v.X(X·y2 + W·z2) + v.Y(n² − X·x2 − Z·z2) + v.Z(Y·z2 − W·x2),
    /// v.X(X·z2 − W·y2) + v.Y(Y·z2 + W·x2) + v.Z(n² − X·x2 − Y·y2)): the rotation for a unit q) and <c>Vector2.Transform(v, m)</c> (v′ = (v.X·M11 + v.Y·M21 + M31, v.X·M12 + v.Y·M22 + M32));
    /// null with nothing reported when the call is another Transform (the caller reports it).
    /// </summary>
    private (bool Handled, int[]? Nodes) VectorTransform(IInvocationOperation invocation, IOperation vector, IOperation by)
    {
        bool normal = invocation.TargetMethod.Name == "TransformNormal";
        if (RealStructs.IsMatrix4x4(by.Type) || normal) return VectorByMatrix(invocation, vector, by, normal);
        if (RealStructs.IsQuaternion(by.Type) && vector.Type?.Name == "Vector3")
        {
            var v = TransformParts(vector);
            var q = TransformParts(by);
            if (v is null || q is null) return (true, null);
            int Mul(int p, int r) => Gate(GateKind.Multiply, p, r);
            int Add(int p, int r) => Gate(GateKind.Add, p, r);
            int Sub(int p, int r) => Gate(GateKind.Subtract, p, r);
            int x2 = Add(q["X"], q["X"]), y2 = Add(q["Y"], q["Y"]), z2 = Add(q["Z"], q["Z"]);
            int wx2 = Mul(q["W"], x2), wy2 = Mul(q["W"], y2), wz2 = Mul(q["W"], z2);
            int xx2 = Mul(q["X"], x2), xy2 = Mul(q["X"], y2), xz2 = Mul(q["X"], z2);
            int yy2 = Mul(q["Y"], y2), yz2 = Mul(q["Y"], z2), zz2 = Mul(q["Z"], z2);
            // n² where the unit-quaternion formula has 1: .NET 10 computes q·v·q̄, which scales by |q|² for a q that is not a
            // unit one (the tests' check of the value against the BCL's at such a q found it); for a unit q the two agree.
            int one = SumOfProducts(new[] { q["X"], q["Y"], q["Z"], q["W"] }, new[] { q["X"], q["Y"], q["Z"], q["W"] });
            int Row(int a, int b, int c) => Add(Add(Mul(v["X"], a), Mul(v["Y"], b)), Mul(v["Z"], c));
            return (true, FromParts(invocation, new Dictionary<string, int>
            {
                ["X"] = Row(Sub(Sub(one, yy2), zz2), Sub(xy2, wz2), Add(xz2, wy2)),
                ["Y"] = Row(Add(xy2, wz2), Sub(Sub(one, xx2), zz2), Sub(yz2, wx2)),
                ["Z"] = Row(Sub(xz2, wy2), Add(yz2, wx2), Sub(Sub(one, xx2), yy2)),
            }));
        }
        if (RealStructs.IsMatrix3x2(by.Type) && vector.Type?.Name == "Vector2")
        {
            var v = TransformParts(vector);
            var m = TransformParts(by);
            if (v is null || m is null) return (true, null);
            int Column(string c) => Gate(GateKind.Add, Gate(GateKind.Add, Gate(GateKind.Multiply, v["X"], m["M1" + c]), Gate(GateKind.Multiply, v["Y"], m["M2" + c])), m["M3" + c]);
            return (true, FromParts(invocation, new Dictionary<string, int> { ["X"] = Column("1"), ["Y"] = Column("2") }));
        }
        return (false, null);
    }

    /// <summary>
    /// The scalar members VectorScalar leaves (it takes a Quaternion's Dot, Length() and LengthSquared(), a Vector4's):
    /// <c>m.GetDeterminant()</c> = M11·M22 − M21·M12, any other (and the indexers <c>q[i]</c>, <c>m[r, c]</c>) reported;
    /// -2 when <paramref name="op"/> is a call or read of neither type.
    /// </summary>
    private int TransformScalar(IOperation op, string? userName)
    {
        if (op is IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { Type: { } owner } } && RealStructs.IsNumericsTransform(owner))
        {
            ReportTransformMember(op, owner.Name + "'s indexer");
            return Placeholder(op);
        }
        if (op is not IInvocationOperation invocation) return -2;
        var method = invocation.TargetMethod;
        if (!RealStructs.IsNumericsTransform(method.ContainingType)) return -2;
        string name = method.ContainingType.Name + "." + method.Name;
        if (invocation.Arguments.Any(a => a.Parameter is null || a.Parameter.RefKind != RefKind.None))
        {
            ReportTransformMember(invocation, name);
            return Placeholder(invocation);
        }
        var args = invocation.Arguments.OrderBy(a => a.Parameter!.Ordinal).Select(a => a.Value).ToArray();
        bool quaternion = RealStructs.IsQuaternion(method.ContainingType);
        int result;
        switch (method.Name, method.IsStatic, args.Length)
        {
            case ("GetDeterminant", false, 0) when RealStructs.IsMatrix3x2(method.ContainingType):
                {
                    var m = TransformParts(invocation.Instance!);
                    if (m is null) return Placeholder(invocation);
                    result = Gate(GateKind.Subtract, Gate(GateKind.Multiply, m["M11"], m["M22"]), Gate(GateKind.Multiply, m["M21"], m["M12"]));
                    break;
                }
            case ("GetDeterminant", false, 0) when RealStructs.IsMatrix4x4(method.ContainingType):
                {
                    var m = TransformParts(invocation.Instance!);
                    if (m is null) return Placeholder(invocation);
                    result = Matrix4Determinant(m);
                    break;
                }
            case ("Dot" or "DotCoordinate" or "DotNormal", true, 2) when RealStructs.IsPlane(method.ContainingType):
                {
                    int plane = PlaneDot(method.Name, args[0], args[1]);
                    if (plane < 0) return Placeholder(invocation);
                    result = plane;
                    break;
                }
            default:
                ReportTransformMember(invocation, name);
                return Placeholder(invocation);
        }
        return Named(result, userName, invocation);
    }

    /// <summary>
    /// <c>m.Translation</c>: (M31, M32) of a Matrix3x2 as a Vector2, (M41, M42, M43) of a Matrix4x4 as a Vector3; null when
    /// <paramref name="op"/> is no such read.
    /// </summary>
    private int[]? MatrixTranslation(IOperation op)
    {
        if (op is not IPropertyReferenceOperation { Property.Name: "Translation", Instance: { } instance }) return null;
        if (RealStructs.IsMatrix3x2(instance.Type)) return TransformParts(instance) is { } m ? FromParts(op, new Dictionary<string, int> { ["X"] = m["M31"], ["Y"] = m["M32"] }) : null;
        if (RealStructs.IsMatrix4x4(instance.Type)) return TransformParts(instance) is { } n ? FromParts(op, new Dictionary<string, int> { ["X"] = n["M41"], ["Y"] = n["M42"], ["Z"] = n["M43"] }) : null;
        return null;
    }

    /// <summary>ADG0003 at a Quaternion or Matrix3x2 member the generator has no formula for, naming it; always null.</summary>
    private int[]? ReportTransformMember(IOperation at, string name)
    {
        _context.ReportUnsupportedExpression(at, "The System.Numerics member '" + name + "' on a differentiated value", TransformSupport);
        return null;
    }

    private int Half(ScalarType type) => _context.AddConstant(type == ScalarType.Float ? "0.5f" : "0.5", type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);
}
