using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Helpers;
using AutoDiffGen.Generator.Model;

namespace AutoDiffGen.Generator.Emit;

/// <summary>
/// The column form of <see cref="JacobianOutputsEmitter"/>'s <c>MJacobian</c> (issue 14 item 2: the dense Jacobian picks
/// forward or reverse mode by the shape). m and n are lengths at the call, so the choice is made there: with
/// <c>Forward = true</c>, when 0 &lt; n &lt; m, n forward sweeps (one <c>MForward</c> per input scalar, its tangent one-hot,
/// the outputs' tangents zero: their incoming contents are held constant) fill the matrix a column at a time instead
/// of m reverse sweeps a row at a time. Each sweep restores the outputs' incoming contents first, so the last leaves them
/// as the method does. Only for inputs that are scalars or 1-D arrays and spans (a struct's tangent would be set member by
/// member, which a readonly struct does not allow): otherwise rows, as before.
/// </summary>
internal static class JacobianOutputColumns
{
    /// <summary>Whether the columns branch is written: the method has MForward and every input is a scalar or a 1-D array or span.</summary>
    public static bool Applies(MethodModel model, List<ParameterModel> inputs) =>
        model.Forward && inputs.Count > 0 && inputs.All(p => JacobianEmitter.Kind(p) == JacobianEmitter.AdjointKind.Scalar || IsVector(p));

    private static bool IsVector(ParameterModel p) =>
        JacobianEmitter.IsSpan(p) || p.AdjointType.EndsWith("[]", StringComparison.Ordinal) && !p.AdjointType.EndsWith("[][]", StringComparison.Ordinal);

    /// <summary>
    /// <c>if (0 &lt; n &amp;&amp; n &lt; m) { …columns…; return; }</c>, written before the rows loop: <paramref name="kept"/> holds,
    /// per output, the array of its incoming contents; <paramref name="length"/> gives a parameter's number of scalars as
    /// C#, <paramref name="local"/> a local name no parameter takes.
    /// </summary>
    public static void Write(IndentedWriter w, MethodModel model, List<ParameterModel> outputs, List<ParameterModel> inputs, Dictionary<string, string> kept,
        string element, string m, string n, Func<ParameterModel, string> length, Func<string, string> local)
    {
        var differentiable = model.Parameters.Where(p => p.IsDifferentiable).ToList();
        using (w.WriteBlock("if (0 < " + n + " && " + n + " < " + m + ")"))
        {
            w.Line("// fewer inputs than outputs: n forward sweeps, a column each, instead of m reverse sweeps");
            var tangent = new Dictionary<string, string>();
            foreach (var p in differentiable)
            {
                string t = local("t" + p.AdjointName!.Substring(1));
                tangent[p.Name] = t;
                if (JacobianEmitter.Kind(p) == JacobianEmitter.AdjointKind.Scalar) w.Line(p.TypeName + " " + t + " = 0;");
                else w.Line(JacobianEmitter.ArrayElement(p) + "[] " + t + " = new " + JacobianEmitter.ArrayElement(p) + "[" + length(p) + "];");
            }
            string column = local("column");
            w.Line("int " + column + " = 0;");
            var sweep = model.ForwardName + "(" + string.Join(", ", model.Parameters.Select(p => p.Name).Concat(differentiable.Select(p => tangent[p.Name]))) + ");";
            foreach (var p in inputs)
            {
                string t = tangent[p.Name];
                if (JacobianEmitter.Kind(p) == JacobianEmitter.AdjointKind.Scalar)
                {
                    using (w.WriteBlock(""))
                    {
                        w.Line(t + " = 1;");
                        Sweep(w, outputs, kept, tangent, sweep, element, n, column, local);
                        w.Line(t + " = 0;");
                    }
                    continue;
                }
                string i = local("i");
                using (w.WriteBlock("for (int " + i + " = 0; " + i + " < " + t + ".Length; " + i + "++)"))
                {
                    w.Line(t + "[" + i + "] = 1;");
                    Sweep(w, outputs, kept, tangent, sweep, element, n, column, local);
                    w.Line(t + "[" + i + "] = 0;");
                }
            }
            w.Line("return;");
        }
    }

    /// <summary>One forward sweep: the outputs back to their incoming contents and their tangents to zero, MForward, its column.</summary>
    private static void Sweep(IndentedWriter w, List<ParameterModel> outputs, Dictionary<string, string> kept, Dictionary<string, string> tangent, string sweep,
        string element, string n, string column, Func<string, string> local)
    {
        foreach (var p in outputs)
        {
            w.Line("new global::System.ReadOnlySpan<" + JacobianEmitter.ArrayElement(p) + ">(" + kept[p.Name] + ").CopyTo(" + p.Name + ");");
            w.Line("global::System.Array.Clear(" + tangent[p.Name] + ", 0, " + tangent[p.Name] + ".Length);");
        }
        w.Line(sweep);
        string row = local("row"), j = local("j");
        w.Line("int " + row + " = 0;");
        foreach (var p in outputs)
        {
            string t = tangent[p.Name];
            w.Line("for (int " + j + " = 0; " + j + " < " + t + ".Length; " + j + "++) jacobian[" + row + "++ * " + n + " + " + column + "] = (" + element + ")" + t + "[" + j + "];");
        }
        w.Line(column + "++;");
    }
}
