using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>
    /// The backward pass of <see cref="TwoLayerLoss.Loss"/>, composed by hand from the Tensors pullbacks
    /// in the shape the generator will emit.
    /// </summary>
    internal static class HandWrittenBackward
    {
        /// <summary>
        /// Returns the loss and ADDS <c>dResult · ∂Loss/∂p</c> into dW1, dB1, dW2 and dB2 (x is [NoDiff]).
        /// </summary>
        public static float LossBackward(
            Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels,
            Tensor dW1, Tensor dB1, Tensor dW2, Tensor dB2, float dResult = 1f)
        {
            // Forward sweep: every intermediate once, kept for the reverse sweep.
            Tensor h1 = Tensor.MatMul(x, W1);
            Tensor a1 = Tensor.AddBias(h1, b1);
            Tensor r1 = Tensor.Relu(a1);
            Tensor h2 = Tensor.MatMul(r1, W2);
            Tensor scores = Tensor.AddBias(h2, b2);
            float loss = Tensor.SoftmaxCrossEntropy(scores, labels);

            // Reverse sweep: upstream adjoint × local gradient, one pullback per gate, last gate first.
            Tensor dScores = scores.ZeroAdjoint();
            Tensor.SoftmaxCrossEntropyPullback(scores, labels, loss, dResult, dScores);
            Tensor dH2 = h2.ZeroAdjoint();
            Tensor.AddBiasPullback(h2, b2, scores, dScores, dH2, dB2);
            Tensor dR1 = r1.ZeroAdjoint();
            Tensor.MatMulPullback(r1, W2, h2, dH2, dR1, dW2);
            Tensor dA1 = a1.ZeroAdjoint();
            Tensor.ReluPullback(a1, r1, dR1, dA1);
            Tensor dH1 = h1.ZeroAdjoint();
            Tensor.AddBiasPullback(h1, b1, a1, dA1, dH1, dB1);
            Tensor.MatMulPullback(x, W1, h1, dH1, null, dW1); // x is [NoDiff]: skip its adjoint
            return loss;
        }
    }
}
