// Copied verbatim (XML doc comments and #region lines removed; [Differentiable] added) from
//   https://github.com/USACE-RMC/Numerics/blob/2a0357ada3676e80ca6650e9e022e72eacde3049/Numerics/Mathematics/Special Functions/Beta.cs
//   Licence: the repository's LICENSE (permission to use, copy, modify and/or distribute for any purpose with or without fee); Gamma and Beta are derived from the Accord.NET Framework, LGPL-2.1-or-later. Numerics: U.S. Army Corps of Engineers, Risk Management Center (Haden Smith and contributors); Accord.NET: Copyright (c) César Souza, 2009-2017; Cephes-derived parts (c) Stephen L. Moshier.
// Only the generated code is judged: warnings in this copied code are not ours to fix.
#nullable disable
#pragma warning disable
using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using AutoDiffGen;

namespace Numerics.Mathematics.SpecialFunctions
{
    public sealed partial class Beta
    {
        private const double LogMin = -745.13321910194122d;

        private const double LogMax = 709.782712893384d;

        private const double GammaMax = 171.62437695630271d;

        [Differentiable]
        public static double Function(double a, double b)
        {
            return Math.Exp(Gamma.LogGamma(a) + Gamma.LogGamma(b) - Gamma.LogGamma(a + b));
        }

        [Differentiable]
        public static double Incomplete(double a, double b, double x)
        {
            double aa, bb, t, xx, xc, w, y;
            bool flag;

            // validate inputs
            if (a <= 0.0)
            {
                throw new ArgumentOutOfRangeException("a", "Lower limit a must be greater than zero.");
            }

            if (b <= 0.0)
            {
                throw new ArgumentOutOfRangeException("b", "Upper limit b must be greater than zero.");
            }

            if (x <= 0.0 || x >= 1.0)
            {
                if (x == 0.0)
                {
                    return 0.0;
                }

                if (x == 1.0)
                {
                    return 1.0;
                }

                throw new ArgumentOutOfRangeException("x", "The x value must be between 0 and 1.");
            }

            flag = false;
            if (b * x <= 1.0 && x <= 0.95)
            {
                t = PowerSeries(a, b, x);
                return t;
            }

            w = 1.0 - x;
            if (x > a / (a + b))
            {
                flag = true;
                aa = b;
                bb = a;
                xc = x;
                xx = w;
            }
            else
            {
                aa = a;
                bb = b;
                xc = w;
                xx = x;
            }

            if (flag && bb * xx <= 1.0 && xx <= 0.95)
            {
                t = PowerSeries(aa, bb, xx);
                if (t <= Tools.DoubleMachineEpsilon)
                {
                    t = 1.0 - Tools.DoubleMachineEpsilon;
                }
                else
                {
                    t = 1.0 - t;
                }

                return t;
            }

            y = xx * (aa + bb - 2.0) - (aa - 1.0);
            if (y < 0.0)
            {
                w = Incbcf(aa, bb, xx);
            }
            else
            {
                w = Incbd(aa, bb, xx) / xc;
            }

            y = aa * Math.Log(xx);
            t = bb * Math.Log(xc);
            if (aa + bb < GammaMax && Math.Abs(y) < LogMax && Math.Abs(t) < LogMax)
            {
                t = Math.Pow(xc, bb);
                t *= Math.Pow(xx, aa);
                t /= aa;
                t *= w;
                t *= Gamma.Function(aa + bb) / (Gamma.Function(aa) * Gamma.Function(bb));
                if (flag)
                {
                    if (t <= Tools.DoubleMachineEpsilon)
                    {
                        t = 1.0 - Tools.DoubleMachineEpsilon;
                    }
                    else
                    {
                        t = 1.0 - t;
                    }
                }

                return t;
            }

            y += t + Gamma.LogGamma(aa + bb) - Gamma.LogGamma(aa) - Gamma.LogGamma(bb);
            y += Math.Log(w / aa);
            if (y < LogMin)
            {
                t = 0.0;
            }
            else
            {
                t = Math.Exp(y);
            }

            if (flag)
            {
                if (t <= Tools.DoubleMachineEpsilon)
                {
                    t = 1.0 - Tools.DoubleMachineEpsilon;
                }
                else
                {
                    t = 1.0 - t;
                }
            }

            return t;
        }

        [Differentiable]
        public static double Incbcf(double a, double b, double x)
        {
            double xk, pk, pkm1, pkm2, qk, qkm1, qkm2;
            double k1, k2, k3, k4, k5, k6, k7, k8;
            double r, t, ans, thresh;
            double big = 4503599627370496.0;
            double biginv = 0.00000000000000022204460492503131d;
            k1 = a;
            k2 = a + b;
            k3 = a;
            k4 = a + 1.0;
            k5 = 1.0;
            k6 = b - 1.0;
            k7 = k4;
            k8 = a + 2.0;
            pkm2 = 0.0;
            qkm2 = 1.0;
            pkm1 = 1.0;
            qkm1 = 1.0;
            ans = 1.0;
            r = 1.0;
            thresh = 3.0 * Tools.DoubleMachineEpsilon;
            for (int i = 1; i <= 300; i++)
            {
                xk = -(x * k1 * k2) / (k3 * k4);
                pk = pkm1 + pkm2 * xk;
                qk = qkm1 + qkm2 * xk;
                pkm2 = pkm1;
                pkm1 = pk;
                qkm2 = qkm1;
                qkm1 = qk;
                xk = x * k5 * k6 / (k7 * k8);
                pk = pkm1 + pkm2 * xk;
                qk = qkm1 + qkm2 * xk;
                pkm2 = pkm1;
                pkm1 = pk;
                qkm2 = qkm1;
                qkm1 = qk;
                if (qk != 0)
                    r = pk / qk;
                if (r != 0)
                {
                    t = Math.Abs((ans - r) / r);
                    ans = r;
                }
                else
                {
                    t = 1.0;
                }

                if (t < thresh)
                    return ans;
                k1 += 1.0;
                k2 += 1.0;
                k3 += 2.0;
                k4 += 2.0;
                k5 += 1.0;
                k6 -= 1.0;
                k7 += 2.0;
                k8 += 2.0;
                if (Math.Abs(qk) + Math.Abs(pk) > big)
                {
                    pkm2 *= biginv;
                    pkm1 *= biginv;
                    qkm2 *= biginv;
                    qkm1 *= biginv;
                }

                if (Math.Abs(qk) < biginv || Math.Abs(pk) < biginv)
                {
                    pkm2 *= big;
                    pkm1 *= big;
                    qkm2 *= big;
                    qkm1 *= big;
                }
            }

            return ans;
        }

        [Differentiable]
        public static double Incbd(double a, double b, double x)
        {
            double xk, pk, pkm1, pkm2, qk, qkm1, qkm2;
            double k1, k2, k3, k4, k5, k6, k7, k8;
            double r, t, ans, z, thresh;
            double big = 4503599627370496.0;
            double biginv = 0.00000000000000022204460492503131d;
            k1 = a;
            k2 = b - 1.0;
            k3 = a;
            k4 = a + 1.0;
            k5 = 1.0;
            k6 = a + b;
            k7 = a + 1.0;
            k8 = a + 2.0;
            pkm2 = 0.0;
            qkm2 = 1.0;
            pkm1 = 1.0;
            qkm1 = 1.0;
            z = x / (1.0 - x);
            ans = 1.0;
            r = 1.0;
            thresh = 3.0 * Tools.DoubleMachineEpsilon;
            for (int i = 1; i <= 300; i++)
            {
                xk = -(z * k1 * k2) / (k3 * k4);
                pk = pkm1 + pkm2 * xk;
                qk = qkm1 + qkm2 * xk;
                pkm2 = pkm1;
                pkm1 = pk;
                qkm2 = qkm1;
                qkm1 = qk;
                xk = z * k5 * k6 / (k7 * k8);
                pk = pkm1 + pkm2 * xk;
                qk = qkm1 + qkm2 * xk;
                pkm2 = pkm1;
                pkm1 = pk;
                qkm2 = qkm1;
                qkm1 = qk;
                if (qk != 0.0)
                    r = pk / qk;
                if (r != 0.0)
                {
                    t = Math.Abs((ans - r) / r);
                    ans = r;
                }
                else
                {
                    t = 1.0;
                }

                if (t < thresh)
                    return ans;
                k1 += 1.0;
                k2 -= 1.0;
                k3 += 2.0;
                k4 += 2.0;
                k5 += 1.0;
                k6 += 1.0;
                k7 += 2.0;
                k8 += 2.0;
                if (Math.Abs(qk) + Math.Abs(pk) > big)
                {
                    pkm2 *= biginv;
                    pkm1 *= biginv;
                    qkm2 *= biginv;
                    qkm1 *= biginv;
                }

                if (Math.Abs(qk) < biginv || Math.Abs(pk) < biginv)
                {
                    pkm2 *= big;
                    pkm1 *= big;
                    qkm2 *= big;
                    qkm1 *= big;
                }
            }

            return ans;
        }

        [Differentiable]
        public static double PowerSeries(double a, double b, double x)
        {
            double s, t, u, v, n, t1, z, ai;
            ai = 1.0 / a;
            u = (1.0 - b) * x;
            v = u / (a + 1.0);
            t1 = v;
            t = u;
            n = 2.0;
            s = 0.0;
            z = Tools.DoubleMachineEpsilon * ai;
            while (Math.Abs(v) > z)
            {
                u = (n - b) * x / n;
                t *= u;
                v = t / (a + n);
                s += v;
                n += 1.0;
            }

            s += t1;
            s += ai;
            u = a * Math.Log(x);
            if (a + b < GammaMax && Math.Abs(u) < LogMax)
            {
                t = Gamma.Function(a + b) / (Gamma.Function(a) * Gamma.Function(b));
                s = s * t * Math.Pow(x, a);
            }
            else
            {
                t = Gamma.LogGamma(a + b) - Gamma.LogGamma(a) - Gamma.LogGamma(b) + u + Math.Log(s);
                if (t < LogMin)
                {
                    s = 0.0;
                }
                else
                {
                    s = Math.Exp(t);
                }
            }

            return s;
        }

        [Differentiable]
        public static double IncompleteRatio(double x, double p, double q, double beta)
        {

            // Define accuracy and initialize parameters
            double acu = 0.000000000000001d;
            bool indx;
            double psq;
            double cx;
            double xx;
            double pp;
            double qq;
            double term;
            double ai;
            int ns;
            double rx;
            double temp;
            double b;

            // Check the input arguments.
            if (p <= 0.0 | q <= 0.0)
            {
                throw new Exception("Invalid inputs! P and Q must be positive.");
            }

            if (x < 0.0 | x > 1.0)
            {
                throw new Exception("Invalid inputs! X must be between 0 and 1.");
            }

            // Special cases.
            if (x == 0.0 | x == 1.0)
            {
                return x;
            }

            // Change tail if necessary and determine S.
            psq = p + q;
            cx = 1.0 - x;
            if (p < psq * x)
            {
                xx = cx;
                cx = x;
                pp = q;
                qq = p;
                indx = true;
            }
            else
            {
                xx = x;
                pp = p;
                qq = q;
                indx = false;
            }

            term = 1.0;
            ai = 1.0;
            b = 1.0;
            ns = (int)(qq + cx * psq);

            // Use the Soper reduction formula.
            rx = xx / cx;
            temp = qq - ai;
            if (ns == 0) rx = xx;
            rx = xx / cx;
        three:
            ;
            temp = qq - ai;
            if (ns == 0) rx = xx;
        four:
            ;
            term = term * temp * rx / (pp + ai);
            b += term;
            temp = Math.Abs(term);
            if (temp <= acu & temp <= acu * b)
                goto five;
            ai += 1;
            ns -= 1;
            if (ns >= 0)
                goto three;
            temp = psq;
            psq += 1d;
            goto four;

        // calculate result
        five:
            ;
            b = b * Math.Exp(pp * Math.Log(xx) + (qq - 1.0) * Math.Log(cx) - beta) / pp;
            if (indx)
                b = 1.0 - b;
            return b;
        }
    }
}
