using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The shorter overloads of <c>MBackward</c> and <c>MForward</c> for a method with trailing optional parameters
/// (<see cref="MethodModel.ShortForms"/>): each leaves some out, as a call of the method may, passes their defaults on to
/// the full method and drops their gradients (tangents: zero). <c>MHessian</c> has none: its size counts every parameter.
/// </summary>
internal static class ShortFormsEmitter
{
    public static void Backward(IndentedWriter w, MethodModel model)
    {
        string ret = BackwardEmitter.ReturnType(model);
        bool syntax = model.NullableSyntax;
        foreach (int count in model.ShortForms)
        {
            var kept = model.Parameters.Take(count).ToList();
            var omitted = model.Parameters.Skip(count).ToList();
            Header(w, model, model.BackwardName, omitted, "gradient", "dropped");
            using (w.WriteBlock(model.Modifiers + " " + ret + " " + model.BackwardName + "(" + string.Join(", ", BackwardEmitter.Parameters(model, kept, ret)) + ")"))
            {
                foreach (var p in omitted.Where(p => p.IsDifferentiable && IsByRef(p.AdjointType)))
                {
                    string type = p.AdjointType.Substring(4);
                    w.Line(type + " " + p.AdjointName + " = default(" + type + ");");
                }
                var arguments = kept.Select(p => p.RefPrefix + p.Name)
                    .Concat(omitted.Select(p => Value(p.Omitted!, syntax)))
                    .Concat(kept.Where(p => p.IsDifferentiable).Select(p => (IsByRef(p.AdjointType) ? "ref " : "") + p.AdjointName))
                    .Concat(omitted.Where(p => p.IsDifferentiable).Select(p => IsByRef(p.AdjointType) ? "ref " + p.AdjointName
                        : p.AdjointType.StartsWith("global::System.Span<", System.StringComparison.Ordinal) ? "default(" + p.AdjointType + ")"
                        : Value(p.Omitted!, syntax)))
                    .Concat(model.ThisAdjointType is { } state ? new[] { (IsByRef(state) ? "ref " : "") + MethodModel.ThisAdjointName } : new string[0])
                    .Concat(model.Graph.IsVoid ? new string[0] : new[] { "dResult" });
                w.Line((model.Graph.IsVoid ? "" : "return ") + model.BackwardName + "(" + string.Join(", ", arguments) + ");");
            }
        }
    }

    public static void Forward(IndentedWriter w, MethodModel model)
    {
        var written = ForwardEmitter.Written(model);
        bool syntax = model.NullableSyntax;
        foreach (int count in model.ShortForms)
        {
            var kept = model.Parameters.Take(count).ToList();
            var omitted = model.Parameters.Skip(count).ToList();
            Header(w, model, model.ForwardName, omitted, "tangent", "zero");
            using (w.WriteBlock(model.Modifiers + " " + ForwardEmitter.ReturnType(model) + " " + model.ForwardName + "(" + string.Join(", ", ForwardEmitter.Parameters(model, kept, written)) + ")"))
            {
                var arguments = kept.Select(p => p.Name)
                    .Concat(omitted.Select(p => Value(p.Omitted!, syntax)))
                    .Concat(kept.Where(p => p.IsDifferentiable).Select(ForwardEmitter.Tangent))
                    .Concat(omitted.Where(p => p.IsDifferentiable).Select(p => "default(" + ForwardEmitter.TangentType(p, written) + ")" + (syntax && p.Nullability != ParameterNullability.ValueType ? "!" : "")))
                    .Concat(model.Graph.IsVoid ? new string[0] : new[] { "out tResult" });
                w.Line((model.Graph.IsVoid ? "" : "return ") + model.ForwardName + "(" + string.Join(", ", arguments) + ");");
            }
        }
    }

    private static void Header(IndentedWriter w, MethodModel model, string name, List<ParameterModel> omitted, string what, string fate)
    {
        w.Line();
        w.Line("/// <summary><c>" + name + "</c> without " + string.Join(", ", omitted.Select(p => "<c>" + p.Name.TrimStart('@') + "</c>"))
            + ", as a call of <c>" + model.MethodName + "</c> may leave " + (omitted.Count == 1 ? "it out: it takes its default, and its " + what + " is " : "them out: they take their defaults, and their " + what + "s are ") + fate + ".</summary>");
        w.Line("[global::System.CodeDom.Compiler.GeneratedCode(\"AutoDiffGen\", \"" + BackwardEmitter.Version + "\")]");
    }

    private static bool IsByRef(string type) => type.StartsWith("ref ", System.StringComparison.Ordinal);

    /// <summary>A left-out argument's value; a null one is <c>null!</c> where the language has <c>!</c> (the parameter may be declared non-nullable).</summary>
    private static string Value(string omitted, bool syntax) => omitted == ParameterModel.NullDefault && syntax ? "null!" : omitted;
}
