namespace AutoDiffGen.Generator.Tests.AdBench;

/// <summary>
/// ADBench's hand-tracking objective (microsoft/ADBench, src/cpp/shared/hand_light_matrix.h with light_matrix.h and
/// matrix.h) translated to C#: angle-axis and Euler angles to rotation matrices, posed relative transforms, relative to
/// absolute transforms over the bone hierarchy, linear-blend skinning with per-vertex weights, the mirror and the global
/// transform, and the residuals, simple (a vertex per point) and complicated (a barycentric point on a triangle, with
/// <c>us</c>). One [Differentiable] helper per C++ function, void helpers writing into output arrays, the model a plain
/// class passed [NoDiff]. Matrices are stored as LightMatrix stores them, column-major in flat arrays (see the comment on
/// HandModel for why not double[,]).
/// </summary>
internal static class HandSource
{
    public const string Text = """
        using System;
        using AutoDiffGen;

        // ADBench's hand model (HandModelLightMatrix). LightMatrix stores column-major, m(i, j) = data[j * rows + i]; the bone
        // sets are one array of 4×4 blocks (bone i at 16 * i). Written first as double[,] matrices with double[][,] bone sets,
        // a local double[][,] is ADG0003 and a double[][,] parameter ADG0006 (HandTests.FirstWritten_*), so the storage is
        // LightMatrix's own: flat column-major arrays, with ADBench's mat_mul(n, m, p, x, y, out) from matrix.h.
        public sealed class HandModel
        {
            public int BoneCount;
            public int[] Parents = Array.Empty<int>();
            public double[] BaseRelatives = Array.Empty<double>();        // BoneCount 4×4
            public double[] InverseBaseAbsolutes = Array.Empty<double>(); // BoneCount 4×4
            public int VertexCount;
            public double[] BasePositions = Array.Empty<double>();        // 4 × VertexCount, homogeneous
            public double[] Weights = Array.Empty<double>();              // BoneCount × VertexCount
            public int[] Triangles = Array.Empty<int>();                  // 3 vertex indices each
            public bool IsMirrored;
        }

        public sealed class HandData
        {
            public HandModel Model = new HandModel();
            public int[] Correspondences = Array.Empty<int>();
            public double[] Points = Array.Empty<double>();               // 3 × Correspondences.Length
        }

        public static partial class Hand
        {
            [Differentiable(Forward = true)]
            public static double Sqnorm(int n, ReadOnlySpan<double> x)
            {
                double res = x[0] * x[0];
                for (int i = 1; i < n; i++)
                    res = res + x[i] * x[i];
                return res;
            }

            // n × m times m × p, column-major, into output (n × p).
            [Differentiable(Forward = true)]
            public static void MatMul(int n, int m, int p, ReadOnlySpan<double> x, ReadOnlySpan<double> y, double[] output)
            {
                for (int i = 0; i < n; ++i)
                {
                    for (int j = 0; j < p; ++j)
                    {
                        double rij = 0;
                        for (int k = 0; k < m; ++k)
                            rij += x[k * n + i] * y[j * m + k];
                        output[j * n + i] = rij;
                    }
                }
            }

            [Differentiable(Forward = true)]
            public static void SetIdentity(int n, double[] m)
            {
                for (int col = 0; col < n; col++)
                    for (int row = 0; row < n; row++)
                        m[col * n + row] = row == col ? 1 : 0;
            }

            [Differentiable(Forward = true)]
            public static void AngleAxisToRotationMatrix(ReadOnlySpan<double> angleAxis, double[] r)
            {
                double norm = Math.Sqrt(Sqnorm(3, angleAxis));
                if (norm < .0001)
                {
                    SetIdentity(3, r);
                    return;
                }

                double x = angleAxis[0] / norm;
                double y = angleAxis[1] / norm;
                double z = angleAxis[2] / norm;

                double s = Math.Sin(norm);
                double c = Math.Cos(norm);

                // r(row, col) = r[col * 3 + row]
                r[0] = x * x + (1 - x * x) * c; r[3] = x * y * (1 - c) - z * s; r[6] = x * z * (1 - c) + y * s;
                r[1] = x * y * (1 - c) + z * s; r[4] = y * y + (1 - y * y) * c; r[7] = y * z * (1 - c) - x * s;
                r[2] = x * z * (1 - c) - y * s; r[5] = z * y * (1 - c) + x * s; r[8] = z * z + (1 - z * z) * c;
            }

            // poseParams is 3 × (bones + 3): column 0 the global rotation, 1 the scale, 2 the translation.
            [Differentiable(Forward = true)]
            public static void ApplyGlobalTransform(int vertexCount, ReadOnlySpan<double> poseParams, double[] positions)
            {
                var r = new double[9];
                AngleAxisToRotationMatrix(poseParams.Slice(0, 3), r);

                for (int i = 0; i < 3; i++)
                    for (int j = 0; j < 3; j++)
                        r[i * 3 + j] *= poseParams[3 + i];

                var tmp = new double[3 * vertexCount];
                MatMul(3, 3, vertexCount, r, positions, tmp);
                for (int j = 0; j < vertexCount; j++)
                    for (int i = 0; i < 3; i++)
                        positions[j * 3 + i] = tmp[j * 3 + i] + poseParams[6 + i];
            }

            [Differentiable(Forward = true)]
            public static void RelativesToAbsolutes(int boneCount, ReadOnlySpan<double> relatives, int[] parents, double[] absolutes)
            {
                for (int i = 0; i < boneCount; i++)
                {
                    if (parents[i] == -1)
                    {
                        for (int e = 0; e < 16; e++)
                            absolutes[16 * i + e] = relatives[16 * i + e];
                    }
                    else
                    {
                        var absolute = new double[16];
                        MatMul(4, 4, 4, absolutes.AsSpan(16 * parents[i], 16), relatives.Slice(16 * i, 16), absolute);
                        for (int e = 0; e < 16; e++)
                            absolutes[16 * i + e] = absolute[e];
                    }
                }
            }

            [Differentiable(Forward = true)]
            public static void EulerAnglesToRotationMatrix(ReadOnlySpan<double> xzy, double[] r)
            {
                double tx = xzy[0], ty = xzy[2], tz = xzy[1];
                var rx = new double[9];
                var ry = new double[9];
                var rz = new double[9];
                SetIdentity(3, rx);
                rx[4] = Math.Cos(tx);
                rx[5] = Math.Sin(tx);
                rx[7] = -rx[5];
                rx[8] = rx[4];

                SetIdentity(3, ry);
                ry[0] = Math.Cos(ty);
                ry[6] = Math.Sin(ty);
                ry[2] = -ry[6];
                ry[8] = ry[0];

                SetIdentity(3, rz);
                rz[0] = Math.Cos(tz);
                rz[1] = Math.Sin(tz);
                rz[3] = -rz[1];
                rz[4] = rz[0];

                var tmp = new double[9];
                MatMul(3, 3, 3, rz, ry, tmp);
                MatMul(3, 3, 3, tmp, rx, r);
            }

            [Differentiable(Forward = true)]
            public static void GetPosedRelatives(HandModel model, ReadOnlySpan<double> poseParams, double[] relatives)
            {
                int offset = 3;
                for (int i = 0; i < model.BoneCount; i++)
                {
                    var tr = new double[16];
                    SetIdentity(4, tr);

                    var r = new double[9];
                    EulerAnglesToRotationMatrix(poseParams.Slice(3 * (i + offset), 3), r);
                    for (int col = 0; col < 3; col++)
                        for (int row = 0; row < 3; row++)
                            tr[col * 4 + row] = r[col * 3 + row];

                    var relative = new double[16];
                    MatMul(4, 4, 4, model.BaseRelatives.AsSpan(16 * i, 16), tr, relative);
                    for (int e = 0; e < 16; e++)
                        relatives[16 * i + e] = relative[e];
                }
            }

            [Differentiable(Forward = true)]
            public static void GetSkinnedVertexPositions(HandModel model, ReadOnlySpan<double> poseParams, double[] positions, bool applyGlobal)
            {
                int bones = model.BoneCount;
                int vertices = model.VertexCount;
                var relatives = new double[16 * bones];
                var absolutes = new double[16 * bones];
                var transforms = new double[16 * bones];
                GetPosedRelatives(model, poseParams, relatives);
                RelativesToAbsolutes(bones, relatives, model.Parents, absolutes);

                // Get bone transforms.
                for (int i = 0; i < bones; i++)
                {
                    var transform = new double[16];
                    MatMul(4, 4, 4, absolutes.AsSpan(16 * i, 16), model.InverseBaseAbsolutes.AsSpan(16 * i, 16), transform);
                    for (int e = 0; e < 16; e++)
                        transforms[16 * i + e] = transform[e];
                }

                // Transform vertices by necessary transforms. + apply skinning
                for (int i = 0; i < 3 * vertices; i++)
                    positions[i] = 0;
                var currPositions = new double[4 * vertices];
                for (int iBone = 0; iBone < bones; iBone++)
                {
                    MatMul(4, 4, vertices, transforms.AsSpan(16 * iBone, 16), model.BasePositions, currPositions);
                    for (int iVert = 0; iVert < vertices; iVert++)
                        for (int i = 0; i < 3; i++)
                            positions[iVert * 3 + i] += currPositions[iVert * 4 + i] * model.Weights[iVert * bones + iBone];
                }

                if (model.IsMirrored)
                    for (int j = 0; j < vertices; j++)
                        positions[j * 3] *= -1;

                if (applyGlobal)
                    ApplyGlobalTransform(vertices, poseParams, positions);
            }

            // fixed order pose_params: 1) global_rotation 2) scale 3) global_translation 4) wrist
            // 5) thumb1, 6) thumb2, 7) thumb3, 8) thumb4, similarly: index, middle, ring, pinky
            [Differentiable(Forward = true)]
            public static void ToPoseParams(ReadOnlySpan<double> theta, int boneCount, double[] poseParams)
            {
                for (int i = 0; i < 3 * (boneCount + 3); i++)
                    poseParams[i] = 0;

                for (int i = 0; i < 3; i++)
                {
                    poseParams[i] = theta[i];
                    poseParams[3 + i] = 1;
                    poseParams[6 + i] = theta[3 + i];
                }

                int iTheta = 6;
                int iPoseParams = 5;
                int nFingers = 5;
                for (int iFinger = 0; iFinger < nFingers; iFinger++)
                {
                    for (int i = 2; i <= 4; i++)
                    {
                        poseParams[3 * iPoseParams] = theta[iTheta++];
                        if (i == 2)
                        {
                            poseParams[3 * iPoseParams + 1] = theta[iTheta++];
                        }
                        iPoseParams++;
                    }
                    iPoseParams++;
                }
            }

            // theta: 26 (global rotation, global translation, 4 per finger); err: 3 per correspondence.
            [Differentiable(Forward = true, Jacobian = true)]
            public static void Objective(double[] theta, [NoDiff] HandData data, double[] err)
            {
                var poseParams = new double[3 * (data.Model.BoneCount + 3)];
                ToPoseParams(theta, data.Model.BoneCount, poseParams);

                var vertexPositions = new double[3 * data.Model.VertexCount];
                GetSkinnedVertexPositions(data.Model, poseParams, vertexPositions, true);

                for (int i = 0; i < data.Correspondences.Length; i++)
                    for (int j = 0; j < 3; j++)
                        err[i * 3 + j] = data.Points[i * 3 + j] - vertexPositions[data.Correspondences[i] * 3 + j];
            }

            // The complicated variant: each correspondence is a point on a triangle, at barycentric us[2i], us[2i + 1].
            [Differentiable(Forward = true, Jacobian = true)]
            public static void ObjectiveComplicated(double[] theta, double[] us, [NoDiff] HandData data, double[] err)
            {
                var poseParams = new double[3 * (data.Model.BoneCount + 3)];
                ToPoseParams(theta, data.Model.BoneCount, poseParams);

                var vertexPositions = new double[3 * data.Model.VertexCount];
                GetSkinnedVertexPositions(data.Model, poseParams, vertexPositions, true);

                for (int i = 0; i < data.Correspondences.Length; i++)
                {
                    int v0 = data.Model.Triangles[3 * data.Correspondences[i]];
                    int v1 = data.Model.Triangles[3 * data.Correspondences[i] + 1];
                    int v2 = data.Model.Triangles[3 * data.Correspondences[i] + 2];
                    for (int j = 0; j < 3; j++)
                    {
                        double handPointCoord = us[2 * i] * vertexPositions[v0 * 3 + j] + us[2 * i + 1] * vertexPositions[v1 * 3 + j]
                            + (1.0 - us[2 * i] - us[2 * i + 1]) * vertexPositions[v2 * 3 + j];
                        err[i * 3 + j] = data.Points[i * 3 + j] - handPointCoord;
                    }
                }
            }
        }

        public static partial class Hand
        {
            [Differentiable]
            public static double ResidualOf(double[] theta, [NoDiff] HandData data, int row)
            {
                var err = new double[3 * data.Correspondences.Length];
                Objective(theta, data, err);
                return err[row];
            }

            [Differentiable]
            public static double ComplicatedResidualOf(double[] theta, double[] us, [NoDiff] HandData data, int row)
            {
                var err = new double[3 * data.Correspondences.Length];
                ObjectiveComplicated(theta, us, data, err);
                return err[row];
            }

            // Array-typed entries for the tests' reflection calls (MForward and MJacobian take spans).
            public static void ForwardOf(double[] theta, HandData data, double[] err, double[] tTheta, double[] tErr) => ObjectiveForward(theta, data, err, tTheta, tErr);

            public static void JacobianOf(double[] theta, HandData data, double[] err, double[] jacobian) => ObjectiveJacobian(theta, data, err, jacobian);

            public static void ComplicatedJacobianOf(double[] theta, double[] us, HandData data, double[] err, double[] jacobian) =>
                ObjectiveComplicatedJacobian(theta, us, data, err, jacobian);

            [Differentiable]
            public static double RotationEntry(double[] angleAxis, int entry)
            {
                var r = new double[9];
                AngleAxisToRotationMatrix(angleAxis, r);
                return r[entry];
            }

            [Differentiable]
            public static double EulerEntry(double[] xzy, int entry)
            {
                var r = new double[9];
                EulerAnglesToRotationMatrix(xzy, r);
                return r[entry];
            }
        }
        """;
}
