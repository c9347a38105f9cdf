using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms15a;

/// <summary>
/// Idioms15a item 2, just outside: a generic ref helper that does not read over double on its own, or a ref argument the
/// inlined body cannot stand for, keeps one error at the construct and no code.
/// </summary>
public class GenericRefHelperRefusalTests
{
    private const string Header = "using System;\nusing System.Numerics;\nusing AutoDiffGen;\npublic static class Global\n{\n"
        + "    public static void Swap<T>(ref T a, ref T b) { T t = a; a = b; b = t; }\n"
        + "    public static void SwapVia<T>(ref T a, ref T b) { Swap(ref a, ref b); }\n"
        + "    public static void Swap2<T, U>(ref T a, ref U b) where T : INumber<T> where U : INumber<U> { T t = a; a = T.CreateChecked(b); b = U.CreateChecked(t); }\n"
        + "    public static double Field;\n}\npublic static partial class G\n{\n";

    [Theory]
    // It calls another method of the user's code (the reading over double stands alone): a call for its effects, as before.
    [InlineData("double F(double x, double y) { Global.SwapVia(ref x, ref y); return x * y * y; }", "ADG0002", "Global.SwapVia(ref x, ref y)", "A call made only for its effects")]
    // Two type parameters.
    [InlineData("double F(double x, double y) { Global.Swap2(ref x, ref y); return x * y * y; }", "ADG0002", "Global.Swap2(ref x, ref y)", "A call made only for its effects")]
    // A ref argument that is a static field.
    [InlineData("double F(double x, double y) { Global.Swap(ref x, ref Global.Field); return x * y; }", "ADG0003", "Global.Swap(ref x, ref Global.Field)", "A ref or out argument that is not a local")]
    // An element of a [NoDiff] array written through the ref.
    [InlineData("double F(double x, [NoDiff] double[] a) { Global.Swap(ref a[0], ref x); return x * x; }", "ADG0002", "Global.Swap(ref a[0], ref x)", "the [NoDiff] array 'a' passed by ref to a call that writes it")]
    public void OutsideTheReading_IsOneErrorAtTheConstruct(string method, string id, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static " + method + "\n}\n", id, at, says);
    }
}
