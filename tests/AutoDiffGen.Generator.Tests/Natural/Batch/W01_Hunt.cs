using AutoDiffGen;
using System.Numerics;

namespace Users.Hunt;

public static partial class Signal
{
    [Differentiable]
    public static double Energy(double[] samples)
    {
        double e = 0.0;
        foreach (double s in samples) e += s * s;
        return e / samples.Length;
    }

    [Differentiable]
    public static double Rms(double[] samples) => Math.Sqrt(samples.Average(s => s * s));

    [Differentiable]
    public static double Convolve(double[] signal, double[] kernel)
    {
        var output = new double[signal.Length - kernel.Length + 1];
        for (int i = 0; i < output.Length; i++)
            for (int j = 0; j < kernel.Length; j++)
                output[i] += signal[i + j] * kernel[j];
        return output.Sum();
    }

    [Differentiable]
    public static double ExpSmooth(double[] xs, double alpha)
    {
        double level = xs[0];
        for (var t = 1; t < xs.Length; t++)
        {
            level = alpha * xs[t] + (1 - alpha) * level;
        }
        return level;
    }

    [Differentiable]
    public static double DftMagnitude(double[] x, int k)
    {
        double re = 0, im = 0;
        int n = x.Length;
        for (int t = 0; t < n; t++)
        {
            double angle = -2.0 * Math.PI * k * t / n;
            re += x[t] * Math.Cos(angle);
            im += x[t] * Math.Sin(angle);
        }
        return Math.Sqrt(re * re + im * im);
    }
}

public static partial class Epidemics
{
    [Differentiable]
    public static double SirInfected(double beta, double gamma, int days)
    {
        double s = 0.99, i = 0.01, r = 0.0;
        const double dt = 0.1;
        int steps = (int)(days / dt);
        for (int step = 0; step < steps; step++)
        {
            double newInf = beta * s * i * dt;
            double newRec = gamma * i * dt;
            s -= newInf;
            i += newInf - newRec;
            r += newRec;
        }
        return i;
    }

    [Differentiable]
    public static double LogisticGrowth(double r, double k, double p0, double t) => k / (1 + (k - p0) / p0 * Math.Exp(-r * t));
}

public static partial class Geometry
{
    [Differentiable]
    public static double PolygonArea(double[] xs, double[] ys)
    {
        double area = 0;
        int n = xs.Length;
        for (int i = 0; i < n; i++)
        {
            int j = (i + 1) % n;
            area += xs[i] * ys[j] - xs[j] * ys[i];
        }
        return Math.Abs(area) / 2;
    }

    [Differentiable]
    public static double TriangleArea(Vector2 a, Vector2 b, Vector2 c)
    {
        var ab = b - a;
        var ac = c - a;
        return 0.5f * MathF.Abs(ab.X * ac.Y - ab.Y * ac.X);
    }

    [Differentiable]
    public static float PointLineDistance(Vector3 p, Vector3 a, Vector3 b)
    {
        Vector3 ab = b - a;
        float t = Vector3.Dot(p - a, ab) / ab.LengthSquared();
        t = Math.Clamp(t, 0f, 1f);
        Vector3 closest = a + t * ab;
        return Vector3.Distance(p, closest);
    }

    [Differentiable]
    public static float Shade(Vector3 normal, Vector3 light, Vector3 view, float shininess)
    {
        var n = Vector3.Normalize(normal);
        var l = Vector3.Normalize(light);
        float diffuse = MathF.Max(Vector3.Dot(n, l), 0f);
        var h = Vector3.Normalize(l + Vector3.Normalize(view));
        float spec = MathF.Pow(MathF.Max(Vector3.Dot(n, h), 0f), shininess);
        return diffuse + spec;
    }
}

public static partial class Economics
{
    [Differentiable]
    public static double Ces(double[] x, double[] shares, double rho)
    {
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += shares[i] * Math.Pow(x[i], rho);
        return Math.Pow(sum, 1.0 / rho);
    }

    [Differentiable]
    public static double Npv(double rate, double[] cashFlows)
    {
        double npv = 0;
        for (int t = 0; t < cashFlows.Length; t++)
            npv += cashFlows[t] / Math.Pow(1 + rate, t);
        return npv;
    }

    [Differentiable]
    public static double Annuity(double principal, double annualRate, int years)
    {
        double r = annualRate / 12;
        int n = years * 12;
        return principal * r / (1 - Math.Pow(1 + r, -n));
    }

    [Differentiable]
    public static double CrraUtility(double c, double gamma)
    {
        if (Math.Abs(gamma - 1.0) < 1e-12) return Math.Log(c);
        return (Math.Pow(c, 1 - gamma) - 1) / (1 - gamma);
    }
}

public static partial class Losses
{
    [Differentiable]
    public static double Huber(double[] pred, double[] target, double delta = 1.0)
    {
        double total = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            double err = pred[i] - target[i];
            double abs = Math.Abs(err);
            total += abs <= delta ? 0.5 * err * err : delta * (abs - 0.5 * delta);
        }
        return total / pred.Length;
    }

    [Differentiable]
    public static double Pinball(double[] pred, double[] target, double tau)
    {
        double loss = 0;
        for (int i = 0; i < pred.Length; i++)
        {
            var diff = target[i] - pred[i];
            loss += Math.Max(tau * diff, (tau - 1) * diff);
        }
        return loss / pred.Length;
    }

    [Differentiable]
    public static double LogSumExp(double[] z)
    {
        double m = z.Max();
        double s = 0;
        foreach (var v in z) s += Math.Exp(v - m);
        return m + Math.Log(s);
    }

    [Differentiable]
    public static double CrossEntropy(double[] logits, int label)
    {
        double max = double.NegativeInfinity;
        for (int i = 0; i < logits.Length; i++) if (logits[i] > max) max = logits[i];
        double sum = 0;
        for (int i = 0; i < logits.Length; i++) sum += Math.Exp(logits[i] - max);
        return -(logits[label] - max - Math.Log(sum));
    }

    [Differentiable]
    public static double Softplus(double x) => x > 20 ? x : Math.Log(1 + Math.Exp(x));

    [Differentiable]
    public static double FocalLoss(double p, double y, double gamma = 2.0)
    {
        p = Math.Clamp(p, 1e-7, 1 - 1e-7);
        return y > 0.5 ? -Math.Pow(1 - p, gamma) * Math.Log(p) : -Math.Pow(p, gamma) * Math.Log(1 - p);
    }
}

public static partial class Layers
{
    [Differentiable]
    public static double LayerNormSum(double[] x, double eps = 1e-5)
    {
        int n = x.Length;
        double mean = 0;
        for (int i = 0; i < n; i++) mean += x[i];
        mean /= n;
        double var = 0;
        for (int i = 0; i < n; i++) var += (x[i] - mean) * (x[i] - mean);
        var /= n;
        double inv = 1.0 / Math.Sqrt(var + eps);
        double result = 0;
        for (int i = 0; i < n; i++)
        {
            double y = (x[i] - mean) * inv;
            result += y * y * y;
        }
        return result;
    }

    [Differentiable]
    public static double Attention(double[] q, double[] k0, double[] k1, double[] v)
    {
        double s0 = 0, s1 = 0;
        for (int i = 0; i < q.Length; i++) { s0 += q[i] * k0[i]; s1 += q[i] * k1[i]; }
        double scale = 1.0 / Math.Sqrt(q.Length);
        s0 *= scale; s1 *= scale;
        double m = Math.Max(s0, s1);
        double e0 = Math.Exp(s0 - m), e1 = Math.Exp(s1 - m);
        return (e0 * v[0] + e1 * v[1]) / (e0 + e1);
    }

    [Differentiable]
    public static double Gelu(double x) => 0.5 * x * (1 + Math.Tanh(Math.Sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));

    [Differentiable]
    public static double Dense(double[] w, double[] x, double b)
    {
        var z = b;
        for (var i = 0; i < w.Length; i++) z += w[i] * x[i];
        return z > 0 ? z : 0.01 * z;
    }
}

public static partial class Control
{
    [Differentiable]
    public static double PidCost(double kp, double ki, double kd)
    {
        double pos = 0, vel = 0, integral = 0, prevErr = 1.0;
        const double target = 1.0, dt = 0.01;
        double cost = 0;
        for (int t = 0; t < 200; t++)
        {
            double err = target - pos;
            integral += err * dt;
            double deriv = (err - prevErr) / dt;
            double u = kp * err + ki * integral + kd * deriv;
            vel += (u - 0.5 * vel) * dt;
            pos += vel * dt;
            prevErr = err;
            cost += err * err * dt;
        }
        return cost;
    }

    [Differentiable]
    public static double Pendulum(double theta0, double length, double time)
    {
        const double g = 9.81;
        double theta = theta0, omega = 0;
        double dt = time / 100;
        for (int i = 0; i < 100; i++)
        {
            omega -= g / length * Math.Sin(theta) * dt;
            theta += omega * dt;
        }
        return theta;
    }
}

public static partial class Chem
{
    [Differentiable]
    public static double Arrhenius(double a, double ea, double temperature) => a * Math.Exp(-ea / (8.314 * temperature));

    [Differentiable]
    public static double LennardJones(double r, double epsilon = 1.0, double sigma = 1.0)
    {
        double sr6 = Math.Pow(sigma / r, 6);
        return 4 * epsilon * (sr6 * sr6 - sr6);
    }

    [Differentiable]
    public static double ClusterEnergy(double[] xs, double[] ys)
    {
        double e = 0;
        for (int i = 0; i < xs.Length; i++)
            for (int j = i + 1; j < xs.Length; j++)
            {
                double dx = xs[i] - xs[j], dy = ys[i] - ys[j];
                double r2 = dx * dx + dy * dy;
                double inv6 = 1 / (r2 * r2 * r2);
                e += 4 * (inv6 * inv6 - inv6);
            }
        return e;
    }
}
