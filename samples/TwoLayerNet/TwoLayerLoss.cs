using AutoDiffGen;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>The two-layer net's loss, written once as a single expression.</summary>
    internal static partial class TwoLayerLoss
    {
        /// <summary>
        /// Mean softmax cross-entropy of <c>Relu(x·W1 + b1)·W2 + b2</c> against <paramref name="labels"/>.
        /// </summary>
        /// <remarks>
        /// AutoDiffGen generates <c>LossBackward</c> from this one line: it calls the kernels' pullbacks in
        /// reverse order. <see cref="HandWrittenBackward"/> stays as the baseline it is tested against.
        /// </remarks>
        [Differentiable]
        public static float Loss([NoDiff] Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels) =>
            Tensor.SoftmaxCrossEntropy(Tensor.AddBias(Tensor.MatMul(Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), b1)), W2), b2), labels);
    }
}
