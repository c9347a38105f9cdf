using AutoDiffGen.Generator.Graph;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>Readable base names for intermediates that the user did not name: sum, prod, exp, …</summary>
internal static class GateNames
{
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
        _ => gate.ToString().ToLowerInvariant(),
    };
}
