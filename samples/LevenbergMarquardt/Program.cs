using System.Globalization;
using LevenbergMarquardtSample;

// Levenberg–Marquardt curve fitting with the generated Jacobian (MJacobian), next to the same fit with
// forward-difference Jacobians as a user would write them without AD.
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

Console.WriteLine($"NIST StRD BoxBOD, y = b1 (1 - exp(-b2 x)), 6 observations; certified b1 = 213.80940889, b2 = 0.54723748542, |r| = sqrt(1168.0088766) = {Math.Sqrt(1168.0088766):G8}");
foreach (var start in new[] { new[] { 1.0, 1.0 }, new[] { 100.0, 0.75 } })
{
    Console.WriteLine($"start ({string.Join(", ", start)})");
    Compare(source => new BoxBodProblem(source), start);
}
Console.WriteLine();

var truth = new Wave(2.5, 0.3, 2.0, 0.5);
var (t, y) = Oscillation.Data(truth, 60, 0.02, seed: 42);
Console.WriteLine($"damped oscillation y = a exp(-b t) cos(c t + d), 60 observations with noise 0.02 (seed 42); truth ({truth.A}, {truth.B}, {truth.C}, {truth.D})");
var oscillationStart = new[] { 1.0, 0.1, 1.7, 0.0 };
Console.WriteLine($"start ({string.Join(", ", oscillationStart)})");
Compare(source => new OscillationProblem(t, y, source), oscillationStart);

static void Compare(Func<JacobianSource, LeastSquares> problem, double[] start)
{
    foreach (var source in new[] { JacobianSource.Generated, JacobianSource.FiniteDifferences })
    {
        var result = LevenbergMarquardt.Fit(problem(source), start);
        string name = source == JacobianSource.Generated ? "MJacobian" : "finite differences";
        // Every accepted step is followed by one Jacobian (and the first Jacobian is at the start).
        Console.WriteLine($"  {name,-18} {result.Iterations,3} iterations ({result.JacobianCalls - 1} steps accepted){(result.Converged ? "" : ", NOT CONVERGED")}, " +
                          $"p = ({string.Join(", ", result.P.Select(v => v.ToString("G10", CultureInfo.InvariantCulture)))}), |r| = {result.ResidualNorm:G8}, " +
                          $"{result.ResidualCalls} residual-vector evaluations + {result.JacobianCalls} Jacobians" +
                          (source == JacobianSource.FiniteDifferences ? " (the Jacobians' evaluations included)" : ""));
    }
}
