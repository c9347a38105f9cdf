using System;
using System.Globalization;
using System.Text;

namespace TwoLayerNet
{
    /// <summary>A minimal SVG builder; every number is written with the invariant culture.</summary>
    internal sealed class SvgWriter
    {
        private readonly StringBuilder _text = new();

        public SvgWriter(int width, int height)
        {
            _text.Append(Invariant($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
            Rect(0, 0, width, height, "#ffffff");
        }

        public void Rect(double x, double y, double width, double height, string fill) =>
            _text.Append(Invariant($"<rect x=\"{x:0.##}\" y=\"{y:0.##}\" width=\"{width:0.##}\" height=\"{height:0.##}\" fill=\"{fill}\"/>\n"));

        public void Circle(double cx, double cy, double r, string fill, string stroke) =>
            _text.Append(Invariant($"<circle cx=\"{cx:0.##}\" cy=\"{cy:0.##}\" r=\"{r:0.##}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"0.6\"/>\n"));

        public void Line(double x1, double y1, double x2, double y2, string stroke) =>
            _text.Append(Invariant($"<line x1=\"{x1:0.##}\" y1=\"{y1:0.##}\" x2=\"{x2:0.##}\" y2=\"{y2:0.##}\" stroke=\"{stroke}\"/>\n"));

        public void Polyline(string points, string stroke) =>
            _text.Append("<polyline fill=\"none\" stroke=\"").Append(stroke).Append("\" stroke-width=\"1.2\" points=\"").Append(points).Append("\"/>\n");

        public void Text(double x, double y, string text, string anchor = "start") =>
            _text.Append(Invariant($"<text x=\"{x:0.##}\" y=\"{y:0.##}\" text-anchor=\"{anchor}\">")).Append(System.Security.SecurityElement.Escape(text)).Append("</text>\n");

        public override string ToString() => _text.ToString() + "</svg>\n";

        public static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
