using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Statements;

/// <summary>
/// Issue 13, try/catch as written: the generator tests before each statement of the try whether it throws what the catch
/// catches (a checked conversion, an int division, an array element, a <c>throw new X(…)</c>), so the catch path and the
/// statements that completed are differentiated, and the Backward throws where the method throws. Checked by hand and
/// against central differences (Backward, Forward, Hessian); what the generator cannot tell the throws of is ADG0002 at it.
/// </summary>
public class TryCatchTests
{
    private const string Source = """
        using System;
        using AutoDiffGen;

        public static partial class T
        {
            // |x| above 2.147483648: x·1e9 leaves int and the catch runs.
            [Differentiable(Forward = true, Hessian = true)]
            public static double Checked(double x, double y)
            {
                double r = x * y;
                try
                {
                    r = r * r;
                    int n = checked((int)(x * 1e9));
                    r += n * 0.0 + y;
                }
                catch (OverflowException)
                {
                    r = r + 2 * x;
                }
                return r * x;
            }

            [Differentiable]
            public static double Indexed(double[] a, int[] idx)
            {
                double s = 0;
                for (int i = 0; i < idx.Length; i++)
                {
                    try { s += a[idx[i]] * a[idx[i]]; }
                    catch (IndexOutOfRangeException) { s += 1; }
                }
                return s;
            }

            [Differentiable(Forward = true)]
            public static double Thrown(double x)
            {
                double r = x;
                try
                {
                    if (x < 0) throw new ArgumentException("negative");
                    r = Math.Sqrt(x);
                }
                catch (ArgumentException) { r = -x * x; }
                finally { r += 1; }
                return r;
            }

            [Differentiable(Forward = true)]
            public static double Divided(double x, int k)
            {
                try
                {
                    int q = 12 / k;
                    return x * q;
                }
                catch (DivideByZeroException)
                {
                    return x * x;
                }
            }

            // A filter: where y ≤ 0 the overflow leaves the method, and its Backward.
            [Differentiable]
            public static double Filtered(double x, double y)
            {
                double r = y;
                try { r += checked((int)(x * 1e9)) * 0.0 + x * y; }
                catch (OverflowException) when (y > 0) { r = Math.Sin(x); }
                return r;
            }

            [Differentiable]
            public static double Rethrown(double x)
            {
                try { return checked((int)(x * 1e9)) * 0.0 + x * x; }
                catch { throw; }
            }

            // The catch does not catch an overflow: both throw it.
            [Differentiable]
            public static double Uncaught(double x)
            {
                try { return checked((int)(x * 1e9)) * 0.0 + x * x; }
                catch (DivideByZeroException) { return 0; }
            }

            public static double CheckedH(double x, double y, double[] h) => CheckedHessian(x, y, h);
        }
        """;

    private static readonly Lazy<Assembly> Compiled = new(() => GeneratorHarness.CompileAndLoad(Source));

    private static MethodInfo Method(string name) => Compiled.Value.GetType("T")!.GetMethod(name)!;

    [Theory]
    [InlineData(0.8, 1.3)]
    [InlineData(-1.5, 0.4)]
    [InlineData(2.5, 0.7)]    // the catch: x·1e9 > int.MaxValue
    [InlineData(-3.1, -0.6)]  // the catch
    public void ACheckedConversion_TheCatchOrTheRestOfTheTry_InEveryMode(double x, double y)
    {
        bool caught = Math.Abs(x) > 2.147483648;
        // f = x³y² + xy, or x³y² + 2x² where the catch runs.
        double dx = caught ? 3 * x * x * y * y + 4 * x : 3 * x * x * y * y + y;
        double dy = caught ? 2 * x * x * x * y : 2 * x * x * x * y + x;
        var args = new object[] { x, y, 0.0, 0.0, 1.0 };
        Method("CheckedBackward").Invoke(null, args);
        Assert.Equal(dx, (double)args[2], 9);
        Assert.Equal(dy, (double)args[3], 9);
        CentralDifferenceRunner.Check(Method("Checked"), null, new object[] { x, y });
        var forward = new object[] { x, y, 0.5, -0.25, 0.0 };
        Method("CheckedForward").Invoke(null, forward);
        Assert.Equal(0.5 * dx - 0.25 * dy, (double)forward[4], 9);
        var h = new double[4];
        Method("CheckedH").Invoke(null, new object[] { x, y, h });
        double hxx = caught ? 6 * x * y * y + 4 : 6 * x * y * y, hxy = caught ? 6 * x * x * y : 6 * x * x * y + 1, hyy = 2 * x * x * x;
        Assert.Equal(hxx, h[0], 9);
        Assert.Equal(hxy, h[1], 9);
        Assert.Equal(hxy, h[2], 9);
        Assert.Equal(hyy, h[3], 9);
    }

    [Fact]
    public void AnIndexOutOfRange_InALoop_SkipsThatTerm()
    {
        var a = new[] { 0.5, -1.25, 2.0 };
        var idx = new[] { 0, 5, 2, 0, -1 };
        var dA = new double[3];
        var args = new object[] { a, idx, dA, 1.0 };
        double value = (double)Method("IndexedBackward").Invoke(null, args)!;
        // a0² + 1 + a2² + a0² + 1: d/da0 = 4·a0, d/da2 = 2·a2.
        Assert.Equal(2 * 0.25 + 4.0 + 2, value, 12);
        Assert.Equal(new[] { 2.0, 0.0, 4.0 }, dA);
        CentralDifferenceRunner.Check(Method("Indexed"), null, new object[] { a, idx });
    }

    [Theory]
    [InlineData(0.81)]
    [InlineData(-1.2)]  // the throw: -x² + 1
    public void AThrowTheCatchCatches_IsAJumpToIt_ThenTheFinally(double x)
    {
        double expected = x < 0 ? -2 * x : 0.5 / Math.Sqrt(x);
        var args = new object[] { x, 0.0, 1.0 };
        Method("ThrownBackward").Invoke(null, args);
        Assert.Equal(expected, (double)args[1], 12);
        CentralDifferenceRunner.Check(Method("Thrown"), null, new object[] { x });
        var forward = new object[] { x, 1.0, 0.0 };
        Method("ThrownForward").Invoke(null, forward);
        Assert.Equal(expected, (double)forward[2], 12);
    }

    [Theory]
    [InlineData(0.7, 4, 3.0)]      // x·(12/4)
    [InlineData(-1.3, -5, -2.0)]   // 12/-5 = -2
    [InlineData(1.1, 0, 2.2)]      // the catch: x², 2x
    public void AnIntDivisionByZero(double x, int k, double expected)
    {
        var args = new object[] { x, k, 0.0, 1.0 };
        Method("DividedBackward").Invoke(null, args);
        Assert.Equal(expected, (double)args[2], 12);
        CentralDifferenceRunner.Check(Method("Divided"), null, new object[] { x, k });
        var forward = new object[] { x, k, 1.0, 0.0 };
        Method("DividedForward").Invoke(null, forward);
        Assert.Equal(expected, (double)forward[3], 12);
    }

    [Fact]
    public void AFilter_ChoosesTheCatch_OrTheMethodAndItsBackwardThrowAlike()
    {
        // Caught (y > 0): sin x.
        var args = new object[] { 3.0, 0.5, 0.0, 0.0, 1.0 };
        Method("FilteredBackward").Invoke(null, args);
        Assert.Equal(Math.Cos(3.0), (double)args[2], 12);
        Assert.Equal(0.0, (double)args[3], 12);
        // Not thrown: y + xy.
        args = new object[] { 0.5, -0.5, 0.0, 0.0, 1.0 };
        Method("FilteredBackward").Invoke(null, args);
        Assert.Equal(-0.5, (double)args[2], 12);
        Assert.Equal(1.5, (double)args[3], 12);
        CentralDifferenceRunner.Check(Method("Filtered"), null, new object[] { 0.5, -0.5 });
        // Filtered out (y ≤ 0): both throw the overflow.
        SameException(() => Method("Filtered").Invoke(null, new object[] { 3.0, -0.5 }),
            () => Method("FilteredBackward").Invoke(null, new object[] { 3.0, -0.5, 0.0, 0.0, 1.0 }), typeof(OverflowException));
    }

    [Fact]
    public void ARethrow_OrACatchOfAnotherType_ThrowsAsTheMethodDoes()
    {
        var args = new object[] { 0.6, 0.0, 1.0 };
        Method("RethrownBackward").Invoke(null, args);
        Assert.Equal(1.2, (double)args[1], 12);
        args = new object[] { 0.6, 0.0, 1.0 };
        Method("UncaughtBackward").Invoke(null, args);
        Assert.Equal(1.2, (double)args[1], 12);
        foreach (var name in new[] { "Rethrown", "Uncaught" })
        {
            SameException(() => Method(name).Invoke(null, new object[] { 5.0 }),
                () => Method(name + "Backward").Invoke(null, new object[] { 5.0, 0.0, 1.0 }), typeof(OverflowException));
        }
    }

    private static void SameException(Action method, Action backward, Type expected)
    {
        var a = Assert.Throws<TargetInvocationException>(method);
        var b = Assert.Throws<TargetInvocationException>(backward);
        Assert.IsType(expected, a.InnerException);
        Assert.IsType(expected, b.InnerException);
    }

    [Theory]
    [InlineData("double r; try { r = Helper(x); } catch { r = 0; } return r;", "Helper(x)", "cannot tell when it throws")]
    [InlineData("try { return checked((int)(x * 1e9)) * x; } catch (Exception e) { throw new InvalidOperationException(\"wrap\", e); }", "e); }", "reads its exception")]
    [InlineData("try { return checked((int)(x * 1e9)) * x; } catch (OverflowException) { return 0; } catch (Exception) { return 1; }", "catch (Exception)", "more than one 'catch'")]
    [InlineData("int k = 0; double r = 0; try { r = checked((int)(x * 1e9)) + k++ * x; } catch (OverflowException) { r = x; } return r + k;", "k++", "cannot tell when it throws")]
    [InlineData("double r = 0; try { for (int i = 0; i < 2; i++) r += x; } catch { r = 1; } return r;", "for (int i", "in a 'try' with a 'catch'")]
    [InlineData("double s = 0; for (int i = 0; i < 3; i++) { try { if (i == 1) return s; s += checked((int)(x * i)) * x; } catch (OverflowException) { s = 0; } } return s;", "return s; s", "inside a loop")]
    [InlineData("double r = x; try { if (x > 0) { if (x > 1) throw new ArgumentException(); r = 1; } } catch (ArgumentException) { r = 0; } return r;", "throw new", "nested deeper")]
    [InlineData("double r = x; try { if (x > 1) goto done; r = checked((int)(x * 1e9)) * x; } catch { r = 0; } done: return r;", "goto done;", "in a 'try' with a 'catch'")]
    [InlineData("double r = x; try { r = x > 0 ? checked((int)(x * 1e9)) * x : x; } catch { r = 0; } return r;", "(int)(x * 1e9)) * x : x", "cannot tell when it throws")]
    public void OutsideSupport_IsAnErrorAtTheOperation_AndNoCode(string body, string at, string says)
    {
        string source = "using System;\nusing AutoDiffGen;\npublic static partial class G\n{\n    public static double Helper(double v) => v / (12 / (int)v);\n    [Differentiable]\n    public static double F(double x)\n    {\n        " + body + "\n    }\n}\n";
        ProgramBatch.AssertSingleErrorAt(source, "ADG0002", at, says);
    }
}
