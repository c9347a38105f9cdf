// Clad test/Gradient/Loops.C fn7 … fn46 (vgvassilev/clad 4b2c0eef; f1 … f_const are in Sources/Loops.cs), as a C# user
// ports them: an int used as a condition is compared with 0, a declaration in a condition is a local assigned in it, a
// comma expression in a for condition becomes statements at the top of the body (C# allows commas only in the
// initializer and the iterator), a C++ reference to an element a ref local, a range-for a foreach, an initializer_list
// an array, an iterator loop an index loop. C++ adds a double to an int local (b += i*i + j) with an implicit
// truncation; C# needs the cast, and Clad's printed values for those two (fn10, fn13) treat b as a real, so they are not
// checked against Clad here. fn42 (a std::vector of functor structs) is left out. Clad's CHECK-EXEC values are checked
// exactly by CladExpectedValuesTests.
using System;
using AutoDiffGen;

namespace PeerSuite
{
    public static partial class CladLoops
    {
        [Differentiable]
        public static double fn7(double i, double j)
        {
            double a = 0;
            int counter = 3;
            while (counter-- != 0)
                a += i * i + j;
            return a;
        }

        [Differentiable]
        public static double fn8(double i, double j)
        {
            double a = 0;
            int counter = 3;
            while (counter > 0)
                do
                {
                    a += i * i + j;
                } while (--counter != 0);
            return a;
        }

        [Differentiable]
        public static double fn9(double i, double j)
        {
            int counter, counter_again;
            counter = counter_again = 3;
            double a = 0;
            while (counter-- != 0)
            {
                counter_again = 3;
                while (counter_again-- != 0)
                {
                    a += i * i + j;
                }
            }
            return a;
        }

        [Differentiable]
        public static double fn10(double i, double j)
        {
            double a = 0;
            int counter = 3;
            int b;
            while ((b = counter) != 0)
            {
                b += (int)(i * i + j);
                a += b;
                counter -= 1;
            }
            return a;
        }

        [Differentiable]
        public static double fn11(double i, double j)
        {
            int counter = 3;
            double a = 0;
            do
            {
                a += i * i + j;
                counter -= 1;
            } while (counter != 0);
            return a;
        }

        [Differentiable]
        public static double fn12(double i, double j)
        {
            int counter = 3;
            double a = 0;
            do
            {
                int counter_again = 3;
                do
                {
                    a += i * i + j;
                    counter_again -= 1;
                    do
                        a += j;
                    while (false);
                } while (counter_again != 0);
                counter -= 1;
            } while (counter != 0);
            return a;
        }

        [Differentiable]
        public static double fn13(double i, double j)
        {
            double res = 0;
            int counter = 3;
            int k;
            for (; (k = counter) != 0; counter -= 1)
            {
                k += (int)(i + 2 * j);
                double temp = k;
                res += temp;
            }
            return res;
        }

        [Differentiable]
        public static double fn14(double i, double j)
        {
            int choice = 5;
            double res = 0;
            while (choice-- != 0)
            {
                if (choice > 3)
                {
                    res += i;
                    continue;
                }
                if (choice > 1)
                {
                    res += j;
                    continue;
                }

                if (choice > 0)
                {
                    res += i * j;
                    continue;
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn15(double i, double j)
        {
            int choice = 5;
            double res = 0;
            while (choice-- != 0)
            {
                if (choice > 2)
                    continue;
                int another_choice = 3;
                while (another_choice-- != 0)
                {
                    if (another_choice > 1)
                    {
                        res += i;
                        continue;
                    }
                    if (another_choice > 0)
                    {
                        res += j;
                    }
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn16(double i, double j)
        {
            int counter = 5;
            double res = 0;
            for (int ii = 0; ii < counter; ++ii)
            {
                if (ii == 4)
                {
                    res += i * j;
                    break;
                }
                if (ii > 2)
                {
                    res += 2 * i;
                    continue;
                }
                res += i + j;
            }
            return res;
        }

        [Differentiable]
        public static double fn17(double i, double j)
        {
            int counter = 5;
            double res = 0;
            for (int ii = 0; ii < counter; ++ii)
            {
                int jj = ii;
                if (ii < 2)
                    continue;
                while (jj-- != 0)
                {
                    if (jj < 3)
                    {
                        res += i * j;
                        break;
                    }
                    else
                    {
                        continue;
                    }
#pragma warning disable CS0162 // unreachable, as the peer test writes it
                    res += i * i * j * j;
#pragma warning restore CS0162
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn18(double i, double j)
        {
            int choice = 5;
            double res = 0;
            for (int counter = 0; counter < choice; ++counter)
                if (counter < 2)
                    res += i + j;
                else if (counter < 4)
                    continue;
                else
                {
                    res += 2 * i + 2 * j;
                    break;
                }
            return res;
        }

        [Differentiable]
        public static double fn19(double[] arr, int n)
        {
            double res = 0;
            for (int i = 0; i < n; ++i)
            {
                ref double @ref = ref arr[i];
                res += @ref;
            }
            return res;
        }

        [Differentiable]
        public static double f_loop_init_var(double lower, double upper)
        {
            double sum = 0;
            double num_points = 10000;
            double interval = (upper - lower) / num_points;
            for (double x = lower; x <= upper; x += interval)
            {
                sum += x * x * interval;
            }
            return sum;
        }

        [Differentiable]
        public static double fn20(double[] arr, int n)
        {
            double res = 0;
            for (int i = 0; i < n; ++i)
            {
                res += (arr[i] *= 5);
            }
            return res;
        }

        [Differentiable]
        public static double fn21(double x)
        {
            double res = 0;
            for (int i = 0; i < 5; ++i)
            {
                double[] arr = { 1, x, 2 };
                res += arr[0] + arr[1];
            }
            return res;
        }

        [Differentiable]
        public static double fn22(double param)
        {
            double @out = 0.0;
            for (int i = 0; i < 1; i++)
            {
                double[] arr = { 1.0 };
                @out += arr[0] * param;
            }
            return @out;
        }

        [Differentiable]
        public static double fn23(double i, double j)
        {
            double res = 0;
            for (int c = 0; (res = i * j) != 0; ++c)
            {
                if (c == 1)
                    break;
            }
            return res;
        }

        [Differentiable]
        public static double fn24(double i, double j)
        {
            double res = 0;
            for (int c = 0; ; ++c)
            {
                res += i * j;
                if (!(c < 3)) break;
            }
            return res;
        }

        [Differentiable]
        public static double fn25(double i, double j)
        {
            double res = 0;
            for (int c = 0; ; ++c)
            {
                res += i * j;
                if (!(c < 3)) break;
                if (c == 1)
                {
                    res = 8 * i * j;
                    break;
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn26(double i, double j)
        {
            double res = 0;
            for (int c = 0; (res += i * j) != 0; ++c, res = 7 * i * j)
            {
                if (c == 0)
                    break;
            }
            return res;
        }

        [Differentiable]
        public static double fn27(double i, double j)
        {
            double res = 0;
            for (int c = 0; (res += i * j) != 0; ++c)
            {
                if (c == 2)
                    break;

                res = c * i * j;
            }
            return res;
        }

        [Differentiable]
        public static double fn28(double i, double j)
        {
            double res = 0;
            for (int c = 0; ; ++c)
            {
                res = i * j;
                if (!(c < 2)) break;
                res = 3 * i * j;
            }
            return res;
        }

        [Differentiable]
        public static double fn29(double i, double j)
        {
            double res = 0;
            for (int c = 0; ; ++c, res = 3 * i * j)
            {
                res = i * j;
                if (!(c < 1)) break;
            }
            return res;
        }

        [Differentiable]
        public static double fn30(double i, double j)
        {
            double res = 0;
            for (int c = 0; (c == 0) && (res = i * j) != 0; ++c) { }
            return res;
        }

        [Differentiable]
        public static double fn31(double i, double j)
        {
            double res = 0;
            for (int c = 0; ; ++c)
            {
                res = i * j;
                res = 2 * i * j;
                if (!(c < 3)) break;
            }
            return res;
        }

        [Differentiable]
        public static double fn32(double i, double j)
        {
            double res = 0;
            for (int c = 0; (res += i * j) != 0; ++c)
            {
                for (int d = 0; (res += i * j) != 0; ++d)
                {
                    if (d == 1)
                    {
                        res += i * j;
                        break;
                    }
                }
                if (c == 1)
                {
                    res += i * j;
                    break;
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn33(double i, double j)
        {
            double res = 0;
            for (int c = 0; (res = i * j) != 0; ++c)
            {
                if ((res += i * j) != 0 && (c == 1))
                {
                    break;
                }
                if ((c == 0) && (res += i * j) != 0)
                {
                    break;
                }
            }
            return res;
        }

        [Differentiable]
        public static double fn34(double x, double y)
        {
            double r = 0;
            double[] a = { y, x * y, x * x + y };
            foreach (var i in a)
            {
                r += i * i;
            }
            return r;
        }

        [Differentiable]
        public static double fn35(double x, double y)
        {
            double r = 0;
            double[] a = { x, x * y, 0 };
            foreach (var i in a)
            {
                foreach (var j in a)
                {
                    if (r <= x * x)
                    {
                        r += i * j;
                    }
                    else if (r > x * x)
                    {
                        break;
                    }
                }
            }
            return r;
        }

        [Differentiable]
        public static double fn36(double x, double y)
        {
            double[] a = { 1, 2, 3 };
            double sum = 0;
            foreach (var i in a)
            {
                if (sum > x)
                {
                    continue;
                }
                else if (true)
                {
                    sum += Math.Sin(i) * x;
                }
            }
            return sum;
        }

        [Differentiable]
        public static double fn37(double x, double y)
        {
            double[] range = { x, 4.0, y };
            double sum = 0;
            foreach (var elem in range)
                sum += elem;
            return sum;
        }

        [Differentiable]
        public static double fn38(double x, double y)
        {
            double sum = 0;
            if (x > 0)
            {
                var range = new[] { 1.0, x, 2.0, y, 3.0 };
                foreach (var elem in range)
                    sum += elem;
            }
            return sum;
        }

        [Differentiable]
        public static double fn39(double x)
        {
            double res = 0;
            int[] range = { 1, 2, 3 };
            for (var i = 0; i != range.Length; i++)
            {
                res += x * range[i];
            }
            return res;
        }

        [Differentiable]
        public static double fn40(double u, double v)
        {
            double res = 11 * u;
            for (int i = 0; i < 3; i++)
            {
                res += u * i;
                continue;
            }
            return res;
        }

        [Differentiable]
        public static double fn41(double u, double v)
        {
            double res = 0;
            for (int i = 1; i < 3; i++)
            {
                res += i * u;
                if (i == 1)
                    break;
            }
            return res;
        }

        [Differentiable]
        public static double fn43(double[] x, double y)
        {
            double @out = 0.0;
            for (int i = 0; i < 3; i++)
            {
                double t4 = x[i];
                @out += 1.0 / t4;
            }

            return @out;
        } // - 1 / x[0] - 1 / x[1] - 1 / x[2]

        [Differentiable]
        public static double fn44(double u, double v)
        {
            double sum = 0;
            for (int i = 0; i != 1;)
            {
                sum += u + v;
                break;
            }
            return sum;
        }

        [Differentiable]
        public static double fn45(double x, double y)
        {
            double sum = 0;
            for (int i = 0; i < 100; ++i)
            {
                double t1 = x;
                double t2 = y / t1;
                sum += Math.Pow(t2, 2);
            }
            return sum; // 100 * (y / x) ^ 2  -->  200 * (y / x ^ 3) * (- y, x)
        }

        [Differentiable]
        public static double fn46(double x, double y)
        {
            double sum = 0;
            int i = 0;
            while (i < 50)
            {
                double t1 = x;
                double t2 = y / t1;
                sum += Math.Pow(t2, 2);
                ++i;
            }

            do
            {
                double t1 = x;
                double t2 = y / t1;
                sum += Math.Pow(t2, 2);
                ++i;
            } while (i < 100);
            return sum; // 100 * (y / x) ^ 2  -->  200 * (y / x ^ 3) * (- y, x)
        }
    }
}
