using Xunit;
using Xunit.Abstractions;

namespace AutoDiffGen.Generator.Tests.Natural;

// Natural/Batch judged file by file (NaturalBatch): each mode's files are dealt to four classes, so xunit, which runs
// test classes in parallel and a class's cases one after another, can put them on both cores. The checks are
// NaturalBatch.AssertFile's; a theory case is named by its file.

/// <summary>Group 0 of Natural/Batch.</summary>
public class NaturalBatchGroup0Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(0);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(false, file, output.WriteLine);
}

/// <summary>Group 1 of Natural/Batch.</summary>
public class NaturalBatchGroup1Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(1);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(false, file, output.WriteLine);
}

/// <summary>Group 2 of Natural/Batch.</summary>
public class NaturalBatchGroup2Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(2);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(false, file, output.WriteLine);
}

/// <summary>Group 3 of Natural/Batch.</summary>
public class NaturalBatchGroup3Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(3);

    [Theory]
    [MemberData(nameof(Files))]
    public void EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(false, file, output.WriteLine);
}

/// <summary>Group 0 of Natural/Batch in forward mode.</summary>
public class NaturalForwardBatchGroup0Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(0);

    [Theory]
    [MemberData(nameof(Files))]
    public void InForwardMode_EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(true, file, output.WriteLine);
}

/// <summary>Group 1 of Natural/Batch in forward mode.</summary>
public class NaturalForwardBatchGroup1Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(1);

    [Theory]
    [MemberData(nameof(Files))]
    public void InForwardMode_EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(true, file, output.WriteLine);
}

/// <summary>Group 2 of Natural/Batch in forward mode.</summary>
public class NaturalForwardBatchGroup2Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(2);

    [Theory]
    [MemberData(nameof(Files))]
    public void InForwardMode_EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(true, file, output.WriteLine);
}

/// <summary>Group 3 of Natural/Batch in forward mode.</summary>
public class NaturalForwardBatchGroup3Tests(ITestOutputHelper output)
{
    public static TheoryData<string> Files => NaturalBatch.Group(3);

    [Theory]
    [MemberData(nameof(Files))]
    public void InForwardMode_EveryMethod_IsRightOrDiagnosedAsPinned(string file) => NaturalBatch.AssertFile(true, file, output.WriteLine);
}

/// <summary>Natural/Batch as a whole, in each mode: nothing global, every pin names a method, at least 140 right.</summary>
public class NaturalBatchWholeTests(ITestOutputHelper output)
{
    [Fact]
    public void TheBatch_HasNoGlobalProblem_EveryPinNamesAMethod_AndEnoughAreRight() => NaturalBatch.AssertWhole(false, output.WriteLine);

    [Fact]
    public void InForwardMode_TheBatch_HasNoGlobalProblem_EveryPinNamesAMethod_AndEnoughAreRight() => NaturalBatch.AssertWhole(true, output.WriteLine);
}
