namespace AutoDiffGen.Generator.Tests.Infrastructure;

public static partial class GoldenExamples
{
    /// <summary>Tensor methods: the kernels' pullbacks found through [DerivativeOf].</summary>
    public static class Tensors
    {
        public const string Source = """
            using AutoDiffGen;
            using AutoDiffGen.Tensors;

            namespace Golden.Tensors
            {
                public static partial class Classifier
                {
                    /// The 2-layer net's loss of samples/TwoLayerNet, written with locals.
                    [Differentiable]
                    public static float TwoLayerLoss([NoDiff] Tensor x, Tensor W1, Tensor b1, Tensor W2, Tensor b2, int[] labels)
                    {
                        Tensor hidden = Tensor.Relu(Tensor.AddBias(Tensor.MatMul(x, W1), b1));
                        Tensor scores = Tensor.AddBias(Tensor.MatMul(hidden, W2), b2);
                        return Tensor.SoftmaxCrossEntropy(scores, labels);
                    }

                    /// One layer with an L2 penalty scaled by a float parameter.
                    [Differentiable]
                    public static float Regularized([NoDiff] Tensor x, Tensor W, int[] labels, float lambda) =>
                        Tensor.SoftmaxCrossEntropy(Tensor.MatMul(x, W), labels) + lambda * Tensor.SquaredL2Norm(W);
                }
            }
            """;
    }
}
