// Clad test/Gradient/Pointers.C (vgvassilev/clad 4b2c0eef), as a C# user writes it: a pointer to a local is a ref
// local; pointer arithmetic over an array is an index (or a span re-sliced forward); new/delete of one double is a
// local, of an array a new double[]; a struct behind a pointer is a class object; malloc/realloc are arrays and
// Array.Resize.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladPointers
    {
        [Differentiable]
        public static double NonMemFn(double i) => i * i;

        [Differentiable]
        public static double MinimalPointer(double x)
        {
            ref double p = ref x;
            p = p * p;
            return p; // x*x
        }

        [Differentiable]
        public static double ArrayPointer(double[] arr)
        {
            int p = 0;
            p = p + 1;
            double sum = arr[p];
            p++;
            sum += arr[p] * 2;
            p += 1;
            sum += arr[p] * 4;
            ++p;
            sum += arr[p] * 3;
            p -= 2;
            p = p - 2;
            sum += 5 * arr[p];
            return sum; // 5*arr[0] + arr[1] + 2*arr[2] + 4*arr[3] + 3*arr[4]
        }

        [Differentiable]
        public static double PointerParam(double[] arr, int n)
        {
            double sum = 0;
            ReadOnlySpan<double> p = arr;
            for (int i = 0; i < n; ++i)
            {
                sum += p[0] * i;
                p = p.Slice(1);
            }
            return sum;
        }

        [Differentiable]
        public static double PointerMultipleParams(double[] a, double[] b)
        {
            double sum = b[2];
            b = a;
            int ia = 1, ib = 0;
            ++ib;
            sum += a[ia] + b[ib]; // += 2*a[1]
            ib++; ia++;
            sum += a[ia] + b[ib]; // += 2*a[2]
            ib--; ia--;
            sum += a[ia] + b[ib]; // += 2*a[1]
            --ib; --ia;
            sum += a[ia] + b[ib]; // += 2*a[0]
            return sum; // 2*a[0] + 4*a[1] + 2*a[2] + b[2]
        }

        [Differentiable]
        public static double NewAndDeletePointer(double i, double j)
        {
            double p = i;
            double q = j;
            double[] r = new double[2];
            r[0] = i + j;
            r[1] = i * j;
            double sum = p + q + r[0] + r[1];
            return sum;
        }

        public sealed class T
        {
            public double x;
            public int y;
        }

        [Differentiable]
        public static double StructPointer(double x)
        {
            T t = new T { x = x };
            double res = t.x;
            return res;
        }

        public struct TValue
        {
            public double x;
            public int y;
        }

        [Differentiable]
        public static double CStyleMemoryAlloc(double x, int n)
        {
            TValue[] t = new TValue[n];
            t[0].x = x;
            double[] p = new double[1];
            p[0] = x;
            double res = t[0].x + p[0];
            Array.Resize(ref p, 2);
            p[1] = 2 * x;
            res += p[1];
            return res;
        }

        private static ReadOnlySpan<double> PtrValFn(ReadOnlySpan<double> x, int n) => x.Slice(n);

        [Differentiable]
        public static double NestedPtrFn(double x, double y)
        {
            double[] arr = { x, y };
            ReadOnlySpan<double> z = PtrValFn(arr, 1);
            return z[0];
        }

        [Differentiable]
        public static double ListInitPtrFn(double x, double y)
        {
            ref double ptr = ref x;
            ptr += y;
            return ptr;
        }

        public sealed class Node
        {
            public Node? prev;
            public double value = 1;
        }

        [Differentiable]
        public static double NestedStruct(double x)
        {
            Node node = new Node();
            node.value = x;
            Node newNode = new Node();
            newNode.prev = node;
            return newNode.prev.value;
        }

        public struct StructWithArray
        {
            public double[] ptr;
        }

        [Differentiable]
        public static double PointerAliasing(double x)
        {
            StructWithArray s = new StructWithArray { ptr = new[] { x } };
            return s.ptr[0] * 3.0;
        }
    }
}
