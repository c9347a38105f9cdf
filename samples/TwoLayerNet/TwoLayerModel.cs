using System;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>The parameters of the 2-layer net, their gradients and momentum buffers.</summary>
    internal sealed class TwoLayerModel
    {
        public TwoLayerModel(int inputs, int hidden, int classes, float initStd, int seed)
        {
            var random = new Random(seed);
            W1 = Tensor.RandomNormal(inputs, hidden, initStd, random);
            B1 = new Tensor(hidden);
            W2 = Tensor.RandomNormal(hidden, classes, initStd, random);
            B2 = new Tensor(classes);
            DW1 = new Tensor(inputs, hidden);
            DB1 = new Tensor(hidden);
            DW2 = new Tensor(hidden, classes);
            DB2 = new Tensor(classes);
            VW1 = new Tensor(inputs, hidden);
            VB1 = new Tensor(hidden);
            VW2 = new Tensor(hidden, classes);
            VB2 = new Tensor(classes);
        }

        public Tensor W1 { get; }

        public Tensor B1 { get; }

        public Tensor W2 { get; }

        public Tensor B2 { get; }

        public Tensor DW1 { get; }

        public Tensor DB1 { get; }

        public Tensor DW2 { get; }

        public Tensor DB2 { get; }

        private Tensor VW1 { get; }

        private Tensor VB1 { get; }

        private Tensor VW2 { get; }

        private Tensor VB2 { get; }

        /// <summary>Class scores for a batch (the forward pass without the loss).</summary>
        public Tensor Scores(Tensor x) =>
            Tensor.AddBias(Tensor.MatMul(Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), B1)), W2), B2);

        /// <summary>One step on a batch: returns the data loss plus 0.5·reg·(‖W1‖² + ‖W2‖²).</summary>
        public float Step(Tensor x, int[] labels, float learningRate, float momentum, float reg)
        {
            DW1.Clear();
            DB1.Clear();
            DW2.Clear();
            DB2.Clear();
            // The generated backward pass of the one-line loss (TwoLayerLoss.Loss).
            float dataLoss = TwoLayerLoss.LossBackward(x, W1, B1, W2, B2, labels, DW1, DB1, DW2, DB2);

            // L2 regularization on the weights only, as in the CS231n case study: d(0.5·reg·‖W‖²) = reg·W.
            DW1.AddScaledInPlace(W1, reg);
            DW2.AddScaledInPlace(W2, reg);
            float regLoss = 0.5f * reg * (Tensor.SquaredL2Norm(W1) + Tensor.SquaredL2Norm(W2));

            Update(W1, DW1, VW1, learningRate, momentum);
            Update(B1, DB1, VB1, learningRate, momentum);
            Update(W2, DW2, VW2, learningRate, momentum);
            Update(B2, DB2, VB2, learningRate, momentum);
            return dataLoss + regLoss;
        }

        /// <summary>SGD with (optional) momentum: v = μ·v − lr·g; p += v.</summary>
        private static void Update(Tensor parameter, Tensor gradient, Tensor velocity, float learningRate, float momentum)
        {
            velocity.ScaleInPlace(momentum);
            velocity.AddScaledInPlace(gradient, -learningRate);
            parameter.AddScaledInPlace(velocity, 1f);
        }
    }
}
