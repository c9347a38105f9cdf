using System;
using System.Globalization;
using System.IO;

namespace TwoLayerNet
{
    /// <summary>The command line: <c>[--dataset spiral|fashion-mnist] [--data DIR] [--out DIR] [--epochs N] [--lr X] [--batch N] [--bench [N]]</c>.</summary>
    internal sealed class Options
    {
        public const string DefaultFashionDirectory = "/usr/share/datasets/fashion-mnist";

        public string Dataset { get; private set; } = "spiral";

        public string DataDirectory { get; private set; } = DefaultFashionDirectory;

        public string OutputDirectory { get; private set; } = DefaultOutputDirectory();

        public int? Epochs { get; private set; }

        public int? BenchmarkSize { get; private set; }

        public float? LearningRate { get; private set; }

        public int? BatchSize { get; private set; }

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--dataset":
                        options.Dataset = Value(args, ref i);
                        break;
                    case "--data":
                        options.DataDirectory = Value(args, ref i);
                        break;
                    case "--out":
                        options.OutputDirectory = Value(args, ref i);
                        break;
                    case "--epochs":
                        options.Epochs = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                        break;
                    case "--lr":
                        options.LearningRate = float.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                        break;
                    case "--batch":
                        options.BatchSize = int.Parse(Value(args, ref i), CultureInfo.InvariantCulture);
                        break;
                    case "--bench":
                        bool hasSize = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
                        options.BenchmarkSize = hasSize ? int.Parse(args[++i], CultureInfo.InvariantCulture) : 512;
                        break;
                    case "-h":
                    case "--help":
                        throw new UsageException(null);
                    default:
                        throw new UsageException($"unknown argument '{args[i]}'");
                }
            }

            if (options.Dataset is not ("spiral" or "fashion-mnist"))
            {
                throw new UsageException($"unknown data set '{options.Dataset}'; use spiral or fashion-mnist");
            }

            return options;
        }

        public const string Usage =
            "usage: TwoLayerNet [--dataset spiral|fashion-mnist] [--data DIR] [--out DIR] [--epochs N] [--lr X] [--batch N] [--bench [N]]\n" +
            "  --dataset  spiral (default: CS231n spirals, 3 classes) or fashion-mnist (784-100-10)\n" +
            "  --data     directory of the Fashion-MNIST IDX files (default " + DefaultFashionDirectory + ")\n" +
            "  --out      where the SVG pictures go (default samples/TwoLayerNet/out, or ./out)\n" +
            "  --epochs   override the number of epochs (spiral: full-batch iterations)\n" +
            "  --lr       override the initial learning rate\n" +
            "  --batch    override the minibatch size (fashion-mnist)\n" +
            "  --bench    time MatMul at N³ (default 512) on 1 thread and on all cores, then exit";

        /// <summary>samples/TwoLayerNet/out when run from the repository root, else ./out.</summary>
        private static string DefaultOutputDirectory()
        {
            string sample = Path.Combine("samples", "TwoLayerNet");
            return Directory.Exists(sample) ? Path.Combine(sample, "out") : "out";
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
            {
                throw new UsageException($"{args[i]} needs a value");
            }

            return args[++i];
        }
    }

    /// <summary>A bad command line; the message says what is wrong (null for --help).</summary>
    internal sealed class UsageException(string? problem) : Exception(problem ?? "help")
    {
        public string? Problem { get; } = problem;
    }
}
