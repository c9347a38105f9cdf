using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms14b;

/// <summary>What idioms14b leaves refused: one ADG error at the construct, saying what to write instead, and no code for the method.</summary>
public class Idioms14bRefusalTests
{
    private const string Header = "using System;\nusing System.Linq;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Fact]
    public void AGotoOutOfALoop_IsADG0002AtTheGoto()
    {
        // The graph has no jump out of a loop to a label: a flag and a break are what to write.
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) { double r = x; for (int i = 0; i < 3; i++) { r *= x; if (r > 2) goto done; } r += 1; done: return r; }\n}\n",
            "ADG0002", "goto done;", "A 'goto' inside a loop");
    }

    [Theory]
    // A property pattern that names the whole value, and one on a computed value declaring a variable.
    [InlineData("var v = new Vector2(x, x * x); return v is { X: > 0f } w ? x : v.X;", "{ X: > 0f } w", "names the value")]
    [InlineData("return new Vector2(x, x * x) is { X: > 0f, Y: var b } ? b : x;", "new Vector2(x, x * x) is { X: > 0f, Y: var b }", "store the value in a local first")]
    public void APropertyPatternOutsideSupport_IsADG0003AtThePattern(string body, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static float F(float x) { " + body + " }\n}\n", "ADG0003", at, says);
    }

    [Fact]
    public void APropertyPatternOnAnObject_IsADG0003AtThePattern()
    {
        // Its type test and null test are decided at run time: refused rather than guessed.
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static float F(float x, object o) => o is Vector2 { X: > 0f } ? x * x : x;\n}\n",
            "ADG0003", "Vector2 { X: > 0f }", "may be null or of another type");
    }

    [Fact]
    public void AZipForeachNotDeconstructed_IsADG0002AtTheLoop_SayingToDeconstruct()
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double[] xs, double[] ys) { double s = 0; foreach (var p in xs.Zip(ys)) s += p.First * p.Second; return s; }\n}\n",
            "ADG0002", "foreach (var p", "deconstruct it, foreach (var (a, b) in xs.Zip(ys))");
    }

    // (foreach over a Zip with a result lambda and LINQ over jagged rows are supported since idioms15b:
    // Idioms15b/Idioms15bLinqTests checks both forms by hand; Idioms15bRefusalTests the rows passed on.)

    // (A two-dimensional array made in a loop is supported since idioms15b: Idioms15b/Idioms15bTests.)

    [Fact]
    public void AValueReturningHelperWritingAnArrayThroughAnotherCall_IsADG0004AtTheCall()
    {
        const string helpers = "    static void Half(double[] v) { for (int i = 0; i < v.Length; i++) v[i] *= 0.5; }\n"
            + "    static double Scale(double[] v) { Half(v); return v[0]; }\n";
        ProgramBatch.AssertSingleErrorAt(Header + helpers + "    [Differentiable] public static double F(double[] w) { var v = new double[2]; v[0] = w[0]; v[1] = w[1]; return Scale(v) * v[1]; }\n}\n",
            "ADG0004", "Scale(v)", "through a call");
    }
}
