using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.RefOut;

/// <summary>
/// The ref/out/in helpers and their callers on every language version: their Backwards (ref and out signatures,
/// 'out _' discards, in/out adjoint locals) compile without warnings from C# 7.3 up, and the C# 7.3 Euler
/// integrator agrees with central differences.
/// </summary>
public class RefOutLanguageVersionTests
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
        var result = LanguageVersionHarness.Run(version, nullable, null, RefOutSources.Helpers, RefOutSources.Callers);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
        Assert.Equal(17, result.Generated.Count); // 12 helpers, 5 callers
    }

    [Fact]
    public void CSharp73_EulerIntegrator_AgreesWithCentralDifferences()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, RefOutSources.Helpers, RefOutSources.Callers);
        Assert.True(result.CompileDiagnostics.IsEmpty, result.Dump());
        var assembly = result.Load();
        var type = assembly.GetType("RefOut.C")!;
        double Energy(double x0, double v0, double h) => (double)type.GetMethod("Energy")!.Invoke(null, new object[] { x0, v0, h, 25 })!;
        var args = new object[] { 0.9, 0.1, 0.05, 25, 0.0, 0.0, 0.0, 1.0 };
        double value = (double)type.GetMethod("EnergyBackward")!.Invoke(null, args)!;
        Tolerance.AssertFormula(Energy(0.9, 0.1, 0.05), value, "value");
        const double h = 1e-6;
        Tolerance.AssertCentral((Energy(0.9 + h, 0.1, 0.05) - Energy(0.9 - h, 0.1, 0.05)) / (2 * h), (double)args[4], value, "dx0");
        Tolerance.AssertCentral((Energy(0.9, 0.1 + h, 0.05) - Energy(0.9, 0.1 - h, 0.05)) / (2 * h), (double)args[5], value, "dv0");
        Tolerance.AssertCentral((Energy(0.9, 0.1, 0.05 + h) - Energy(0.9, 0.1, 0.05 - h)) / (2 * h), (double)args[6], value, "dh");
    }
}
