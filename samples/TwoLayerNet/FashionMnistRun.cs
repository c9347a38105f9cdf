using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using AutoDiffGen.Tensors;
using TwoLayerNet.Data;

namespace TwoLayerNet
{
    /// <summary>`--dataset fashion-mnist`: a 784-100-10 net on Fashion-MNIST from its IDX files.</summary>
    internal static class FashionMnistRun
    {
        public static int Run(Options options)
        {
            string dir = options.DataDirectory;
            string? trainImages = IdxReader.Find(dir, "train-images-idx3-ubyte");
            string? trainLabels = IdxReader.Find(dir, "train-labels-idx1-ubyte");
            string? testImages = IdxReader.Find(dir, "t10k-images-idx3-ubyte");
            string? testLabels = IdxReader.Find(dir, "t10k-labels-idx1-ubyte");
            if (trainImages is null || trainLabels is null || testImages is null || testLabels is null)
            {
                Console.Error.WriteLine($"Fashion-MNIST IDX files not found in {dir}.");
                Console.Error.WriteLine("Install them with:  sudo apt-get install dataset-fashion-mnist");
                Console.Error.WriteLine($"(they go to {Options.DefaultFashionDirectory}), or pass --data DIR with");
                Console.Error.WriteLine("train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte, t10k-labels-idx1-ubyte (.gz or not).");
                return 2;
            }

            var watch = Stopwatch.StartNew();
            Tensor xTrain = IdxReader.ReadImages(trainImages);
            int[] yTrain = IdxReader.ReadLabels(trainLabels);
            Tensor xTest = IdxReader.ReadImages(testImages);
            int[] yTest = IdxReader.ReadLabels(testLabels);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fashion-mnist: {xTrain.Rows} train / {xTest.Rows} test images of {xTrain.Columns} pixels, loaded in {watch.Elapsed.TotalSeconds:F1}s"));

            Standardizer standardizer = Standardizer.Fit(xTrain);
            standardizer.Apply(xTrain);
            standardizer.Apply(xTest);

            var settings = new TrainingSettings(
                Epochs: options.Epochs ?? 10, BatchSize: options.BatchSize ?? 64, LearningRate: options.LearningRate ?? 0.02f, Momentum: 0.9f, Reg: 1e-3f,
                LearningRateDecay: 0.85f, ReportEvery: 1, Seed: 0);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"784-100-10 net, SGD momentum {settings.Momentum}, batch {settings.BatchSize}, step {settings.LearningRate} × {settings.LearningRateDecay}/epoch, reg {settings.Reg}, {settings.Epochs} epochs"));

            // He initialization for the ReLU layer keeps activations at a useful scale from the start.
            var model = new TwoLayerModel(inputs: xTrain.Columns, hidden: 100, classes: 10, initStd: MathF.Sqrt(2f / xTrain.Columns), seed: 0);
            var trainer = new Trainer(model);
            watch.Restart();
            trainer.Train(xTrain, yTrain, settings,
                epoch => string.Create(CultureInfo.InvariantCulture, $"  test acc {trainer.Accuracy(xTest, yTest):F4}"));
            double seconds = watch.Elapsed.TotalSeconds;

            float trainAccuracy = trainer.Accuracy(xTrain, yTrain);
            float testAccuracy = trainer.Accuracy(xTest, yTest);
            Directory.CreateDirectory(options.OutputDirectory);
            string curve = Path.Combine(options.OutputDirectory, "fashion-mnist-loss.svg");
            File.WriteAllText(curve, LossCurveSvg.Render(trainer.LossHistory, "fashion-mnist: loss (data + L2) per minibatch"));
            Console.WriteLine($"wrote {curve}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained {settings.Epochs} epochs in {seconds:F1}s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"train accuracy: {trainAccuracy:F4}"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"test accuracy: {testAccuracy:F4}"));
            return 0;
        }
    }
}
