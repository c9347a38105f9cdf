using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// System.Numerics.Complex inside a method: a value is its two components (Real, Imaginary; <see cref="RealStructs.Components"/>),
/// and its operators and functions are compositions of real gates, so the gradient is the real gradient (∂/∂Re, ∂/∂Im) of a
/// real-valued function of the real and imaginary parts. Only varied values come here; constants are computed as written.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>A complex operand: its parts, or a real operand (a double overload, an implicit conversion) with no imaginary part (-1).</summary>
    private (int Re, int Im)? ComplexOperand(IOperation op)
    {
        if (op is IConversionOperation { OperatorMethod: { } implicitly, Operand: var real } && RealStructs.IsComplex(implicitly.ContainingType) && RealStructs.IsComplex(op.Type))
        {
            op = real;
        }
        if (RealStructs.IsComplex(op.Type))
        {
            var parts = LowerStruct(op);
            return parts is null ? null : (parts[0], parts[1]);
        }
        if (TypeOf(op) == ScalarType.Double) return (Lower(op, null), -1);
        if (IsVaried(op))
        {
            _context.ReportUnsupportedExpression(op, "A '" + op.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' made a Complex", "convert it to double first: (double)x");
            return null;
        }
        return (Lower(op, null), -1);
    }

    private int Im((int Re, int Im) z) => z.Im >= 0 ? z.Im : Zero(ScalarType.Double);

    /// <summary>p[i] of a differentiated array or span of Complex or of a struct of reals: its components' elements (StructArrayParameters).</summary>
    private (bool Handled, int[]? Nodes) StructArrayElement(IOperation op)
    {
        var (arrayOp, index) = op switch
        {
            IArrayElementReferenceOperation { Indices.Length: 1 } e => (e.ArrayReference, e.Indices[0]),
            IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } a, Arguments.Length: 1 } p => (a, p.Arguments[0].Value),
            _ => ((IOperation?)null, (IOperation?)null),
        };
        // A parameter, or a local array of structs (StructArrayLocals).
        ISymbol? array = arrayOp switch
        {
            IParameterReferenceOperation a => a.Parameter,
            ILocalReferenceOperation a => a.Local,
            _ => null,
        };
        if (array is null || index is null || !_context.StructArrays.ContainsKey(array)) return (false, null);
        // Its components as they are now: versions, when the method stores into the array (StructArrayStores).
        var parts = _context.StructArrayParts(array);
        if (IsVaried(index))
        {
            _context.ReportUnsupportedExpression(index, "A differentiated index");
            return (true, null);
        }
        // p[^1]: the length of what carries the array (a local's component array, an inlined callee's caller array), not its
        // source name, which names nothing in the generated code for a local (natural15: CS0103 before).
        int length = _context.StructArrayLength(array);
        int slot = LowerIndex(index, _context.Nodes[length].Name, length);
        var components = RealStructs.Components(ValueKinds.CarriedArrayElement(LoweringContext.TypeOfVariable(array)!))!;
        return (true, parts.Select((part, k) => _context.AddGate(GateKind.Element, components[k].Type, components[k].Keyword, null, null, new[] { part, slot })).ToArray());
    }

    /// <summary>A varied Complex-valued operation: (true, parts) when it is an operator or function of Complex; (false, null) otherwise.</summary>
    private (bool Handled, int[]? Nodes) ComplexValue(IOperation op)
    {
        switch (op)
        {
            case IConversionOperation { OperatorMethod: { } method } when RealStructs.IsComplex(method.ContainingType):
                {
                    var z = ComplexOperand(op);
                    return (true, z is { } v ? new[] { v.Re, Im(v) } : null);
                }
            case IBinaryOperation { OperatorMethod: { } method } binary when RealStructs.IsComplex(method.ContainingType):
                return (true, ComplexBinary(binary.OperatorKind switch
                {
                    BinaryOperatorKind.Add => "Add",
                    BinaryOperatorKind.Subtract => "Subtract",
                    BinaryOperatorKind.Multiply => "Multiply",
                    BinaryOperatorKind.Divide => "Divide",
                    _ => "",
                }, binary.LeftOperand, binary.RightOperand, op));
            case IUnaryOperation { OperatorMethod: { } method } unary when RealStructs.IsComplex(method.ContainingType):
                {
                    var parts = LowerStruct(unary.Operand);
                    if (parts is null) return (true, null);
                    return (true, unary.OperatorKind == UnaryOperatorKind.Minus ? parts.Select(n => Gate(GateKind.Negate, n)).ToArray() : parts);
                }
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation when RealStructs.IsComplex(method.ContainingType):
                return ComplexFunction(invocation);
        }
        return (false, null);
    }

    private (bool, int[]?) ComplexFunction(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (invocation.Arguments.Any(a => a.Parameter is null || a.Parameter.RefKind != RefKind.None)) return (false, null);
        var args = invocation.Arguments.OrderBy(a => a.Parameter!.Ordinal).Select(a => a.Value).ToArray();
        if (args.Length == 2 && method.Name is "Add" or "Subtract" or "Multiply" or "Divide") return (true, ComplexBinary(method.Name, args[0], args[1], invocation));
        if (method.Name == "FromPolarCoordinates" && args.Length == 2)
        {
            // r (cos θ, sin θ).
            int r = Lower(args[0], null), theta = Lower(args[1], null);
            return (true, new[] { Gate(GateKind.Multiply, r, Gate(GateKind.Cos, theta)), Gate(GateKind.Multiply, r, Gate(GateKind.Sin, theta)) });
        }
        if (method.Name == "Pow" && args.Length == 2 && RealStructs.IsComplex(args[0].Type)) return (true, ComplexPow(args[0], args[1]));
        if (method.Name == "Log" && args.Length == 2 && RealStructs.IsComplex(args[0].Type) && TypeOf(args[1]) == ScalarType.Double)
        {
            // Log(z, b) = Log(z) / log b, as the BCL divides.
            var log = LowerStruct(args[0]) is { } v ? ComplexLog(v[0], v[1]) : null;
            if (log is null) return (true, null);
            int lb = Gate(GateKind.Log, Lower(args[1], null));
            return (true, new[] { Gate(GateKind.Divide, log[0], lb), Gate(GateKind.Divide, log[1], lb) });
        }
        if (args.Length != 1 || !RealStructs.IsComplex(args[0].Type)) return (false, null);
        switch (method.Name)
        {
            case "Negate" or "Conjugate" or "Exp" or "Log" or "Sqrt" or "Sin" or "Cos" or "Tan" or "Sinh" or "Cosh" or "Tanh" or "Log10" or "Reciprocal" or "Asin" or "Acos" or "Atan":
                break;
            default:
                return (false, null);
        }
        var z = LowerStruct(args[0]);
        if (z is null) return (true, null);
        int a = z[0], b = z[1];
        switch (method.Name)
        {
            case "Negate":
                return (true, new[] { Gate(GateKind.Negate, a), Gate(GateKind.Negate, b) });
            case "Conjugate":
                return (true, new[] { a, Gate(GateKind.Negate, b) });
            case "Exp":
                {
                    // e^a (cos b, sin b).
                    int e = Gate(GateKind.Exp, a);
                    return (true, new[] { Gate(GateKind.Multiply, e, Gate(GateKind.Cos, b)), Gate(GateKind.Multiply, e, Gate(GateKind.Sin, b)) });
                }
            case "Log":
                return (true, ComplexLog(a, b));
            case "Log10":
                {
                    // Log(z) / ln 10.
                    var log = ComplexLog(a, b);
                    int scale = _context.AddConstant(Helpers.Literals.Double(1 / System.Math.Log(10)), ScalarType.Double, "double", null, isAtom: true);
                    return (true, new[] { Gate(GateKind.Multiply, log[0], scale), Gate(GateKind.Multiply, log[1], scale) });
                }
            case "Reciprocal":
                {
                    // 1 / z = (a, −b) / (a² + b²); the BCL returns 0 at z = 0, where there is no derivative.
                    int den = Gate(GateKind.Add, Gate(GateKind.Multiply, a, a), Gate(GateKind.Multiply, b, b));
                    return (true, new[] { Gate(GateKind.Divide, a, den), Gate(GateKind.Negate, Gate(GateKind.Divide, b, den)) });
                }
            case "Sinh":
                // (sinh a cos b, cosh a sin b).
                return (true, new[] { Gate(GateKind.Multiply, Gate(GateKind.Sinh, a), Gate(GateKind.Cos, b)), Gate(GateKind.Multiply, Gate(GateKind.Cosh, a), Gate(GateKind.Sin, b)) });
            case "Cosh":
                // (cosh a cos b, sinh a sin b).
                return (true, new[] { Gate(GateKind.Multiply, Gate(GateKind.Cosh, a), Gate(GateKind.Cos, b)), Gate(GateKind.Multiply, Gate(GateKind.Sinh, a), Gate(GateKind.Sin, b)) });
            case "Tan" or "Tanh":
                {
                    // tan z = (sin 2a, sinh 2b) / (cos 2a + cosh 2b); tanh z = (sinh 2a, sin 2b) / (cosh 2a + cos 2b). The BCL
                    // rescales for |Im| > 4 (Tanh: |Re|); this form overflows to NaN only past |2b| ≈ 710.
                    int a2 = Gate(GateKind.Add, a, a), b2 = Gate(GateKind.Add, b, b);
                    bool tan = method.Name == "Tan";
                    int circular = tan ? a2 : b2, hyperbolic = tan ? b2 : a2;
                    int den = Gate(GateKind.Add, Gate(GateKind.Cos, circular), Gate(GateKind.Cosh, hyperbolic));
                    int sin = Gate(GateKind.Divide, Gate(GateKind.Sin, circular), den), sinh = Gate(GateKind.Divide, Gate(GateKind.Sinh, hyperbolic), den);
                    return (true, tan ? new[] { sin, sinh } : new[] { sinh, sin });
                }
            case "Sqrt":
                return (true, SqrtParts(a, b));
            case "Asin" or "Acos" or "Atan":
                return (true, ComplexInverse(method.Name, a, b));
            case "Sin":
                // (sin a cosh b, cos a sinh b).
                return (true, new[] { Gate(GateKind.Multiply, Gate(GateKind.Sin, a), Gate(GateKind.Cosh, b)), Gate(GateKind.Multiply, Gate(GateKind.Cos, a), Gate(GateKind.Sinh, b)) });
            default:
                // Cos: (cos a cosh b, −sin a sinh b).
                return (true, new[] { Gate(GateKind.Multiply, Gate(GateKind.Cos, a), Gate(GateKind.Cosh, b)), Gate(GateKind.Negate, Gate(GateKind.Multiply, Gate(GateKind.Sin, a), Gate(GateKind.Sinh, b))) });
        }
    }

    /// <summary>
    /// <c>Complex.Pow(z, w)</c> (w a Complex or a double) as the BCL computes it: with ρ = |z|, θ = arg z and w = c + di,
    /// t = ρ^c e^(−dθ) and φ = cθ + d ln ρ, the result is t (cos φ, sin φ). The BCL returns 1 for w = 0 and 0 for z = 0
    /// as special cases; the formula gives the same values there except at z = 0 with Re w ≤ 0 (a pole or 0^0 with a
    /// complex exponent), where no derivative exists.
    /// </summary>
    private int[]? ComplexPow(IOperation value, IOperation power)
    {
        var z = LowerStruct(value);
        if (z is null) return null;
        if (SmallPower(power) is { } n)
        {
            // z^n for n = 0 … 8 as products: the same function (the value may differ in the last bits, as the BCL goes
            // through polar form), and a gradient that is right at z = 0 too, where arg z has none.
            if (n == 0) return new[] { One(ScalarType.Double), Zero(ScalarType.Double) };
            var product = z;
            for (int k = 1; k < n; k++) product = MultiplyParts(product, z);
            return product;
        }
        var w = ComplexOperand(power);
        if (w is not { } p) return null;
        int rho = Magnitude(z[0], z[1]);
        int theta = Gate(GateKind.Atan2, z[1], z[0]);
        int t = Gate(GateKind.Pow, rho, p.Re);
        int phi = Gate(GateKind.Multiply, p.Re, theta);
        if (p.Im >= 0)
        {
            t = Gate(GateKind.Multiply, t, Gate(GateKind.Exp, Gate(GateKind.Negate, Gate(GateKind.Multiply, p.Im, theta))));
            phi = Gate(GateKind.Add, phi, Gate(GateKind.Multiply, p.Im, Gate(GateKind.Log, rho)));
        }
        return new[] { Gate(GateKind.Multiply, t, Gate(GateKind.Cos, phi)), Gate(GateKind.Multiply, t, Gate(GateKind.Sin, phi)) };
    }

    /// <summary>A constant real exponent that is a whole number from 0 to 8, or null.</summary>
    private static int? SmallPower(IOperation power)
    {
        if (RealStructs.IsComplex(power.Type) || power.ConstantValue is not { HasValue: true, Value: { } value }) return null;
        double n;
        try
        {
            n = System.Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (System.Exception e) when (e is System.InvalidCastException or System.FormatException or System.OverflowException)
        {
            return null;
        }
        return n >= 0 && n <= 8 && n == System.Math.Floor(n) ? (int)n : null;
    }

    /// <summary>(ac − bd, ad + bc).</summary>
    private int[] MultiplyParts(int[] p, int[] q) => new[]
    {
        Gate(GateKind.Subtract, Gate(GateKind.Multiply, p[0], q[0]), Gate(GateKind.Multiply, p[1], q[1])),
        Gate(GateKind.Add, Gate(GateKind.Multiply, p[0], q[1]), Gate(GateKind.Multiply, p[1], q[0])),
    };

    /// <summary><c>z += w</c>, <c>z *= 2.0</c>, …: the operator on the target's current value.</summary>
    public int[]? LowerComplexCompound(ICompoundAssignmentOperation compound) => ComplexBinary(compound.OperatorKind switch
    {
        BinaryOperatorKind.Add => "Add",
        BinaryOperatorKind.Subtract => "Subtract",
        BinaryOperatorKind.Multiply => "Multiply",
        BinaryOperatorKind.Divide => "Divide",
        _ => "",
    }, compound.Target, compound.Value, compound);

    /// <summary>x ∘ y for Complex (or a double on either side, which has no imaginary part).</summary>
    private int[]? ComplexBinary(string name, IOperation left, IOperation right, IOperation at)
    {
        if (name.Length == 0)
        {
            _context.ReportUnsupportedExpression(at, "This operator on Complex");
            return null;
        }
        var x = ComplexOperand(left);
        var y = ComplexOperand(right);
        if (x is not { } p || y is not { } q) return null;
        switch (name)
        {
            case "Add" or "Subtract":
                {
                    var gate = name == "Add" ? GateKind.Add : GateKind.Subtract;
                    int re = Gate(gate, p.Re, q.Re);
                    int im = p.Im >= 0 && q.Im >= 0 ? Gate(gate, p.Im, q.Im) : p.Im >= 0 ? p.Im : q.Im < 0 ? Zero(ScalarType.Double) : gate == GateKind.Add ? q.Im : Gate(GateKind.Negate, q.Im);
                    return new[] { re, im };
                }
            case "Multiply":
                if (q.Im < 0) return new[] { Gate(GateKind.Multiply, p.Re, q.Re), Gate(GateKind.Multiply, Im(p), q.Re) };
                if (p.Im < 0) return new[] { Gate(GateKind.Multiply, p.Re, q.Re), Gate(GateKind.Multiply, p.Re, q.Im) };
                // (ac − bd, ad + bc).
                return new[]
                {
                    Gate(GateKind.Subtract, Gate(GateKind.Multiply, p.Re, q.Re), Gate(GateKind.Multiply, p.Im, q.Im)),
                    Gate(GateKind.Add, Gate(GateKind.Multiply, p.Re, q.Im), Gate(GateKind.Multiply, p.Im, q.Re)),
                };
            default:
                {
                    if (q.Im < 0) return new[] { Gate(GateKind.Divide, p.Re, q.Re), Gate(GateKind.Divide, Im(p), q.Re) };
                    // ((ac + bd) + (bc − ad) i) / (c² + d²); the BCL scales (Smith's algorithm), which changes the value in
                    // the last bits only, not the function.
                    int a = p.Re, b = Im(p), c = q.Re, d = q.Im;
                    int den = Gate(GateKind.Add, Gate(GateKind.Multiply, c, c), Gate(GateKind.Multiply, d, d));
                    int re = Gate(GateKind.Add, Gate(GateKind.Multiply, a, c), Gate(GateKind.Multiply, b, d));
                    int im = Gate(GateKind.Subtract, Gate(GateKind.Multiply, b, c), Gate(GateKind.Multiply, a, d));
                    return new[] { Gate(GateKind.Divide, re, den), Gate(GateKind.Divide, im, den) };
                }
        }
    }

    /// <summary>
    /// The principal root √|z| (cos φ/2, sin φ/2), φ = arg z ∈ (−π, π]: the BCL's branch cut, and no cancellation in the
    /// gradient near the real axis (the (|z| ± a)/2 form has one).
    /// </summary>
    private int[] SqrtParts(int a, int b)
    {
        int m = Gate(GateKind.Sqrt, Magnitude(a, b));
        int half = Gate(GateKind.Multiply, Gate(GateKind.Atan2, b, a), Constant(0.5));
        return new[] { Gate(GateKind.Multiply, m, Gate(GateKind.Cos, half)), Gate(GateKind.Multiply, m, Gate(GateKind.Sin, half)) };
    }

    private int Constant(double value) => _context.AddConstant(Helpers.Literals.Double(value), ScalarType.Double, "double", null, isAtom: true);

    /// <summary>
    /// Asin, Acos and Atan of z = a + bi, in forms that are smooth off the branch cuts (so the gradient is the real one of
    /// f′ = 1/√(1 − z²), −1/√(1 − z²), 1/(1 + z²)) and give the BCL's values. Asin and Acos are Kahan's ("Branch cuts for
    /// complex elementary functions", 1987), over p = √(1 − z) and q = √(1 + z):
    /// asin z = (atan2(a, Re(p·q)), asinh(Im(conj(p)·q))), acos z = (2 atan2(Re p, Re q), asinh(Im(conj(q)·p))).
    /// Atan is (i/2)(log(1 − iz) − log(1 + iz)) in real form: (½(atan2(a, 1 − b) + atan2(a, 1 + b)), ¼ log(1 + 4b/((1 − b)² + a²))).
    /// On a cut (real |a| &gt; 1 for Asin/Acos, imaginary |b| &gt; 1 for Atan) the BCL ignores the sign of a zero part and
    /// returns one side's value (Asin: of Im z &gt; 0; Acos: of Im z &lt; 0; Atan: of Re z &gt; 0 above i, Re z &lt; 0 below
    /// −i): the zero part is normalised to that side's sign, so value and gradient are that side's (one-sided: the two
    /// sides' values differ).
    /// </summary>
    private int[] ComplexInverse(string name, int a, int b)
    {
        int zero = Constant(0.0), one = Constant(1.0);
        if (name == "Atan")
        {
            // Each atan2 jumps on one cut only: the first (1 − b < 0) on b > 1, where a + 0.0 takes a zero a as +0 (the
            // side Re z > 0, as the BCL); the second on b < −1, where −(−a + 0.0) takes it as −0 (the side Re z < 0).
            int upper = Gate(GateKind.Add, a, zero), lower = Gate(GateKind.Negate, Gate(GateKind.Add, Gate(GateKind.Negate, a), zero));
            int re = Gate(GateKind.Multiply, Constant(0.5), Gate(GateKind.Add, Gate(GateKind.Atan2, upper, Gate(GateKind.Subtract, one, b)), Gate(GateKind.Atan2, lower, Gate(GateKind.Add, one, b))));
            int oneMinusB = Gate(GateKind.Subtract, one, b);
            int den = Gate(GateKind.Add, Gate(GateKind.Multiply, oneMinusB, oneMinusB), Gate(GateKind.Multiply, a, a));
            int ratio = Gate(GateKind.Divide, Gate(GateKind.Multiply, Constant(4.0), b), den);
            return new[] { re, Gate(GateKind.Multiply, Constant(0.25), LogOnePlus(ratio)) };
        }
        bool asin = name == "Asin";
        // Asin takes a zero b as +0 (b + 0.0), Acos as −0 (−(−b + 0.0)): the sides whose values the BCL returns on the cut.
        int side = asin ? Gate(GateKind.Add, b, zero) : Gate(GateKind.Negate, Gate(GateKind.Add, Gate(GateKind.Negate, b), zero));
        var p = SqrtParts(Gate(GateKind.Subtract, one, a), Gate(GateKind.Negate, side));
        var q = SqrtParts(Gate(GateKind.Add, one, a), side);
        if (asin)
        {
            int re = Gate(GateKind.Atan2, a, Gate(GateKind.Subtract, Gate(GateKind.Multiply, p[0], q[0]), Gate(GateKind.Multiply, p[1], q[1])));
            int im = Asinh(Gate(GateKind.Subtract, Gate(GateKind.Multiply, p[0], q[1]), Gate(GateKind.Multiply, p[1], q[0])));
            return new[] { re, im };
        }
        int angle = Gate(GateKind.Atan2, p[0], q[0]);
        return new[] { Gate(GateKind.Add, angle, angle), Asinh(Gate(GateKind.Subtract, Gate(GateKind.Multiply, q[0], p[1]), Gate(GateKind.Multiply, q[1], p[0]))) };
    }

    /// <summary>asinh x: Math.Asinh where the target has it (.NET Core 3+), else log(x + √(x² + 1)) (the same derivative, less accurate for large negative x).</summary>
    private int Asinh(int x)
    {
        if (_compilation.GetTypeByMetadataName("System.Math")?.GetMembers("Asinh").Any() == true) return Gate(GateKind.Asinh, x);
        return Gate(GateKind.Log, Gate(GateKind.Add, x, Gate(GateKind.Sqrt, Gate(GateKind.Add, Gate(GateKind.Multiply, x, x), Constant(1.0)))));
    }

    /// <summary>log(1 + x): double.LogP1 where the target has it (.NET 7+), else Log(1 + x).</summary>
    private int LogOnePlus(int x)
    {
        var real = _compilation.GetSpecialType(SpecialType.System_Double);
        if (real.GetMembers("LogP1").Any()) return Gate(GateKind.LogP1, x);
        return Gate(GateKind.Log, Gate(GateKind.Add, Constant(1.0), x));
    }

    /// <summary>log z = (log |z|, arg z), as the BCL computes it.</summary>
    private int[] ComplexLog(int a, int b) => new[] { Gate(GateKind.Log, Magnitude(a, b)), Gate(GateKind.Atan2, b, a) };

    /// <summary>|z|: double.Hypot where the target has it (as Complex.Abs, no overflow), else √(a² + b²).</summary>
    private int Magnitude(int a, int b)
    {
        var real = _compilation.GetSpecialType(SpecialType.System_Double);
        if (real.GetMembers("Hypot").Any()) return Gate(GateKind.Hypot, a, b);
        return Gate(GateKind.Sqrt, Gate(GateKind.Add, Gate(GateKind.Multiply, a, a), Gate(GateKind.Multiply, b, b)));
    }

    /// <summary>The real-valued reads of a Complex: <c>Magnitude</c>, <c>Phase</c>, <c>Complex.Abs(z)</c>; -2 when <paramref name="op"/> is none of them.</summary>
    private int ComplexScalar(IOperation op, string? userName)
    {
        IOperation? z = op switch
        {
            IPropertyReferenceOperation { Property: { Name: "Magnitude" or "Phase", IsStatic: false } p, Instance: { } instance } when RealStructs.IsComplex(p.ContainingType) => instance,
            IInvocationOperation { TargetMethod: { Name: "Abs", IsStatic: true } m, Arguments.Length: 1 } call when RealStructs.IsComplex(m.ContainingType) => call.Arguments[0].Value,
            _ => null,
        };
        if (z is null) return -2;
        var parts = LowerStruct(z);
        if (parts is null) return Placeholder(op);
        int result = op is IPropertyReferenceOperation { Property.Name: "Phase" } ? Gate(GateKind.Atan2, parts[1], parts[0]) : Magnitude(parts[0], parts[1]);
        return Named(result, userName, op);
    }
}
