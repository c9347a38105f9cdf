using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Arrays;

/// <summary>
/// Span locals that view arrays carrying a gradient (<see cref="SpanLocalSources"/>): pointer walking
/// (<c>p = p.Slice(1)</c> in a loop), slices declared in a loop body, ranges and <c>s[^1]</c>, stores through a
/// <c>Span&lt;double&gt;</c> view (of a local array and of an array parameter), a view passed to a callee and then stored
/// into, reassignment on branches (to one array, and to different arrays), a view of a span parameter, floats, and
/// Forward mode. Every gradient is checked against central differences, and against a value derived by hand.
/// </summary>
public class SpanLocalTests
{
    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(SpanLocalSources.Source));

    private static Type Sv => Compiled.Value.GetType("Sv")!;

    private static CentralDifferenceRunner.Result Check(string name, params object[] point) =>
        CentralDifferenceRunner.Check(Sv.GetMethod(name, BindingFlags.Public | BindingFlags.Static)!, null, point);

    public static TheoryData<string, object[]> Cases => new()
    {
        { "Walk", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 3 } },
        { "Walk", new object[] { new[] { 0.5, -1.0 }, 2 } },
        { "Windows", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 } } },
        { "Ranges", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, 2.0 } } },
        { "StoreLocal", new object[] { 0.7, -1.3 } },
        { "StoreParameterCaller", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "CalleeThenStore", new object[] { 0.7, -1.3 } },
        { "CalleeSlice", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "Branch", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, true } },
        { "Branch", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, false } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, 0.7 } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, 0.3 } },
        { "TwoArrays", new object[] { new[] { 0.5, -1.0, 0.25 }, new[] { 1.5, 2.0, -0.5 }, -0.3 } },
        { "SwitchInLoop", new object[] { new[] { 0.5, -1.0 }, new[] { 1.5, 2.0 } } },
        { "OverSpanCaller", new object[] { new[] { 0.5, -1.0, 0.25, 1.5 }, 0.8 } },
        { "OutputsCaller", new object[] { new[] { 0.5, -1.0, 0.25 } } },
        { "Each", new object[] { new[] { 0.5, -1.0, 0.25, 1.5, 2.0 } } },
        { "Floats", new object[] { new[] { 0.5f, -1.0f, 0.25f } } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_MatchesCentralDifferences(string method, object[] point) => Check(method, point);
}
