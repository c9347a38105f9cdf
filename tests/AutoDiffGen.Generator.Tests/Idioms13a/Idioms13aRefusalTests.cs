using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Idioms13a;

/// <summary>What idioms13a refuses: one ADG error at the construct, saying what to write instead, and no code for the method.</summary>
public class Idioms13aRefusalTests
{
    private const string Header = "using System;\nusing System.Collections.Generic;\nusing System.Linq;\nusing AutoDiffGen;\npublic static partial class G\n{\n";

    // (Math.NET's dispatch over a sequence, natural Statistics8.RootMeanSquare, is differentiated since idioms14a:
    // Idioms14a/SequenceDispatchTests checks it by hand and keeps what stays refused there.)

    [Fact]
    public void ATypeTestOfAMayBeNullArrayParameter_IsADG0003AtThePattern()
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double[]? data) => data is double[] arr ? arr[0] * arr[1] : 0;\n}\n", "ADG0003", "double[] arr",
            "declare it non-nullable (double[] data)");
    }

    [Theory]
    // A field, a computed element index with an effect, a ref parameter: each at the branch.
    [InlineData("[Differentiable] public static double F(double x) { double b = x; (x > 0 ? ref Field : ref b) = x * x; return b; } static double Field;", "Field", "A ref ternary branch 'Field'")]
    [InlineData("[Differentiable] public static double F(double x) { var a = new double[3]; int k = 0; double b = 0; (x > 0 ? ref a[k++] : ref b) = x * x; return a[0] + b; }", "a[k++]", "computes with effects")]
    [InlineData("[Differentiable] public static double F(double x) { var m = new double[2, 2]; double b = 0; (x > 0 ? ref m[0, 1] : ref b) = x * x; return b + m[0, 1]; }", "m[0, 1]", "A ref ternary branch 'm[0, 1]'")]
    public void ARefTernaryBranchOutsideSupport_IsADG0003AtIt(string method, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + method + "\n}\n", "ADG0003", at, says);
    }

    [Theory]
    // (Id<T>(T v) and Pick<T>(bool c, T a, T b) at double are inlined since idioms14a: Idioms14a/GenericHelperTests.)
    [InlineData("static T Id<T>(T v) => Same(v); static T Same<T>(T v) => v;", "Id(x) * x", "Id(x)", "the generic helper 'G.Id<T>'")]
    [InlineData("static double SumOf<T>(T[] xs, Func<T, double> f) { double s = 0; foreach (var v in xs) s += f(v); return s; }", "SumOf(new[] { x, 2 * x }, v => v * v)", "SumOf(new[] { x, 2 * x }, v => v * v)", "which is not [Differentiable], at double")]
    public void AGenericPlainHelper_IsADG0003AtTheCall_SayingWhatToWrite(string helper, string use, string at, string says)
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    " + helper + "\n    [Differentiable] public static double F(double x) => " + use + ";\n}\n", "ADG0003", at, says);
    }

    [Fact]
    public void ARecursivePlainHelper_IsOneADG0004AtTheCall_NamingTheRecursiveCall()
    {
        const string source = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n    static double Pow(double x, int n) => n == 0 ? 1 : x * Pow(x, n - 1);\n"
            + "    [Differentiable] public static double F(double x, int k) => Pow(x, k) + x;\n}\n";
        // (A constant depth, Pow(x, 3), is unrolled since idioms15a: Idioms15a/RecursiveHelperTests.) A depth known only at run time:
        ProgramBatch.AssertSingleErrorAt(source, "ADG0004", "Pow(x, k)", "but it calls itself ('Pow(x, n - 1)' at line 5): a helper is inlined where it is called, and recursion has no end to inline");
        // Said once: the refusal is not wrapped in itself.
        var message = GeneratorHarness.Run(source).GeneratorDiagnostics.Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(message.IndexOf("calls itself (", StringComparison.Ordinal), message.LastIndexOf("calls itself (", StringComparison.Ordinal));
    }

    [Fact]
    public void ARecursiveLocalFunction_IsADG0003AtTheRecursiveCall()
    {
        ProgramBatch.AssertSingleErrorAt(Header + "    [Differentiable] public static double F(double x) { double Power(double b, int n) => n == 0 ? 1 : b * Power(b, n - 1); return Power(x, 4) - Power(x, 2); }\n}\n",
            "ADG0003", "Power(b, n - 1)", "A recursive call to the local function 'Power'");
    }
}
