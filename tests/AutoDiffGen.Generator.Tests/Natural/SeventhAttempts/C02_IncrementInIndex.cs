using AutoDiffGen;

namespace Natural;

// Clad's tests with i++ inside expressions: an index advanced while it is read, a post-increment inside a product, and a
// pre-decrement in a loop condition's body.
public static partial class CladIncrements
{
    [Differentiable]
    public static double Walk(double[] a, double x)
    {
        int i = 0;
        double r = a[i++] * x;
        r += a[i++] * x * x;
        r += a[i] * a[i++];
        return r;
    }

    [Differentiable]
    public static double Counter(double x)
    {
        int k = 1;
        double r = 0;
        for (int j = 0; j < 3; j++)
        {
            r += x * k++;
        }

        return r * --k;
    }
}
