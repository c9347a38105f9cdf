using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.IO;

namespace TwoLayerNet
{
    /// <summary>
    /// The command line: <c>[--dataset spiral|fashion-mnist] [--data DIR] [--out DIR] [--epochs N] [--lr X] [--batch N] [--bench [N]]</c>,
    /// declared once with System.CommandLine, which supplies <c>--help</c>, error messages and suggestions for typos.
    /// </summary>
    internal sealed class Options
    {
        public const string DefaultFashionDirectory = "/usr/share/datasets/fashion-mnist";

        private const int DefaultBenchmarkSize = 512;

        public string Dataset { get; private init; } = "spiral";

        public string DataDirectory { get; private init; } = DefaultFashionDirectory;

        public string OutputDirectory { get; private init; } = DefaultOutputDirectory();

        public int? Epochs { get; private init; }

        public int? BenchmarkSize { get; private init; }

        public float? LearningRate { get; private init; }

        public int? BatchSize { get; private init; }

        /// <summary>The root command; a valid command line calls <paramref name="run"/> with the options it sets.</summary>
        public static RootCommand Command(Func<Options, int> run)
        {
            var dataset = new Option<string>("--dataset")
            {
                Description = "spiral (CS231n spirals, 3 classes) or fashion-mnist (784-100-10)",
                DefaultValueFactory = _ => "spiral",
            };
            dataset.AcceptOnlyFromAmong("spiral", "fashion-mnist");
            var data = new Option<string>("--data")
            {
                Description = "directory of the Fashion-MNIST IDX files",
                HelpName = "DIR",
                DefaultValueFactory = _ => DefaultFashionDirectory,
            };
            var output = new Option<string>("--out")
            {
                Description = "where the SVG pictures go (samples/TwoLayerNet/out from the repository root, else ./out)",
                HelpName = "DIR",
                DefaultValueFactory = _ => DefaultOutputDirectory(),
            };
            var epochs = new Option<int?>("--epochs")
            {
                Description = "override the number of epochs (spiral: full-batch iterations)",
                HelpName = "N",
                CustomParser = result => ParseInvariant<int>(result, NumberStyles.Integer, int.TryParse),
            };
            var learningRate = new Option<float?>("--lr")
            {
                Description = "override the initial learning rate",
                HelpName = "X",
                CustomParser = result => ParseInvariant<float>(result, NumberStyles.Float, float.TryParse),
            };
            var batch = new Option<int?>("--batch")
            {
                Description = "override the minibatch size (fashion-mnist)",
                HelpName = "N",
                CustomParser = result => ParseInvariant<int>(result, NumberStyles.Integer, int.TryParse),
            };
            var bench = new Option<int?>("--bench")
            {
                Description = "time MatMul at N³ (default " + DefaultBenchmarkSize + ") on 1 thread and on all cores, then exit",
                Arity = ArgumentArity.ZeroOrOne,
                HelpName = "N",
                CustomParser = result => result.Tokens.Count == 0 ? DefaultBenchmarkSize : ParseInvariant<int>(result, NumberStyles.Integer, int.TryParse),
            };

            var root = new RootCommand("Trains a 2-layer net W2·max(0, W1·x) with the generated LossBackward (spiral by default, or Fashion-MNIST), or times MatMul with --bench.")
            {
                dataset, data, output, epochs, learningRate, batch, bench,
            };
            root.SetAction(result => run(new Options
            {
                Dataset = result.GetValue(dataset)!,
                DataDirectory = result.GetValue(data)!,
                OutputDirectory = result.GetValue(output)!,
                Epochs = result.GetValue(epochs),
                LearningRate = result.GetValue(learningRate),
                BatchSize = result.GetValue(batch),
                BenchmarkSize = result.GetValue(bench),
            }));
            return root;
        }

        // Numbers in the invariant culture, so that "--lr 0.5" means the same on every machine, and errors that name the option.
        private delegate bool TryParse<T>(string text, NumberStyles style, IFormatProvider provider, out T value);

        private static T? ParseInvariant<T>(ArgumentResult result, NumberStyles style, TryParse<T> parse)
            where T : struct
        {
            string text = result.Tokens[0].Value;
            if (parse(text, style, CultureInfo.InvariantCulture, out T value))
            {
                return value;
            }

            string option = (result.Parent as OptionResult)?.Option.Name ?? "the option";
            result.AddError($"'{text}' is not a valid value for {option}: expected a number such as {(typeof(T) == typeof(float) ? "0.5" : "512")}");
            return null;
        }

        /// <summary>samples/TwoLayerNet/out when run from the repository root, else ./out.</summary>
        private static string DefaultOutputDirectory()
        {
            string sample = Path.Combine("samples", "TwoLayerNet");
            return Directory.Exists(sample) ? Path.Combine(sample, "out") : "out";
        }
    }
}
