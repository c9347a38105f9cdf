namespace LevenbergMarquardtSample;

/// <summary>A least-squares problem: m residuals of n parameters, and how to get their Jacobian.</summary>
public abstract class LeastSquares
{
    public abstract int M { get; }

    public abstract int N { get; }

    /// <summary>Calls of <see cref="Residuals"/> so far, each computing all m residuals.</summary>
    public int ResidualCalls { get; protected set; }

    /// <summary>Calls of <see cref="Jacobian"/> so far.</summary>
    public int JacobianCalls { get; protected set; }

    /// <summary>Writes the m residuals at p into r.</summary>
    public abstract void Residuals(double[] p, double[] r);

    /// <summary>Writes the m × n Jacobian at p, row-major, into j; r holds the residuals at p (a generated Jacobian rewrites them).</summary>
    public abstract void Jacobian(double[] p, double[] r, double[] j);
}

/// <summary>
/// Levenberg–Marquardt with Moré's scaling (the damping is μ·D, D the largest diag(JᵀJ) seen so far, so badly scaled
/// parameters such as BoxBOD's b1 ≈ 200 and b2 ≈ 0.5 are damped alike, and a parameter whose column fades on a plateau
/// stays damped) and Nielsen's update of μ from the gain ratio (Madsen, Nielsen and Tingleff, "Methods for non-linear
/// least squares problems", 2004). The same loop runs on any Jacobian: generated or finite differences.
/// </summary>
public static class LevenbergMarquardt
{
    /// <summary>The fit: parameters, iterations (steps tried, accepted or not), |r|, whether a tolerance stopped it, and the problem's call counts.</summary>
    public sealed record Result(double[] P, int Iterations, double ResidualNorm, bool Converged, int ResidualCalls, int JacobianCalls);

    /// <summary>
    /// Minimises ½‖r(p)‖² from <paramref name="start"/>. Stops when the gradient Jᵀr is below
    /// <paramref name="gradientTolerance"/>·max(1, cost) or the step below <paramref name="stepTolerance"/>·‖p‖.
    /// </summary>
    /// <param name="initialDamping">
    /// μ at the start, relative to D. A cautious 100 keeps the first steps short: from BoxBOD's start (1, 1), 10⁻³ or 1
    /// jumps onto the plateau b2 → ∞ (where e^(−b2 x) ≈ 0 and the model is the constant mean, |r| = 98.85), with either Jacobian.
    /// </param>
    public static Result Fit(LeastSquares problem, double[] start, double initialDamping = 100, double gradientTolerance = 1e-10, double stepTolerance = 1e-12, int maxIterations = 500)
    {
        int m = problem.M, n = problem.N;
        var p = (double[])start.Clone();
        var r = new double[m];
        var j = new double[m * n];
        var a = new double[n * n];
        var g = new double[n];
        var h = new double[n];
        var trial = new double[n];
        var rTrial = new double[m];
        var d = new double[n];
        problem.Residuals(p, r);
        problem.Jacobian(p, r, j);
        double cost = HalfSquaredNorm(r);
        Normal(j, r, m, n, a, g, d);
        double mu = initialDamping;
        double nu = 2;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            if (g.Max(Math.Abs) <= gradientTolerance * Math.Max(1, cost)) return Done(iteration, true);
            if (!Solve(a, d, n, mu, g, h))
            {
                mu *= nu;
                nu *= 2;
                continue;
            }
            double pNorm = Math.Sqrt(p.Sum(v => v * v));
            if (Math.Sqrt(h.Sum(v => v * v)) <= stepTolerance * (pNorm + stepTolerance)) return Done(iteration, true);
            for (int k = 0; k < n; k++) trial[k] = p[k] + h[k];
            problem.Residuals(trial, rTrial);
            double trialCost = HalfSquaredNorm(rTrial);
            // The decrease the linear model predicts: L(0) − L(h) = ½ hᵀ(μ D h − g).
            double predicted = 0;
            for (int k = 0; k < n; k++) predicted += 0.5 * h[k] * ((mu * d[k] * h[k]) - g[k]);
            double rho = predicted > 0 ? (cost - trialCost) / predicted : -1;
            if (rho > 0 && double.IsFinite(trialCost))
            {
                Array.Copy(trial, p, n);
                Array.Copy(rTrial, r, m);
                problem.Jacobian(p, r, j);
                cost = HalfSquaredNorm(r);
                Normal(j, r, m, n, a, g, d);
                mu *= Math.Max(1.0 / 3, 1 - Math.Pow((2 * rho) - 1, 3));
                nu = 2;
            }
            else
            {
                mu *= nu;
                nu *= 2;
            }
        }
        return Done(maxIterations, false);

        Result Done(int iterations, bool converged) =>
            new((double[])p.Clone(), iterations, Math.Sqrt(2 * cost), converged, problem.ResidualCalls, problem.JacobianCalls);
    }

    private static double HalfSquaredNorm(double[] r) => 0.5 * r.Sum(v => v * v);

    /// <summary>A = JᵀJ, g = Jᵀr, and D = max(D, diag(A)) (kept away from 0).</summary>
    private static void Normal(double[] j, double[] r, int m, int n, double[] a, double[] g, double[] d)
    {
        Array.Clear(a);
        Array.Clear(g);
        for (int i = 0; i < m; i++)
        {
            for (int k = 0; k < n; k++)
            {
                double jik = j[(i * n) + k];
                g[k] += jik * r[i];
                for (int l = 0; l < n; l++) a[(k * n) + l] += jik * j[(i * n) + l];
            }
        }
        for (int k = 0; k < n; k++) d[k] = Math.Max(d[k], Math.Max(a[(k * n) + k], 1e-12));
    }

    /// <summary>Solves (A + μ·D) h = −g by Cholesky; false when the matrix is not positive definite.</summary>
    private static bool Solve(double[] a, double[] d, int n, double mu, double[] g, double[] h)
    {
        var l = new double[n * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k <= i; k++)
            {
                double s = a[(i * n) + k] + (i == k ? mu * d[i] : 0);
                for (int q = 0; q < k; q++) s -= l[(i * n) + q] * l[(k * n) + q];
                if (i == k)
                {
                    if (!(s > 0)) return false;
                    l[(i * n) + i] = Math.Sqrt(s);
                }
                else
                {
                    l[(i * n) + k] = s / l[(k * n) + k];
                }
            }
        }
        for (int i = 0; i < n; i++)
        {
            double s = -g[i];
            for (int q = 0; q < i; q++) s -= l[(i * n) + q] * h[q];
            h[i] = s / l[(i * n) + i];
        }
        for (int i = n - 1; i >= 0; i--)
        {
            double s = h[i];
            for (int q = i + 1; q < n; q++) s -= l[(q * n) + i] * h[q];
            h[i] = s / l[(i * n) + i];
        }
        return true;
    }
}
