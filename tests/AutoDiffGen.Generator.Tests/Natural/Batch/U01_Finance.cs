using AutoDiffGen;

namespace Users.Finance;

public static partial class Black76
{
    const double SqrtTwoPi = 2.5066282746310002;
    private const double InvSqrt2 = 0.7071067811865476;

    // Abramowitz–Stegun 7.1.26, as people paste it.
    [Differentiable]
    public static double Erf(double x)
    {
        double sign = Math.Sign(x);
        x = Math.Abs(x);
        const double a1 = 0.254829592, a2 = -0.284496736, a3 = 1.421413741, a4 = -1.453152027, a5 = 1.061405429, p = 0.3275911;
        double t = 1.0 / (1.0 + p * x);
        double y = 1.0 - (((((a5 * t + a4) * t) + a3) * t + a2) * t + a1) * t * Math.Exp(-x * x);
        return sign * y;
    }

    [Differentiable] public static double NormCdf(double x) => 0.5 * (1.0 + Erf(x * InvSqrt2));

    [Differentiable] public static double NormPdf(double x) => Math.Exp(-0.5 * x * x) / SqrtTwoPi;

    [Differentiable]
    public static double Call(double forward, double strike, double vol, double t, double df)
    {
        if (t <= 0) return df * Math.Max(forward - strike, 0.0);
        double sd = vol * Math.Sqrt(t);
        double d1 = (Math.Log(forward / strike) + 0.5 * sd * sd) / sd;
        double d2 = d1 - sd;
        return df * (forward * NormCdf(d1) - strike * NormCdf(d2));
    }

    [Differentiable]
    public static double Bachelier(double forward, double strike, double vol, double t)
    {
        double sd = vol * Math.Sqrt(t);
        double d = (forward - strike) / sd;
        return (forward - strike) * NormCdf(d) + sd * NormPdf(d);
    }
}

public static partial class Bonds
{
    [Differentiable]
    public static double Price(double yield, double coupon, int years, double face = 100.0)
    {
        double pv = 0.0;
        for (int t = 1; t <= years; t++)
            pv += coupon * face / Math.Pow(1 + yield, t);
        pv += face / Math.Pow(1 + yield, years);
        return pv;
    }

    [Differentiable]
    public static double Npv(double rate, double[] cashFlows)
    {
        double npv = 0;
        for (var i = 0; i < cashFlows.Length; i++)
        {
            npv += cashFlows[i] / Math.Pow(1.0 + rate, i);
        }
        return npv;
    }

    [Differentiable]
    public static double ContinuousNpv(double rate, double[] cashFlows)
    {
        return cashFlows.Select((cf, i) => cf * Math.Exp(-rate * i)).Sum();
    }

    [Differentiable]
    public static double MonthlyPayment(double principal, double annualRate, int months)
    {
        double r = annualRate / 12.0;
        if (r == 0) return principal / months;
        return principal * r / (1 - Math.Pow(1 + r, -months));
    }

    [Differentiable]
    public static double Compound(double principal, double rate, int periods)
    {
        double balance = principal;
        for (int i = 0; i < periods; i++)
        {
            balance *= 1 + rate;
            balance = Math.Round(balance, 2) + (balance - Math.Round(balance, 2));
        }
        return balance;
    }
}

public static partial class Portfolio
{
    [Differentiable]
    public static double Variance(double[] w, [NoDiff] double[,] cov)
    {
        int n = w.Length;
        double v = 0;
        for (int i = 0; i < n; i++)
            for (int j = 0; j < n; j++)
                v += w[i] * cov[i, j] * w[j];
        return v;
    }

    [Differentiable]
    public static double Sharpe(double[] w, [NoDiff] double[] mu, [NoDiff] double[,] cov, double riskFree)
    {
        double ret = 0;
        for (int i = 0; i < w.Length; i++) ret += w[i] * mu[i];
        return (ret - riskFree) / Math.Sqrt(Variance(w, cov));
    }

    [Differentiable]
    public static double ExpectedReturn(double[] weights, [NoDiff] double[] mu) => weights.Zip(mu, (w, m) => w * m).Sum();

    [Differentiable]
    public static double MaxDrawdown(double[] prices)
    {
        double peak = prices[0];
        double worst = 0;
        foreach (var p in prices)
        {
            peak = Math.Max(peak, p);
            worst = Math.Max(worst, (peak - p) / peak);
        }
        return worst;
    }
}
