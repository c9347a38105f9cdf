using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>[WithRespectTo]</c> on a class parameter (issue 13, natural F07): the object's real members are inputs, carried as
/// components like a struct of reals' (<see cref="ValueClasses.Carry"/>), and <c>MBackward</c> takes <c>ref T dP</c>,
/// which it adds into: a class whose real members are all settable has them added into in place (<c>dP.X += …</c>); a
/// record whose members are init-only is replaced once at the end by <c>dP with { X = dP.X + …, … }</c>. Without the
/// attribute a class parameter stays a constant object (the contract's pass-through).
/// </summary>
internal static class ClassParameters
{
    public const string AttributeName = "AutoDiffGen.WithRespectToAttribute";

    /// <summary>The parameter carries <c>[WithRespectTo]</c>.</summary>
    public static bool IsOptedIn(IParameterSymbol p) => p.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == AttributeName);

    /// <summary>A <c>[WithRespectTo]</c> class parameter the generator differentiates: its members are inputs, its adjoint <c>ref T dP</c>.</summary>
    public static bool IsClassInput(IParameterSymbol p) => IsOptedIn(p) && p.Type is not IArrayTypeSymbol && ClassArrayParameters.ListElement(p.Type) is null && Refusal(p) is null;

    /// <summary>The method has a parameter that <see cref="IsClassInput"/>, or a <c>[WithRespectTo]</c> array or list of class objects (<see cref="ClassArrayParameters"/>).</summary>
    public static bool AnyClassInput(IMethodSymbol method) => method.Parameters.Any(p => IsClassInput(p) || ClassArrayParameters.IsInput(p));

    /// <summary>The class types of the method's class inputs: carried as their components while it is lowered.</summary>
    public static List<ITypeSymbol> Types(IMethodSymbol method) =>
        method.Parameters.Where(IsClassInput).Select(p => p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)).Distinct<ITypeSymbol>(SymbolEqualityComparer.Default).ToList();

    /// <summary>The type is the class of one of <paramref name="method"/>'s class inputs, or the element class of one of its class array inputs.</summary>
    public static bool IsInputType(IMethodSymbol method, ITypeSymbol? type) =>
        type is { TypeKind: TypeKind.Class } && method.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(
            IsClassInput(p) ? p.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated) : ClassArrayParameters.IsInput(p) ? ClassArrayParameters.Element(p.Type) : null,
            type.WithNullableAnnotation(NullableAnnotation.NotAnnotated)));

    /// <summary>
    /// Why a <c>[WithRespectTo]</c> parameter cannot be one (what it is, and what to write), or null when it can. Reported
    /// as ADG0006 at the parameter by <see cref="DeclarationRules"/>.
    /// </summary>
    public static (string What, string Fix)? Refusal(IParameterSymbol p)
    {
        string name = p.Type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (ValueKinds.IsNoDiff(p)) return ("marked both [WithRespectTo] and [NoDiff]", "keep one: [WithRespectTo] for a gradient in 'ref " + name + " " + NameAllocator.AdjointBase(p.Name) + "', [NoDiff] for a constant");
        if (ClassArrayParameters.Element(p.Type) is { } element) return ClassArrayParameters.Refusal(p, element, t => Why(t, At(p)));
        if (ClassArrayParameters.SequenceElement(p.Type) is { } listed)
        {
            string listedName = listed.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
            return ("a '" + name + "' marked [WithRespectTo]: a sequence of class objects (no index to read it by) has no adjoint yet", "take it as an array or a list, [WithRespectTo] " + listedName + "[] " + p.Name + " or IReadOnlyList<" + listedName + "> " + p.Name + " (MBackward then takes '" + listedName + "[] " + NameAllocator.AdjointBase(p.Name) + "')");
        }
        if (p.Type.TypeKind != TypeKind.Class || p.Type.SpecialType == SpecialType.System_String || p.Type is IArrayTypeSymbol)
        {
            return ("a '" + name + "' marked [WithRespectTo], which is for class parameters and one-dimensional arrays and lists of class objects", "remove [WithRespectTo]: a real, an array of reals or a struct of reals gets its adjoint without it");
        }
        if (p.RefKind != RefKind.None) return ("a class marked [WithRespectTo] passed by " + ByReferenceParameters.Keyword(p), "pass it by value (its adjoint is 'ref " + name + " " + NameAllocator.AdjointBase(p.Name) + "')");
        if (p.HasExplicitDefaultValue) return ("a class marked [WithRespectTo] with a default value", "remove the default: its members are read, and its adjoint and tangent are objects the caller passes");
        if (p.NullableAnnotation == NullableAnnotation.Annotated)
        {
            // Its members are read from the start of every generated method: a null object has none (and the reads would be CS8602).
            return ("a '" + name + "' marked [WithRespectTo] and declared nullable", "declare it " + name.TrimEnd('?') + " (its members are read as the generated methods start)");
        }
        if (Why(p.Type, At(p)) is { } why) return ("a '" + name + "' marked [WithRespectTo], " + why.What, why.Fix);
        return null;
    }

    /// <summary>The type the generated code is written into: the method's, whose private members it may read and write.</summary>
    private static INamedTypeSymbol? At(IParameterSymbol p) => (p.ContainingSymbol as IMethodSymbol)?.ContainingType;

    /// <summary>Why objects of <paramref name="type"/> cannot be inputs (a fragment and the fix), or null.</summary>
    private static (string What, string Fix)? Why(ITypeSymbol type, INamedTypeSymbol? at)
    {
        if (type is not INamedTypeSymbol named || named.IsGenericType || named.IsAbstract || named.IsStatic)
        {
            return ("a generic, abstract or static class", "pass a non-generic class that objects are made of, or its reals as double parameters");
        }
        if (named.BaseType is { SpecialType: not SpecialType.System_Object }) return ("a class derived from '" + named.BaseType.Name + "'", "pass an object of a class derived from object only, or the reals as double parameters");
        if (!ClassComponents.Components(named).Any(c => !c.IsDiscrete)) return ("a class without public or internal double/float fields or auto-properties", "remove [WithRespectTo], or give the class its reals as public fields or auto-properties");
        if (ClassAdjointWrites.Path(named, at) is not null) return null;
        var fixedMember = ClassAdjointWrites.Unwritable(named, at);
        string member = fixedMember is null ? "" : "'" + fixedMember.Name + "'";
        string kind = fixedMember switch
        {
            IFieldSymbol { IsReadOnly: true } => "the readonly field ",
            IFieldSymbol => "the " + fixedMember.DeclaredAccessibility.ToString().ToLowerInvariant() + " field ",
            IPropertySymbol { SetMethod: null } => "the get-only property ",
            IPropertySymbol { SetMethod.IsInitOnly: true } => "the init-only property ",
            _ => "the property ",
        };
        return ("whose real member " + kind + member + " the generated code in '" + (at?.Name ?? "?") + "' cannot add the gradient into (no settable path: dP." + fixedMember?.Name + " += … does not compile there, the class is not a record, and no constructor takes every member)",
            "make " + member + " settable (public or internal, { get; set; }), or declare the [Differentiable] method inside the class (a partial declaration of it writes its private fields), or give the class a constructor that assigns each member from its own parameter (dP is then rebuilt through it at the end), or make it a record");
    }

    /// <summary>Every real member can be added into in place where the generated code is: <c>dP.X += …</c>.</summary>
    public static bool InPlace(INamedTypeSymbol type, INamedTypeSymbol? at) => ClassAdjointWrites.Path(type, at) == ClassAdjointWrite.InPlace;

    /// <summary>
    /// The C# that replaces a record's adjoint once the sweep has summed each real component into a local:
    /// <c>dP with { A = ‹0›, At = new V(‹1›, ‹2›) }</c>, a <see cref="StructPacks"/> template over the real components' paths.
    /// </summary>
    public static string WithTemplate(string adjoint, INamedTypeSymbol type, IReadOnlyList<string> paths)
    {
        var parts = new List<string>();
        int next = 0;
        foreach (var member in ClassComponents.RootMembers(type))
        {
            var t = ClassComponents.TypeOf(member)!;
            if (RealStructs.IsDiscrete(t)) continue;
            if (t.SpecialType is SpecialType.System_Double or SpecialType.System_Single)
            {
                parts.Add(member.Name + " = " + StructPacks.Marker(next++));
                continue;
            }
            int first = next;
            parts.Add(member.Name + " = " + StructConstructors.Build(t, k => StructPacks.Marker(first + k)));
            next += RealStructs.Components(t)!.Count;
        }
        return StructPacks.FromText(adjoint + " with { " + string.Join(", ", parts) + " }", paths);
    }

    /// <summary>
    /// A class input's members in reverse mode (<c>ref T dP</c>) and forward mode (<c>T tP</c>): one parameter node per real
    /// component (<c>p.Rate</c>, read through the property that exposes a private field where only that is accessible),
    /// whose adjoint is <c>dP.Rate</c> for a class added into in place, or a local summed through the sweep for a record
    /// replaced by <c>with</c> or a class rebuilt through its constructor at the end (the returned
    /// <see cref="StructAdjointLocals"/>, as a struct built whole). A discrete member is a constant component. Null when
    /// the adjoint is added into in place.
    /// </summary>
    public static StructAdjointLocals? Declare(LoweringContext lowering, IParameterSymbol symbol, ParameterModel p, NameAllocator names)
    {
        var type = (INamedTypeSymbol)symbol.Type.WithNullableAnnotation(NullableAnnotation.NotAnnotated);
        var at = At(symbol);
        var components = ClassComponents.Components(type);
        var write = ClassAdjointWrites.Path(type, at) ?? ClassAdjointWrite.InPlace;
        bool inPlace = write == ClassAdjointWrite.InPlace;
        var locals = new List<string>();
        foreach (var c in components)
        {
            string read = ClassAdjointWrites.ReadPath(type, c.Path, at);
            if (c.IsDiscrete)
            {
                lowering.Assign(lowering.Component(symbol, c.Path), lowering.AddParameter(p.Name + "." + read, c.Type, c.Keyword, false, ""));
                continue;
            }
            string adjoint = inPlace ? p.AdjointName + "." + c.Path : names.Fresh(p.AdjointName + "_" + c.Path.Replace('.', '_').TrimStart('_'));
            if (!inPlace) locals.Add(adjoint);
            lowering.Assign(lowering.Component(symbol, c.Path), lowering.AddParameter(p.Name + "." + read, c.Type, c.Keyword, true, adjoint, inPlace && RealStructs.ThroughProperty(type, c.Path)));
        }
        var real = components.Where(c => !c.IsDiscrete).ToList();
        var paths = real.Select(c => c.Path).ToList();
        var readPaths = paths.Select(path => ClassAdjointWrites.ReadPath(type, path, at)).ToList();
        string template = write switch
        {
            ClassAdjointWrite.With => WithTemplate(p.AdjointName!, type, readPaths),
            ClassAdjointWrite.Constructor => ClassAdjointWrites.ConstructorTemplate(p.AdjointName!, type, at, paths, readPaths),
            _ => "",
        };
        string zero = inPlace ? "" : StructPacks.Text(template, k => ScalarLiterals.Zero(real[k].Type));
        // The object as a call's value argument (never read for its adjoint: a callee adds into dP itself, ObjectArgument).
        int node = lowering.AddParameter(p.Name, ScalarType.Other, p.TypeName, true, "");
        lowering.ClassInputs[symbol] = new ClassInput(p.Name, p.TypeName, p.AdjointName!, "t" + p.AdjointName!.Substring(1), zero, readPaths, paths, node);
        if (inPlace) return null;
        return new StructAdjointLocals(p.AdjointName!, p.TypeName, template, readPaths.ToEquatableArray(), locals.ToEquatableArray(), real.Select(c => c.Type).ToEquatableArray());
    }

    /// <summary>
    /// A call, from a [Differentiable] method, to one whose Backward takes a <c>[WithRespectTo]</c> class's adjoint: a
    /// caller does not pass one yet, so the call is ADG0003 (its Backward would not compile without it). True when reported.
    /// </summary>
    public static bool ReportCall(IMethodSymbol callee, IOperation at, LoweringContext context)
    {
        if (!DerivativeResolver.IsDifferentiable(callee.OriginalDefinition) || callee.Parameters.FirstOrDefault(p => IsClassInput(p) || ClassArrayParameters.IsInput(p)) is not { } input) return false;
        context.ReportUnsupportedExpression(at, "A call to '" + callee.Name + "', which takes the [WithRespectTo] class parameter '" + input.Name + "' (a caller's Backward does not pass its adjoint yet)",
            "call " + callee.Name + "Backward yourself, outside [Differentiable] code, or pass the reals of '" + input.Name + "' to a [Differentiable] helper that takes them as double parameters");
        return true;
    }

    /// <summary>
    /// Hessian mode numbers a class input's real members among the parameters' scalars, in declaration order, as a struct of
    /// reals' fields (idioms19): the forward-over-reverse product reads their tangents from <c>direction</c> and writes their
    /// adjoints' tangents into <c>hessianVector</c>, and never forms <c>dP</c>. A method whose Hessian is computed by the
    /// second-order path (an array of another type than the result) has no class members there: ADG0019 at the parameter.
    /// </summary>
    public static void CheckHessian(IMethodSymbol method, Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax syntax, IReadOnlyList<ParameterModel> parameters, ScalarType returnType, List<DiagnosticInfo> diagnostics)
    {
        if (!method.Parameters.Any(IsClassInput) || HessianCalls.ProductBlocked(method, parameters, returnType) is not { Length: > 0 } blocked) return;
        foreach (var p in method.Parameters.Where(IsClassInput))
        {
            diagnostics.Add(Diagnostics.DiagnosticFactory.Create(Diagnostics.DiagnosticDescriptors.HessianUnsupported,
                ((SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(p.Ordinal) ?? syntax).GetLocation(),
                "The [WithRespectTo] class parameter '" + p.Name + "'", "this method's Hessian is computed by second-order forward mode (" + blocked + "), which numbers no class members",
                "pass the arrays in the result's type (double[] in a double method), pass the class's reals as double parameters, or remove Hessian = true"));
        }
    }
}
