using System.Linq;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;
using Microsoft.CodeAnalysis.CSharp;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The first lines of a Backward: each adjoint array, span or tensor is checked against its parameter
/// (present, same length) by <c>global::AutoDiffGen.Internals.Check</c>, so a caller's mistake is an
/// ArgumentException naming both, before anything is computed or written, instead of an
/// IndexOutOfRangeException from inside the generated code.
/// </summary>
internal static class ArgumentChecks
{
    private const string Check = "global::AutoDiffGen.Internals.Check.";

    public static void Write(IndentedWriter w, MethodModel model, bool comment = true)
    {
        var lines = model.Parameters.Where(p => p.IsDifferentiable).Select(Line).Where(l => l is not null).ToList();
        if (model.ThisAdjointType is { } state)
        {
            // dThis (WithRespectToThis): present (a class), then each of its arrays of this object's array's length.
            if (!state.StartsWith("ref ", System.StringComparison.Ordinal)) lines.Add(Check + "State(" + MethodModel.ThisAdjointName + ", " + Quote(MethodModel.ThisAdjointName) + ");");
            lines.AddRange(model.ThisMembers.Select(Line).Where(l => l is not null));
        }
        if (lines.Count == 0) return;
        if (comment) w.Line("// arguments: every adjoint present and of its parameter's length, before any work");
        foreach (var line in lines) w.Line(line!);
    }

    /// <summary>
    /// MHessian's and MHessianVector's check of an array or list of class objects (Lowering/ClassArrayParameters): every
    /// element present, as MBackward's Check.ClassArray does, before its members are copied.
    /// </summary>
    public static void ClassElements(IndentedWriter w, MethodModel model)
    {
        foreach (var p in model.Parameters.Where(p => p.ClassElements)) w.Line(Check + "ClassElements(" + p.Name + ", " + Quote(p.Name) + ");");
    }

    private static string? Line(ParameterModel p)
    {
        string names = Quote(p.Name) + ", " + Quote(p.AdjointName!);
        if (p.AdjointType.EndsWith("[,]", System.StringComparison.Ordinal) || p.AdjointType.EndsWith("[][]", System.StringComparison.Ordinal))
        {
            // double[,] and jagged double[][]: the adjoint has the parameter's shape, row by row for a jagged one.
            string kind = p.AdjointType.EndsWith("[,]", System.StringComparison.Ordinal) ? "Array2D(" : "Jagged(";
            return Check + (p.MayBeNull ? "Optional" : "") + kind + p.Name + ", " + p.AdjointName + ", " + names + ");";
        }
        if (p.ClassElements)
        {
            // A [WithRespectTo] array or list of class objects: both of one length, every element of each an object.
            return Check + (p.IsList ? "ClassList(" : "ClassArray(") + p.Name + ", " + p.AdjointName + ", " + names + ");";
        }
        if (p.IsList)
        {
            // A list's adjoint is an array of its Count; a null list is a caller's error (a nullable one is ADG0006).
            return Check + "Adjoint(" + p.Name + ", " + p.AdjointName + ", false, " + names + "); " + Check + "Length(" + p.LengthText + ", " + p.AdjointName + ".Length, " + names + ");";
        }
        if (p.AdjointType.EndsWith("[]", System.StringComparison.Ordinal))
        {
            return Check + (p.MayBeNull ? "OptionalArray(" : "Array(") + p.Name + ", " + p.AdjointName + ", " + names + ");";
        }
        if (p.AdjointType.StartsWith("global::System.Span<", System.StringComparison.Ordinal))
        {
            return Check + "Length(" + p.Name + ".Length, " + p.AdjointName + ".Length, " + names + ");";
        }
        if (p.AdjointType.StartsWith("ref ", System.StringComparison.Ordinal) && p.Nullability != ParameterNullability.ValueType)
        {
            // A [WithRespectTo] class parameter's adjoint (ref T dP): an object to add into (Lowering/ClassParameters).
            return Check + "ClassAdjoint(" + p.AdjointName + ", " + names + ");";
        }
        if (p.Scalar == ScalarType.Adjointable && p.Nullability != ParameterNullability.ValueType)
        {
            return Check + "Adjoint(" + p.Name + ", " + p.AdjointName + ", " + (p.MayBeNull ? "true" : "false") + ", " + names + ");";
        }
        return null;
    }

    /// <summary>The name as the user reads it: without the @ of an escaped keyword.</summary>
    private static string Quote(string name) => SymbolDisplay.FormatLiteral(name.TrimStart('@'), quote: true);
}
