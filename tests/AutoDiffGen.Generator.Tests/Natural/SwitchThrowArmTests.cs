using System.Reflection;
using System.Text;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// A switch expression with arms that throw (<c>_ =&gt; throw new ArgumentOutOfRangeException(nameof(link))</c>, a natural
/// program's first form). Every combination of four arms, each a value or a throw, in an expression body and in a
/// block: where the method returns, the Backward returns its value and central differences' gradient; where it throws,
/// the Backward throws the same exception (before writing any adjoint). Every arm throwing is ADG0003.
/// </summary>
public class SwitchThrowArmTests
{
    private static readonly string[] Values = { "x * y", "Math.Sin(x) + y", "Math.Exp(0.5 * x) * y", "x / (1 + y * y)" };
    private static readonly string[] Thrown = { "new ArgumentException($\"bad k {k}\")", "new ArgumentOutOfRangeException(nameof(k))", "new InvalidOperationException()", "new NotSupportedException(\"k = \" + k)" };

    private static string Switch(int mask)
    {
        var arms = Enumerable.Range(0, 4).Select(i => (i == 3 ? "_" : i.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " => " + ((mask >> i & 1) == 1 ? "throw " + Thrown[i] : Values[i]));
        return "k switch { " + string.Join(", ", arms) + " }";
    }

    private static string Source(bool everyArmThrows)
    {
        var text = new StringBuilder("using System;\nusing AutoDiffGen;\n\npublic static partial class Arms\n{\n");
        foreach (int mask in Enumerable.Range(0, 16).Where(m => (m == 15) == everyArmThrows))
        {
            text.Append("    [Differentiable]\n    public static double E").Append(mask).Append("(double x, double y, int k) => ").Append(Switch(mask)).Append(";\n\n");
            text.Append("    [Differentiable]\n    public static double B").Append(mask).Append("(double x, double y, int k)\n    {\n        double r = ")
                .Append(Switch(mask)).Append(";\n        return r * x + y;\n    }\n\n");
        }
        return text.Append("}\n").ToString();
    }

    [Fact]
    public void ThrowingArms_ThrowInBackwardToo_AndTheOtherArmsMatchCentralDifferences()
    {
        var type = GeneratorHarness.CompileAndLoad(Source(everyArmThrows: false)).GetType("Arms")!;
        int checkedPoints = 0, thrown = 0;
        foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => !m.Name.EndsWith("Backward", StringComparison.Ordinal)))
        {
            int mask = int.Parse(method.Name.Substring(1), System.Globalization.CultureInfo.InvariantCulture);
            var backward = type.GetMethod(method.Name + "Backward")!;
            for (int k = 0; k < 5; k++)
            {
                int arm = Math.Min(k, 3);
                var point = new object[] { 0.7, -0.4, k };
                if ((mask >> arm & 1) == 1)
                {
                    var primal = Assert.Throws<TargetInvocationException>(() => method.Invoke(null, point)).InnerException!;
                    var args = new object[] { 0.7, -0.4, k, 0.0, 0.0, 1.0 };
                    var generated = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, args)).InnerException!;
                    Assert.Equal(primal.GetType(), generated.GetType());
                    Assert.Equal(primal.Message, generated.Message);
                    Assert.Equal(0.0, (double)args[3]);
                    Assert.Equal(0.0, (double)args[4]);
                    thrown++;
                    continue;
                }
                CentralDifferenceRunner.Check(method, null, point);
                checkedPoints++;
            }
        }
        Assert.True(checkedPoints > 50 && thrown > 50, checkedPoints + " points checked, " + thrown + " throws");
    }

    [Fact]
    public void EveryArmThrowing_IsAnErrorAtTheSwitch()
    {
        var run = GeneratorHarness.Run(Source(everyArmThrows: true));
        Assert.True(run.Exceptions.IsEmpty, run.Dump());
        var errors = run.GeneratorDiagnostics.Where(d => d.Id == "ADG0003").ToList();
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.StartsWith("k switch", e.Location.SourceTree!.GetText().ToString(e.Location.SourceSpan), StringComparison.Ordinal));
        Assert.DoesNotContain(run.Generated.Keys, k => k.Contains("E15", StringComparison.Ordinal) || k.Contains("B15", StringComparison.Ordinal));
    }
}
