using System;
using System.Linq;

namespace AutoDiffGen.Benchmarks.AdBench
{
    /// <summary>
    /// The GMM and the hand in ADBench's ratio: the GMM's generated gradient against the objective and against the
    /// hand-written gradient of Gmm/ (same layout and gradient, without the additive constants); the hand's Jacobian,
    /// one reverse sweep per residual, by MJacobian (one forward sweep per column) and by central differences (2 objective
    /// calls per column), against the objective.
    /// </summary>
    public static partial class AdBenchRatios
    {
        private static void GaussianMixtureRatios(int d, int k, int n)
        {
            var instance = GaussianMixtureInstance.Random(d, k, n, 1);
            double[] alphas = instance.Alphas, means = instance.Means, icf = instance.Icf, x = instance.X;
            var wishart = new Wishart(1.0, 0);
            double[] dAlphas = new double[alphas.Length], dMeans = new double[means.Length], dIcf = new double[icf.Length];
            double[] hAlphas = new double[alphas.Length], hMeans = new double[means.Length], hIcf = new double[icf.Length];
            double sink = 0;
            double primal = Best(() => sink += GaussianMixture.Objective(d, k, n, alphas, means, icf, x, wishart));
            double gradient = Best(() =>
            {
                Array.Clear(dAlphas);
                Array.Clear(dMeans);
                Array.Clear(dIcf);
                sink += GaussianMixture.ObjectiveBackward(d, k, n, alphas, means, icf, x, wishart, dAlphas, dMeans, dIcf);
            });
            double hand = Best(() =>
            {
                Array.Clear(hAlphas);
                Array.Clear(hMeans);
                Array.Clear(hIcf);
                sink += GaussianMixtureHandWritten.ObjectiveBackward(d, k, alphas, means, icf, x, 1.0, 0, hAlphas, hMeans, hIcf);
            });
            // The two gradients must agree, or the ratio compares different things.
            double gap = Math.Max(MaxGap(dAlphas, hAlphas), Math.Max(MaxGap(dMeans, hMeans), MaxGap(dIcf, hIcf)));
            // Frozen outputs of the generator in the same run (Before/): at 84c2b8c (before the spare arrays) and at e610878
            // (main before the per-site array tapes, with its callees' Backwards). Both must agree too.
            double[] bAlphas = new double[alphas.Length], bMeans = new double[means.Length], bIcf = new double[icf.Length];
            double before = Best(() =>
            {
                Array.Clear(bAlphas);
                Array.Clear(bMeans);
                Array.Clear(bIcf);
                sink += Before.GaussianMixtureAdBenchBefore.ObjectiveBackward(d, k, n, alphas, means, icf, x, wishart, bAlphas, bMeans, bIcf);
            });
            double beforeGap = Math.Max(MaxGap(bAlphas, hAlphas), Math.Max(MaxGap(bMeans, hMeans), MaxGap(bIcf, hIcf)));
            double[] mAlphas = new double[alphas.Length], mMeans = new double[means.Length], mIcf = new double[icf.Length];
            Action main = () =>
            {
                Array.Clear(mAlphas);
                Array.Clear(mMeans);
                Array.Clear(mIcf);
                sink += Before.GaussianMixtureAdBenchMain.ObjectiveBackward(d, k, n, alphas, means, icf, x, wishart, mAlphas, mMeans, mIcf);
            };
            main();
            double mainGap = Math.Max(MaxGap(mAlphas, hAlphas), Math.Max(MaxGap(mMeans, hMeans), MaxGap(mIcf, hIcf)));
            Console.WriteLine($"GMM d={d} K={k} n={n}: objective {primal:F3} ms, gradient {gradient:F3} ms ({gradient / primal:F2}x), hand-written gradient {hand:F3} ms ({hand / primal:F2}x); generated/hand-written {gradient / hand:F2}x, max |gap| {gap:E1}  [{sink:E1}]");
            Console.WriteLine($"GMM d={d} K={k} n={n}: generated before the spare arrays (84c2b8c) {before:F3} ms, before/hand-written {before / hand:F2}x, max |gap| {beforeGap:E1}");
            // Hand-written, live generated and main's generated gradient interleaved, one call each per round: at this
            // machine's load the three see the same load. Best and median per call, and allocated bytes per call.
            Action live = () =>
            {
                Array.Clear(dAlphas);
                Array.Clear(dMeans);
                Array.Clear(dIcf);
                sink += GaussianMixture.ObjectiveBackward(d, k, n, alphas, means, icf, x, wishart, dAlphas, dMeans, dIcf);
            };
            Action handWritten = () =>
            {
                Array.Clear(hAlphas);
                Array.Clear(hMeans);
                Array.Clear(hIcf);
                sink += GaussianMixtureHandWritten.ObjectiveBackward(d, k, alphas, means, icf, x, 1.0, 0, hAlphas, hMeans, hIcf);
            };
            var rows = new (string Name, Action Call)[] { ("hand-written", handWritten), ("generated (live)", live), ("generated (main e610878)", main) };
            var times = Interleaved(rows.Select(r => r.Call).ToArray(), 21);
            for (int r = 0; r < rows.Length; r++)
            {
                long allocated = GC.GetAllocatedBytesForCurrentThread();
                rows[r].Call();
                allocated = GC.GetAllocatedBytesForCurrentThread() - allocated;
                Array.Sort(times[r]);
                double best = times[r][0], median = times[r][times[r].Length / 2];
                Console.WriteLine($"GMM interleaved, {rows[r].Name}: best {best:F3} ms ({best / times[0][0]:F2}x hand), median {median:F3} ms ({median / times[0][times[0].Length / 2]:F2}x hand), {allocated} B per call");
            }
            Console.WriteLine($"GMM: main's generated gradient agrees with the hand-written one to {mainGap:E1}  [{sink:E1}]");
        }

        /// <summary>Each call timed once per round, in turn, after a warm-up: per call, its times in ms.</summary>
        private static double[][] Interleaved(Action[] calls, int rounds)
        {
            foreach (var call in calls)
            {
                for (var warm = System.Diagnostics.Stopwatch.StartNew(); warm.ElapsedMilliseconds < 300;) call();
            }
            var times = new double[calls.Length][];
            for (int c = 0; c < calls.Length; c++) times[c] = new double[rounds];
            for (int round = 0; round < rounds; round++)
            {
                for (int c = 0; c < calls.Length; c++)
                {
                    var timer = System.Diagnostics.Stopwatch.StartNew();
                    calls[c]();
                    times[c][round] = timer.Elapsed.TotalMilliseconds;
                }
            }
            return times;
        }

        private static void GaussianMixtureProfile(double seconds)
        {
            var instance = GaussianMixtureInstance.Random(10, 25, 1000, 1);
            var wishart = new Wishart(1.0, 0);
            double[] dAlphas = new double[instance.Alphas.Length], dMeans = new double[instance.Means.Length], dIcf = new double[instance.Icf.Length];
            double sink = 0;
            int calls = 0;
            for (var timer = System.Diagnostics.Stopwatch.StartNew(); timer.Elapsed.TotalSeconds < seconds; calls++)
                sink += GaussianMixture.ObjectiveBackward(10, 25, 1000, instance.Alphas, instance.Means, instance.Icf, instance.X, wishart, dAlphas, dMeans, dIcf);
            Console.WriteLine($"GMM d=10 K=25 n=1000: {calls} generated gradients in {seconds} s  [{sink:E1}]");
        }

        private static void HandRatios(int vertices, int correspondences)
        {
            var data = HandInstance(1, vertices, correspondences);
            var random = new Random(3);
            var theta = new double[26];
            for (int i = 0; i < theta.Length; i++) theta[i] = 0.5 * (2 * random.NextDouble() - 1);
            var us = new double[2 * correspondences];
            for (int i = 0; i < us.Length; i++) us[i] = 0.45 * random.NextDouble();
            int rows = 3 * correspondences;
            var err = new double[rows];
            var plus = new double[rows];
            var minus = new double[rows];
            var dErr = new double[rows];
            var jacobian = new double[rows * 26];
            // Array parameters take array adjoints: one row array each.
            var thetaRows = new double[rows][];
            var usRows = new double[rows][];
            for (int row = 0; row < rows; row++)
            {
                thetaRows[row] = new double[26];
                usRows[row] = new double[us.Length];
            }
            double sink = 0;

            double primal = Best(() =>
            {
                Hand.Objective(theta, data, err);
                sink += err[0];
            });
            double reverse = Best(() =>
            {
                for (int row = 0; row < rows; row++)
                {
                    Array.Clear(thetaRows[row]);
                    Array.Clear(dErr);
                    dErr[row] = 1;
                    Hand.ObjectiveBackward(theta, data, err, thetaRows[row], dErr);
                }
                sink += thetaRows[0][0];
            });
            Action centralDifferences = () =>
            {
                for (int c = 0; c < 26; c++)
                {
                    double keep = theta[c];
                    theta[c] = keep + 1e-6;
                    Hand.Objective(theta, data, plus);
                    theta[c] = keep - 1e-6;
                    Hand.Objective(theta, data, minus);
                    theta[c] = keep;
                    for (int row = 0; row < rows; row++) jacobian[row * 26 + c] = (plus[row] - minus[row]) / 2e-6;
                }
            };
            double central = Best(() =>
            {
                centralDifferences();
                sink += jacobian[0];
            });
            // MJacobian: 26 < 300, so 26 forward sweeps (MForward through every helper), a column each.
            var forwardJacobian = new double[rows * 26];
            double forward = Best(() =>
            {
                Hand.ObjectiveJacobian(theta, data, err, forwardJacobian);
                sink += forwardJacobian[0];
            });
            double gapToRows = 0, gapToCentral = 0;
            for (int row = 0; row < rows; row++)
            {
                for (int c = 0; c < 26; c++)
                {
                    double f = forwardJacobian[row * 26 + c];
                    gapToRows = Math.Max(gapToRows, Math.Abs(f - thetaRows[row][c]));
                    gapToCentral = Math.Max(gapToCentral, Math.Abs(f - jacobian[row * 26 + c]) / (1 + Math.Abs(f)));
                }
            }
            Console.WriteLine($"Hand simple, {vertices} vertices, {correspondences} points: objective {primal:F3} ms, Jacobian by {rows} reverse sweeps {reverse:F2} ms ({reverse / primal:F1}x), by central differences {central:F2} ms ({central / primal:F1}x), by MJacobian (26 forward sweeps) {forward:F2} ms ({forward / primal:F1}x; max |gap| to the rows {gapToRows:E1}, relative to central differences {gapToCentral:E1})  [{sink:E1}]");
            // The three again, interleaved one call each per round, so that they see the same load.
            Action[] calls =
            {
                () => Hand.ObjectiveJacobian(theta, data, err, forwardJacobian),
                centralDifferences,
                () => Hand.Objective(theta, data, err),
            };
            var times = Interleaved(calls, 41);
            foreach (var t in times) Array.Sort(t);
            Console.WriteLine($"Hand simple interleaved (41 rounds), median: MJacobian forward {times[0][20]:F3} ms, central differences {times[1][20]:F3} ms, objective {times[2][20]:F3} ms; forward/central {times[0][20] / times[1][20]:F2}x, forward/objective {times[0][20] / times[2][20]:F1}x");

            double complicated = Best(() =>
            {
                Hand.ObjectiveComplicated(theta, us, data, err);
                sink += err[0];
            });
            double complicatedReverse = Best(() =>
            {
                for (int row = 0; row < rows; row++)
                {
                    Array.Clear(thetaRows[row]);
                    Array.Clear(usRows[row]);
                    Array.Clear(dErr);
                    dErr[row] = 1;
                    Hand.ObjectiveComplicatedBackward(theta, us, data, err, thetaRows[row], usRows[row], dErr);
                }
                sink += thetaRows[0][0] + usRows[0][0];
            });
            int columns = 26 + us.Length;
            var complicatedJacobian = new double[rows * columns];
            double complicatedForward = Best(() =>
            {
                Hand.ObjectiveComplicatedJacobian(theta, us, data, err, complicatedJacobian);
                sink += complicatedJacobian[0];
            });
            double complicatedGap = 0;
            for (int row = 0; row < rows; row++)
                for (int c = 0; c < columns; c++)
                    complicatedGap = Math.Max(complicatedGap, Math.Abs(complicatedJacobian[row * columns + c] - (c < 26 ? thetaRows[row][c] : usRows[row][c - 26])));
            Console.WriteLine($"Hand complicated: objective {complicated:F3} ms, Jacobian (θ and us) by {rows} reverse sweeps {complicatedReverse:F2} ms ({complicatedReverse / complicated:F1}x), by MJacobian ({columns} forward sweeps) {complicatedForward:F2} ms ({complicatedForward / complicated:F1}x, max |gap| to the rows {complicatedGap:E1}); central differences need {2 * columns} objective calls ({2 * columns}x)  [{sink:E1}]");
        }

        private static double MaxGap(double[] a, double[] b)
        {
            double gap = 0;
            for (int i = 0; i < a.Length; i++) gap = Math.Max(gap, Math.Abs(a[i] - b[i]));
            return gap;
        }

        /// <summary>A random model in ADBench's layout (as HandTests.Data): 22 bones, vertices skinned to three bones each.</summary>
        private static HandData HandInstance(int seed, int vertices, int correspondences)
        {
            const int bones = 22;
            var random = new Random(seed);
            double U(double a, double b) => a + (b - a) * random.NextDouble();
            var parents = new int[bones];
            parents[0] = -1;
            parents[1] = 0;
            for (int f = 0; f < 5; f++)
                for (int j = 0; j < 4; j++) parents[2 + 4 * f + j] = j == 0 ? 1 : 1 + 4 * f + j;
            double[] Transforms()
            {
                var all = new double[16 * bones];
                for (int b = 0; b < bones; b++)
                {
                    double a = U(-0.4, 0.4), c = Math.Cos(a), s = Math.Sin(a);
                    // A rotation about z and a translation, column-major.
                    double[] m = { c, s, 0, 0, -s, c, 0, 0, 0, 0, 1, 0, U(-0.5, 0.5), U(-0.5, 0.5), U(0, 1), 1 };
                    Array.Copy(m, 0, all, 16 * b, 16);
                }
                return all;
            }
            var positions = new double[4 * vertices];
            for (int v = 0; v < vertices; v++)
            {
                positions[4 * v] = U(-1, 1);
                positions[4 * v + 1] = U(-1, 1);
                positions[4 * v + 2] = U(-1, 1);
                positions[4 * v + 3] = 1;
            }
            var weights = new double[bones * vertices];
            for (int v = 0; v < vertices; v++)
            {
                double total = 0;
                for (int k = 0; k < 3; k++)
                {
                    int b = random.Next(bones);
                    double w = U(0.1, 1);
                    weights[v * bones + b] += w;
                    total += w;
                }
                for (int b = 0; b < bones; b++) weights[v * bones + b] /= total;
            }
            var triangles = new int[3 * vertices];
            for (int t = 0; t < vertices; t++)
            {
                triangles[3 * t] = t;
                triangles[3 * t + 1] = (t + 1) % vertices;
                triangles[3 * t + 2] = (t + 3) % vertices;
            }
            var model = new HandModel
            {
                BoneCount = bones,
                Parents = parents,
                BaseRelatives = Transforms(),
                InverseBaseAbsolutes = Transforms(),
                VertexCount = vertices,
                BasePositions = positions,
                Weights = weights,
                Triangles = triangles,
            };
            var correspondence = new int[correspondences];
            var points = new double[3 * correspondences];
            for (int i = 0; i < correspondences; i++)
            {
                correspondence[i] = random.Next(vertices);
                for (int j = 0; j < 3; j++) points[3 * i + j] = U(-1, 1);
            }
            return new HandData { Model = model, Correspondences = correspondence, Points = points };
        }
    }
}
