using System.Reflection;
using System.Runtime.Loader;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// First rule (hunt6): in a project built with <c>&lt;CheckForOverflowUnderflow&gt;true&lt;/CheckForOverflowUnderflow&gt;</c>
/// (common in Debug builds), integer arithmetic the user wrapped in <c>unchecked(…)</c> or an <c>unchecked { }</c> block (a
/// hash, a linear congruential generator) wraps in the method; the generated file, compiled by the same project, wrote it
/// plain, so it was checked there and the Backward and Forward threw OverflowException where the method returned. The
/// generated code now says unchecked where the user did.
/// </summary>
public class UncheckedInCheckedProjectTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class T
        {
            // h wraps after a few rounds; s = x · Σ (h & 7) over the rounds, so ds/dx = Σ (h & 7).
            [Differentiable(Forward = true)]
            public static double Hashed(double x, int n)
            {
                int h = 17;
                double s = 0;
                for (int i = 0; i < n; i++)
                {
                    h = unchecked(h * 31 + i);
                    s += x * (h & 7);
                }
                return s;
            }

            [Differentiable]
            public static double Lcg(double x, int n)
            {
                int state = 12345;
                double s = x;
                for (int i = 0; i < n; i++)
                {
                    unchecked
                    {
                        state = state * 1103515245 + 12345;
                        state++;
                    }
                    s = s * 0.5 + (state >> 28 & 3) * x;
                }
                return s;
            }
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(CompileChecked);

    /// <summary>The user's code and the generated code compiled as a project with overflow checks on compiles them.</summary>
    private static Assembly CompileChecked()
    {
        var compilation = GeneratorHarness.CreateCompilation(Source);
        compilation = compilation.WithOptions(compilation.Options.WithOverflowChecks(true));
        GeneratorHarness.CreateDriver().RunGeneratorsAndUpdateCompilation(compilation, out var output, out var diagnostics);
        Assert.Empty(diagnostics);
        Assert.Empty(output.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        using var stream = new MemoryStream();
        var emit = output.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        stream.Position = 0;
        return new AssemblyLoadContext("adg-checked-" + Guid.NewGuid().ToString("N"), isCollectible: true).LoadFromStream(stream);
    }

    private static MethodInfo Method(string name) => Compiled.Value.GetType("T")!.GetMethod(name)!;

    private static int HashedSlope(int n)
    {
        int h = 17, sum = 0;
        for (int i = 0; i < n; i++)
        {
            h = unchecked(h * 31 + i);
            sum += h & 7;
        }
        return sum;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(12)]
    public void AnUncheckedHash_WrapsInTheBackwardAndForwardAsInTheMethod(int n)
    {
        double slope = HashedSlope(n);
        var args = new object[] { 0.7, n, 0.0, 1.0 };
        Assert.Equal(0.7 * slope, (double)Method("HashedBackward").Invoke(null, args)!, 12);
        Assert.Equal(slope, (double)args[2], 12);
        var forward = new object?[] { 0.7, n, 1.0, null };
        Method("HashedForward").Invoke(null, forward);
        Assert.Equal(slope, (double)forward[3]!, 12);
        CentralDifferenceRunner.Check(Method("Hashed"), null, new object[] { 0.7, n });
    }

    [Fact]
    public void AnUncheckedBlock_WrapsItsStatementsAndIncrements()
    {
        // s_{i+1} = s_i / 2 + c_i x with c_i = state_i >> 28 & 3 is linear in x: its slope is the value at x = 1.
        double slope = (double)Method("Lcg").Invoke(null, new object[] { 1.0, 10 })!;
        var args = new object[] { 0.3, 10, 0.0, 1.0 };
        Assert.Equal(0.3 * slope, (double)Method("LcgBackward").Invoke(null, args)!, 12);
        Assert.Equal(slope, (double)args[2], 12);
        CentralDifferenceRunner.Check(Method("Lcg"), null, new object[] { 0.3, 10 });
    }
}
