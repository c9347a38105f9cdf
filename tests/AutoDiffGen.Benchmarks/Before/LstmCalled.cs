using System;
using AutoDiffGen;

namespace AutoDiffGen.Benchmarks.Before
{

    /// <summary>AdBench/Lstm.cs with Sigmoid in another class, so that Model calls it through SigmoidBackward as main (dcf7c38) did before small callees were inlined: the baseline of `adbench calls`.</summary>
    public static partial class LstmCalled
    {
        // log(sum(exp(x)) + 2), as ADBench's logsumexp
        [Differentiable]
        public static double LogSumExp(ReadOnlySpan<double> vect)
        {
            double sum = 0;
            for (int i = 0; i < vect.Length; i++)
                sum += Math.Exp(vect[i]);
            sum += 2;
            return Math.Log(sum);
        }

        // One layer. layerParams: weight then bias, each forget|ingate|outgate|change of hsize.
        // state: the whole state vector, this layer's hidden at 2*hsize*layer, its cell hsize after.
        [Differentiable]
        public static void Model(int hsize, ReadOnlySpan<double> layerParams, double[] state, int layer, ReadOnlySpan<double> input)
        {
            int h = 2 * hsize * layer, c = h + hsize, bias = 4 * hsize;
            for (int i = 0; i < hsize; i++)
            {
                double forget = LstmCalledHelpers.Sigmoid(input[i] * layerParams[i] + layerParams[bias + i]);
                double ingate = LstmCalledHelpers.Sigmoid(state[h + i] * layerParams[hsize + i] + layerParams[bias + hsize + i]);
                double outgate = LstmCalledHelpers.Sigmoid(input[i] * layerParams[2 * hsize + i] + layerParams[bias + 2 * hsize + i]);
                double change = Math.Tanh(state[h + i] * layerParams[3 * hsize + i] + layerParams[bias + 3 * hsize + i]);
                state[c + i] = state[c + i] * forget + ingate * change;
                state[h + i] = outgate * Math.Tanh(state[c + i]);
            }
        }

        [Differentiable]
        public static void Predict(int l, int b, ReadOnlySpan<double> mainParams, ReadOnlySpan<double> extraParams,
            double[] state, ReadOnlySpan<double> input, double[] output)
        {
            for (int i = 0; i < b; i++)
                output[i] = input[i] * extraParams[i];
            // ADBench re-points a pointer (layer_output = state.hidden). A span local re-pointed from an array to a slice of
            // another (ReadOnlySpan<double> layerOutput = output; layerOutput = state.AsSpan(...)) is ADG0016/ADG0003 today
            // (arrays helper's area), and passing state twice to Model (input and state) is refused, so each layer's input
            // is copied into a local array.
            var layerOutput = new double[b];
            for (int i = 0; i < b; i++)
                layerOutput[i] = output[i];
            for (int i = 0; i < l; i++)
            {
                Model(b, mainParams.Slice(8 * b * i, 8 * b), state, i, layerOutput);
                for (int j = 0; j < b; j++)
                    layerOutput[j] = state[2 * b * i + j];
            }
            for (int i = 0; i < b; i++)
                output[i] = layerOutput[i] * extraParams[b + i] + extraParams[2 * b + i];
        }

        [Differentiable]
        public static double Objective(int l, int c, int b, double[] mainParams, double[] extraParams,
            [NoDiff] double[] state, [NoDiff] double[] sequence)
        {
            double total = 0;
            int count = 0;
            // ADBench passes the state by value; (double[])state.Clone() is refused today (arrays helper's area): copy it.
            var s = new double[state.Length];
            for (int i = 0; i < s.Length; i++)
                s[i] = state[i];
            var ypred = new double[b];
            var ynorm = new double[b];
            for (int t = 0; t < c - 1; t++)
            {
                Predict(l, b, mainParams, extraParams, s, sequence.AsSpan(t * b, b), ypred);
                double lse = LogSumExp(ypred);
                for (int i = 0; i < b; i++)
                    ynorm[i] = ypred[i] - lse;
                for (int i = 0; i < b; i++)
                    total += sequence[(t + 1) * b + i] * ynorm[i];
                count += b;
            }
            return -total / count;
        }
    }

    /// <summary>Lstm.Sigmoid, in a class of its own: a callee of another type keeps its call.</summary>
    public static partial class LstmCalledHelpers
    {
        [Differentiable]
        public static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
    }
}
