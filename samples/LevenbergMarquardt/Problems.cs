namespace LevenbergMarquardtSample;

/// <summary>How a problem gets its Jacobian: generated (MJacobian) or by forward differences of the residuals.</summary>
public enum JacobianSource { Generated, FiniteDifferences }

/// <summary>A problem whose residuals are given; its Jacobian is either generated or by finite differences.</summary>
public abstract class Problem : LeastSquares
{
    /// <summary>√ε for double, 2⁻²⁶: the usual forward-difference step (relative).</summary>
    private const double SqrtEpsilon = 1.4901161193847656e-8;

    private readonly JacobianSource _source;

    protected Problem(JacobianSource source) => _source = source;

    public sealed override void Residuals(double[] p, double[] r)
    {
        ResidualCalls++;
        Evaluate(p, r);
    }

    public sealed override void Jacobian(double[] p, double[] r, double[] j)
    {
        JacobianCalls++;
        if (_source == JacobianSource.Generated)
        {
            GeneratedJacobian(p, r, j);
            return;
        }
        // What a user writes without AD: forward differences from the residuals at p (already known), one more
        // evaluation of all residuals per parameter, with the step √ε·max(|p_k|, 1).
        var shifted = (double[])p.Clone();
        var rk = new double[M];
        for (int k = 0; k < N; k++)
        {
            double step = SqrtEpsilon * Math.Max(Math.Abs(p[k]), 1);
            shifted[k] = p[k] + step;
            Residuals(shifted, rk);
            double actual = shifted[k] - p[k];
            for (int i = 0; i < M; i++) j[(i * N) + k] = (rk[i] - r[i]) / actual;
            shifted[k] = p[k];
        }
    }

    /// <summary>The residuals, not counted (the public entry counts).</summary>
    protected abstract void Evaluate(double[] p, double[] r);

    protected abstract void GeneratedJacobian(double[] p, double[] r, double[] j);
}

/// <summary>BoxBOD: the whole residual vector is one tuple-returning method, and one MJacobian call gives all of J.</summary>
public sealed class BoxBodProblem(JacobianSource source) : Problem(source)
{
    public override int M => 6;

    public override int N => 2;

    protected override void Evaluate(double[] p, double[] r) => Copy(BoxBod.Residuals(p[0], p[1]), r);

    protected override void GeneratedJacobian(double[] p, double[] r, double[] j) => Copy(BoxBod.ResidualsJacobian(p[0], p[1], j), r);

    private static void Copy((double, double, double, double, double, double) t, double[] r) =>
        (r[0], r[1], r[2], r[3], r[4], r[5]) = t;
}

/// <summary>The damped oscillation over m observations: one MJacobian call per observation writes that row of J.</summary>
public sealed class OscillationProblem(double[] t, double[] y, JacobianSource source) : Problem(source)
{
    public override int M => t.Length;

    public override int N => 4;

    protected override void Evaluate(double[] p, double[] r)
    {
        var wave = new Wave(p[0], p[1], p[2], p[3]);
        for (int i = 0; i < t.Length; i++) r[i] = Oscillation.Residual(wave, t[i], y[i]);
    }

    protected override void GeneratedJacobian(double[] p, double[] r, double[] j)
    {
        var wave = new Wave(p[0], p[1], p[2], p[3]);
        for (int i = 0; i < t.Length; i++) r[i] = Oscillation.ResidualJacobian(wave, t[i], y[i], j.AsSpan(i * 4, 4));
    }
}
