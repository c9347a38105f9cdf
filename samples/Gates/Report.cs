using System;
using System.Globalization;
using System.IO;
using GatesSample.Examples;

namespace GatesSample
{
    /// <summary>Prints one worked example as a table a student can read next to the slide.</summary>
    internal static class Report
    {
        private const int NameWidth = 8;
        private const int NumberWidth = 12;

        internal static void Write(TextWriter output, int number, WorkedExample e)
        {
            string heading = Invariant($"── {number}. {e.Title} ");
            output.WriteLine(heading.PadRight(78, '─'));
            output.WriteLine("   " + e.Function);
            output.WriteLine("   at " + Point(e));
            output.WriteLine();

            output.WriteLine(Row("", "at", "generated", "lecture", "numeric", string.Empty));
            output.WriteLine(Row("f", string.Empty, Number(e.Value), Number(e.LectureValue, e.LectureFormat), string.Empty, Mark(e.ValueAgrees)));
            for (int i = 0; i < e.Inputs.Length; i++)
            {
                output.WriteLine(Row(
                    "∂f/∂" + e.Inputs[i],
                    Number(e.Point[i]),
                    Number(e.Gradient[i]),
                    Number(e.LectureGradient[i], e.LectureFormat),
                    Number(e.Check.Numeric[i]),
                    Mark(e.GradientAgrees(i))));
            }

            output.WriteLine();
            foreach (string note in e.Notes)
            {
                output.WriteLine("   " + note);
            }

            if (e.Notes.Length > 0)
            {
                output.WriteLine();
            }

            output.WriteLine(Invariant($"   lecture:   {e.LectureSource}; {(e.AgreesWithLecture ? "agrees within " : "DISAGREES beyond ")}{Tolerance(e.LectureTolerance)}"));
            output.WriteLine("   GradCheck: " + e.Check);
            output.WriteLine(e.Passed ? "   => OK" : "   => FAILED");
            output.WriteLine();
        }

        private static string Row(string name, string at, string generated, string lecture, string numeric, string mark) =>
            "   " + name.PadRight(NameWidth) + at.PadLeft(NumberWidth) + generated.PadLeft(NumberWidth)
            + lecture.PadLeft(NumberWidth) + numeric.PadLeft(NumberWidth) + (mark.Length == 0 ? string.Empty : "   " + mark);

        private static string Point(WorkedExample e)
        {
            var parts = new string[e.Inputs.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                parts[i] = e.Inputs[i] + " = " + Number(e.Point[i]);
            }

            return string.Join(", ", parts);
        }

        /// <summary>What the columns mean; printed once, above the first table.</summary>
        internal static void WriteLegend(TextWriter output)
        {
            output.WriteLine("Each table: at = the point; generated = the value and gradient the generated …Backward returns;");
            output.WriteLine("lecture = the lecture's numbers; numeric = central differences (GradCheck.Check). ok = generated agrees with lecture.");
            output.WriteLine();
        }

        private static string Tolerance(double value) =>
            value.ToString(value >= 1e-3 ? "0.###" : "0e0", CultureInfo.InvariantCulture);

        private static string Mark(bool agrees) => agrees ? "ok" : "DIFFERS";

        // Six significant digits: enough to see the lecture's numbers, without a wall of rounding noise.
        private static string Number(double value, string format = "G6") =>
            value.ToString(format, CultureInfo.InvariantCulture);

        private static string Invariant(FormattableString text) => FormattableString.Invariant(text);
    }
}
