using System.Numerics;
using System.Reflection;
using AutoDiffGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Xunit;

namespace AutoDiffGen.Generator.Tests.Natural;

/// <summary>
/// The sixth round of natural programs (natural19, Natural/SixthAttempts), as first written.
/// </summary>
public class SixthAttemptTests
{
    private static MethodInfo Method(Assembly assembly, string type, string name)
    {
        var m = assembly.GetType("Natural." + type)!.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance)
            .Single(m => m.Name == name && m.CustomAttributes.Any(a => a.AttributeType.Name == "DifferentiableAttribute"));
        return m.IsGenericMethodDefinition ? m.MakeGenericMethod(typeof(double)) : m;
    }

    private static MethodInfo Method(string program, string type, string name) => Method(NaturalSource.SixthAssembly(program), type, name);

    [Fact]
    public void Explore()
    {
        CentralDifferenceRunner.Check(Method("G01_ArmIk3D", "ArmIk", "ReachError"), null, new object[] { 0.3, 0.4, -0.5, new Vector3(0.5f, 0.7f, 1.2f) });
        CentralDifferenceRunner.Check(Method("G02_CatmullRom", "CatmullRom", "FitError"), null, new object[] { new[] { 0.1, 0.9, 0.4, -0.3, 0.2 }, new[] { 0.2, 0.7, 1.5, 2.2, 2.9, 3.6, 3.95 }, new[] { 0.3, 0.6, 0.8, 0.1, -0.4, 0.0, 0.3 } });
        CentralDifferenceRunner.Check(Method("G03_NormalGamma", "NormalGamma", "LogPosterior"), null, new object[] { 0.4, 1.3, 0.1, 2.0, 2.7, 1.5, new[] { 0.2, 0.9, -0.3, 0.5 } });
        double[] Seq(int n, double phase) => Enumerable.Range(0, n).Select(i => 0.5 * Math.Sin(phase + 1.7 * i)).ToArray();
        var observed = new double[5, 2];
        for (int i = 0; i < 5; i++) { observed[i, 0] = 0.3 + 0.1 * i; observed[i, 1] = -0.2 + 0.05 * i * i; }
        CentralDifferenceRunner.Check(Method("G04_NeuralOde", "NeuralOde", "TrajectoryLoss"), null, new object[] { Seq(8, 0.1), Seq(4, 0.7), Seq(8, 1.3), Seq(2, 2.1), new[] { 0.3, -0.2 }, observed, 0.1 });
        var cov = new double[,] { { 0.04, 0.01, 0.002 }, { 0.01, 0.09, 0.015 }, { 0.002, 0.015, 0.0225 } };
        CentralDifferenceRunner.Check(Method("G05_TrackingError", "ActiveRisk", "TrackingError"), null, new object[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.4, 0.4, 0.2 }, cov });
        CentralDifferenceRunner.Check(Method("G05_TrackingError", "ActiveRisk", "NegativeSharpe"), null, new object[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.06, 0.1, 0.04 }, cov, 0.02 });
        CentralDifferenceRunner.Check(Method("G06_BondYield", "Bond", "Price"), null, new object[] { 0.045, 0.05, 5, 100.0 });
        CentralDifferenceRunner.Check(Method("G06_BondYield", "Bond", "YieldFromPrice"), null, new object[] { 98.0, 0.05, 5 });
        CentralDifferenceRunner.Check(Method("G08_LogisticMap", "LogisticMap", "SeriesError"), null, new object[] { 3.2, 0.3, new List<double> { 0.31, 0.66, 0.7, 0.68, 0.69, 0.7 } });
        var particleType = NaturalSource.SixthAssembly("G09_Particles").GetType("Natural.Particle")!;
        var ps = Array.CreateInstance(particleType, 2);
        ps.SetValue(Activator.CreateInstance(particleType, 0.0, 1.0, 3.0, 2.0), 0);
        ps.SetValue(Activator.CreateInstance(particleType, 0.5, 2.0, 2.0, 1.0), 1);
        CentralDifferenceRunner.Check(Method("G09_Particles", "ParticleCloud", "LandingError"), null, new object[] { 0.3, 9.0, ps, new[] { 2.0, 1.5 }, 20, 0.05 });
        CentralDifferenceRunner.Check(Method("G11_Kinetics", "EnzymeFit", "SumOfSquares"), null, new object[] { 2.0, 0.7, new[] { 0.1, 0.5, 1.0, 2.0 }, new[] { 0.3, 0.9, 1.2, 1.5 } });
        CentralDifferenceRunner.Check(Method("G11_Kinetics", "EnzymeFit", "HillSumOfSquares"), null, new object[] { 2.0, 0.7, 1.6, new[] { 0.1, 0.5, 1.0, 2.0 }, new[] { 0.3, 0.9, 1.2, 1.5 } });
        CentralDifferenceRunner.Check(Method("G15_Ballistic", "Artillery", "Score"), null, new object[] { 30.0, 0.6, 0.01, 40.0, 12.0 });
        CentralDifferenceRunner.Check(Method("G15_Ballistic", "Artillery", "Score"), null, new object[] { 30.0, 0.6, 0.01, 40.0, 5.0 });
    }
}
