using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15c;

/// <summary>
/// Gotos in loops just outside what idioms15c lowers as continue/break: one ADG0002 at the goto, no code for the method.
/// </summary>
public class Idioms15cRefusalTests
{
    private const string Header = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    [Theory]
    // Back to an earlier label inside the body: a loop in the loop.
    [InlineData("double r = x; for (int i = 0; i < 3; i++) { again: r *= x; if (r < 1 && r > 0.5) goto again; } return r;", "goto again;")]
    // Out of two loops: the label follows the outer loop, the goto's innermost loop is the inner one.
    [InlineData("double r = x; for (int i = 0; i < 3; i++) { for (int j = 0; j < 2; j++) { r *= x; if (r > 2) goto done; } } done: return r;", "goto done;")]
    // To a label in the middle of the body: statements follow it, so it is no continue.
    [InlineData("double r = x; for (int i = 0; i < 3; i++) { if (r > 2) goto mid; r *= x; mid: r += 1; } return r;", "goto mid;")]
    // Out of the loop to a label after another statement: no break.
    [InlineData("double r = x; for (int i = 0; i < 3; i++) { r *= x; if (r > 2) goto done; } r += 1; done: return r;", "goto done;")]
    // From the inner loop to the label ending the outer loop's body (past r += 1): the outer loop's continue, no jump of the inner one.
    [InlineData("double r = x; for (int i = 0; i < 3; i++) { for (int j = 0; j < 2; j++) { if (r > 2) goto next; r *= x; } r += 1; next: ; } return r;", "goto next;")]
    public void AGotoInALoopThatIsNoContinueOrBreak_IsADG0002AtTheGoto(string body, string at)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) { " + body + " }\n}\n", "ADG0002", at, "A 'goto' inside a loop");
    }
}
