using System.Text;

namespace AutoDiffGen.Generator.Tests.Hessians;

/// <summary>
/// The wrappers over flat <c>double[]</c>s that <see cref="HessianMatrixPropertyTests.Check"/> calls, for a random program
/// <c>double M(double a, double b, double c)</c> with <c>Hessian = true</c>: MH (MHessian), MV (MHessianVector) and MG
/// (MBackward's gradient).
/// </summary>
internal static class HessianWrappers
{
    public static void OverThreeDoubles(StringBuilder text, string name)
    {
        text.Append("    public static void " + name + "H(double[] p, double[] h) => " + name + "Hessian(p[0], p[1], p[2], h);\n");
        text.Append("    public static void " + name + "V(double[] p, double[] v, double[] hv) => " + name + "HessianVector(p[0], p[1], p[2], v, hv);\n");
        text.Append("    public static void " + name + "G(double[] p, double[] g) { double da = 0, db = 0, dc = 0; " + name + "Backward(p[0], p[1], p[2], ref da, ref db, ref dc); g[0] = da; g[1] = db; g[2] = dc; }\n");
    }
}
