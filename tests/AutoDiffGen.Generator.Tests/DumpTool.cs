using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests;

/// <summary>Prints generated code for a source file named by AUTODIFFGEN_DUMP (a developer aid; asserts the run was clean).</summary>
public class DumpTool(ITestOutputHelper output)
{
    [Fact]
    public void Dump()
    {
        string? path = Environment.GetEnvironmentVariable("AUTODIFFGEN_DUMP");
        if (path is null) return;
        var result = GeneratorHarness.Run(File.ReadAllText(path));
        output.WriteLine(result.Dump());
    }
}
