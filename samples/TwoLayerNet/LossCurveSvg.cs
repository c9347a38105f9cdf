using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace TwoLayerNet
{
    /// <summary>Plots loss against step, with labelled axes.</summary>
    internal static class LossCurveSvg
    {
        public static string Render(IReadOnlyList<(int Step, float Loss)> history, string title)
        {
            const int width = 640, height = 360, left = 60, right = 20, top = 30, bottom = 40;
            var svg = new SvgWriter(width, height);
            svg.Text(width / 2.0, 18, title, "middle");
            if (history.Count == 0)
            {
                return svg.ToString();
            }

            int maxStep = history[^1].Step;
            float maxLoss = 0;
            foreach ((_, float loss) in history)
            {
                maxLoss = MathF.Max(maxLoss, float.IsFinite(loss) ? loss : 0);
            }

            maxLoss = maxLoss <= 0 ? 1 : maxLoss * 1.05f;
            double plotW = width - left - right, plotH = height - top - bottom;

            // Axes and ticks.
            svg.Line(left, top, left, top + plotH, "#444444");
            svg.Line(left, top + plotH, left + plotW, top + plotH, "#444444");
            for (int t = 0; t <= 4; t++)
            {
                double y = top + plotH - (t / 4.0 * plotH);
                svg.Line(left - 4, y, left + plotW, y, "#e0e0e0");
                svg.Text(left - 6, y + 4, (maxLoss * t / 4).ToString("F2", CultureInfo.InvariantCulture), "end");
                double x = left + (t / 4.0 * plotW);
                svg.Text(x, top + plotH + 16, ((int)Math.Round(maxStep * t / 4.0)).ToString(CultureInfo.InvariantCulture), "middle");
            }

            svg.Text(left + (plotW / 2), height - 6, "step", "middle");

            // At most ~1000 vertices: average the losses of each bucket of steps.
            int bucket = Math.Max(1, history.Count / 1000);
            var points = new StringBuilder();
            for (int start = 0; start < history.Count; start += bucket)
            {
                int end = Math.Min(history.Count, start + bucket);
                double sum = 0;
                for (int i = start; i < end; i++)
                {
                    sum += history[i].Loss;
                }

                double x = left + (history[end - 1].Step / (double)maxStep * plotW);
                double y = top + plotH - (Math.Min(sum / (end - start), maxLoss) / maxLoss * plotH);
                points.Append(SvgWriter.Invariant($"{x:0.#},{y:0.#} "));
            }

            svg.Polyline(points.ToString(), "#d62728");
            return svg.ToString();
        }
    }
}
