using AutoDiffGen;

namespace Natural;

// The distance along a ray to a sphere (the nearer root of |o + t d − c|² = r²), with a small vector record struct.
public readonly record struct Vec3(double X, double Y, double Z)
{
    public static Vec3 operator -(Vec3 a, Vec3 b) => new(a.X - b.X, a.Y - b.Y, a.Z - b.Z);
    public double Dot(Vec3 b) => X * b.X + Y * b.Y + Z * b.Z;
}

public static partial class RaySphere
{
    [Differentiable]
    public static double HitDistance(Vec3 origin, Vec3 direction, Vec3 center, double radius)
    {
        Vec3 oc = origin - center;
        double a = direction.Dot(direction);
        double b = oc.Dot(direction);
        double c = oc.Dot(oc) - radius * radius;
        double discriminant = b * b - a * c;
        if (discriminant < 0) return double.PositiveInfinity;
        return (-b - Math.Sqrt(discriminant)) / a;
    }
}
