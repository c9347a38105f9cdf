using System.Numerics;
using AutoDiffGen;

namespace Natural;

// Pinhole camera: project world points through the camera's pose and compare with the observed pixels. Gradients with
// respect to the camera position, its yaw and the focal length, for bundle-adjustment style refinement.
public static partial class Camera
{
    [Differentiable]
    public static float ReprojectionError(Vector3 position, float yaw, float focal, [NoDiff] Vector3[] points, [NoDiff] Vector2[] pixels)
    {
        Matrix4x4 view = Matrix4x4.CreateTranslation(-position) * Matrix4x4.CreateRotationY(yaw);
        float error = 0;
        for (int i = 0; i < points.Length; i++)
        {
            Vector3 p = Vector3.Transform(points[i], view);
            var projected = new Vector2(focal * p.X / p.Z, focal * p.Y / p.Z);
            error += Vector2.DistanceSquared(projected, pixels[i]);
        }
        return error / points.Length;
    }
}
