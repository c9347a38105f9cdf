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
        // [Differentiable] goes here once the generator supports Tensor methods (issue 5, item 2). Its
        // generated LossBackward will then replace HandWrittenBackward.LossBackward, which stays as the
        // baseline of the "generated equals hand-written to 1e-5" test.
        public static float Loss([NoDiff] Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels) =>
            Tensor.SoftmaxCrossEntropy(Tensor.AddBias(Tensor.MatMul(Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), b1)), W2), b2), labels);
    }
}
