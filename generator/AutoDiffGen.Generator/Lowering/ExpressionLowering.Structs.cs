using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Structs of reals (System.Numerics.Vector2/3/4, user structs and record structs of double/float): a struct value
/// is one scalar node per component (<see cref="RealStructs.Components"/>). Constructors, <c>with</c>, the
/// System.Numerics operators and methods are compositions of scalar gates; a member read picks a component.
/// Anything else that makes a struct from a differentiated value is reported, never taken as a constant.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>The components of a struct-valued expression, in <see cref="RealStructs.Components"/> order; null after a diagnostic.</summary>
    public int[]? LowerStruct(IOperation op)
    {
        var components = RealStructs.Components(op.Type);
        if (components is null)
        {
            _context.ReportUnsupportedExpression(op, "A value of the struct '" + op.Type?.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "'",
                "a struct is differentiated when every instance member is a settable double/float field or auto-property (or such a struct)");
            return null;
        }
        // A local function or lambda local returning a struct or tuple is inlined, constant arguments or not: the Backward cannot call it.
        if (op is IInvocationOperation local && StatementLowering.IsInlinedCall(local) && _context.InlineStructCall is { } inline) return inline(local);
        if (StructArrayElement(op) is { Handled: true } element) return element.Nodes;
        if (op is IInstanceReferenceOperation && InlinedReceiver(op.Type) is { } self) return self;
        if (op is IPropertyReferenceOperation { Property: var computed } && !RealStructs.IsComponentMember(computed) && IsVaried(op) && InlineComputedStruct(op) is { Handled: true } computedValue) return computedValue.Nodes;
        if (StructPaths.TryGet(op, out var variable, out var path) && _context.IsCarriedStruct(variable))
        {
            var all = RealStructs.Components(LoweringContext.TypeOfVariable(variable))!;
            var nodes = StructPaths.Under(all, path).Select(i => _context.Current(_context.Component(variable, all[i].Path))).ToArray();
            if (nodes.Any(n => n < 0))
            {
                // A local whose write was reported (OutCallRefusals): that error says it all.
                if (!_context.IsRejected(variable)) _context.ReportUnsupportedExpression(op, "a read of a struct before all its members are assigned");
                return null;
            }
            return nodes;
        }
        if (RealStructs.IsRealTuple(op.Type) && TupleValue(op, components) is { Handled: true } tuple) return tuple.Nodes;
        if (NullableParts(op) is { Handled: true } nullable) return nullable.Nodes;
        switch (op)
        {
            case IConversionOperation { OperatorMethod: null } conversion when SymbolEqualityComparer.Default.Equals(conversion.Type, conversion.Operand.Type):
                return LowerStruct(conversion.Operand);
            case IDefaultValueOperation:
                return components.Select(c => _context.ZeroComponent(c)).ToArray();
            case IObjectCreationOperation creation:
                return Creation(creation, components);
            case IWithOperation with:
                {
                    var operand = LowerStruct(with.Operand);
                    return operand is null ? null : Initialize(operand, components, with.Initializer);
                }
            case IFieldReferenceOperation or IPropertyReferenceOperation when IsReceiverMember(op, out var receiver, out _) && InlinedReceiver(receiver.Type) is not null:
                return Member(receiver, ((IMemberReferenceOperation)op).Member.Name, op);
            case IFieldReferenceOperation or IPropertyReferenceOperation when StateSymbol(op) is { } state && IsVaried(op):
                StateMember(state, op, null); // a struct member of the object under WithRespectToThis: reported
                return null;
            case IFieldReferenceOperation { Instance: { } instance } field when RealStructs.IsRealStruct(instance.Type):
                return Member(instance, RealStructs.MemberName(field.Field), op);
            case IPropertyReferenceOperation { Instance: { } instance } property when RealStructs.IsRealStruct(instance.Type) && RealStructs.IsComponentMember(property.Property):
                return Member(instance, property.Property.Name, op);
            case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                return Conditional(conditional, whenFalse, components);
        }
        switch (op)
        {
            case IBinaryOperation { OperatorMethod: { } userBinary } binary when InlineStructOperator(userBinary, new[] { binary.LeftOperand, binary.RightOperand }, op) is { Handled: true } inlined:
                return inlined.Nodes;
            case IUnaryOperation { OperatorMethod: { } userUnary } unary when InlineStructOperator(userUnary, new[] { unary.Operand }, op) is { Handled: true } inlinedUnary:
                return inlinedUnary.Nodes;
            case IConversionOperation { OperatorMethod: { } userConversion } conversion when ConversionArguments(conversion) is { } converted && InlineStructOperator(userConversion, converted, op) is { Handled: true } inlinedConversion:
                return inlinedConversion.Nodes;
            case IBinaryOperation { OperatorMethod: { } method } binary when RealStructs.IsNumericsVector(method.ContainingType):
                return VectorBinary(binary.OperatorKind, binary.LeftOperand, binary.RightOperand, op);
            case IUnaryOperation { OperatorMethod: { } method, OperatorKind: UnaryOperatorKind.Minus } unary when RealStructs.IsNumericsVector(method.ContainingType):
                {
                    var operand = LowerStruct(unary.Operand);
                    return operand?.Select(n => Gate(GateKind.Negate, n)).ToArray();
                }
            case IUnaryOperation { OperatorMethod: { } method, OperatorKind: UnaryOperatorKind.Plus } unary when RealStructs.IsNumericsVector(method.ContainingType):
                return LowerStruct(unary.Operand);
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation when RealStructs.IsNumericsVector(method.ContainingType) && VectorMethod(invocation) is var result && result.Handled:
                return result.Nodes;
            // Quaternion and Matrix3x2 (structs14) on a differentiated value; over constants they are evaluated as written.
            case IBinaryOperation { OperatorMethod: { } method } binary when RealStructs.IsNumericsTransform(method.ContainingType) && IsVaried(op):
                return TransformBinary(binary.OperatorKind, binary.LeftOperand, binary.RightOperand, op, method.ContainingType.Name + "." + method.Name);
            case IUnaryOperation { OperatorMethod: { } method, OperatorKind: UnaryOperatorKind.Minus } unary when RealStructs.IsNumericsTransform(method.ContainingType) && IsVaried(op):
                return LowerStruct(unary.Operand)?.Select(n => Gate(GateKind.Negate, n)).ToArray();
            case IInvocationOperation { TargetMethod: { IsStatic: true } method } invocation when RealStructs.IsNumericsTransform(method.ContainingType) && IsVaried(op):
                return TransformMethod(invocation);
            case IPropertyReferenceOperation when IsVaried(op) && MatrixTranslation(op) is { } translation:
                return translation;
        }
        if (op is IInvocationOperation instanceCall && (IsVaried(op) || IsMutatingCall(instanceCall)) && InlineInstanceStruct(instanceCall) is { Handled: true } inlinedMethod) return inlinedMethod.Nodes;
        // A plain helper of this object returning a struct (hunt16: OpenTK's Bezier curves' CalculatePoint(t)): inlined as a real-valued one is.
        if (op is IInvocationOperation thisCall && IsVaried(op) && InlineThisStruct(thisCall) is { Handled: true } inlinedThis) return inlinedThis.Nodes;
        // A plain helper returning a struct (structs14): its body inlined for the components, as a tuple helper's is.
        if (op is IInvocationOperation plainCall && IsVaried(op) && InlinePlainStructHelper(plainCall) is { } plainParts) return plainParts.Length == 0 ? null : plainParts;
        if (op is IInvocationOperation objectCall && IsVaried(op) && InlinePlainObjectHelper(objectCall) is { } objectParts) return objectParts.Length == 0 ? null : objectParts;
        if (op is IInvocationOperation structCall && (IsDifferentiableStructCallee(structCall.TargetMethod) || IsStructReceiverCall(structCall.TargetMethod, structCall.Instance)) && IsVaried(op))
        {
            return StructCall(structCall, components);
        }
        if (RealStructs.IsComplex(op.Type) && op is IBinaryOperation or IUnaryOperation && ComplexValue(op) is { Handled: true } parts)
        {
            // A Complex operator is lowered on the parts even over constants (a local set from Complex.Zero and then
            // from a parameter, z = z * z + c, in a loop too), as System.Numerics vector operators are: over constants
            // the parts are constant text.
            return parts.Nodes;
        }
        if (!IsVaried(op))
        {
            // A constant struct (Vector2.UnitX, a static field, a call that reads no differentiated value): computed once, read per member.
            string? text = _renderer.Render(op);
            if (text is null) return null;
            if (_context.LoopDepth > 0 && components.All(c => c.Type is ScalarType.Double or ScalarType.Float || c.IsDiscrete))
            {
                // In a loop a constant may change per iteration (Complex.Exp(new Complex(0, -2 * Math.PI * k * t / n))): each
                // member is then its own scalar constant, which the tapes hold; the struct has none. The text is evaluated once per member.
                return components.Select(c => _context.AddConstant("(" + text + ")." + c.Path, c.Type, c.Keyword, null, isAtom: false, _renderer.Dependencies)).ToArray();
            }
            int whole = _context.AddConstant(text, ScalarType.Other, op.Type!.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, _renderer.Dependencies);
            string name = _context.Nodes[whole].Name;
            return components.Select(c => _context.AddConstant(name + "." + c.Path, c.Type, c.Keyword, null, isAtom: true, new[] { whole })).ToArray();
        }
        if (RealStructs.IsComplex(op.Type) && ComplexValue(op) is { Handled: true } complex) return complex.Nodes;
        switch (op)
        {
            case IInvocationOperation { TargetMethod.ContainingType: var complexType } when RealStructs.IsComplex(complexType):
                _context.ReportUnsupportedExpression(op, "The Complex function '" + ((IInvocationOperation)op).TargetMethod.Name + "' on a differentiated value",
                    "AutoDiffGen differentiates Complex operators, Conjugate, Exp, Log, Log10, Sqrt, Pow, Sin, Cos, Tan, Asin, Acos, Atan, Sinh, Cosh, Tanh, Reciprocal and FromPolarCoordinates: write it with those "
                    + "(MaxMagnitude(z, w) as z.Magnitude >= w.Magnitude ? z : w, …) or as a [Differentiable] helper that takes and returns Complex");
                return null;
            case IInvocationOperation:
                _context.ReportUnsupportedExpression(op, "A call that returns the struct '" + op.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' from a differentiated value",
                    "compute the members with System.Numerics operators, a constructor or an object initializer, or return each member from its own [Differentiable] helper as a double/float: "
                    + "a call that returns a struct (its derivative is a Jacobian) is not differentiated inside another method yet, even when the callee is a [Differentiable] vector-valued method");
                return null;
            default:
                _context.ReportUnsupportedExpression(op, null);
                return null;
        }
    }

    /// <summary>A real member of a struct-valued expression (<c>v.X</c>, <c>(a + b).Y</c>, <c>Vector2.Normalize(v).X</c>): a scalar node.</summary>
    private int StructMember(IOperation instance, ISymbol member, IOperation at, string? userName)
    {
        var values = Member(instance, RealStructs.MemberName(member), at);
        if (values is null || values.Length != 1) return Placeholder(at);
        return Named(values[0], userName, at);
    }

    /// <summary>The components of <c>instance.member</c>: one for a real member, several for a nested struct.</summary>
    private int[]? Member(IOperation instance, string member, IOperation at)
    {
        var all = RealStructs.Components(instance.Type)!;
        var values = LowerStruct(instance);
        if (values is null) return null;
        var indices = StructPaths.Under(all, member);
        if (indices.Count == 0)
        {
            _context.ReportUnsupportedExpression(at, "A member of a struct that is not one of its fields");
            return null;
        }
        return indices.Select(i => values[i]).ToArray();
    }

    /// <summary>A scalar read under a user's name gets a node of its own, as a local copied from another value does.</summary>
    private int Named(int node, string? userName, IOperation at)
    {
        if (userName is null) return node;
        var n = _context.Nodes[node];
        return n.Varied ? _context.AddGate(GateKind.Copy, n.Type, userName, node) : _context.AddConstant(n.Name, n.Type, n.TypeName, userName, isAtom: false, new[] { node });
    }

    private int Zero(ScalarType type) => _context.AddConstant(ScalarLiterals.Zero(type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);

    private int One(ScalarType type) => _context.AddConstant(ScalarLiterals.One(type), type, ScalarLiterals.TypeKeyword(type), null, isAtom: true);

    /// <summary>
    /// A scalar gate over components. Over constants only it is C# text instead: a gate is for values with adjoints.
    /// </summary>
    private int Gate(GateKind gate, params int[] inputs)
    {
        var type = _context.Nodes[inputs[0]].Type;
        if (inputs.Any(i => _context.Nodes[i].Varied)) return _context.AddGate(gate, type, null, inputs);
        string A(int k) => "(" + _context.Nodes[inputs[k]].Name + ")";
        string math = ScalarLiterals.MathClass(type);
        string text = gate switch
        {
            GateKind.Add => A(0) + " + " + A(1),
            GateKind.Subtract => A(0) + " - " + A(1),
            GateKind.Multiply => A(0) + " * " + A(1),
            GateKind.Divide => A(0) + " / " + A(1),
            GateKind.Negate => "-" + A(0),
            GateKind.Reciprocal => ScalarLiterals.One(type) + " / " + A(0),
            GateKind.Sqrt => math + ".Sqrt" + A(0),
            GateKind.Abs => math + ".Abs" + A(0),
            GateKind.Max => math + ".Max(" + A(0) + ", " + A(1) + ")",
            GateKind.Min => math + ".Min(" + A(0) + ", " + A(1) + ")",
            GateKind.Exp => math + ".Exp" + A(0),
            GateKind.Log => math + ".Log" + A(0),
            GateKind.Sin => math + ".Sin" + A(0),
            GateKind.Cos => math + ".Cos" + A(0),
            GateKind.Acos => math + ".Acos" + A(0),
            GateKind.Sinh => math + ".Sinh" + A(0),
            GateKind.Cosh => math + ".Cosh" + A(0),
            GateKind.Atan2 => math + ".Atan2(" + A(0) + ", " + A(1) + ")",
            GateKind.Hypot => ScalarLiterals.TypeKeyword(type) + ".Hypot(" + A(0) + ", " + A(1) + ")",
            GateKind.Asinh => math + ".Asinh" + A(0),
            GateKind.LogP1 => ScalarLiterals.TypeKeyword(type) + ".LogP1" + A(0),
            _ => throw new System.InvalidOperationException("no constant text for " + gate),
        };
        return _context.AddConstant(text, type, ScalarLiterals.TypeKeyword(type), null, isAtom: false, inputs);
    }

    private int[]? Creation(IObjectCreationOperation creation, IReadOnlyList<StructComponent> components)
    {
        var constructor = creation.Constructor;
        int[]? values;
        if (constructor is null || constructor.Parameters.Length == 0 && constructor.IsImplicitlyDeclared)
        {
            // new S() without a parameterless constructor of its own is default(S); one with a body runs it (below).
            values = components.Select(c => _context.ZeroComponent(c)).ToArray();
        }
        else if (RealStructs.IsNumericsVector(creation.Type))
        {
            // new Vector3(x, y, z), new Vector3(xy, z), new Vector2(s) (every member s).
            var flat = new List<int>();
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter is null || argument.Parameter.RefKind != RefKind.None) return UnsupportedCreation(creation);
                if (RealStructs.IsRealStruct(argument.Value.Type))
                {
                    var inner = LowerStruct(argument.Value);
                    if (inner is null) return null;
                    flat.AddRange(inner);
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
            values = flat.Count == components.Count ? flat.ToArray()
                : flat.Count == 1 ? Enumerable.Repeat(flat[0], components.Count).ToArray()
                : UnsupportedCreation(creation);
            if (values is null) return null;
        }
        else if (RealStructs.IsNumericsTransform(creation.Type) && IsVaried(creation))
        {
            // new Quaternion(x, y, z, w), new Matrix3x2(…) from differentiated values (over constants: as written, below).
            values = TransformCreation(creation);
            if (values is null) return null;
        }
        else if (RealStructs.IsComplex(creation.Type) && constructor.Parameters.Length == 2 && creation.Arguments.All(a => a.Parameter is { RefKind: RefKind.None }))
        {
            // new Complex(re, im).
            values = creation.Arguments.OrderBy(a => a.Parameter!.Ordinal).Select(a => Lower(a.Value, null)).ToArray();
        }
        else if (IsPrimaryConstructor(constructor) || IsMemberwiseConstructor(constructor))
        {
            // record struct P(double X, double Y): each parameter is the property of its name; a constructor that only
            // assigns each member its parameter (a readonly struct's) likewise sets the member it assigns.
            values = new int[components.Count];
            for (int i = 0; i < values.Length; i++) values[i] = -1;
            foreach (var argument in creation.Arguments.OrderBy(a => a.Syntax.SpanStart))
            {
                if (argument.Parameter is null || argument.Parameter.RefKind != RefKind.None || argument.ArgumentKind != ArgumentKind.Explicit && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return UnsupportedCreation(creation);
                }
                var indices = StructPaths.Under(components, ConstructedMember(constructor, argument.Parameter));
                int[]? parts = MemberParts(argument.Value);
                if (parts is null || parts.Length != indices.Count || indices.Count == 0) return UnsupportedCreation(creation);
                for (int k = 0; k < indices.Count; k++) values[indices[k]] = parts[k];
            }
            if (values.Any(v => v < 0)) return UnsupportedCreation(creation);
        }
        else if (IsVaried(creation) && ConstructorSteps(constructor) is { } steps)
        {
            // A constructor with a body of member assignments: inlined (ExpressionLowering.ConstructorBodies.cs).
            values = InlineConstructor(creation, constructor, steps, components);
            if (values is null) return null;
        }
        else if (!IsVaried(creation))
        {
            // Another constructor, over constants: its body runs as written.
            var arguments = new List<int>();
            foreach (var argument in creation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0))
            {
                if (argument.Parameter is null || argument.Parameter.RefKind != RefKind.None || argument.ArgumentKind != ArgumentKind.Explicit) return UnsupportedCreation(creation);
                arguments.Add(Lower(argument.Value, null));
            }
            int whole = _context.AddConstant("new " + creation.Type!.ToDisplayString(SymbolNames.TypeFormat) + "(" + string.Join(", ", arguments.Select(a => _context.Nodes[a].Name)) + ")",
                ScalarType.Other, creation.Type!.ToDisplayString(SymbolNames.TypeFormat), null, isAtom: false, arguments);
            string name = _context.Nodes[whole].Name;
            values = components.Select(c => _context.AddConstant(name + "." + c.Path, c.Type, c.Keyword, null, isAtom: true, new[] { whole })).ToArray();
        }
        else
        {
            return UnsupportedCreation(creation);
        }
        return creation.Initializer is null ? values : Initialize(values, components, creation.Initializer);
    }

    private int[]? UnsupportedCreation(IObjectCreationOperation creation)
    {
        _context.ReportUnsupportedExpression(creation, "A constructor of the struct '" + creation.Type!.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat) + "' the generator cannot read",
            "the generator reads a constructor body only when each statement assigns a member (X = …; this.Y = …;): write it so, or create it with an object initializer (new P { X = …, Y = … }), a record struct's primary constructor, or a System.Numerics constructor taking each member");
        return null;
    }

    /// <summary>A constructor whose body only assigns each member its parameter (<see cref="StructConstructors.Memberwise"/>).</summary>
    private static bool IsMemberwiseConstructor(IMethodSymbol constructor) =>
        StructConstructors.Memberwise(constructor.ContainingType) is { } m && SymbolEqualityComparer.Default.Equals(m.Constructor, constructor);

    /// <summary>The member a constructor's parameter sets: a memberwise constructor's by its body, a primary one's by name.</summary>
    private static string ConstructedMember(IMethodSymbol constructor, IParameterSymbol parameter) =>
        StructConstructors.Memberwise(constructor.ContainingType) is { } m && SymbolEqualityComparer.Default.Equals(m.Constructor, constructor) ? m.Members[parameter.Ordinal].Name : parameter.Name;

    /// <summary>
    /// The primary constructor of a record: its parameters are the properties of their names, when the compiler made them
    /// (a property the user declares, <c>public double M { get; } = 2 * M;</c>, holds what its initializer computes).
    /// </summary>
    private static bool IsPrimaryConstructor(IMethodSymbol constructor) =>
        constructor.ContainingType.IsRecord && constructor.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is RecordDeclarationSyntax)
        && constructor.Parameters.All(p => constructor.ContainingType.GetMembers(p.Name).Any(m => m is IPropertySymbol { IsImplicitlyDeclared: true }));

    /// <summary>{ X = …, Start = … } of an object initializer or a 'with': each member assigned takes its value, in order.</summary>
    private int[]? Initialize(int[] values, IReadOnlyList<StructComponent> components, IObjectOrCollectionInitializerOperation initializer)
    {
        values = (int[])values.Clone();
        foreach (var item in initializer.Initializers)
        {
            if (item is not ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: IInstanceReferenceOperation, Member: var member } } assignment
                || !RealStructs.IsComponentMember(member))
            {
                _context.ReportUnsupportedExpression(item, "This member initializer", "assign each real member of the struct a value: X = …");
                return null;
            }
            var indices = StructPaths.Under(components, member.Name);
            int[]? parts = MemberParts(assignment.Value);
            if (parts is null) return null;
            if (parts.Length != indices.Count || indices.Count == 0)
            {
                _context.ReportUnsupportedExpression(item, "This member initializer", "assign each real member of the struct a value: X = …");
                return null;
            }
            for (int k = 0; k < indices.Count; k++) values[indices[k]] = parts[k];
        }
        return values;
    }

    /// <summary>
    /// The components a constructor argument or a member initializer gives its member: a struct's, a real's node, or a
    /// discrete member's value (<c>Id = 3</c>, <c>Label = y</c>: a constant for differentiation); null when it is none of these.
    /// </summary>
    private int[]? MemberParts(IOperation value) =>
        RealStructs.IsRealStruct(value.Type) ? LowerStruct(value)
        : TypeOf(value) is ScalarType.Float or ScalarType.Double || RealStructs.IsDiscrete(value.Type) ? new[] { Lower(value, null) } : null;

    /// <summary>c ? a : b between structs: one branch of the graph with a phi per component.</summary>
    private int[]? Conditional(IConditionalOperation conditional, IOperation whenFalse, IReadOnlyList<StructComponent> components)
    {
        var renderer = new ConstantRenderer(_context);
        string? test = renderer.Render(conditional.Condition);
        if (test is null) return null;
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, renderer.Dependencies);
        _context.OpenBlock();
        var a = LowerStruct(conditional.WhenTrue);
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var b = LowerStruct(whenFalse);
        var otherwise = _context.CloseBlock();
        if (a is null || b is null) return null;
        var phis = new int[components.Count];
        for (int i = 0; i < phis.Length; i++)
        {
            var type = components[i].Type;
            phis[i] = _context.AddPhi(type, components[i].Keyword, _context.Names.Fresh("choice"), _context.Nodes[a[i]].Varied || _context.Nodes[b[i]].Varied, a[i], b[i]);
        }
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(phis), Describe.Source(conditional.Condition.Syntax) + " ? … : …"));
        return phis;
    }

    /// <summary>v += w, v *= s (System.Numerics operators): the new components.</summary>
    public int[]? LowerCompound(ICompoundAssignmentOperation compound) =>
        compound.OperatorMethod is { } method && RealStructs.IsNumericsTransform(method.ContainingType)
            ? TransformBinary(compound.OperatorKind, compound.Target, compound.Value, compound, method.ContainingType.Name + "." + method.Name)
            : VectorBinary(compound.OperatorKind, compound.Target, compound.Value, compound);

    /// <summary>a + b, a - b, a * b, a / b component-wise; v * s, s * v and v / s with a scalar.</summary>
    private int[]? VectorBinary(BinaryOperatorKind kind, IOperation left, IOperation right, IOperation at)
    {
        GateKind? gate = GateNames.Arithmetic(kind);
        if (gate is null)
        {
            _context.ReportUnsupportedExpression(at, null);
            return null;
        }
        return Componentwise(gate.Value, left, right, at);
    }

    private int[]? Componentwise(GateKind gate, IOperation left, IOperation right, IOperation at)
    {
        bool leftVector = RealStructs.IsRealStruct(left.Type), rightVector = RealStructs.IsRealStruct(right.Type);
        int[]? l = leftVector ? LowerStruct(left) : null;
        int[]? r = rightVector ? LowerStruct(right) : null;
        int scalarLeft = leftVector ? -1 : Lower(left, null);
        int scalarRight = rightVector ? -1 : Lower(right, null);
        if (leftVector && l is null || rightVector && r is null) return null;
        int count = (l ?? r)!.Length;
        if (l is not null && r is not null && l.Length != r.Length)
        {
            _context.ReportUnsupportedExpression(at, null);
            return null;
        }
        var result = new int[count];
        for (int i = 0; i < count; i++) result[i] = Gate(gate, l?[i] ?? scalarLeft, r?[i] ?? scalarRight);
        return result;
    }

    /// <summary>The System.Numerics methods that return a vector, as compositions of scalar gates.</summary>
    private (bool Handled, int[]? Nodes) VectorMethod(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        var args = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).Select(a => a.Value).ToArray();
        if (invocation.Arguments.Any(a => a.Parameter is null || a.Parameter.RefKind != RefKind.None)) return (false, null);
        switch (method.Name, args.Length)
        {
            case ("Transform" or "TransformNormal", 2) when RealStructs.IsRealStruct(args[1].Type) && IsVaried(invocation):
                // By a Quaternion or a Matrix3x2 (structs14), by a Matrix4x4 (idioms18b); a Vector2 by a Quaternion: reported, naming it.
                if (VectorTransform(invocation, args[0], args[1]) is { Handled: true } transformed) return transformed;
                return (true, ReportTransformMember(invocation, method.ContainingType.Name + "." + method.Name + "(" + args[0].Type?.Name + ", " + args[1].Type?.Name + ")"));
            case ("Add", 2):
                return (true, Componentwise(GateKind.Add, args[0], args[1], invocation));
            case ("Subtract", 2):
                return (true, Componentwise(GateKind.Subtract, args[0], args[1], invocation));
            case ("Multiply", 2):
                return (true, Componentwise(GateKind.Multiply, args[0], args[1], invocation));
            case ("Divide", 2):
                return (true, Componentwise(GateKind.Divide, args[0], args[1], invocation));
            case ("Negate", 1):
                return (true, LowerStruct(args[0])?.Select(n => Gate(GateKind.Negate, n)).ToArray());
            case ("Abs", 1):
                return (true, LowerStruct(args[0])?.Select(n => Gate(GateKind.Abs, n)).ToArray());
            case ("SquareRoot", 1):
                return (true, LowerStruct(args[0])?.Select(n => Gate(GateKind.Sqrt, n)).ToArray());
            case ("Min", 2) when RealStructs.IsRealStruct(args[0].Type) && RealStructs.IsRealStruct(args[1].Type):
                return (true, Componentwise(GateKind.Min, args[0], args[1], invocation));
            case ("Max", 2) when RealStructs.IsRealStruct(args[0].Type) && RealStructs.IsRealStruct(args[1].Type):
                return (true, Componentwise(GateKind.Max, args[0], args[1], invocation));
            case ("Normalize", 1):
                return (true, Normalized(args[0]));
            case ("Lerp", 3) when !RealStructs.IsRealStruct(args[2].Type):
                return (true, Lerped(args[0], args[1], args[2]));
            case ("Cross", 2) when method.ContainingType.Name == "Vector3":
                {
                    var a = LowerStruct(args[0]);
                    var b = LowerStruct(args[1]);
                    if (a is null || b is null) return (true, null);
                    int Term(int i, int j) => Gate(GateKind.Subtract, Gate(GateKind.Multiply, a[i], b[j]), Gate(GateKind.Multiply, a[j], b[i]));
                    return (true, new[] { Term(1, 2), Term(2, 0), Term(0, 1) });
                }
            default:
                return (false, null);
        }
    }

    /// <summary>
    /// Each component a·(1 − t) + b·t, as System.Numerics computes a vector's Lerp (a matrix's is its rows' vector Lerps);
    /// null after a diagnostic.
    /// </summary>
    private int[]? Lerped(IOperation left, IOperation right, IOperation amount)
    {
        var a = LowerStruct(left);
        var b = LowerStruct(right);
        if (a is null || b is null) return null;
        int t = Lower(amount, null);
        var type = _context.Nodes[t].Type;
        int oneMinus = Gate(GateKind.Subtract, One(type), t);
        return a.Select((n, i) => Gate(GateKind.Add, Gate(GateKind.Multiply, n, oneMinus), Gate(GateKind.Multiply, b[i], t))).ToArray();
    }

    /// <summary>v / |v| (a vector's or a Quaternion's Normalize), as System.Numerics computes it; null after a diagnostic.</summary>
    private int[]? Normalized(IOperation value)
    {
        var v = LowerStruct(value);
        if (v is null) return null;
        int length = Gate(GateKind.Sqrt, SumOfProducts(v, v));
        return v.Select(n => Gate(GateKind.Divide, n, length)).ToArray();
    }

    /// <summary>Σ a_i·b_i, left to right.</summary>
    private int SumOfProducts(int[] a, int[] b)
    {
        int sum = Gate(GateKind.Multiply, a[0], b[0]);
        for (int i = 1; i < a.Length; i++) sum = Gate(GateKind.Add, sum, Gate(GateKind.Multiply, a[i], b[i]));
        return sum;
    }

    /// <summary>
    /// The System.Numerics methods that return a scalar: <c>Dot</c>, <c>Length()</c>, <c>LengthSquared()</c>,
    /// <c>Distance</c>, <c>DistanceSquared</c>; -2 when <paramref name="invocation"/> is not one of them.
    /// </summary>
    private int VectorScalar(IInvocationOperation invocation, string? userName)
    {
        var method = invocation.TargetMethod;
        // A Quaternion's Dot, Length() and LengthSquared() are a Vector4's (structs14).
        if (!RealStructs.IsNumericsVector(method.ContainingType) && !RealStructs.IsQuaternion(method.ContainingType) || invocation.Arguments.Any(a => a.Parameter is null || a.Parameter.RefKind != RefKind.None)) return -2;
        var args = invocation.Arguments.OrderBy(a => a.Parameter!.Ordinal).Select(a => a.Value).ToArray();
        int[]? a, b;
        int result;
        switch (method.Name, method.IsStatic, args.Length)
        {
            case ("Dot", true, 2):
                a = LowerStruct(args[0]);
                b = LowerStruct(args[1]);
                if (a is null || b is null) return Placeholder(invocation);
                result = SumOfProducts(a, b);
                break;
            case ("LengthSquared" or "Length", false, 0):
                a = LowerStruct(invocation.Instance!);
                if (a is null) return Placeholder(invocation);
                result = SumOfProducts(a, a);
                if (method.Name == "Length") result = Gate(GateKind.Sqrt, result);
                break;
            case ("DistanceSquared" or "Distance", true, 2):
                a = Componentwise(GateKind.Subtract, args[0], args[1], invocation);
                if (a is null) return Placeholder(invocation);
                result = SumOfProducts(a, a);
                if (method.Name == "Distance") result = Gate(GateKind.Sqrt, result);
                break;
            default:
                return -2;
        }
        return Named(result, userName, invocation);
    }

    /// <summary>True when the struct variable, or the component of it that <paramref name="op"/> reads, varies.</summary>
    private bool CarriedStructVaried(IOperation op, out bool varied)
    {
        varied = false;
        if (!StructPaths.TryGet(op, _context, out var variable, out var path) || !_context.IsCarriedStruct(variable)) return false;
        var all = RealStructs.Components(LoweringContext.TypeOfVariable(_context.Resolve(variable)))!;
        varied = StructPaths.Under(all, path).Any(i => IsVariedNode(_context.Current(_context.Component(variable, all[i].Path))));
        return true;
    }

    /// <summary>
    /// A [Differentiable] method (static, or an instance method of a class) that takes or returns structs of reals: its
    /// generated Backward takes <c>ref</c> struct adjoints, and a struct result's adjoint is its <c>dResult</c>.
    /// </summary>
    private static bool IsDifferentiableStructCallee(IMethodSymbol method) =>
        method.MethodKind == MethodKind.Ordinary && !method.IsGenericMethod
        && (method.IsStatic || !RealStructs.IsRealStruct(method.ContainingType))
        && DerivativeResolver.IsDifferentiable(method);

    /// <summary>A struct argument for a struct parameter of a [Differentiable] callee: its components, packed (<see cref="GateKind.Pack"/>); -1 after an error.</summary>
    private int PackArgument(IOperation argument, ITypeSymbol parameterType)
    {
        var values = LowerStruct(argument);
        var components = RealStructs.Components(parameterType);
        if (values is null || components is null || values.Length != components.Count) return -1;
        return Pack(values, parameterType, RealStructs.IsNumericsVector(parameterType) || RealStructs.IsComplex(parameterType), components);
    }

    /// <summary>A pack of <paramref name="type"/>: through its constructor when its members cannot be set one by one.</summary>
    private int Pack(int[] values, ITypeSymbol type, bool constructor, IReadOnlyList<StructComponent> components)
    {
        var paths = components.Select(c => c.Path).ToList();
        string typeName = type.ToDisplayString(SymbolNames.TypeFormat);
        if (!StructConstructors.IsBuiltWhole(type)) return _context.AddPack(values, typeName, constructor, paths);
        _context.StructTypes.Add(type);
        return _context.AddPack(values, typeName, StructConstructors.Template(type, paths));
    }

    /// <summary>A [Differentiable] callee that returns a struct: one call node, and one <see cref="GateKind.Part"/> per component.</summary>
    private int[]? StructCall(IInvocationOperation invocation, IReadOnlyList<StructComponent> components)
    {
        // Hessian mode inlines a callee returning a tuple or struct of reals, which its product cannot call (hess14).
        if (InlineHessianStructCall(invocation, components.Count) is { } inlined) return inlined.Length == 0 ? null : inlined;
        int call = LowerInvocation(invocation, null);
        if (_context.Nodes[call].Gate != GateKind.Call) return null;
        if (invocation.Type is { } type) _context.StructTypes.Add(type);
        return components.Select(c => _context.AddPart(call, c)).ToArray();
    }

    /// <summary>
    /// A call that takes or returns a struct of reals from a differentiated value (a [Differentiable] helper, a user
    /// operator): its Backward would need the struct's adjoint, which calls do not pass yet.
    /// </summary>
    private bool ReportStructCall(IMethodSymbol method, IOperation at)
    {
        if (!method.Parameters.Any(p => RealStructs.IsRealStruct(p.Type)) && !RealStructs.IsRealStruct(method.ReturnType)
            && (method.IsStatic || !RealStructs.IsRealStruct(method.ContainingType))) return false;
        if (!method.IsStatic && RealStructs.IsBoundaryStruct(method.ContainingType) && StructConstructors.IsBuiltWhole(method.ContainingType) && method.MethodKind == MethodKind.Ordinary
            && !(ThisState.IsOptedIn(method) && ThisState.IsWholeStruct(method.ContainingType)))
        {
            // WithRespectToThis adds into dThis member by member, which a readonly struct does not allow.
            _context.ReportUnsupportedExpression(at, "A call to '" + method.ContainingType.Name + "." + method.Name + "', an instance method of a struct whose members are read-only (or hold structs through properties), with a differentiated value",
                "take its arguments by value or in, return a double/float or a struct of reals, and do not let it call itself (ref and out parameters and recursion are not inlined), so that its body is inlined where it is called, or write a static [Differentiable] method that takes the struct as a parameter");
            return true;
        }
        if (!method.IsStatic && RealStructs.IsRealStruct(method.ContainingType) && method.MethodKind == MethodKind.Ordinary)
        {
            _context.ReportUnsupportedExpression(at, "A call to '" + method.ContainingType.Name + "." + method.Name + "', an instance method of a struct, with a differentiated value, "
                + (ThisState.IsOptedIn(method) ? "on something other than a value of that struct" : "which does not differentiate with respect to its struct"),
                "mark it [Differentiable(WithRespectToThis = true)] (its Backward then takes 'ref " + method.ContainingType.Name + " dThis', the gradient with respect to the struct's members) and call it on a struct value, or make it static and pass the struct as a parameter");
            return true;
        }
        _context.ReportUnsupportedExpression(at, "A call to '" + method.ContainingType.Name + "." + method.Name + "', which takes or returns a struct (or is a method of one), with a differentiated value",
            "inside a [Differentiable] method, structs are differentiated through their members, constructors and the System.Numerics operators and methods: "
            + "pass and return the members as double/float values, or write the operation out member by member");
        return true;
    }
}
