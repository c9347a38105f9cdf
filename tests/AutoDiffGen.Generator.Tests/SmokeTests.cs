using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests;

public class SmokeTests(ITestOutputHelper output)
{
    [Fact]
    public void LectureExamplesGenerateCleanly()
    {
        var result = GeneratorHarness.Run(LectureExamples.Source);
        output.WriteLine(result.Dump());
        result.AssertClean();
        Assert.Equal(5, result.Generated.Count);
    }
}
