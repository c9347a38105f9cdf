using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>Hyper-parameters of a run.</summary>
    internal sealed record TrainingSettings(
        int Epochs,
        int BatchSize,
        float LearningRate,
        float Momentum,
        float Reg,
        float LearningRateDecay,
        int ReportEvery,
        int Seed);

    /// <summary>Minibatch SGD over shuffled data, with progress lines and a loss history.</summary>
    internal sealed class Trainer
    {
        private readonly TwoLayerModel _model;
        private readonly TensorArena _trainArena = new();
        private readonly TensorArena _evalArena = new();

        public Trainer(TwoLayerModel model) => _model = model;

        /// <summary>(step, loss) pairs, one per batch.</summary>
        public List<(int Step, float Loss)> LossHistory { get; } = new();

        public void Train(Tensor x, int[] labels, TrainingSettings settings, Func<int, string>? extraReport = null)
        {
            int n = x.Rows;
            int batchSize = Math.Min(settings.BatchSize, n);
            bool fullBatch = batchSize == n;
            var order = new int[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }

            var random = new Random(settings.Seed);
            var batch = new Tensor(batchSize, x.Columns);
            var batchLabels = new int[batchSize];
            Tensor? tail = n % batchSize == 0 ? null : new Tensor(n % batchSize, x.Columns);
            int[]? tailLabels = tail is null ? null : new int[tail.Rows];
            float learningRate = settings.LearningRate;
            int step = 0;
            var watch = Stopwatch.StartNew();

            for (int epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                if (!fullBatch)
                {
                    random.Shuffle(order);
                }

                double epochLoss = 0;
                int batches = 0;
                for (int start = 0; start < n; start += batchSize)
                {
                    int count = Math.Min(batchSize, n - start);
                    Tensor bx = fullBatch ? x : count == batchSize ? batch : tail!;
                    int[] by = fullBatch ? labels : count == batchSize ? batchLabels : tailLabels!;
                    if (!fullBatch)
                    {
                        Gather(x, labels, order.AsSpan(start, count), bx, by);
                    }

                    float loss;
                    using (_trainArena.Activate())
                    {
                        _trainArena.Reset();
                        loss = _model.Step(bx, by, learningRate, settings.Momentum, settings.Reg);
                    }

                    step++;
                    epochLoss += loss;
                    batches++;
                    LossHistory.Add((step, loss));
                }

                learningRate *= settings.LearningRateDecay;
                if (epoch % settings.ReportEvery == 0 || epoch == settings.Epochs || epoch == 1)
                {
                    float accuracy = Accuracy(x, labels);
                    string extra = extraReport?.Invoke(epoch) ?? string.Empty;
                    Console.WriteLine(string.Create(
                        CultureInfo.InvariantCulture,
                        $"epoch {epoch,6}/{settings.Epochs}  loss {epochLoss / batches:F4}  train acc {accuracy:F4}{extra}  {ProgressBar.Render(epoch, settings.Epochs)}  {watch.Elapsed.TotalSeconds:F1}s"));
                }
            }
        }

        /// <summary>Classification accuracy of the current model on a data set, in chunks.</summary>
        public float Accuracy(Tensor x, int[] labels)
        {
            const int chunk = 1000;
            if (x.Rows <= chunk)
            {
                using (_evalArena.Activate())
                {
                    _evalArena.Reset();
                    return Metrics.Accuracy(_model.Scores(x), labels);
                }
            }

            double correct = 0;
            for (int start = 0; start < x.Rows; start += chunk)
            {
                int count = Math.Min(chunk, x.Rows - start);
                var part = Tensor.FromArray(count, x.Columns, x.Span.Slice(start * x.Columns, count * x.Columns));
                using (_evalArena.Activate())
                {
                    _evalArena.Reset();
                    correct += Metrics.Accuracy(_model.Scores(part), labels.AsSpan(start, count)) * count;
                }
            }

            return (float)(correct / x.Rows);
        }

        private static void Gather(Tensor x, int[] labels, ReadOnlySpan<int> rows, Tensor batch, int[] batchLabels)
        {
            for (int i = 0; i < rows.Length; i++)
            {
                x.Row(rows[i]).CopyTo(batch.Row(i));
                batchLabels[i] = labels[rows[i]];
            }
        }
    }
}
