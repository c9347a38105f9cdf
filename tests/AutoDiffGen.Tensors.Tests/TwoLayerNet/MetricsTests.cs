using System;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests.TwoLayerNetSample
{
    /// <summary>The sample's classifier metrics (samples/TwoLayerNet/Metrics.cs).</summary>
    public sealed class MetricsTests
    {
        [Fact]
        public void Accuracy_and_ArgMaxRows()
        {
            Tensor scores = Tensor.FromArray(3, 3, new[] { 0f, 2f, 1f, 5f, -1f, 0f, 0f, 0f, 3f });
            Span<int> predicted = stackalloc int[3];
            global::TwoLayerNet.Metrics.ArgMaxRows(scores, predicted);
            Assert.Equal(new[] { 1, 0, 2 }, predicted.ToArray());
            Assert.Equal(2f / 3f, global::TwoLayerNet.Metrics.Accuracy(scores, new[] { 1, 0, 0 })); // the same single division: exact
        }

        [Fact]
        public void Accuracy_rejects_labels_of_another_length()
        {
            Tensor scores = Tensor.FromArray(2, 2, new[] { 0f, 1f, 1f, 0f });
            Assert.Throws<ArgumentException>(() => global::TwoLayerNet.Metrics.Accuracy(scores, new[] { 1 }));
        }
    }
}
