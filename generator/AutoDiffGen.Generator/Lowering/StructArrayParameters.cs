using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// Array and <c>(ReadOnly)Span</c> parameters of Complex or of a struct of reals (<see cref="StructArrayParts"/>):
/// <c>Complex[] z</c> has the adjoint <c>Complex[] dZ</c>, each element (∂L/∂Re, ∂L/∂Im) as for a scalar Complex;
/// <c>Vector3[] p</c> has <c>Vector3[] dP</c>, each element the struct's own adjoint (the contract's struct convention,
/// element by element); a span's adjoint is a <c>Span</c> of the element. Inside the method such a parameter is read
/// as <c>p[i]</c> (a struct value: <c>p[i].X</c>, <c>p[i].Position</c>, passed to helpers), <c>p.Length</c>, and passed
/// whole to a <c>[Differentiable]</c> callee; every other use is reported at it.
/// </summary>
internal static class StructArrayParameters
{
    /// <summary>The modes that do not carry such a parameter yet, reported at it; false when one applies.</summary>
    public static bool Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<ParameterModel> parameters, bool forward, bool hessian, bool jacobian, List<DiagnosticInfo> diagnostics,
        bool derivedTangent = false)
    {
        bool ok = true;
        // MHessianVector carries such an array (its tangents and adjoints' tangents copied per component, element-major in
        // direction) when the method takes the forward-over-reverse product; a caller's MBackwardTangent has no shape for it.
        string blocked = hessian ? HessianCalls.ProductBlocked(method, parameters, ExpressionLowering.TypeOf(method.ReturnType)) : "";
        for (int i = 0; i < method.Parameters.Length; i++)
        {
            if (!parameters[i].IsDifferentiable || !ValueKinds.IsStructCollection(method.Parameters[i].Type)) continue;
            var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax).GetLocation();
            string what = "The parameter '" + method.Parameters[i].Name + "'";
            var element = ValueKinds.CarriedElement(method.Parameters[i].Type)!;
            string elementName = element.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            bool complex = RealStructs.IsComplex(element);
            string why = complex ? "a Complex[] or span of Complex is carried as two arrays of its parts in MBackward only"
                : "an array or span of " + elementName + " is carried as one array per component in MBackward only";
            string fix = complex ? "pass the parts as two arrays, double[] re and double[] im, and write new Complex(re[i], im[i]) where an element is read, or remove "
                : "pass each component as an array of its own (double[]/float[]) and build the " + elementName + " where an element is read, or remove ";
            // MForward and MJacobian carry an array of a struct of reals read by a method returning a value (a tangent
            // ReadOnlySpan<S>, Jacobian columns per element and member); a Complex one, and a void method's, not yet.
            bool carried = !complex && !method.ReturnsVoid;
            if (carried)
            {
                why = "an array or span of " + elementName + " is carried as one array per component in MBackward, MForward, MJacobian and MHessian only";
            }
            else
            {
                if (forward) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, what, why, fix + "Forward = true"));
                if (jacobian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at, "Jacobian = true with " + what.ToLowerInvariant(), why + "; " + fix + "Jacobian = true"));
            }
            bool hessianCarried = carried && !derivedTangent && blocked.Length == 0;
            if (hessian && !hessianCarried)
            {
                string hessianWhy = derivedTangent ? "a callee's MBackwardTangent (the tangent of its Backward that a Hessian-mode caller calls) takes no array of structs yet"
                    : carried ? "MHessian carries an array of structs only in the forward-over-reverse product, which this method does not take: " + blocked : why;
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, what, hessianWhy, fix + "Hessian = true"));
            }
            // A nullable array of structs is a declaration rule (DeclarationRules): the analyzer reports it, and nothing is generated.
            ok &= (carried || !forward && !jacobian) && (!hessian || hessianCarried) && !parameters[i].IsNullable;
        }
        return ok;
    }

    /// <summary>
    /// ADG0018 (Forward), ADG0003 (Jacobian) or ADG0019 (Hessian) at an array of structs the method stores into: MForward's tangent of it would
    /// be in/out, which it is not yet (MBackward carries it, docs/ref-out.md); false when one was reported.
    /// </summary>
    public static bool CheckWritten(IParameterSymbol parameter, MethodDeclarationSyntax syntax, bool forward, bool jacobian, List<DiagnosticInfo> diagnostics, bool hessian = false)
    {
        var at = ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(parameter.Ordinal) ?? syntax).GetLocation();
        string what = "The parameter '" + parameter.Name + "'", why = "the method stores into this array of structs, and only MBackward carries such an array in and out";
        const string fix = "store the results into a local or an array of reals, or remove ";
        if (forward) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.ForwardUnsupported, at, what, why, fix + "Forward = true"));
        if (jacobian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.UnsupportedExpression, at, "Jacobian = true with " + what.ToLowerInvariant(), why + "; " + fix + "Jacobian = true"));
        // A Hessian is of a result of the method's inputs: an array it writes is an output as well (as a written double[] is).
        if (hessian) diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, what, why, fix + "Hessian = true"));
        return !forward && !jacobian && !hessian;
    }

    /// <summary>
    /// Reports every use of a differentiated array of structs in <paramref name="body"/> but an element read
    /// (<c>p[i]</c> as a value), <c>p.Length</c> and a pass to a <c>[Differentiable]</c> callee: it would otherwise reach
    /// code that takes it for an array of reals, or a write the component arrays would not see. The same for a local
    /// array of structs (<see cref="StructArrayLocals"/>), which is never passed whole.
    /// </summary>
    public static void CheckUses(IOperation body, LoweringContext context)
    {
        foreach (var op in body.Descendants())
        {
            if (op is ILocalReferenceOperation local && StructArrayLocals.IsCarried(local.Local))
            {
                StructArrayLocals.CheckUse(local, context);
                continue;
            }
            if (op is not IParameterReferenceOperation { Parameter: var p } reference || !context.StructArrays.ContainsKey(p)) continue;
            if (PassedWhole(reference) is { } callee && context.WrittenStructArrays.Contains(p) && !MayInline(callee.Method, p))
            {
                // The callee would read the array as it came in, not the component arrays this method stores into (a callee
                // that stores into it is reported at the call: ExpressionLowering.WrittenArrays). A call that may be
                // inlined reads the component arrays (StructArrayArguments), or is reported where it is not.
                context.ReportUnsupportedExpression(reference, "The array of structs '" + p.Name + "' passed whole to '" + callee.Method.Name + "' where this method also stores into it",
                    "pass the elements the callee needs (p[i]) to a [Differentiable] helper taking the struct, or compute what it returns in this method");
                continue;
            }
            if (IsAllowed(reference) || context.WrittenStructArrays.Contains(p) && reference.Parent is { } element && StructArrayStores.StoreOf(element) is not null) continue;
            // The source of a copy statement (Array.Copy(start, pos, n)), lowered (or reported) there.
            if (ExpressionLowering.IsStructArrayCopyOperand(reference)) continue;
            string type = p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            string length = p.Name + (ClassArrayParameters.ListElement(p.Type) is null ? ".Length" : ".Count");
            context.ReportUnsupportedExpression(reference, "The " + type + " parameter '" + p.Name + "' used other than as " + p.Name + "[i] (read), " + length + " or passed whole to a [Differentiable] method",
                "read its elements as " + p.Name + "[i] in a for loop (for (int i = 0; i < " + length + "; i++)), and write results into a local or an array of reals; a foreach, LINQ, a slice, a write into it (" + p.Name + "[i] = …) or a call that is not [Differentiable] are not carried yet");
        }
    }

    /// <summary>
    /// A callee of the shape a call inlines (ExpressionLowering.InlinedCallees): static, of the type declaring
    /// <paramref name="array"/>, returning a double or float. Whether it is (its size, recursion, the mode) is known when
    /// the call is lowered: StructArrayArguments reports the array there when it was not.
    /// </summary>
    public static bool MayInline(IMethodSymbol callee, ISymbol array) =>
        callee.IsStatic && !callee.IsGenericMethod && callee.ReturnType.SpecialType is SpecialType.System_Double or SpecialType.System_Single
        && SymbolEqualityComparer.Default.Equals(callee.ContainingType, array.ContainingSymbol?.ContainingType);

    /// <summary>The [Differentiable] callee and the parameter ordinal the array is passed whole to, or null.</summary>
    public static (IMethodSymbol Method, int Ordinal)? PassedWhole(IOperation reference)
    {
        // Passed whole to a [Differentiable] callee that takes an array or span of the struct: the call passes the parameter
        // and its adjoint dP, which the callee's MBackward adds into (an array seen as a span through a conversion too).
        var passed = reference.Parent is IConversionOperation { Parent: IArgumentOperation } conversion && ValueKinds.IsStructCollection(conversion.Type!) ? conversion.Parent : reference.Parent;
        if (passed is IArgumentOperation { Parameter: { RefKind: RefKind.None } target, Parent: IInvocationOperation { TargetMethod: var callee } }
            && ValueKinds.IsStructCollection(target.Type) && !ValueKinds.IsNoDiff(target)
            && callee.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == "AutoDiffGen.DifferentiableAttribute"))
        {
            return (callee, target.Ordinal);
        }
        return null;
    }

    private static bool IsAllowed(IParameterReferenceOperation reference) => PassedWhole(reference) is not null || IsAllowed(reference, reference.Parameter.Type);

    /// <summary>
    /// A use of an array of structs (of type <paramref name="type"/>) the component arrays carry: an element read,
    /// <c>Length</c>, or the collection of a foreach over its element type.
    /// </summary>
    public static bool IsAllowed(IOperation reference, ITypeSymbol type)
    {
        // The collection of a foreach whose variable is the element (StatementLowering.StructForEach). Not a Complex[]:
        // its foreach has no tests of its gradient yet, so it stays diagnosed.
        var carried = ValueKinds.CarriedArrayElement(type);
        if (!RealStructs.IsComplex(carried) && (reference.Parent is IConversionOperation { IsImplicit: true } wrapped ? wrapped.Parent : reference.Parent) is IForEachLoopOperation loop
            && (loop.Locals is [{ IsRef: false } variable] && SymbolEqualityComparer.Default.Equals(variable.Type, carried) || StructArrayLocals.Deconstructed(loop, carried) is not null))
        {
            return true;
        }
        switch (reference.Parent)
        {
            case IPropertyReferenceOperation { Property.Name: "Length", Property.IsIndexer: false } length when length.Instance == reference:
                return true;
            // A [WithRespectTo] list of class objects (ClassArrayParameters): its Count is its length.
            case IPropertyReferenceOperation { Property.Name: "Count", Property.IsIndexer: false } count when count.Instance == reference && ClassArrayParameters.ListElement(type) is not null:
                return true;
            case IArrayElementReferenceOperation { Indices.Length: 1 } element when element.ArrayReference == reference:
                return IsRead(element);
            case IPropertyReferenceOperation { Property.IsIndexer: true, Arguments.Length: 1 } indexer when indexer.Instance == reference && indexer.Arguments[0].Value.Type?.SpecialType == SpecialType.System_Int32:
                return IsRead(indexer);
            default:
                return false;
        }
    }

    /// <summary>An element read as a value: not written, not passed or bound by reference.</summary>
    private static bool IsRead(IOperation element) => element.Parent switch
    {
        IAssignmentOperation assignment when assignment.Target == element => false,
        IIncrementOrDecrementOperation => false,
        IArgumentOperation { Parameter.RefKind: not RefKind.None } => false,
        IVariableInitializerOperation { Parent: IVariableDeclaratorOperation { Symbol.IsRef: true } } => false,
        _ => element.Syntax.Parent is not RefExpressionSyntax,
    };

    /// <summary>
    /// The component arrays' nodes of a differentiated array of structs, made and recorded for the graph. When the method
    /// stores into it (<paramref name="written"/>) the components are versioned arrays, outputs like a written <c>double[]</c>
    /// parameter's (docs/ref-out.md): their adjoints start from <c>dP</c> (the seed of what the method leaves), <c>dP</c>
    /// is set from them at the end (the adjoint of what it was passed), and the forward sweep's values go back into <c>p</c>.
    /// </summary>
    public static StructArrayParts Declare(LoweringContext lowering, IParameterSymbol parameter, ParameterModel model, NameAllocator names, bool written)
    {
        string name = parameter.Name, adjoint = model.AdjointName!;
        var element = ValueKinds.CarriedElement(parameter.Type)!;
        var components = RealStructs.Components(element)!;
        bool complex = RealStructs.IsComplex(element);
        // Complex keeps its short names (zRe, dZIm); a struct's component arrays are named by path (pX, dPPositionX).
        string Suffix(StructComponent c) => complex ? (c.Path == "Real" ? "Re" : "Im") : c.Path.Replace(".", "");
        var arrays = components.Select(c => names.Fresh(name + Suffix(c))).ToArray();
        // A discrete member (int Id, bool Alive) is an array of constants: no adjoint array, and dP's member is left as the caller set it.
        var adjoints = components.Select(c => c.IsDiscrete ? "" : names.Fresh(adjoint + Suffix(c))).ToArray();
        var types = components.Select(c => c.Keyword).ToArray();
        string index = names.Fresh("k");
        string At(string array) => array + "[" + index + "]";
        string[] addBack, writeBack = System.Array.Empty<string>();
        if (written)
        {
            // In/out: what the reverse sweep leaves in the component adjoints is the whole adjoint of the value passed.
            addBack = new[] { At(adjoint) + " = " + StructConstructors.Build(element, k => components[k].IsDiscrete ? At(adjoint) + "." + components[k].Path : At(adjoints[k])) };
            writeBack = new[] { At(name) + " = " + StructConstructors.Build(element, k => At(arrays[k])) };
        }
        else if (ClassArrayParameters.IsInput(parameter))
        {
            // A [WithRespectTo] array of class objects: each element's gradient added into dP[k] by its class's write path.
            addBack = ClassArrayParameters.AddBack(parameter, adjoint, index, components, adjoints);
        }
        else if (complex)
        {
            addBack = new[] { At(adjoint) + " += new global::System.Numerics.Complex(" + At(adjoints[0]) + ", " + At(adjoints[1]) + ")" };
        }
        else if (StructConstructors.IsBuiltWhole(element))
        {
            // Members that cannot be written one by one (a readonly struct, a property holding a struct): rebuilt whole.
            addBack = new[] { At(adjoint) + " = " + StructConstructors.Build(element, k => At(adjoint) + "." + components[k].Path + (components[k].IsDiscrete ? "" : " + " + At(adjoints[k]))) };
        }
        else
        {
            // An element of an array or span is a variable: its members are added into in place, one loop per member.
            addBack = components.Select((c, k) => (c, k)).Where(e => !e.c.IsDiscrete).Select(e => At(adjoint) + "." + e.c.Path + " += " + At(adjoints[e.k])).ToArray();
        }
        var nodes = new int[components.Count];
        for (int k = 0; k < components.Count; k++)
        {
            nodes[k] = lowering.AddParameter(arrays[k], written ? ScalarType.Array : ScalarType.Other, types[k] + "[]", !components[k].IsDiscrete, adjoints[k]);
            lowering.Assign(lowering.Component(parameter, components[k].Path), nodes[k]);
        }
        lowering.StructArrays[parameter] = nodes;
        if (written) lowering.WrittenStructArrays.Add(parameter);
        var paths = components.Select(c => ClassArrayParameters.IsInput(parameter) ? ClassArrayParameters.ReadPath(parameter, c.Path) : c.Path);
        return new StructArrayParts(model.Name, adjoint, paths.ToEquatableArray(), types.ToEquatableArray(),
            arrays.ToEquatableArray(), adjoints.ToEquatableArray(), index, addBack.ToEquatableArray(), written, writeBack.ToEquatableArray(),
            ClassArrayParameters.ListElement(parameter.Type) is null ? "Length" : "Count");
    }
}
