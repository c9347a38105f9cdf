using System;
using System.IO;
using GatesSample.Examples;

namespace GatesSample
{
    /// <summary>Runs every worked example of CS231n lecture 4 and prints the generated NeuronBackward.</summary>
    public static class GatesApp
    {
        /// <summary>Prints the report to <paramref name="output"/>; returns 0 when every example agrees with the lecture and with central differences, 1 otherwise.</summary>
        /// <param name="output">Where the report goes.</param>
        /// <param name="baseDirectory">The folder whose <c>generated/</c> holds the generated sources (the binary's folder).</param>
        public static int Run(TextWriter output, string baseDirectory) => Run(output, baseDirectory, graphFolder: null);

        /// <summary>As <see cref="Run(TextWriter, string)"/>, and also draws each example's computational graph into <paramref name="graphFolder"/>.</summary>
        /// <param name="output">Where the report goes.</param>
        /// <param name="baseDirectory">The folder whose <c>generated/</c> holds the generated sources (the binary's folder).</param>
        /// <param name="graphFolder">Where the <c>.dot</c> (and, with Graphviz installed, <c>.svg</c>) files go; null to draw nothing.</param>
        public static int Run(TextWriter output, string baseDirectory, string? graphFolder)
        {
            output.WriteLine("CS231n lecture 4, backpropagation: every worked example, differentiated by AutoDiffGen");
            output.WriteLine();
            Report.WriteLegend(output);

            WorkedExample[] examples =
            {
                Lecture.SimpleExample(),
                Lecture.NeuronExample(),
                Lecture.StagedExample(),
                Lecture.AddMulMaxExample(),
                Lecture.NormSquaredExample(),
            };

            int passed = 0;
            for (int i = 0; i < examples.Length; i++)
            {
                Report.Write(output, i + 1, examples[i]);
                if (examples[i].Passed)
                {
                    passed++;
                }
            }

            WriteGeneratedNeuron(output, baseDirectory);
            if (graphFolder is not null)
            {
                GraphFiles.Write(output, graphFolder);
            }

            bool allPassed = passed == examples.Length;
            output.WriteLine(allPassed
                ? FormattableString.Invariant($"All {examples.Length} examples agree with the lecture and with central differences.")
                : FormattableString.Invariant($"FAILED: {examples.Length - passed} of {examples.Length} examples disagree with the lecture or with central differences."));
            return allPassed ? 0 : 1;
        }

        // The point of the sample: the generated code reads like the lecture's hand derivation.
        private static void WriteGeneratedNeuron(TextWriter output, string baseDirectory)
        {
            const string method = nameof(Lecture.NeuronBackward);
            (string Path, string Text)? file = GeneratedSource.Find(baseDirectory, method, out string problem);
            if (file is null)
            {
                output.WriteLine($"── the generated {method}: not available: {problem}.");
                output.WriteLine();
                return;
            }

            output.WriteLine(($"── the generated {method}, the sigmoid neuron's backward pass ").PadRight(78, '─'));
            output.WriteLine("// " + Path.GetRelativePath(baseDirectory, file.Value.Path) + ", copied from the compiler's output by Gates.csproj");
            output.WriteLine(file.Value.Text.TrimEnd());
            output.WriteLine(new string('─', 78));
            output.WriteLine();
        }
    }
}
