using AutoDiffGen;

namespace Natural;

public record struct Point2(double X, double Y);

// Length of a cubic Bézier curve by summing chords, as a function of the two control points.
public static partial class BezierLength
{
    static Point2 Evaluate(Point2 p0, Point2 p1, Point2 p2, Point2 p3, double t)
    {
        double u = 1 - t;
        double b0 = u * u * u, b1 = 3 * u * u * t, b2 = 3 * u * t * t, b3 = t * t * t;
        return new Point2(b0 * p0.X + b1 * p1.X + b2 * p2.X + b3 * p3.X,
                          b0 * p0.Y + b1 * p1.Y + b2 * p2.Y + b3 * p3.Y);
    }

    [Differentiable]
    public static double Length(Point2 c1, Point2 c2, Point2 start, Point2 end, int segments)
    {
        double length = 0;
        Point2 previous = start;
        for (int k = 1; k <= segments; k++)
        {
            Point2 current = Evaluate(start, c1, c2, end, (double)k / segments);
            double dx = current.X - previous.X, dy = current.Y - previous.Y;
            length += Math.Sqrt(dx * dx + dy * dy);
            previous = current;
        }
        return length;
    }
}
