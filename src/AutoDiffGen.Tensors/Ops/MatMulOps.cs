using System;
using AutoDiffGen.Tensors.Kernels;

namespace AutoDiffGen.Tensors
{
    // Matrix products and their pullbacks. The pullbacks are GEMMs that accumulate straight into the
    // adjoints (C += …), so they need no temporary; transposes are read in place by the packing step.
    public sealed partial class Tensor
    {
        /// <summary>
        /// The matrix product <c>a · b</c>. <paramref name="a"/> is [m, k] and <paramref name="b"/> is [k, n];
        /// a rank-1 <paramref name="a"/> acts as a row vector [1, k] and a rank-1 <paramref name="b"/> as a
        /// column vector [k, 1], and the result is then rank 1.
        /// </summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        public static Tensor MatMul(Tensor a, Tensor b)
        {
            (int m, int k, int n, int rank) = MatMulShape(a, b);
            Tensor result = Allocate(rank, rank == 1 ? 1 : m, rank == 1 ? m * n : n, clear: false);
            Gemm.Multiply(a._data, false, b._data, false, result._data, m, n, k, accumulate: false);
            return result;
        }

        /// <summary>Pullback of <see cref="MatMul(Tensor, Tensor)"/>: dA += dC·bᵀ, dB += aᵀ·dC.</summary>
        /// <param name="a">The forward left operand.</param>
        /// <param name="b">The forward right operand.</param>
        /// <param name="result">The forward result (unused: the product's derivative needs only the operands).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(MatMul))]
        public static void MatMulPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            (int m, int k, int n, _) = MatMulShape(a, b);
            ShapeChecks.Adjoint(nameof(MatMul), result, dResult, nameof(dResult));
            ShapeChecks.Adjoint(nameof(MatMul), a, dA, nameof(dA));
            ShapeChecks.Adjoint(nameof(MatMul), b, dB, nameof(dB));
            if (dA is not null)
            {
                Gemm.Multiply(dResult._data, false, b._data, true, dA._data, m, k, n, accumulate: true);
            }

            if (dB is not null)
            {
                Gemm.Multiply(a._data, true, dResult._data, false, dB._data, k, n, m, accumulate: true);
            }
        }

        /// <summary>
        /// <c>aᵀ · b</c> without copying: <paramref name="a"/> is [k, m], <paramref name="b"/> is [k, n], the result [m, n].
        /// </summary>
        /// <param name="a">The left operand, used transposed.</param>
        /// <param name="b">The right operand.</param>
        public static Tensor MatMulTransposeA(Tensor a, Tensor b)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeA), a, b, transA: true);
            Tensor result = Allocate(2, m, n, clear: false);
            Gemm.Multiply(a._data, true, b._data, false, result._data, m, n, k, accumulate: false);
            return result;
        }

        /// <summary>Pullback of <see cref="MatMulTransposeA"/>: dA += b·dCᵀ, dB += a·dC.</summary>
        /// <param name="a">The forward left operand ([k, m]).</param>
        /// <param name="b">The forward right operand ([k, n]).</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result ([m, n]).</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(MatMulTransposeA))]
        public static void MatMulTransposeAPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeA), a, b, transA: true);
            ShapeChecks.Adjoint(nameof(MatMulTransposeA), result, dResult, nameof(dResult));
            ShapeChecks.Adjoint(nameof(MatMulTransposeA), a, dA, nameof(dA));
            ShapeChecks.Adjoint(nameof(MatMulTransposeA), b, dB, nameof(dB));
            if (dA is not null)
            {
                Gemm.Multiply(b._data, false, dResult._data, true, dA._data, k, m, n, accumulate: true);
            }

            if (dB is not null)
            {
                Gemm.Multiply(a._data, false, dResult._data, false, dB._data, k, n, m, accumulate: true);
            }
        }

        /// <summary>
        /// <c>a · bᵀ</c> without copying: <paramref name="a"/> is [m, k], <paramref name="b"/> is [n, k], the result [m, n].
        /// </summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand, used transposed.</param>
        public static Tensor MatMulTransposeB(Tensor a, Tensor b)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeB), a, b, transA: false);
            Tensor result = Allocate(2, m, n, clear: false);
            Gemm.Multiply(a._data, false, b._data, true, result._data, m, n, k, accumulate: false);
            return result;
        }

        /// <summary>Pullback of <see cref="MatMulTransposeB"/>: dA += dC·b, dB += dCᵀ·a.</summary>
        /// <param name="a">The forward left operand ([m, k]).</param>
        /// <param name="b">The forward right operand ([n, k]).</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result ([m, n]).</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf(nameof(MatMulTransposeB))]
        public static void MatMulTransposeBPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB)
        {
            (int m, int k, int n) = TransposedShape(nameof(MatMulTransposeB), a, b, transA: false);
            ShapeChecks.Adjoint(nameof(MatMulTransposeB), result, dResult, nameof(dResult));
            ShapeChecks.Adjoint(nameof(MatMulTransposeB), a, dA, nameof(dA));
            ShapeChecks.Adjoint(nameof(MatMulTransposeB), b, dB, nameof(dB));
            if (dA is not null)
            {
                Gemm.Multiply(dResult._data, false, b._data, false, dA._data, m, k, n, accumulate: true);
            }

            if (dB is not null)
            {
                Gemm.Multiply(dResult._data, true, a._data, false, dB._data, n, k, m, accumulate: true);
            }
        }

        /// <summary>The product's dimensions, with rank-1 operands read as a row (left) or a column (right).</summary>
        private static (int M, int K, int N, int Rank) MatMulShape(Tensor a, Tensor b)
        {
            ArgumentNullException.ThrowIfNull(a);
            ArgumentNullException.ThrowIfNull(b);
            if (a.Rank == 1 && b.Rank == 1)
            {
                throw new ArgumentException(
                    $"MatMul: both operands are rank 1 ({a.ShapeText} and {b.ShapeText}); make one of them rank 2.");
            }

            int m = a._rows, k = a._columns;
            int bRows = b.Rank == 1 ? b._columns : b._rows;
            int n = b.Rank == 1 ? 1 : b._columns;
            if (k != bRows)
            {
                throw new ArgumentException(
                    $"MatMul: a has shape {a.ShapeText} and b has shape {b.ShapeText}; a's columns ({k}) must equal b's rows ({bRows}).");
            }

            return (m, k, n, a.Rank == 1 || b.Rank == 1 ? 1 : 2);
        }

        private static (int M, int K, int N) TransposedShape(string op, Tensor a, Tensor b, bool transA)
        {
            ShapeChecks.Rank2(op, a, nameof(a));
            ShapeChecks.Rank2(op, b, nameof(b));
            if (transA)
            {
                if (a._rows != b._rows)
                {
                    throw new ArgumentException(
                        $"{op}: a has shape {a.ShapeText} and b has shape {b.ShapeText}; for aᵀ·b their rows must be equal.");
                }

                return (a._columns, a._rows, b._columns);
            }

            if (a._columns != b._columns)
            {
                throw new ArgumentException(
                    $"{op}: a has shape {a.ShapeText} and b has shape {b.ShapeText}; for a·bᵀ their columns must be equal.");
            }

            return (a._rows, a._columns, b._rows);
        }
    }
}
