using System;
using System.Globalization;
using System.IO;
using AutoDiffGen.Tensors;
using TwoLayerNet.Data;

namespace TwoLayerNet
{
    /// <summary>The default run: the CS231n spiral case study (hidden 100, step 1, reg 1e-3, full batch).</summary>
    internal static class SpiralRun
    {
        public static void Run(Options options)
        {
            (Tensor x, int[] labels) = SpiralDataset.Generate(pointsPerClass: 100, classes: 3, seed: 0);
            var settings = new TrainingSettings(
                Epochs: options.Epochs ?? 10000, BatchSize: x.Rows, LearningRate: options.LearningRate ?? 1f, Momentum: 0f, Reg: 1e-3f,
                LearningRateDecay: 1f, ReportEvery: 1000, Seed: 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"spiral: {x.Rows} points, 3 classes; 2-100-3 net, full-batch SGD, step {settings.LearningRate}, reg {settings.Reg}, {settings.Epochs} iterations"));

            var model = new TwoLayerModel(inputs: 2, hidden: 100, classes: 3, initStd: 0.01f, seed: 0);
            var trainer = new Trainer(model);
            trainer.Train(x, labels, settings);
            float accuracy = trainer.Accuracy(x, labels);

            Directory.CreateDirectory(options.OutputDirectory);
            string boundary = Path.Combine(options.OutputDirectory, "spiral-decision-boundary.svg");
            string curve = Path.Combine(options.OutputDirectory, "spiral-loss.svg");
            File.WriteAllText(boundary, DecisionBoundarySvg.Render(model, x, labels,
                string.Create(CultureInfo.InvariantCulture, $"2-layer net on the spiral data: training accuracy {accuracy:F4}")));
            File.WriteAllText(curve, LossCurveSvg.Render(trainer.LossHistory, "spiral: loss (data + L2) per full-batch step"));
            Console.WriteLine($"wrote {boundary}");
            Console.WriteLine($"wrote {curve}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {accuracy:F4}"));
        }
    }
}
