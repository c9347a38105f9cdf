using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Diagnostics;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// What <c>[Differentiable(Hessian = true)]</c> adds to the analysis: ADG0019 wherever the second-order walk
/// (<c>Differentiator.Hessian</c>) would not be exact — a call that carries a gradient, a local array that carries one,
/// a tensor, a gate without a second-derivative rule — and the position of each differentiable scalar.
/// </summary>
internal static class HessianMode
{
    /// <summary>The method is [Differentiable(Hessian = true)].</summary>
    public static bool IsHessian(IMethodSymbol method) =>
        (method.ReducedFrom ?? method).OriginalDefinition.GetAttributes().Any(a =>
            a.AttributeClass?.ToDisplayString() == DerivativeResolver.DifferentiableAttribute && a.NamedArguments.Any(n => n.Key == "Hessian" && n.Value.Value is true));

    /// <summary>ADG0019 at a tensor parameter or return type.</summary>
    public static void Check(IMethodSymbol method, MethodDeclarationSyntax syntax, List<ParameterModel> parameters, ScalarType returnType, List<DiagnosticInfo> diagnostics)
    {
        if (returnType == ScalarType.Adjointable)
        {
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, syntax.ReturnType, "'" + method.Name + "'",
                "it returns a tensor (or another non-scalar value), and a Hessian is defined for a double or float result", "remove Hessian = true"));
        }
        else if (returnType == ScalarType.Other && !method.ReturnsVoid && RealStructs.ResultComponents(method.ReturnType) is not null)
        {
            // A vector-valued method has one Hessian per component: MHessian's n × n span has room for one.
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, syntax.ReturnType, "'" + method.Name + "'",
                "it returns a struct or tuple of reals, and a Hessian is defined for a double or float result",
                "differentiate each component in a method of its own that returns a double, or remove Hessian = true"));
        }
        for (int i = 0; i < parameters.Count; i++)
        {
            var p = parameters[i];
            var at = (SyntaxNode?)syntax.ParameterList.Parameters.ElementAtOrDefault(i) ?? syntax;
            // Forward over reverse reads such a struct's members and keeps their tangents and adjoints' tangents in locals
            // (hess14: it forms no adjoint struct, Differentiator.StructLocals); the second-order path writes them member by member.
            if (p.IsDifferentiable && RealStructs.HoldsComplex(method.Parameters[i].Type))
            {
                // A Complex is built whole too, but its parts are not numbered among MHessian's scalars yet.
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'",
                    "it is or holds a System.Numerics.Complex, whose parts Hessian mode does not number among the differentiable scalars yet",
                    "pass its values as double/float parameters, or remove Hessian = true"));
                continue;
            }
            if (p.IsDifferentiable && StructConstructors.IsBuiltWhole(method.Parameters[i].Type) && RealStructs.IsRealStruct(method.Parameters[i].Type)
                && HessianCalls.ProductBlocked(method, parameters, returnType).Length > 0)
            {
                // MHessian's tangent and adjoint structs are written member by member, which such a struct does not allow.
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'",
                    "its struct's members are read-only or hold structs through properties (it is built whole through its constructor), and this method's Hessian (second-order forward mode, for an array of another type than the result) writes a struct's members one by one",
                    "make its members settable fields, pass its values as double/float parameters, or remove Hessian = true"));
                continue;
            }
            // An array of structs is reported by StructArrayParameters.Check, with what to write instead; a [WithRespectTo] class by ClassParameters.CheckHessian;
            // a [WithRespectTo] array of class objects by ClassArrayParameters.CheckModes.
            if (!p.IsDifferentiable || ClassParameters.IsClassInput(method.Parameters[i]) || ClassArrayParameters.IsInput(method.Parameters[i]) || p.Scalar is ScalarType.Double or ScalarType.Float || RealStructs.IsRealStruct(method.Parameters[i].Type) || ValueKinds.IsStructCollection(method.Parameters[i].Type)) continue;
            if (p.Scalar != ScalarType.Adjointable)
            {
                if (IsVector(p)) continue;
                if (IsMatrix(p) && p.IsNullable)
                {
                    // n counts a.Length entries, read before any null check: declared double[,]? that read would be a warning.
                    diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'",
                        "it is declared as a double[,] that may be null, and Hessian mode counts its elements, row-major, among the differentiable scalars",
                        "declare it non-nullable (double[,] under #nullable enable), or remove Hessian = true"));
                    continue;
                }
                if (IsMatrix(p)) continue;
                if (p.TypeName.EndsWith("[][]", System.StringComparison.Ordinal))
                {
                    // Since hess16 its elements are numbered row after row, n growing by the rows' lengths at the call (JaggedBlocks),
                    // in the forward-over-reverse product only: the second-order path has no arrays of rows.
                    string? why = p.IsNullable ? "it is declared as a jagged array that may be null, and Hessian mode counts its rows' elements among the differentiable scalars"
                        : p.TypeName != ScalarLiterals.TypeKeyword(returnType) + "[][]" ? "it is a jagged array of another type than the result's, and Hessian mode numbers the elements of jagged arrays of the result's type only"
                        : HessianCalls.ProductBlocked(method, parameters, returnType) is { Length: > 0 } blocked ? "it is a jagged array, and this method's Hessian is computed by second-order forward mode (" + blocked + "), which has no arrays of rows"
                        : null;
                    if (why is null) continue;
                    diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'", why,
                        "pass it as a " + ScalarLiterals.TypeKeyword(returnType) + "[][] (non-nullable, rows of the result's type), a " + p.TypeName.Substring(0, p.TypeName.Length - 4)
                            + "[,] or its elements as one " + p.TypeName.Substring(0, p.TypeName.Length - 2) + " row after row, mark it [NoDiff] if it is a constant, or remove Hessian = true"));
                    continue;
                }
                diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'",
                    "Hessian mode supports double/float, arrays (double[], double[,]) and spans of them, and structs of reals only so far",
                    "mark it [NoDiff] if it is a constant, pass its elements as a double[], or remove Hessian = true"));
                continue;
            }
            diagnostics.Add(DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, at, "The parameter '" + p.Name + "'",
                "it is a tensor (or another non-scalar value), and Hessian mode supports double/float, arrays and spans of them, and structs of reals only",
                "mark it [NoDiff] if it is a constant, or remove Hessian = true: a tensor method has MBackward and, with Forward = true, MForward (directional derivatives)"));
        }
    }

    /// <summary>A double[,]/float[,]: its elements are differentiable scalars row-major (a[0, 0], a[0, 1], …, a[1, 0], …).</summary>
    private static bool IsMatrix(ParameterModel p) => p.TypeName is "double[,]" or "float[,]";

    /// <summary>A double[]/float[] or a span of double/float: its elements are differentiable scalars in index order.</summary>
    private static bool IsVector(ParameterModel p) =>
        p.TypeName is "double[]" or "float[]"
            or "global::System.ReadOnlySpan<double>" or "global::System.ReadOnlySpan<float>" or "global::System.Span<double>" or "global::System.Span<float>";

    /// <summary>
    /// ADG0019 for what the graph holds that the second-order walk does not handle: a local array that carries a
    /// gradient (reported at its declaration), an element of an array that is not a parameter, a gate with no
    /// second-derivative rule. Returns whether there was none.
    /// </summary>
    /// <param name="graph">The primal graph.</param>
    /// <param name="syntax">The method, where errors are reported.</param>
    /// <param name="diagnostics">Where errors go.</param>
    /// <param name="resultType">The method's result type.</param>
    public static bool CheckGraph(ComputationGraph graph, MethodDeclarationSyntax syntax, List<DiagnosticInfo> diagnostics, ScalarType resultType)
    {
        var activity = new Activity(graph);
        var reported = new HashSet<string>();
        bool ok = true;
        // A local array is differentiated by the forward-over-reverse product only (the second-order path has no arrays).
        string arrays = LocalArraysBlocked(graph, activity, resultType);
        foreach (var node in graph.Nodes)
        {
            if (!activity.IsActive(node.Id) || !activity.IsUseful(node.Id)) continue;
            string? why = node.Gate switch
            {
                _ when arrays.Length == 0 && IsLocalArrayNode(graph, node) => null,
                // The copy kept for, and the version left by, a call the product differentiates that writes the array (hess12).
                GateKind.CopyArray or GateKind.CallOutput when arrays.Length == 0 && Graph.CurvatureWrites.Involves(graph, node) => null,
                // A slice passed to such a call (hess18): HessianCalls accepted its array.
                GateKind.View when arrays.Length == 0 && Graph.CurvatureWrites.SliceOf(node) >= 0 => null,
                GateKind.Parameter or GateKind.Constant or GateKind.Copy or GateKind.Convert or GateKind.Phi when node.Type is ScalarType.Double or ScalarType.Float => null,
                // A call HessianCalls accepted: the product differentiates it twice through the callee's own H·v.
                _ when node.Call?.Curvature is not null && node.Type is ScalarType.Double or ScalarType.Float => null,
                GateKind.Parameter when node.Type == ScalarType.Other => null,
                // An array parameter the method writes (hess11): its versions are a local array's, over the entry values' tangents.
                // A written Span<T> too (hess12).
                // A written double[,] too (hess13).
                GateKind.Parameter when node.Type == ScalarType.Array && arrays.Length == 0 && (node.TypeName == ScalarLiterals.TypeKeyword(resultType) + "[]"
                    || node.TypeName == ScalarLiterals.TypeKeyword(resultType) + "[,]"
                    || node.TypeName == "global::System.Span<" + ScalarLiterals.TypeKeyword(resultType) + ">") => null,
                // A double[,] parameter's tangents are slices of the product's direction (Differentiator.TangentIndex): the
                // second-order path, which keeps a float[] in a double method, has no such slices.
                GateKind.Element when graph.Nodes[node.Inputs[0]].Gate == GateKind.Parameter && arrays.Length > 0 && graph.Nodes[node.Inputs[0]].TypeName.EndsWith("[,]", System.StringComparison.Ordinal) => "matrix",
                GateKind.Element when graph.Nodes[node.Inputs[0]].Gate == GateKind.Parameter => null,
                // An element read after such a copy into a parameter: the copy is reported (below), once, at the parameter.
                GateKind.Element when Graph.CopyIntoForms.IsFollowedRange(graph.Nodes[node.Inputs[0]]) && !Graph.CopyIntoForms.MadeLocally(graph, graph.Nodes[node.Inputs[0]]) => null,
                // A copy, fill, reversal or sort into an array parameter the method writes (hess23, hess25 follow them into local arrays only).
                GateKind.CopyInto when arrays.Length == 0 && Graph.CopyIntoForms.IsFollowedRange(node) && !Graph.CopyIntoForms.MadeLocally(graph, node) => "copied parameter",
                // The values an array had before a sort (hess25): the permutation is read from them, nothing differentiates them (a
                // sort of a parameter is reported at the parameter, above).
                GateKind.CopyArray when arrays.Length == 0 && Graph.CopyIntoForms.IsSortSnapshot(graph, node) => null,
                GateKind.NewArray or GateKind.CloneArray or GateKind.CopyInto or GateKind.NewRow or GateKind.Store or GateKind.Element or GateKind.Phi or GateKind.Copy => "local array",
                // The copy kept of an array before a sort or a call that writes it: reported as that array, once.
                GateKind.CopyArray when node.Inputs.Length > 0 => "local array",
                GateKind.Call => "call",
                _ when node.Type == ScalarType.Adjointable => "tensor",
                _ when SecondDerivatives.Has(node.Gate) => null,
                _ => "gate",
            };
            if (why is null) continue;
            ok = false;
            // An element read names the array it reads, so that one array is one error.
            var named = node.Gate is GateKind.Element or GateKind.CopyArray ? graph.Nodes[node.Inputs[0]] : node;
            string name = named.SourceName ?? named.UserName ?? named.Name;
            if (!reported.Add(why + ":" + (why is "local array" or "matrix" or "copied parameter" ? name : node.Gate.ToString()))) continue;
            diagnostics.Add(why switch
            {
                // A jagged local (hess13; followed by the product since hess20, with tangent rows made with its rows): refused
                // in a method that keeps the second-order path, or copied, sliced or passed in a way the product does not follow.
                "local array" when Jagged(named.TypeName) => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, Declarator(syntax, name) ?? (SyntaxNode)syntax,
                    "The local array '" + name + "'", "it is a jagged array (" + named.TypeName + ") that carries a gradient, and " + (arrays.Length > 0 ? arrays
                        : "it is copied, sliced, sorted or holds values of another type than the result's, which Hessian mode does not follow for the rows of a jagged array yet"),
                    "make it a " + named.TypeName.Substring(0, named.TypeName.IndexOf('[')) + "[,] (rows of one length) or one " + named.TypeName.Substring(0, named.TypeName.IndexOf('[')) + "[] row after row, or remove Hessian = true"),
                "local array" => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, Declarator(syntax, name) ?? (SyntaxNode)syntax,
                    "The local array '" + name + "'", arrays.Length > 0 ? "it carries a gradient, and " + arrays
                        : "it carries a gradient and is passed to a call, sliced, copied, sorted or holds values of another type than the result's, which Hessian mode does not follow yet",
                    "compute with scalars, take the array as a parameter, or remove Hessian = true"),
                "copied parameter" => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, ParameterAt(syntax, name) ?? (SyntaxNode)syntax,
                    "The parameter '" + name + "'", "it is written by a copy, fill, reversal or sort (Array.Copy, CopyTo, Array.Fill, Array.Reverse, Array.Sort), which Hessian mode follows into local arrays only",
                    "copy into a local array (var s = (double[])" + name + ".Clone(); Array.Sort(s);), or write the parameter element by element in a for loop, or remove Hessian = true"),
                "matrix" => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, ParameterAt(syntax, name) ?? (SyntaxNode)syntax,
                    "The parameter '" + name + "'", "it is a " + named.TypeName + " that carries a gradient, and " + arrays,
                    "make every array parameter that carries a gradient of the result's type (double[], double[,] in a double method), or remove Hessian = true"),
                "call" => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, syntax.Identifier.GetLocation(), "A call in '" + syntax.Identifier.ValueText + "'",
                    "calls that carry a gradient are not supported in Hessian mode yet", "write the callee's body inline, or remove Hessian = true"),
                "tensor" => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, syntax.Identifier.GetLocation(), "A tensor value in '" + syntax.Identifier.ValueText + "'",
                    "Hessian mode supports double/float values only", "remove Hessian = true"),
                _ => DiagnosticFactory.Create(DiagnosticDescriptors.HessianUnsupported, syntax.Identifier.GetLocation(), "The operation '" + node.Gate + "' in '" + syntax.Identifier.ValueText + "'",
                    "it has no second-derivative rule", "remove Hessian = true"),
            });
        }
        return ok;
    }

    /// <summary>An array of arrays (<c>double[][]</c>), a jagged local's type as the graph names it.</summary>
    private static bool Jagged(string typeName) => typeName.IndexOf("[][]", System.StringComparison.Ordinal) > 0;

    /// <summary>
    /// A local array's version (its creation, a store, a phi or copy of it) of doubles or floats, or an element read from
    /// one: the forward-over-reverse product gives it an array of tangents and one of adjoints' tangents.
    /// </summary>
    private static bool IsLocalArrayNode(ComputationGraph graph, Node node)
    {
        // A written Span parameter's versions (hess12) are stores into it and phis of them: its tangents are an array.
        // A jagged local's versions (hess20) include its new rows.
        // A copy, fill or reversal into a local array (hess23: Array.Copy, CopyTo, AsSpan().CopyTo, Array.Fill) is a version of it too, and a sort (hess25).
        bool Array(Node n) => n.Type == ScalarType.Array && (n.Gate is GateKind.NewArray or GateKind.NewRow or GateKind.Store or GateKind.Phi or GateKind.Copy
            || Graph.CurvatureWrites.Left(graph, n) || Graph.CopyIntoForms.IsFollowedRange(n) && Graph.CopyIntoForms.MadeLocally(graph, n))
            && (n.TypeName is "double[]" or "float[]" or "double[,]" or "float[,]" or "double[][]" or "float[][]"
                || n.Gate is GateKind.Store or GateKind.Phi && n.TypeName is "global::System.Span<double>" or "global::System.Span<float>");
        return Array(node) || node.Gate == GateKind.Element && node.Type is ScalarType.Double or ScalarType.Float && Array(graph.Nodes[node.Inputs[0]]);
    }

    /// <summary>
    /// Why the method's local arrays cannot be differentiated twice ("" when they can): the method does not take the
    /// forward-over-reverse product (HessianCalls.ProductBlocked), and the second-order path has no local arrays.
    /// </summary>
    private static string LocalArraysBlocked(ComputationGraph graph, Activity activity, ScalarType resultType)
    {
        if (resultType is not (ScalarType.Double or ScalarType.Float)) return "Hessian mode differentiates a double or float result only";
        string other = resultType == ScalarType.Float ? "double" : "float";
        foreach (var node in graph.Nodes)
        {
            if (!activity.IsActive(node.Id) || node.Gate != GateKind.Parameter || node.Type != ScalarType.Other) continue;
            if (node.TypeName.StartsWith(other, System.StringComparison.Ordinal) || node.TypeName.EndsWith("<" + other + ">", System.StringComparison.Ordinal))
            {
                return "the parameter '" + node.Name + "' is an array or span of " + other + "s in a " + (other == "float" ? "double" : "float")
                    + " method, whose Hessian is computed by second-order forward mode, which has no local arrays";
            }
        }
        return "";
    }

    /// <summary>
    /// Per node, the local that holds the tangent of its adjoint in the forward-over-reverse Hessian–vector product
    /// (<c>Differentiator.HessianVector</c>): <c>tdX</c> for <c>dX</c>, fresh names; nodes that share an adjoint share it.
    /// </summary>
    public static EquatableArray<string> AdjointTangentNames(ComputationGraph graph, NameAllocator names)
    {
        var byAdjoint = new Dictionary<string, string>();
        var result = new string[graph.Nodes.Length];
        foreach (var node in graph.Nodes)
        {
            if (node.AdjointName.Length == 0)
            {
                result[node.Id] = "";
                continue;
            }
            if (!byAdjoint.TryGetValue(node.AdjointName, out var name))
            {
                name = names.Fresh("t" + node.AdjointName.Replace(".", ""));
                byAdjoint.Add(node.AdjointName, name);
            }
            result[node.Id] = name;
        }
        return new EquatableArray<string>(result);
    }

    /// <summary>
    /// Per node, its tangent's local in the forward-over-reverse <c>MHessianVector</c>: the forward mode's name, except for a
    /// struct parameter's field, whose forward-mode tangent is a member of the tangent parameter (<c>tP.X</c>): there a
    /// fresh local (<c>tPX</c>), read from the direction like a double parameter's; and the copy of an array kept for a call
    /// that writes it (hess12), whose tangents are a copy too (<c>tASeen</c>).
    /// </summary>
    public static EquatableArray<string> FieldTangentNames(ComputationGraph graph, EquatableArray<string> tangents, NameAllocator names)
    {
        var result = new string[graph.Nodes.Length];
        var byTangent = new Dictionary<string, string>();
        foreach (var node in graph.Nodes)
        {
            string tangent = tangents[node.Id];
            if (tangent.Length > 0 && Graph.CurvatureWrites.Snapshot(graph, node))
            {
                // The copy of an array taken for a call that writes it (hess12) keeps the array's tangents as they were passed:
                // a copy of its own, where forward mode's copy shares the array's tangent.
                result[node.Id] = names.Fresh("t" + char.ToUpperInvariant(node.Name[0]) + node.Name.Substring(1));
                continue;
            }
            if (node.Gate != GateKind.Parameter || tangent.IndexOf('.') < 0)
            {
                result[node.Id] = tangent;
                continue;
            }
            if (!byTangent.TryGetValue(tangent, out var local))
            {
                local = names.Fresh(tangent.Replace(".", ""));
                byTangent.Add(tangent, local);
            }
            result[node.Id] = local;
        }
        return new EquatableArray<string>(result);
    }

    private static SyntaxNode? ParameterAt(MethodDeclarationSyntax syntax, string name) =>
        syntax.ParameterList.Parameters.FirstOrDefault(p => p.Identifier.ValueText == name);

    private static SyntaxNode? Declarator(MethodDeclarationSyntax syntax, string name) =>
        syntax.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == name);

    /// <summary>
    /// Per node: a differentiable scalar parameter's position among the differentiable scalars, an array or span
    /// parameter's first element's position (C# expressions over earlier arrays' lengths); "" for other nodes. And n.
    /// </summary>
    public static (EquatableArray<string> Indices, string Size) Indices(ComputationGraph graph, IReadOnlyList<ParameterModel> parameters)
    {
        var result = new string[graph.Nodes.Length];
        int constant = 0;
        var lengths = new List<string>();
        string Position() => lengths.Count == 0 ? constant.ToString(CultureInfo.InvariantCulture)
            : (constant == 0 ? "" : constant.ToString(CultureInfo.InvariantCulture) + " + ") + string.Join(" + ", lengths);
        // An array of structs' component arrays share one block, element-major (p[0].X, p[0].Y, p[1].X, …): each gets its start.
        var structBlocks = new Dictionary<string, string>();
        foreach (var node in graph.Nodes)
        {
            result[node.Id] = "";
            if (node.Gate != GateKind.Parameter || node.AdjointName.Length == 0) continue;
            // The array of structs itself: its scalars are its components' (below).
            if (graph.StructArrays.Any(c => c.Parameter == node.Name)) continue;
            if (StructArrayBlocks.Component(graph, node.Name) is { } part)
            {
                if (!structBlocks.TryGetValue(part.Parts.Parameter, out var start))
                {
                    structBlocks.Add(part.Parts.Parameter, start = Position());
                    lengths.Add(part.Parts.LengthText + " * " + part.Count.ToString(CultureInfo.InvariantCulture));
                }
                result[node.Id] = start;
                continue;
            }
            if (node.Type is ScalarType.Double or ScalarType.Float)
            {
                result[node.Id] = Position();
                constant++;
            }
            else if (node.Type == ScalarType.Other || node.Type == ScalarType.Array && (node.TypeName.EndsWith("[]", System.StringComparison.Ordinal)
                         || node.TypeName.EndsWith("[,]", System.StringComparison.Ordinal) || node.TypeName.StartsWith("global::System.Span<", System.StringComparison.Ordinal)))
            {
                // (ScalarType.Array: a double[] the method writes, hess11, a Span<double>, hess12, or a double[,], hess13.)
                result[node.Id] = Position();
                var p = parameters.FirstOrDefault(q => q.Name == node.Name);
                bool mayBeNull = p is not null && p.MayBeNull;
                // A null array is a span of length 0; a null test here would make flow analysis think it may be null below.
                string element = p is not null && p.TypeName.EndsWith("[]", System.StringComparison.Ordinal) ? p.TypeName.Substring(0, p.TypeName.Length - 2) : "double";
                // A double[,] has no span over it: its Length (declared double[,]? it is ADG0019 at the parameter; oblivious, a null
                // one throws as the method does when it reads it).
                bool matrix = node.TypeName.EndsWith("[,]", System.StringComparison.Ordinal);
                // A jagged double[][] (hess16): its rows' elements, row after row.
                if (node.TypeName.EndsWith("[][]", System.StringComparison.Ordinal)) lengths.Add(Helpers.JaggedBlockNames.Count + node.Name + ")");
                else lengths.Add(mayBeNull && !matrix ? "new global::System.ReadOnlySpan<" + element + ">(" + node.Name + ").Length" : node.Name + ".Length");
            }
        }
        return (new EquatableArray<string>(result), Position());
    }
}
