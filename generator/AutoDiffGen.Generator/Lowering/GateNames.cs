using AutoDiffGen.Generator.Graph;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>Readable base names for intermediates that the user did not name: sum, prod, exp, …</summary>
internal static class GateNames
{
    /// <summary>The gate of + − × ÷ (binary operators and their compound assignments); null for any other operator.</summary>
    public static GateKind? Arithmetic(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.Add => GateKind.Add,
        BinaryOperatorKind.Subtract => GateKind.Subtract,
        BinaryOperatorKind.Multiply => GateKind.Multiply,
        BinaryOperatorKind.Divide => GateKind.Divide,
        _ => null,
    };

    public static string Base(GateKind gate) => gate switch
    {
        GateKind.Add => "sum",
        GateKind.Subtract => "diff",
        GateKind.Multiply => "prod",
        GateKind.Divide => "quot",
        GateKind.Negate => "neg",
        GateKind.Reciprocal => "inv",
        GateKind.Convert => "conv",
        GateKind.Copy => "copy",
        GateKind.LogBase => "log",
        GateKind.Atan2 => "atan2",
        GateKind.Remainder => "rem",
        _ => gate.ToString().ToLowerInvariant(),
    };

    /// <summary>A call's result is named after the callee: MatMul → matMul, op_Addition → sum.</summary>
    public static string ForCall(string callee) => callee switch
    {
        "op_Addition" => "sum",
        "op_Subtraction" => "diff",
        "op_Multiply" => "prod",
        "op_Division" => "quot",
        "op_UnaryNegation" => "neg",
        _ when callee.Length > 0 => char.ToLowerInvariant(callee[0]) + callee.Substring(1),
        _ => "call",
    };
}
