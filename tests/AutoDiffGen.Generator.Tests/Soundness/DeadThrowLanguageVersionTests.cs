using AutoDiffGen.Generator.Tests.Compatibility;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Soundness;

/// <summary>
/// The dead-throw class on the language versions a project may build with: <see cref="DeadThrowTests"/>' forms generate
/// and compile without one warning at C# 7.3 (nullable off), 9 and 12 (nullable on) (the CS0219 class's programs:
/// <see cref="UnusedLocalsLanguageVersionTests"/>); at C# 7.3 a dead division still throws in MBackward and MForward, and the gradients agree with
/// the hand value and central differences.
/// </summary>
public class DeadThrowLanguageVersionTests
{
    public static TheoryData<LanguageVersion, bool> Versions => new()
    {
        { LanguageVersion.CSharp7_3, false },
        { LanguageVersion.CSharp9, true },
        { LanguageVersion.CSharp12, true },
    };

    [Theory]
    [MemberData(nameof(Versions))]
    public void DeadThrowForms_CompileWithoutWarnings(LanguageVersion version, bool nullable)
    {
        var result = LanguageVersionHarness.Run(version, nullable, null, DeadThrowTests.Wrapped);
        Assert.True(result.GeneratorDiagnostics.IsEmpty && result.CompileDiagnostics.IsEmpty, result.Dump());
    }

    [Fact]
    public void CSharp73_ADeadDivision_ThrowsInEveryMode_AndTheGradientIsRight()
    {
        var result = LanguageVersionHarness.RunForLoad(LanguageVersion.CSharp7_3, false, null, DeadThrowTests.Wrapped);
        var type = result.Load().GetType("D")!;
        foreach (var name in new[] { "Div", "Carried" })
        {
            double x = 0.7;
            var r = CentralDifferenceRunner.Check(type.GetMethod(name)!, null, [x, 5]);
            // By hand: 1.5x² → 3x; the carried loop's 1.5x⁴ → 6x³.
            Tolerance.AssertFormula(name == "Div" ? 3 * x : 6 * x * x * x, r.Gradient[0]![0], name + " d/dx");
            int bad = name == "Div" ? 0 : 1;
            Assert.IsType<DivideByZeroException>(Invocations.Thrown(() => type.GetMethod(name + "Backward")!.Invoke(null, [x, bad, 0.0, 1.0])));
            Assert.IsType<DivideByZeroException>(Invocations.Thrown(() => type.GetMethod(name + "Forward")!.Invoke(null, [x, bad, 1.0, null])));
        }
    }
}
