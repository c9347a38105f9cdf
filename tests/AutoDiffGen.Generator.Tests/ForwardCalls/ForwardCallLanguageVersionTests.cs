using AutoDiffGen.Generator.Tests.Compatibility;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.ForwardCalls;

/// <summary>
/// Forward mode through array-writing callees and the column form of MJacobian compile without errors or warnings from
/// C# 7.3 up, with and without nullable (the sources are C# 7.3), and give under C# 7.3 the tangents they give under the
/// latest version.
/// </summary>
public class ForwardCallLanguageVersionTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp8, true },
        { LanguageVersion.Latest, true },
        { LanguageVersion.Latest, false },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void CompilesWithoutErrorsOrWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, ForwardCallSources.Callees, ForwardCallSources.Callers, JacobianColumnsSources.Source);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Contains(result.Generated.Values, text => text.Contains("void PolyJacobian(", StringComparison.Ordinal) && text.Contains("PolyForward(a, b, y, tA, tB, tY);", StringComparison.Ordinal));
    }

    [Fact]
    public void CSharp73_JvpAndJacobianColumns_AreRight()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, ForwardCallSources.Callees, ForwardCallSources.Callers, JacobianColumnsSources.Source);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var type = result.Load().GetType("SpanOut.S", throwOnError: true)!;
        // Fit(x, y) = Σ_i (x e^{-y i} - 1)², i < 4, along (tx, ty).
        double x = 1.3, y = 0.2, tx = 0.5, ty = -0.7, hand = 0;
        for (int i = 0; i < 4; i++)
        {
            double e = Math.Exp(-y * i), r = x * e - 1;
            hand += 2 * r * e * tx - 2 * i * x * r * e * ty;
        }
        var args = new object[] { x, y, tx, ty, 0.0 };
        type.GetMethod("FitForward")!.Invoke(null, args);
        Infrastructure.Tolerance.AssertFormula(hand, (double)args[4], "FitForward under C# 7.3");
        // Poly's Jacobian by columns (m = 4 > n = 2): ∂y_i/∂a = sin(b i), ∂y_i/∂b = a i cos(b i) + y0_i.
        double a = 0.9, b = 0.4;
        var y0 = new[] { 1.0, -0.5, 0.25, 2.0 };
        var j = new double[8];
        type.GetMethod("Poly_J")!.Invoke(null, new object[] { new[] { a, b }, y0.Clone(), j });
        for (int i = 0; i < 4; i++)
        {
            Infrastructure.Tolerance.AssertFormula(Math.Sin(b * i), j[i * 2], "J[" + i + ", a]");
            Infrastructure.Tolerance.AssertFormula(a * i * Math.Cos(b * i) + y0[i], j[i * 2 + 1], "J[" + i + ", b]");
        }
    }
}
