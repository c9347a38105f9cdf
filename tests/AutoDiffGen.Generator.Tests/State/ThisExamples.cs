namespace AutoDiffGen.Generator.Tests.State;

/// <summary>Objects whose methods differentiate with respect to their own state (<c>WithRespectToThis = true</c>).</summary>
internal static class ThisExamples
{
    public const string Source = """
        using System;
        using AutoDiffGen;
        namespace State;

        public partial class LinearModel
        {
            public double[] W;
            public double B;
            [NoDiff] public double Lambda = 0.1;
            public int Calls;
            public LinearModel(int n) { W = new double[n]; }

            // ½(w·x + b − y)² + λ|w|² + b²: the hand-derived gradient is dW = e·x + 2λw, dB = e + 2b.
            [Differentiable(WithRespectToThis = true)]
            public double Loss([NoDiff] double[] x, [NoDiff] double y)
            {
                double z = B;
                for (int i = 0; i < W.Length; i++) z += W[i] * x[i];
                double e = z - y;
                double reg = 0;
                for (int i = 0; i < W.Length; i++) reg += this.W[i] * W[i];
                return 0.5 * e * e + Lambda * reg + B * B;
            }

            // The state and a parameter both get gradients; a member read in a condition only decides the path.
            [Differentiable(WithRespectToThis = true)]
            public double Mixed(double s, double[] x)
            {
                double acc = s * B;
                if (B > 0) acc += Math.Exp(W[0] * x[1]);
                else acc -= W[1] * W[1] * x[0];
                return acc + Calls;
            }

            // A static [Differentiable] helper receives the member array: its adjoint is dThis.W.
            [Differentiable(WithRespectToThis = true)]
            public double ThroughHelper([NoDiff] double[] x) => Math.Tanh(Dot(W, x) + B);

            [Differentiable]
            public static double Dot(double[] a, double[] b)
            {
                double s = 0;
                for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
                return s;
            }

            // Without the opt-in the members are constants: no dThis, and dX = B.
            [Differentiable]
            public double Plain(double x) => x * B + W[0];
        }

        public class Base
        {
            public double Scale = 1;
            private double _hidden = 3;
            public double Hidden => _hidden;
        }

        public partial class Derived : Base
        {
            public float[] V = new float[2];
            public float Gain { get; set; } = 1;

            // A base type's field, a float[] and a float auto-property.
            [Differentiable(WithRespectToThis = true)]
            public double F(double x) => Scale * x * x + Gain * V[0] * V[1];
        }

        public partial class Composed
        {
            public double[] W = new double[2];
            public double B;

            [Differentiable(WithRespectToThis = true)]
            public double Predict([NoDiff] double[] x) => W[0] * x[0] + W[1] * x[1] + B;

            // A call on this to a callee that opts in too: its Backward adds into the caller's dThis.
            [Differentiable(WithRespectToThis = true)]
            public double Loss([NoDiff] double[] x, double y) { double e = Predict(x) - y; return e * e + B * Predict(x); }
        }

        public partial struct Particle
        {
            public double X;
            public float Y { get; set; }

            // A struct: dThis is a ref of the struct.
            [Differentiable(WithRespectToThis = true)]
            public double Energy(double k) => 0.5 * k * X * X + Math.Sin(X) * Y;
        }
        """;
}
