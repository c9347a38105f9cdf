using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests;

/// <summary>
/// A developer aid, not a check: prints the generated code and diagnostics for the source file named by
/// AUTODIFFGEN_DUMP. Without that variable it is reported as skipped.
/// </summary>
public class DumpTool(ITestOutputHelper output)
{
    [DumpFact]
    public void Dump()
    {
        var result = GeneratorHarness.Run(File.ReadAllText(Environment.GetEnvironmentVariable("AUTODIFFGEN_DUMP")!));
        output.WriteLine(result.Dump());
        Assert.Empty(result.Exceptions);
    }

    private sealed class DumpFactAttribute : FactAttribute
    {
        public DumpFactAttribute()
        {
            if (Environment.GetEnvironmentVariable("AUTODIFFGEN_DUMP") is null) Skip = "developer aid: set AUTODIFFGEN_DUMP=<file.cs> to print its generated code";
        }
    }
}
