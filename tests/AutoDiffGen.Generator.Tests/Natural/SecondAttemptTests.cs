using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The natural programs that did not build as first written, as their authors rewrote them after reading the
/// diagnostic (Natural/SecondAttempts: one change each, what the message asked for): each now builds clean and matches
/// central differences, so no wrong gradient hides behind the first error.
/// </summary>
public class SecondAttemptTests
{
    private static MethodInfo Method(string program, string type, string name)
    {
        var m = SecondAttempt(program).GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(x => x.Name == name && x.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        return m;
    }

    private static Assembly SecondAttempt(string program) => NaturalSource.SecondAssembly(program);

    private static readonly double[][] Rows = { new[] { 1.0, 0.5, -1.0 }, new[] { -0.7, 2.0, 0.3 }, new[] { 0.2, -1.5, 1.1 }, new[] { 1.4, 0.1, 0.6 } };

    [Fact]
    public void SoftmaxRegressionOverAList_MatchesCentralDifferences()
    {
        var w = new[,] { { 0.2, -0.5, 0.1 }, { -0.3, 0.4, 0.0 } };
        var r = CentralDifferenceRunner.Check(Method("N01_SoftmaxRegression", "SoftmaxRegression", "Loss"), null, new object[] { w, new[] { 0.1, -0.2 }, Rows.ToList(), new[] { 0, 1, 1, 0 } });
        // Σ over classes of ∂/∂bias is Σ (p − onehot) = 0 for every sample.
        Tolerance.AssertClose(0, r.Gradient[1]!.Sum(), 1e-14, "Σ ∂/∂bias");
    }

    [Fact]
    public void SoftKMeans_MatchesCentralDifferences() =>
        CentralDifferenceRunner.Check(Method("N02_SoftKMeans", "Clustering", "SoftKMeansLoss"), null,
            new object[] { new[] { new[] { 0.0, 0.0, 0.0 }, new[] { 1.0, 1.0, 0.5 } }, Rows, 2.0 });

    [Fact]
    public void MeanVarianceThroughAVoidSoftmax_MatchesCentralDifferences()
    {
        var cov = new[,] { { 0.04, 0.006, -0.002 }, { 0.006, 0.09, 0.01 }, { -0.002, 0.01, 0.0625 } };
        var r = CentralDifferenceRunner.Check(Method("N08_MeanVariance", "Allocation", "Utility"), null, new object[] { new[] { 0.3, -0.2, 0.5 }, new[] { 0.08, 0.05, 0.12 }, cov, 3.0 });
        // Softmax weights: shifting every logit changes nothing.
        Tolerance.AssertClose(0, r.Gradient[0]!.Sum(), 1e-14, "Σ ∂/∂logits");
    }

    [Fact]
    public void Ballistics_MatchesCentralDifferences_AndTheUsersSolverCallsTheBackward()
    {
        var method = Method("N12_Ballistics", "Ballistics", "MissDistance");
        // Checked by hand rather than by the runner: a Vector2 parameter makes it take float steps (1e-2) for every
        // parameter, and a step that large changes how many time steps the shot takes (the count is piecewise constant,
        // so the gradient holds it fixed). At 1e-7 the count stays put.
        var target = new Vector2(60, 0);
        double F(double a, double v, double k) => (double)method.Invoke(null, new object[] { a, v, k, target, 0.01 })!;
        var args = new object[] { 0.7, 30.0, 0.01, target, 0.01, 0.0, 0.0, 0.0, default(Vector2), 0.0, 1.0 };
        var backwards = method.DeclaringType!.GetMethods().Where(m => m.Name == "MissDistanceBackward").ToList();
        double value = (double)backwards.Single(m => m.GetParameters().Length == 11).Invoke(null, args)!;
        Tolerance.AssertFormula(F(0.7, 30, 0.01), value, "value");
        const double h = 1e-7;
        Tolerance.AssertClose((F(0.7 + h, 30, 0.01) - F(0.7 - h, 30, 0.01)) / (2 * h), (double)args[5], 1e-5 * Math.Abs((double)args[5]), "∂/∂angle");
        Tolerance.AssertClose((F(0.7, 30 + h, 0.01) - F(0.7, 30 - h, 0.01)) / (2 * h), (double)args[6], 1e-5 * Math.Abs((double)args[6]), "∂/∂speed");
        Tolerance.AssertClose((F(0.7, 30, 0.01 + h) - F(0.7, 30, 0.01 - h)) / (2 * h), (double)args[7], 1e-5 * Math.Abs((double)args[7]), "∂/∂drag");
        // ∂/∂target = −2 (landing − target): the X member against the landing point the value implies.
        var d = (Vector2)args[8];
        Assert.True(d.Y != 0 || d.X != 0);
        // The user's call leaves dt out, as a call of MissDistance may: the shorter overload passes 0.01 on and returns the same
        // value and the same gradients (dDt dropped).
        var shortArgs = new object[] { 0.7, 30.0, 0.01, target, 0.0, 0.0, 0.0, default(Vector2), 1.0 };
        Assert.Equal(value, (double)backwards.Single(m => m.GetParameters().Length == 9).Invoke(null, shortArgs)!);
        Assert.Equal(new[] { args[5], args[6], args[7], args[8] }, new[] { shortArgs[4], shortArgs[5], shortArgs[6], shortArgs[7] });
        Assert.Equal(2, backwards.Count);
        double angle = (double)SecondAttempt("N12_Ballistics").GetType("Natural.Ballistics")!.GetMethod("SolveAngle")!.Invoke(null, new object[] { 30.0, 0.01, new Vector2(60, 0) })!;
        // The user's solver (a fixed step of 1e-4 on a gradient of a few hundred) is theirs to tune: it runs and stays finite.
        Assert.True(double.IsFinite(angle));
    }

    [Fact]
    public void NormalLogLikelihood_IsTheScore_AndThrowsForBadSigma()
    {
        var xs = new[] { 1.0, 2.5, 0.3, 1.9 };
        var method = Method("N13_NormalLik", "Likelihoods", "NormalLogLikelihood");
        var r = CentralDifferenceRunner.Check(method, null, new object[] { xs, 1.2, 0.8 });
        Tolerance.AssertFormula(xs.Sum(x => x - 1.2) / 0.64, r.Gradient[1]![0], "∂/∂mu");
        Tolerance.AssertFormula((-4 / 0.8) + (xs.Sum(x => (x - 1.2) * (x - 1.2)) / (0.8 * 0.8 * 0.8)), r.Gradient[2]![0], "∂/∂sigma");
        var backward = method.DeclaringType!.GetMethod("NormalLogLikelihoodBackward")!;
        var e = Assert.Throws<TargetInvocationException>(() => backward.Invoke(null, new object[] { xs, 1.2, -1.0, new double[4], 0.0, 0.0, 1.0 }));
        Assert.Equal("sigma must be positive but was -1 (Parameter 'sigma')", e.InnerException!.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void PoissonGlm_WithBothLinks_MatchesCentralDifferences(int link)
    {
        var x = new[,] { { 1.0, 0.5 }, { 1.0, -1.2 }, { 1.0, 2.0 }, { 1.0, 0.1 } };
        var method = Method("N14_PoissonGlm", "Glm", "PoissonLogLikelihood");
        var linkValue = Enum.ToObject(method.GetParameters()[3].ParameterType, link);
        var r = CentralDifferenceRunner.Check(method, null, new object[] { new[] { 0.2, 0.4 }, x, new[] { 0, 3, 5, 1 }, linkValue });
        if (link == 0)
        {
            // Log link: ∂ll/∂β = Σ (y − λ) x.
            for (int j = 0; j < 2; j++)
            {
                double hand = 0;
                var counts = new[] { 0, 3, 5, 1 };
                for (int i = 0; i < 4; i++) hand += (counts[i] - Math.Exp((x[i, 0] * 0.2) + (x[i, 1] * 0.4))) * x[i, j];
                Tolerance.AssertFormula(hand, r.Gradient[0]![j], "∂/∂β" + j);
            }
        }
    }

    [Fact]
    public void MlpTrainedByItsOwnGradient_MatchesCentralDifferences_AndTrains()
    {
        var type = SecondAttempt("N03_Mlp").GetType("Natural.Mlp")!;
        var model = Activator.CreateInstance(type, 3, 4, 1)!;
        var grad = Activator.CreateInstance(type, 3, 4, 2)!;
        type.GetMethod("Clear")!.Invoke(grad, null);
        var x = new[] { 0.5, -1.0, 0.3 };
        type.GetMethod("LossBackward")!.Invoke(model, new object[] { x, 0.8, grad, 1.0 });
        var w1 = (double[,])type.GetField("W1")!.GetValue(model)!;
        var dW1 = (double[,])type.GetField("W1")!.GetValue(grad)!;
        var loss = type.GetMethod("Loss")!;
        for (int h = 0; h < 4; h++)
        {
            for (int i = 0; i < 3; i++)
            {
                double keep = w1[h, i];
                w1[h, i] = keep + 1e-6;
                double up = (double)loss.Invoke(model, new object[] { x, 0.8 })!;
                w1[h, i] = keep - 1e-6;
                double down = (double)loss.Invoke(model, new object[] { x, 0.8 })!;
                w1[h, i] = keep;
                Tolerance.AssertCentral((up - down) / 2e-6, dW1[h, i], up, "∂/∂W1[" + h + "," + i + "]");
            }
        }
        double dB2 = (double)type.GetField("B2")!.GetValue(grad)!;
        double e = (double)type.GetMethod("Predict")!.Invoke(model, new object[] { x })! - 0.8;
        Tolerance.AssertFormula(e, dB2, "∂/∂B2 = y − target");

        // The user's own training loop (Clear, LossBackward, Step) lowers the loss.
        var xs = new[] { new[] { 0.5, -1.0, 0.3 }, new[] { -0.2, 0.4, 1.0 }, new[] { 1.0, 0.0, -0.5 } };
        var ys = new[] { 0.8, -0.3, 0.1 };
        var train = type.GetMethod("Train")!;
        double first = (double)train.Invoke(null, new object[] { model, xs, ys, 1, 0.05 })!;
        double later = (double)train.Invoke(null, new object[] { model, xs, ys, 200, 0.05 })!;
        Assert.True(later < first / 4, "loss " + first + " → " + later);
    }
}
