using System;

namespace TwoLayerNet
{
    /// <summary>A text progress bar such as <c>[########------------]  40%</c>.</summary>
    internal static class ProgressBar
    {
        public static string Render(int done, int total, int width = 24)
        {
            double fraction = total <= 0 ? 1 : Math.Clamp((double)done / total, 0, 1);
            int filled = (int)Math.Round(fraction * width);
            return "[" + new string('#', filled) + new string('-', width - filled) + "] " +
                   ((int)Math.Round(fraction * 100)).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(3) + "%";
        }
    }
}
