using System;
using System.Numerics.Tensors;

namespace AutoDiffGen.Tensors
{
    // The forward derivatives of the ops, in the contract's forward shape R OpForward(operands…, tangents…, out R tResult),
    // which a [Differentiable(Forward = true)] method's generated MForward calls. Each returns the op's value and sets
    // tResult to its pushforward (PushforwardOps); a null tangent is a zero one (a [NoDiff] operand's).
    public sealed partial class Tensor
    {
        /// <summary>Forward derivative of <see cref="MatMul(Tensor, Tensor)"/>: tResult = tA·b + a·tB.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the product.</param>
        [DerivativeOf(nameof(MatMul))]
        public static Tensor MatMulForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = MatMul(a, b);
            tResult = MatMulPushforward(a, b, tA, tB);
            return result;
        }

        /// <summary>Forward derivative of <see cref="MatMulTransposeA"/>: tResult = tAᵀ·b + aᵀ·tB.</summary>
        /// <param name="a">The left operand, used transposed.</param>
        /// <param name="b">The right operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the product.</param>
        [DerivativeOf(nameof(MatMulTransposeA))]
        public static Tensor MatMulTransposeAForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = MatMulTransposeA(a, b);
            tResult = MatMulTransposeAPushforward(a, b, tA, tB);
            return result;
        }

        /// <summary>Forward derivative of <see cref="MatMulTransposeB"/>: tResult = tA·bᵀ + a·tBᵀ.</summary>
        /// <param name="a">The left operand.</param>
        /// <param name="b">The right operand, used transposed.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the product.</param>
        [DerivativeOf(nameof(MatMulTransposeB))]
        public static Tensor MatMulTransposeBForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = MatMulTransposeB(a, b);
            tResult = MatMulTransposeBPushforward(a, b, tA, tB);
            return result;
        }

        /// <summary>Forward derivative of <see cref="AddBias"/>: tResult = tX + tBias on every row.</summary>
        /// <param name="x">The batch.</param>
        /// <param name="bias">The row vector.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tBias">The tangent of <paramref name="bias"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the sum.</param>
        [DerivativeOf(nameof(AddBias))]
        public static Tensor AddBiasForward(Tensor x, Tensor bias, Tensor? tX, Tensor? tBias, out Tensor tResult)
        {
            Tensor result = AddBias(x, bias);
            tResult = AddBiasPushforward(x, bias, tX, tBias);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Relu"/>: tResult = tX where the result is positive, else 0 (ReLU'(0) = 0).</summary>
        /// <param name="x">The input.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Relu))]
        public static Tensor ReluForward(Tensor x, Tensor? tX, out Tensor tResult)
        {
            Tensor result = Relu(x);
            tResult = ReluPushforward(x, result, tX);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Sigmoid"/>: tResult = s·(1 − s)·tX.</summary>
        /// <param name="x">The input.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Sigmoid))]
        public static Tensor SigmoidForward(Tensor x, Tensor? tX, out Tensor tResult)
        {
            Tensor result = Sigmoid(x);
            tResult = SigmoidPushforward(x, result, tX);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Tanh"/>: tResult = (1 − t²)·tX.</summary>
        /// <param name="x">The input.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Tanh))]
        public static Tensor TanhForward(Tensor x, Tensor? tX, out Tensor tResult)
        {
            Tensor result = Tanh(x);
            tResult = TanhPushforward(x, result, tX);
            return result;
        }

        /// <summary>Forward derivative of <see cref="SoftmaxCrossEntropy"/>: tResult = (1/n) Σᵢ ⟨softmax(scoresᵢ) − onehotᵢ, tScoresᵢ⟩.</summary>
        /// <param name="scores">The scores.</param>
        /// <param name="labels">The labels (not differentiable).</param>
        /// <param name="tScores">The tangent of <paramref name="scores"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the loss.</param>
        [DerivativeOf(nameof(SoftmaxCrossEntropy))]
        public static float SoftmaxCrossEntropyForward(Tensor scores, int[] labels, Tensor? tScores, out float tResult)
        {
            float result = SoftmaxCrossEntropy(scores, labels);
            tResult = SoftmaxCrossEntropyPushforward(scores, labels, tScores);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Add"/>: tResult = tA + tB.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the sum.</param>
        [DerivativeOf(nameof(Add))]
        public static Tensor AddForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = Add(a, b);
            tResult = LinearTangent(nameof(Add), a, tA, 1f, b, tB, 1f);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Subtract"/>: tResult = tA − tB.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the difference.</param>
        [DerivativeOf(nameof(Subtract))]
        public static Tensor SubtractForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = Subtract(a, b);
            tResult = LinearTangent(nameof(Subtract), a, tA, 1f, b, tB, -1f);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Multiply"/>: tResult = tA ⊙ b + a ⊙ tB.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the product.</param>
        [DerivativeOf(nameof(Multiply))]
        public static Tensor MultiplyForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult)
        {
            Tensor result = Multiply(a, b);
            ShapeChecks.Tangent(nameof(Multiply), a, tA, nameof(tA));
            ShapeChecks.Tangent(nameof(Multiply), b, tB, nameof(tB));
            tResult = AllocateLike(a, clear: true);
            if (tA is not null)
            {
                TensorPrimitives.MultiplyAdd(tA.Span, b.Span, tResult.Span, tResult.Span);
            }

            if (tB is not null)
            {
                TensorPrimitives.MultiplyAdd(a.Span, tB.Span, tResult.Span, tResult.Span);
            }

            return result;
        }

        /// <summary>Forward derivative of <see cref="Scale"/>: tResult = factor·tX + tFactor·x.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="factor">The scalar factor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tFactor">The tangent of <paramref name="factor"/>.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Scale))]
        public static Tensor ScaleForward(Tensor x, float factor, Tensor? tX, float tFactor, out Tensor tResult)
        {
            Tensor result = Scale(x, factor);
            tResult = LinearTangent(nameof(Scale), x, tX, factor, x, null, 0f);
            TensorPrimitives.MultiplyAdd(x.Span, tFactor, tResult.Span, tResult.Span);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Negate"/>: tResult = −tX.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Negate))]
        public static Tensor NegateForward(Tensor x, Tensor? tX, out Tensor tResult)
        {
            Tensor result = Negate(x);
            tResult = LinearTangent(nameof(Negate), x, tX, -1f, x, null, 0f);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Square"/>: tResult = 2·x ⊙ tX.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf(nameof(Square))]
        public static Tensor SquareForward(Tensor x, Tensor? tX, out Tensor tResult)
        {
            Tensor result = Square(x);
            ShapeChecks.Tangent(nameof(Square), x, tX, nameof(tX));
            tResult = AllocateLike(x, clear: true);
            if (tX is not null)
            {
                TensorPrimitives.Multiply(x.Span, tX.Span, tResult.Span);
                TensorPrimitives.Multiply(tResult.Span, 2f, tResult.Span);
            }

            return result;
        }

        /// <summary>Forward derivative of <see cref="Sum"/>: tResult = Σ tX.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the sum.</param>
        [DerivativeOf(nameof(Sum))]
        public static float SumForward(Tensor x, Tensor? tX, out float tResult)
        {
            float result = Sum(x);
            ShapeChecks.Tangent(nameof(Sum), x, tX, nameof(tX));
            tResult = tX is null ? 0f : TensorPrimitives.Sum<float>(tX.Span);
            return result;
        }

        /// <summary>Forward derivative of <see cref="Mean"/>: tResult = Σ tX / n (0 for an empty tensor).</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the mean.</param>
        [DerivativeOf(nameof(Mean))]
        public static float MeanForward(Tensor x, Tensor? tX, out float tResult)
        {
            float result = Mean(x);
            ShapeChecks.Tangent(nameof(Mean), x, tX, nameof(tX));
            tResult = tX is null || x.Length == 0 ? 0f : TensorPrimitives.Sum<float>(tX.Span) / x.Length;
            return result;
        }

        /// <summary>Forward derivative of <see cref="SquaredL2Norm"/>: tResult = 2·⟨x, tX⟩.</summary>
        /// <param name="x">The tensor.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the norm.</param>
        [DerivativeOf(nameof(SquaredL2Norm))]
        public static float SquaredL2NormForward(Tensor x, Tensor? tX, out float tResult)
        {
            float result = SquaredL2Norm(x);
            ShapeChecks.Tangent(nameof(SquaredL2Norm), x, tX, nameof(tX));
            tResult = tX is null ? 0f : 2f * TensorPrimitives.Dot(x.Span, tX.Span);
            return result;
        }

        /// <summary>Forward derivative of <c>a + b</c>; see <see cref="AddForward"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the sum.</param>
        [DerivativeOf("op_Addition")]
        public static Tensor op_AdditionForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult) => AddForward(a, b, tA, tB, out tResult);

        /// <summary>Forward derivative of <c>a − b</c>; see <see cref="SubtractForward"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the difference.</param>
        [DerivativeOf("op_Subtraction")]
        public static Tensor op_SubtractionForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult) => SubtractForward(a, b, tA, tB, out tResult);

        /// <summary>Forward derivative of the elementwise <c>a * b</c>; see <see cref="MultiplyForward"/>.</summary>
        /// <param name="a">The first operand.</param>
        /// <param name="b">The second operand.</param>
        /// <param name="tA">The tangent of <paramref name="a"/>; null for zero.</param>
        /// <param name="tB">The tangent of <paramref name="b"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the product.</param>
        [DerivativeOf("op_Multiply")]
        public static Tensor op_MultiplyForward(Tensor a, Tensor b, Tensor? tA, Tensor? tB, out Tensor tResult) => MultiplyForward(a, b, tA, tB, out tResult);

        /// <summary>Forward derivative of <c>−x</c>; see <see cref="NegateForward"/>.</summary>
        /// <param name="x">The operand.</param>
        /// <param name="tX">The tangent of <paramref name="x"/>; null for zero.</param>
        /// <param name="tResult">Receives the tangent of the result.</param>
        [DerivativeOf("op_UnaryNegation")]
        public static Tensor op_UnaryNegationForward(Tensor x, Tensor? tX, out Tensor tResult) => NegateForward(x, tX, out tResult);

        /// <summary>ca·tA + cb·tB, of a's shape, a null tangent being zero (b's shape is a's, checked by the op).</summary>
        private static Tensor LinearTangent(string op, Tensor a, Tensor? tA, float ca, Tensor b, Tensor? tB, float cb)
        {
            ShapeChecks.Tangent(op, a, tA, nameof(tA));
            ShapeChecks.Tangent(op, b, tB, nameof(tB));
            Tensor tangent = AllocateLike(a, clear: true);
            if (tA is not null)
            {
                TensorPrimitives.MultiplyAdd(tA.Span, ca, tangent.Span, tangent.Span);
            }

            if (tB is not null)
            {
                TensorPrimitives.MultiplyAdd(tB.Span, cb, tangent.Span, tangent.Span);
            }

            return tangent;
        }
    }
}
