using System;
using System.Collections.Generic;
using System.Linq;
using AutoDiffGen.Generator.Derivatives;
using AutoDiffGen.Generator.Graph;
using AutoDiffGen.Generator.Helpers;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace AutoDiffGen.Generator.Lowering;

/// <summary>
/// <c>Quaternion.Lerp</c> and <c>Quaternion.Slerp</c> (idioms18b, issue 13), as System.Numerics computes them. Both branch
/// on the sign of q1·q2 (the shorter way round) and Slerp also on how close the two are; a branch's test is not
/// differentiated (a comparison, as an <c>if</c>), and each side's gates are computed only on its side, so the Acos of the
/// far side never meets a cosine outside [−1, 1] where the near side was taken.
/// </summary>
internal sealed partial class ExpressionLowering
{
    /// <summary>Lerp(q1, q2, t) and Slerp(q1, q2, t) on quaternions; Handled false for any other method.</summary>
    private (bool Handled, int[]? Nodes) QuaternionBlend(IInvocationOperation invocation, IOperation[] args)
    {
        if (invocation.TargetMethod.Name is not ("Lerp" or "Slerp") || args.Length != 3 || !RealStructs.IsQuaternion(args[0].Type) || !RealStructs.IsQuaternion(args[1].Type)) return (false, null);
        var a = TransformParts(args[0]);
        var b = TransformParts(args[1]);
        int t = Lower(args[2], null);
        if (a is null || b is null) return (true, null);
        var q1 = QuaternionParts.Select(n => a[n]).ToArray();
        var q2 = QuaternionParts.Select(n => b[n]).ToArray();
        int cos = SumOfProducts(q1, q2);
        string label = Describe.Source(invocation.Syntax, 30);
        int one = One(ScalarType.Float);
        if (invocation.TargetMethod.Name == "Lerp")
        {
            // r = (1 − t)·q1 + t·q2 when q1·q2 ≥ 0, else (1 − t)·q1 − t·q2; then r/|r|.
            int oneMinus = Gate(GateKind.Subtract, one, t);
            int s2 = Branched("(" + _context.Nodes[cos].Name + ") >= 0.0f", cos, () => new[] { t }, () => new[] { Gate(GateKind.Negate, t) }, label)[0];
            var r = q1.Select((n, i) => Gate(GateKind.Add, Gate(GateKind.Multiply, oneMinus, n), Gate(GateKind.Multiply, s2, q2[i]))).ToArray();
            int length = Gate(GateKind.Sqrt, SumOfProducts(r, r));
            return (true, FromParts(invocation, ByName(QuaternionParts, r.Select(n => Gate(GateKind.Divide, n, length)).ToArray())));
        }
        // Slerp: with c = |q1·q2| and sign = the sign of q1·q2 (+1 at 0): s1 = 1 − t, s2 = sign·t when c > 1 − 1e-6, else
        // with ω = acos c: s1 = sin((1 − t)ω)/sin ω, s2 = sign·sin(tω)/sin ω; the result q1·s1 + q2·s2.
        var signed = Branched("(" + _context.Nodes[cos].Name + ") < 0.0f", cos,
            () => new[] { _context.AddConstant("-1.0f", ScalarType.Float, "float", null, isAtom: true), Gate(GateKind.Negate, cos) },
            () => new[] { one, cos }, label);
        int sign = signed[0], c = signed[1];
        var scales = Branched("(" + _context.Nodes[c].Name + ") > (1.0f - 1e-6f)", c,
            () => new[] { Gate(GateKind.Subtract, one, t), Gate(GateKind.Multiply, t, sign) },
            () =>
            {
                int omega = Gate(GateKind.Acos, c);
                int inverse = Gate(GateKind.Divide, one, Gate(GateKind.Sin, omega));
                return new[]
                {
                    Gate(GateKind.Multiply, Gate(GateKind.Sin, Gate(GateKind.Multiply, Gate(GateKind.Subtract, one, t), omega)), inverse),
                    Gate(GateKind.Multiply, Gate(GateKind.Multiply, Gate(GateKind.Sin, Gate(GateKind.Multiply, t, omega)), inverse), sign),
                };
            }, label);
        var blended = q1.Select((n, i) => Gate(GateKind.Add, Gate(GateKind.Multiply, n, scales[0]), Gate(GateKind.Multiply, q2[i], scales[1]))).ToArray();
        return (true, FromParts(invocation, ByName(QuaternionParts, blended)));
    }

    /// <summary>
    /// <c>test ? whenTrue() : whenFalse()</c> for several values at once: one branch of the graph (its test, reading
    /// <paramref name="dependency"/>, is not differentiated), each side's gates computed inside it, a phi per value.
    /// </summary>
    private int[] Branched(string test, int dependency, Func<int[]> whenTrue, Func<int[]> whenFalse, string label)
    {
        int condition = _context.AddConstant(test, ScalarType.Other, "bool", null, isAtom: false, new[] { dependency });
        _context.OpenBlock();
        var a = whenTrue();
        var then = _context.CloseBlock();
        _context.OpenBlock();
        var b = whenFalse();
        var otherwise = _context.CloseBlock();
        var phis = a.Select((n, i) =>
        {
            var type = _context.Nodes[n].Type;
            return _context.AddPhi(type, ScalarLiterals.TypeKeyword(type), _context.Names.Fresh("blend"), _context.Nodes[n].Varied || _context.Nodes[b[i]].Varied, n, b[i]);
        }).ToArray();
        _context.AddItem(new IfItem(condition, then, otherwise, new EquatableArray<int>(phis), label));
        return phis;
    }
}
