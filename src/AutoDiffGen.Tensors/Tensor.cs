using System;
using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace AutoDiffGen.Tensors
{
    /// <summary>
    /// A dense float32 tensor of rank 1 (<c>[n]</c>) or rank 2 (<c>[rows, columns]</c>), stored row-major.
    /// </summary>
    /// <remarks>
    /// Operations are static methods (<see cref="MatMul(Tensor, Tensor)"/>, <see cref="Relu"/>, …), each with a
    /// registered pullback. Results are rented from the active <see cref="TensorArena"/> when there is one.
    /// A rank-1 tensor behaves as a single row: <see cref="Rows"/> is 1 and <see cref="Columns"/> is its length.
    /// </remarks>
    [DebuggerDisplay("{ToString(),nq}")]
    public sealed partial class Tensor
    {
        // The buffer may be longer than Length when an arena reuses a bigger one; never use _data.Length.
        private float[] _data;
        private int _rank;
        private int _rows;
        private int _columns;

        /// <summary>Creates a zero-filled rank-1 tensor of the given length.</summary>
        /// <param name="length">The number of elements.</param>
        public Tensor(int length)
            : this(new float[CheckDimension(length, nameof(length))], 1, 1, length)
        {
        }

        /// <summary>Creates a zero-filled rank-2 tensor of the given shape.</summary>
        /// <param name="rows">The number of rows.</param>
        /// <param name="columns">The number of columns.</param>
        public Tensor(int rows, int columns)
            : this(new float[checked(CheckDimension(rows, nameof(rows)) * CheckDimension(columns, nameof(columns)))], 2, rows, columns)
        {
        }

        private Tensor(float[] buffer, int rank, int rows, int columns)
        {
            _data = buffer;
            _rank = rank;
            _rows = rows;
            _columns = columns;
        }

        /// <summary>The number of dimensions: 1 or 2.</summary>
        public int Rank => _rank;

        /// <summary>The number of rows; 1 for a rank-1 tensor.</summary>
        public int Rows => _rows;

        /// <summary>The number of columns; the length of a rank-1 tensor.</summary>
        public int Columns => _columns;

        /// <summary>The total number of elements.</summary>
        public int Length => _rows * _columns;

        /// <summary>The elements in row-major order. Writes go straight into the tensor.</summary>
        public Span<float> Span => new Span<float>(_data, 0, Length);

        /// <summary>The backing array; its length may exceed <see cref="Length"/> for arena tensors.</summary>
        internal float[] Buffer => _data;

        /// <summary>The shape as an array: <c>[n]</c> or <c>[rows, columns]</c>.</summary>
        public int[] Shape => _rank == 1 ? new[] { _columns } : new[] { _rows, _columns };

        /// <summary>The shape as text, such as <c>[3, 100]</c> or <c>[100]</c>.</summary>
        public string ShapeText => _rank == 1
            ? "[" + _columns.ToString(CultureInfo.InvariantCulture) + "]"
            : "[" + _rows.ToString(CultureInfo.InvariantCulture) + ", " + _columns.ToString(CultureInfo.InvariantCulture) + "]";

        /// <summary>The element at a flat row-major index.</summary>
        /// <param name="index">An index in <c>[0, Length)</c>.</param>
        public float this[int index]
        {
            get => Span[index];
            set => Span[index] = value;
        }

        /// <summary>The element at a row and column.</summary>
        /// <param name="row">The row, in <c>[0, Rows)</c>.</param>
        /// <param name="column">The column, in <c>[0, Columns)</c>.</param>
        public float this[int row, int column]
        {
            get => Span[FlatIndex(row, column)];
            set => Span[FlatIndex(row, column)] = value;
        }

        /// <summary>One row of a rank-2 tensor (the whole tensor for rank 1).</summary>
        /// <param name="row">The row, in <c>[0, Rows)</c>.</param>
        public Span<float> Row(int row)
        {
            if ((uint)row >= (uint)_rows)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"Row {row} is outside a tensor of shape {ShapeText}.");
            }

            return new Span<float>(_data, row * _columns, _columns);
        }

        /// <summary>True when both tensors have the same rank and dimensions.</summary>
        /// <param name="other">The tensor to compare with.</param>
        public bool HasSameShape(Tensor other) =>
            other._rank == _rank && other._rows == _rows && other._columns == _columns;

        /// <summary>
        /// A zero-filled tensor of the same shape, rented from the active <see cref="TensorArena"/> if any.
        /// Generated backward code uses it for the adjoint of an intermediate.
        /// </summary>
        public Tensor ZeroAdjoint() => Allocate(_rank, _rows, _columns, clear: true);

        /// <summary>A copy with its own storage (never rented from an arena).</summary>
        public Tensor Clone() => new Tensor(Span.ToArray(), _rank, _rows, _columns);

        /// <summary>The elements in row-major order, as a new array.</summary>
        public float[] ToArray() => Span.ToArray();

        /// <summary>The shape and the first few elements, e.g. <c>Tensor[2, 3] { 1, 2, 3, 4, 5, 6 }</c>.</summary>
        public override string ToString()
        {
            const int shown = 6;
            var text = new StringBuilder("Tensor").Append(ShapeText).Append(" { ");
            ReadOnlySpan<float> values = Span;
            for (int i = 0; i < Math.Min(shown, values.Length); i++)
            {
                text.Append(i == 0 ? string.Empty : ", ").Append(values[i].ToString("G6", CultureInfo.InvariantCulture));
            }

            return text.Append(values.Length > shown ? ", … }" : " }").ToString();
        }

        /// <summary>A result tensor: rented from the active arena, or freshly allocated.</summary>
        internal static Tensor Allocate(int rank, int rows, int columns, bool clear)
        {
            TensorArena? arena = TensorArena.Current;
            if (arena is not null)
            {
                return arena.Rent(rank, rows, columns, clear);
            }

            // A fresh array is already zeroed; skip zeroing when the caller overwrites every element.
            float[] buffer = clear ? new float[rows * columns] : GC.AllocateUninitializedArray<float>(rows * columns);
            return new Tensor(buffer, rank, rows, columns);
        }

        /// <summary>A result shaped like <paramref name="like"/>.</summary>
        internal static Tensor AllocateLike(Tensor like, bool clear) => Allocate(like._rank, like._rows, like._columns, clear);

        /// <summary>Wraps an existing buffer; used by the arena.</summary>
        internal static Tensor Wrap(float[] buffer, int rank, int rows, int columns) => new Tensor(buffer, rank, rows, columns);

        /// <summary>Gives an arena tensor a new shape that fits its buffer.</summary>
        internal void Reshape(int rank, int rows, int columns)
        {
            Debug.Assert(rows * columns <= _data.Length);
            _rank = rank;
            _rows = rows;
            _columns = columns;
        }

        private int FlatIndex(int row, int column)
        {
            if ((uint)row >= (uint)_rows || (uint)column >= (uint)_columns)
            {
                throw new ArgumentOutOfRangeException(nameof(row), $"Index ({row}, {column}) is outside a tensor of shape {ShapeText}.");
            }

            return row * _columns + column;
        }

        private static int CheckDimension(int value, string name)
        {
            if (value < 0)
            {
                throw new ArgumentOutOfRangeException(name, $"A dimension cannot be negative; got {value}.");
            }

            return value;
        }
    }
}
