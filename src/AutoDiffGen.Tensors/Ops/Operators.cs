namespace AutoDiffGen.Tensors
{
    // C# operators for the elementwise ops. Each has its own pullback, registered under the operator's
    // metadata name, so a [Differentiable] body may use either spelling.
    public sealed partial class Tensor
    {
        /// <summary>Elementwise sum; see <see cref="Add"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor operator +(Tensor a, Tensor b) => Add(a, b);

        /// <summary>Elementwise difference; see <see cref="Subtract"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor operator -(Tensor a, Tensor b) => Subtract(a, b);

        /// <summary>Elementwise product (not the matrix product); see <see cref="Multiply"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand, of the same shape.</param>
        public static Tensor operator *(Tensor a, Tensor b) => Multiply(a, b);

        /// <summary>Elementwise negation; see <see cref="Negate"/>.</summary>
        /// <param name="x">The operand.</param>
        public static Tensor operator -(Tensor x) => Negate(x);

        /// <summary>Pullback of <c>a + b</c>.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf("op_Addition")]
        public static void op_AdditionPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB) =>
            AddPullback(a, b, result, dResult, dA, dB);

        /// <summary>Pullback of <c>a − b</c>.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf("op_Subtraction")]
        public static void op_SubtractionPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB) =>
            SubtractPullback(a, b, result, dResult, dA, dB);

        /// <summary>Pullback of the elementwise <c>a * b</c>.</summary>
        /// <param name="a">The forward first operand.</param>
        /// <param name="b">The forward second operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dA">Receives the adjoint of <paramref name="a"/>; null to skip.</param>
        /// <param name="dB">Receives the adjoint of <paramref name="b"/>; null to skip.</param>
        [DerivativeOf("op_Multiply")]
        public static void op_MultiplyPullback(Tensor a, Tensor b, Tensor result, Tensor dResult, Tensor? dA, Tensor? dB) =>
            MultiplyPullback(a, b, result, dResult, dA, dB);

        /// <summary>Pullback of <c>−x</c>.</summary>
        /// <param name="x">The forward operand.</param>
        /// <param name="result">The forward result (unused).</param>
        /// <param name="dResult">The adjoint of the result.</param>
        /// <param name="dX">Receives the adjoint of <paramref name="x"/>; null to skip.</param>
        [DerivativeOf("op_UnaryNegation")]
        public static void op_UnaryNegationPullback(Tensor x, Tensor result, Tensor dResult, Tensor? dX) =>
            NegatePullback(x, result, dResult, dX);
    }
}
