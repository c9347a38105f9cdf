using AutoDiffGen;

namespace Natural;

// Clad's "arr[i] *= 5" tests: a differentiable array parameter written in place before it is read (the caller's array
// changes, as in C++), and one written through a compound assignment by another parameter.
public static partial class CladArrayParams
{
    [Differentiable]
    public static double Scale(double[] arr, int n)
    {
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            arr[i] *= 5;
            sum += arr[i] * arr[i];
        }

        return sum;
    }

    [Differentiable]
    public static double AddTo(double[] arr, double x)
    {
        for (int i = 0; i < arr.Length; i++)
        {
            arr[i] += x * i;
        }

        return arr[0] * arr[arr.Length - 1];
    }
}
