using System;
using AutoDiffGen.Tensors;

namespace TwoLayerNet
{
    /// <summary>Draws the classifier's regions over a grid, with the training points on top.</summary>
    internal static class DecisionBoundarySvg
    {
        private static readonly string[] RegionColors = { "#fbb4ae", "#b3cde3", "#ccebc5", "#decbe4", "#fed9a6" };
        private static readonly string[] PointColors = { "#e41a1c", "#377eb8", "#4daf4a", "#984ea3", "#ff7f00" };

        public static string Render(TwoLayerModel model, Tensor x, int[] labels, string title)
        {
            const int size = 480, cells = 160;
            const double lo = -1.1, hi = 1.1;
            double cell = (double)size / cells;

            // Every grid cell centre in one batch: one forward pass classifies the whole picture.
            var grid = new Tensor(cells * cells, 2);
            for (int row = 0; row < cells; row++)
            {
                for (int col = 0; col < cells; col++)
                {
                    grid[(row * cells) + col, 0] = (float)(lo + ((col + 0.5) * (hi - lo) / cells));
                    grid[(row * cells) + col, 1] = (float)(hi - ((row + 0.5) * (hi - lo) / cells));
                }
            }

            var classes = new int[grid.Rows];
            Metrics.ArgMaxRows(model.Scores(grid), classes);

            var svg = new SvgWriter(size, size + 24);
            for (int row = 0; row < cells; row++)
            {
                // Merge runs of one class into a single rectangle to keep the file small.
                int start = 0;
                for (int col = 1; col <= cells; col++)
                {
                    if (col == cells || classes[(row * cells) + col] != classes[(row * cells) + start])
                    {
                        svg.Rect(start * cell, row * cell, (col - start) * cell + 0.3, cell + 0.3, Color(RegionColors, classes[(row * cells) + start]));
                        start = col;
                    }
                }
            }

            for (int i = 0; i < x.Rows; i++)
            {
                double px = (x[i, 0] - lo) / (hi - lo) * size;
                double py = (hi - x[i, 1]) / (hi - lo) * size;
                svg.Circle(px, py, 3.2, Color(PointColors, labels[i]), "#222222");
            }

            svg.Text(8, size + 17, title);
            return svg.ToString();
        }

        private static string Color(string[] palette, int index) => palette[Math.Abs(index) % palette.Length];
    }
}
