// A frozen copy of main 70759451's generated MHessianVector for the scalar suite's four Hessian methods (perf25, issue 12;
// it replaced perf21's copy of ccf62692): the forward-over-reverse product before forward inlining reached it, timed
// against this build's in one process (`hvp-probe [rounds] [calls] main`). Written by the generator, not edited.
#nullable enable
#nullable disable warnings

namespace HvpProbe
{
internal static class ScalarFunctionsMain
{
	public static double NeuronHessianVector(double w0, double x0, double w1, double x1, double w2, global::System.ReadOnlySpan<double> direction, global::System.Span<double> hessianVector)
	{
		// arguments: a direction and an output of n entries each, before any work
		global::AutoDiffGen.Internals.HessianVectorWorkspace.CheckLengths(direction.Length, hessianVector.Length, 5);
		// forward over reverse: the gradient's sweeps, every value with its tangent along direction, every adjoint with
		// its tangent; the tangents of the parameters' adjoints are H·direction
		hessianVector.Clear();
		double tW0 = direction[0];
		double tdW0 = 0.0;
		double tX0 = direction[1];
		double tdX0 = 0.0;
		double tW1 = direction[2];
		double tdW1 = 0.0;
		double tX1 = direction[3];
		double tdX1 = 0.0;
		double tW2 = direction[4];
		double tdW2 = 0.0;
		double dResult = 1.0;
		double tdSigmoid = 0.0;
		double prod = w0 * x0;
		double tProd = x0 * tW0 + w0 * tX0;
		double prod2 = w1 * x1;
		double tProd2 = x1 * tW1 + w1 * tX1;
		double sum = prod + prod2;
		double tSum = tProd + tProd2;
		double dot = sum + w2;
		double tDot = tSum + tW2;
		double sigmoid = 1.0 / (1.0 + global::System.Math.Exp(-dot));
		double tSigmoid = global::AutoDiffGen.Internals.SafeDerivatives.Sigmoid(dot, sigmoid) * tDot;

		double dDot = global::AutoDiffGen.Internals.SafeDerivatives.Sigmoid(dot, sigmoid) * dResult;
		double tdDot = (global::AutoDiffGen.Internals.SafeDerivatives.Sigmoid(dot, sigmoid) * tdSigmoid) + (tDot == 0.0 ? 0.0 : (global::AutoDiffGen.Internals.SafeDerivatives.Sigmoid(dot, sigmoid) * (1.0 - 2.0 * sigmoid)) * tDot) * dResult;
		tdW2 += tdDot;
		tdW1 += (x1 * tdDot) + tX1 * dDot;
		tdX1 += (w1 * tdDot) + tW1 * dDot;
		tdW0 += (x0 * tdDot) + tX0 * dDot;
		tdX0 += (w0 * tdDot) + tW0 * dDot;

		hessianVector[0] = tdW0;
		hessianVector[1] = tdX0;
		hessianVector[2] = tdW1;
		hessianVector[3] = tdX1;
		hessianVector[4] = tdW2;
		return sigmoid;
	}
	public static double RosenbrockHessianVector(double x, double y, global::System.ReadOnlySpan<double> direction, global::System.Span<double> hessianVector)
	{
		// arguments: a direction and an output of n entries each, before any work
		global::AutoDiffGen.Internals.HessianVectorWorkspace.CheckLengths(direction.Length, hessianVector.Length, 2);
		// forward over reverse: the gradient's sweeps, every value with its tangent along direction, every adjoint with
		// its tangent; the tangents of the parameters' adjoints are H·direction
		hessianVector.Clear();
		double tX = direction[0];
		double tdX = 0.0;
		double tY = direction[1];
		double tdY = 0.0;
		double dResult = 1.0;
		double tdSum = 0.0;
		double a = 1.0 - x;
		double tA = -tX;
		double prod = x * x;
		double tProd = x * tX + x * tX;
		double b = y - prod;
		double tB = tY - tProd;
		double prod2 = a * a;
		double tProd2 = a * tA + a * tA;
		double prod3 = 100.0 * b;
		double tProd3 = 100.0 * tB;
		double prod4 = prod3 * b;
		double tProd4 = b * tProd3 + prod3 * tB;
		double sum = prod2 + prod4;
		double tSum = tProd2 + tProd4;

		double dProd3 = b * dResult;
		double tdProd3 = (b * tdSum) + tB * dResult;
		double dB = prod3 * dResult + 100.0 * dProd3;
		double tdB = (prod3 * tdSum) + tProd3 * dResult + 100.0 * tdProd3;
		double dA = a * dResult + a * dResult;
		double tdA = (a * tdSum) + tA * dResult + ((a * tdSum) + tA * dResult);
		tdY += tdB;
		double dProd = -dB;
		double tdProd = -tdB;
		tdX += (x * tdProd) + tX * dProd;
		tdX += (x * tdProd) + tX * dProd;
		tdX -= tdA;

		hessianVector[0] = tdX;
		hessianVector[1] = tdY;
		return sum;
	}
	public static double Gates20HessianVector(double x, double y, double z, double w, global::System.ReadOnlySpan<double> direction, global::System.Span<double> hessianVector)
	{
		// arguments: a direction and an output of n entries each, before any work
		global::AutoDiffGen.Internals.HessianVectorWorkspace.CheckLengths(direction.Length, hessianVector.Length, 4);
		// forward over reverse: the gradient's sweeps, every value with its tangent along direction, every adjoint with
		// its tangent; the tangents of the parameters' adjoints are H·direction
		hessianVector.Clear();
		double tX = direction[0];
		double tdX = 0.0;
		double tY = direction[1];
		double tdY = 0.0;
		double tZ = direction[2];
		double tdZ = 0.0;
		double tW = direction[3];
		double tdW = 0.0;
		double dResult = 1.0;
		double tdProd = 0.0;
		double a1 = x * y;
		double tA1 = y * tX + x * tY;
		double a2 = a1 + z;
		double tA2 = tA1 + tZ;
		double a3 = global::System.Math.Sin(a2);
		double tA3 = global::System.Math.Cos(a2) * tA2;
		double a4 = a3 * w;
		double tA4 = w * tA3 + a3 * tW;
		double a5 = x - w;
		double tA5 = tX - tW;
		double a6 = a5 * a5;
		double tA6 = a5 * tA5 + a5 * tA5;
		double a7 = a4 + a6;
		double tA7 = tA4 + tA6;
		double a8 = global::System.Math.Tanh(a7);
		double tA8 = global::AutoDiffGen.Internals.SafeDerivatives.Tanh(a7, a8) * tA7;
		double a9 = y * z;
		double tA9 = z * tY + y * tZ;
		double a10 = a9 + 1.0;
		double tA10 = tA9;
		double a11 = a10 * a10;
		double tA11 = a10 * tA10 + a10 * tA10;
		double a12 = a11 + 1.0;
		double tA12 = tA11;
		double a13 = global::System.Math.Log(a12);
		double tA13 = tA12 / a12;
		double a14 = a8 * a13;
		double tA14 = a13 * tA8 + a8 * tA13;
		double a15 = global::System.Math.Sqrt(a12);
		double tA15 = tA12 / (a15 + a15);
		double a16 = a14 / a15;
		double tA16 = tA14 / a15 - a16 * (tA15 / a15);
		double a17 = global::System.Math.Cos(x);
		double tA17 = -global::System.Math.Sin(x) * tX;
		double a18 = a17 * w;
		double tA18 = w * tA17 + a17 * tW;
		double a19 = a16 + a18;
		double tA19 = tA16 + tA18;
		double prod = a19 * x;
		double tProd = x * tA19 + a19 * tX;

		double dA19 = x * dResult;
		double tdA19 = (x * tdProd) + tX * dResult;
		tdX += (a19 * tdProd) + tA19 * dResult;
		double dA17 = w * dA19;
		double tdA17 = (w * tdA19) + tW * dA19;
		tdW += (a17 * tdA19) + tA17 * dA19;
		tdX -= (global::System.Math.Sin(x) * tdA17) - (tX == 0.0 ? 0.0 : (-a17) * tX) * dA17;
		double dA14 = dA19 / a15;
		double tdA14 = (tdA19 / a15) + (tA15 == 0.0 ? 0.0 : (-1.0 / a15 / a15) * tA15) * dA19;
		double dA15 = -(a16 * (dA19 / a15));
		double tdA15 = -((a16 * (tdA19 / a15)) - ((tA14 == 0.0 ? 0.0 : (-1.0 / a15 / a15) * tA14) + (tA15 == 0.0 ? 0.0 : (2.0 * a16 / a15 / a15) * tA15)) * dA19);
		double dA8 = a13 * dA14;
		double tdA8 = (a13 * tdA14) + tA13 * dA14;
		double dA13 = a8 * dA14;
		double tdA13 = (a8 * tdA14) + tA8 * dA14;
		double dA12 = dA15 / (a15 + a15) + dA13 / a12;
		double tdA12 = (tdA15 / (a15 + a15)) + (tA12 == 0.0 ? 0.0 : (-1.0 / (4.0 * a15) / a15 / a15) * tA12) * dA15 + ((tdA13 / a12) + (tA12 == 0.0 ? 0.0 : (-1.0 / a12 / a12) * tA12) * dA13);
		double dA10 = a10 * dA12 + a10 * dA12;
		double tdA10 = (a10 * tdA12) + tA10 * dA12 + ((a10 * tdA12) + tA10 * dA12);
		tdY += (z * tdA10) + tZ * dA10;
		tdZ += (y * tdA10) + tY * dA10;
		double dA7 = global::AutoDiffGen.Internals.SafeDerivatives.Tanh(a7, a8) * dA8;
		double tdA7 = (global::AutoDiffGen.Internals.SafeDerivatives.Tanh(a7, a8) * tdA8) + (tA7 == 0.0 ? 0.0 : (-2.0 * a8 * global::AutoDiffGen.Internals.SafeDerivatives.Tanh(a7, a8)) * tA7) * dA8;
		double dA5 = a5 * dA7 + a5 * dA7;
		double tdA5 = (a5 * tdA7) + tA5 * dA7 + ((a5 * tdA7) + tA5 * dA7);
		tdX += tdA5;
		tdW -= tdA5;
		double dA3 = w * dA7;
		double tdA3 = (w * tdA7) + tW * dA7;
		tdW += (a3 * tdA7) + tA3 * dA7;
		double dA2 = global::System.Math.Cos(a2) * dA3;
		double tdA2 = (global::System.Math.Cos(a2) * tdA3) + (tA2 == 0.0 ? 0.0 : (-a3) * tA2) * dA3;
		tdZ += tdA2;
		tdX += (y * tdA2) + tY * dA2;
		tdY += (x * tdA2) + tX * dA2;

		hessianVector[0] = tdX;
		hessianVector[1] = tdY;
		hessianVector[2] = tdZ;
		hessianVector[3] = tdW;
		return prod;
	}
	public static double HornerHessianVector(double[] c, double x, global::System.ReadOnlySpan<double> direction, global::System.Span<double> hessianVector)
	{
		// arguments: a direction and an output of n entries each, before any work
		global::AutoDiffGen.Internals.HessianVectorWorkspace.CheckLengths(direction.Length, hessianVector.Length, 1 + c.Length);
		// forward over reverse: the gradient's sweeps, every value with its tangent along direction, every adjoint with
		// its tangent; the tangents of the parameters' adjoints are H·direction
		hessianVector.Clear();
		global::System.ReadOnlySpan<double> tC = direction.Slice(0, c.Length);
		global::System.Span<double> tdC = hessianVector.Slice(0, c.Length);
		double tX = direction[c.Length];
		double tdX = 0.0;
		double dResult = 1.0;
		using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
		double[] tapeDouble = tapes.Tape<double>();
		int tapeDoubleTop;
		int tapeDoubleWant = 0;
		goto forwardSweep;
		growTapes:
		if (tapeDouble.Length - tapeDoubleTop < 2 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
		forwardSweep:
		tapeDoubleTop = 0;
		double acc = 0.0;
		int i = c.Length - 1;
		double tAcc_1 = 0.0;
		double acc_1 = acc;
		int i_1 = i;
		int trip = 0;
		if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(i, -1, 0, true) * 2))) goto growTapes;
		while (true)
		{
			bool c2 = i_1 >= 0;
			if (!c2) break;
			double prod = acc_1 * x;
			double tProd = x * tAcc_1 + acc_1 * tX;
			double element = c[i_1];
			double tElement = tC[i_1];
			double acc_2 = prod + element;
			double tAcc_2 = tProd + tElement;
			int i_2 = i_1 - 1;
			if (tapeDouble.Length - tapeDoubleTop < 2) goto growTapes;
			tapeDouble[tapeDoubleTop++] = acc_1;
			tapeDouble[tapeDoubleTop++] = tAcc_1;
			acc_1 = acc_2;
			tAcc_1 = tAcc_2;
			i_1 = i_2;
			trip++;
		}
		double value = acc_1;

		double dAcc_1 = dResult;
		double tdAcc_1 = 0.0;
		for (i_1 = unchecked(i - (trip - 1)); i_1 <= i; i_1++)
		{
			tAcc_1 = tapeDouble[--tapeDoubleTop];
			acc_1 = tapeDouble[--tapeDoubleTop];
			double dAcc_2 = dAcc_1;
			double tdAcc_2 = tdAcc_1;
			tdC[i_1] += tdAcc_2;
			dAcc_1 = x * dAcc_2;
			tdAcc_1 = (x * tdAcc_2) + tX * dAcc_2;
			tdX += (acc_1 * tdAcc_2) + tAcc_1 * dAcc_2;
		}

		hessianVector[c.Length] = tdX;
		return value;
	}
}
}
