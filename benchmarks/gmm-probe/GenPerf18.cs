// The generated ObjectiveBackward of main cb19d15a (perf18: confined local arrays and their adjoints lent by the workspace), frozen: the "before" of perf19.
#nullable enable
namespace GmmProbe
{
    internal static class GenPerf18
    {
	[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
	public static double ObjectiveBackward(int d, int k, double[] alphas, double[] means, double[] icf, double[] x, double wishartGamma, int wishartM, double[] dAlphas, double[] dMeans, double[] dIcf, double dResult = 1)
	{
		global::AutoDiffGen.Internals.Check.Array(alphas, dAlphas, "alphas", "dAlphas");
		global::AutoDiffGen.Internals.Check.Array(means, dMeans, "means", "dMeans");
		global::AutoDiffGen.Internals.Check.Array(icf, dIcf, "icf", "dIcf");
		using var tapes = global::AutoDiffGen.Internals.TapeWorkspace.Enter();
		double[] tapeDouble = tapes.Tape<double>();
		int[] tapeInt = tapes.Tape<int>();
		int tapeDoubleTop, tapeIntTop;
		int tapeDoubleWant = 0;
		goto forwardSweep;
		growTapes:
		if (tapeDouble.Length - tapeDoubleTop < 1 || tapeDouble.Length < tapeDoubleWant) tapeDouble = tapes.Grow(tapeDouble, 0, tapeDoubleWant);
		if (tapeInt.Length - tapeIntTop < 1) tapeInt = tapes.Grow(tapeInt, 0);
		forwardSweep:
		tapeDoubleTop = 0;
		tapeIntTop = 0;
		double wishartGammaCopy = global::AutoDiffGen.Internals.TapeWorkspace.Copy(ref wishartGamma);
		int n = x.Length / d;
		int icfSize = (d * (d + 1)) / 2;
		double[] qdiags = tapes.Local<double>(k * d);
		double[] sumQs = tapes.Local<double>(k);
		double[] mainTerm = tapes.Local<double>(k);
		double[] xc = tapes.Local<double>(d);
		double[] qx = tapes.Local<double>(d);
		int ik = 0;
		double[] qdiags_1 = qdiags;
		double[] sumQs_1 = sumQs;
		int ik_1 = ik;
		int trip2 = 0;
		if (tapeDouble.Length < (tapeDoubleWant = global::AutoDiffGen.Internals.TapeWorkspace.Want(tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false)))) goto growTapes;
		while (true)
		{
			bool c = ik_1 < k;
			if (!c) break;
			int id = 0;
			double s_1 = 0.0;
			double[] qdiags_2 = qdiags_1;
			int id_1 = id;
			while (true)
			{
				bool c2 = id_1 < d;
				if (!c2) break;
				int c3 = (ik_1 * icfSize) + id_1;
				double element = icf[c3];
				double s_2 = s_1 + element;
				int c4 = (ik_1 * d) + id_1;
				int c5 = (ik_1 * icfSize) + id_1;
				double element2 = icf[c5];
				double exp = global::System.Math.Exp(element2);
				qdiags_2[c4] = exp;
				int id_2 = id_1 + 1;
				if (tapeDouble.Length - tapeDoubleTop < 1) goto growTapes;
				tapeDouble[tapeDoubleTop++] = exp;
				s_1 = s_2;
				id_1 = id_2;
			}
			sumQs_1[ik_1] = s_1;
			int ik_2 = ik_1 + 1;
			qdiags_1 = qdiags_2;
			ik_1 = ik_2;
			trip2++;
		}
		double slse = 0.0;
		int ix = 0;
		var dQdiags = tapes.Local<double>(qdiags.Length);
		var dSumQs = tapes.Local<double>(sumQs.Length);
		var dMainTerm = tapes.Local<double>(mainTerm.Length);
		var dXc = tapes.Local<double>(xc.Length);
		var dQx = tapes.Local<double>(qx.Length);
		double dSlse_1 = dResult;
		double[] xc_1 = xc;
		double[] qx_1 = qx;
		double[] mainTerm_1 = mainTerm;
		double slse_1 = slse;
		int ix_1 = ix;
		tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false) * (global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false) + global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false) + global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, d, false)) + global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false));
		tapeInt = tapes.Reserve(tapeInt, tapeIntTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false));
		while (true)
		{
			bool c6 = ix_1 < n;
			if (!c6) break;
			int ik_3 = 0;
			double[] xc_2 = xc_1;
			double[] qx_2 = qx_1;
			double[] mainTerm_2 = mainTerm_1;
			int ik_4 = ik_3;
			while (true)
			{
				bool c7 = ik_4 < k;
				if (!c7) break;
				int id_3 = 0;
				double[] xc_3 = xc_2;
				int id_4 = id_3;
				while (true)
				{
					bool c8 = id_4 < d;
					if (!c8) break;
					double c9 = x[(ix_1 * d) + id_4];
					int c10 = (ik_4 * d) + id_4;
					double element3 = means[c10];
					double diff = c9 - element3;
					xc_3[id_4] = diff;
					int id_5 = id_4 + 1;
					id_4 = id_5;
				}
				int id_6 = 0;
				double[] qx_3 = qx_2;
				int id_7 = id_6;
				while (true)
				{
					bool c11 = id_7 < d;
					if (!c11) break;
					int c12 = (ik_4 * d) + id_7;
					double element4 = qdiags_1[c12];
					double element5 = xc_3[id_7];
					double prod = element4 * element5;
					qx_3[id_7] = prod;
					int id_8 = id_7 + 1;
					tapeDouble[tapeDoubleTop++] = element5;
					id_7 = id_8;
				}
				int li = (ik_4 * icfSize) + d;
				int i = 0;
				double[] qx_4 = qx_3;
				int li_1 = li;
				int i_1 = i;
				while (true)
				{
					bool c13 = i_1 < d;
					if (!c13) break;
					int j = i_1 + 1;
					double[] qx_5 = qx_4;
					int li_2 = li_1;
					int j_1 = j;
					double element8 = j_1 < d ? xc_3[i_1] : 0.0;
					while (true)
					{
						bool c14 = j_1 < d;
						if (!c14) break;
						double element6 = qx_5[j_1];
						double element7 = icf[li_2];
						double sum = element6 + element7 * element8;
						qx_5[j_1] = sum;
						int li_3 = li_2 + 1;
						int j_2 = j_1 + 1;
						li_2 = li_3;
						j_1 = j_2;
					}
					int i_2 = i_1 + 1;
					qx_4 = qx_5;
					li_1 = li_2;
					i_1 = i_2;
				}
				int id_9 = 0;
				double sq_1 = 0.0;
				int id_10 = id_9;
				while (true)
				{
					bool c15 = id_10 < d;
					if (!c15) break;
					double element9 = qx_4[id_10];
					int id_11 = id_10 + 1;
					tapeDouble[tapeDoubleTop++] = element9;
					sq_1 = sq_1 + element9 * element9;
					id_10 = id_11;
				}
				double element10 = alphas[ik_4];
				double element11 = sumQs_1[ik_4];
				double diff2 = element10 + element11 - 0.5 * sq_1;
				mainTerm_2[ik_4] = diff2;
				int ik_5 = ik_4 + 1;
				tapeInt[tapeIntTop++] = li_1;
				xc_2 = xc_3;
				qx_2 = qx_4;
				ik_4 = ik_5;
			}
			double mx = mainTerm_2[0];
			int ik_6 = 1;
			double mx_1 = mx;
			int ik_7 = ik_6;
			int mx_2Taken = unchecked(ik_6 - 1);
			while (true)
			{
				bool c16 = ik_7 < k;
				if (!c16) break;
				double element12 = mainTerm_2[ik_7];
				mx_2Taken = mx_1 >= element12 ? mx_2Taken : ik_7;
				int ik_8 = ik_7 + 1;
				mx_1 = global::System.Math.Max(mx_1, element12);
				ik_7 = ik_8;
			}
			int ik_9 = 0;
			double se_1 = 0.0;
			int ik_10 = ik_9;
			while (true)
			{
				bool c17 = ik_10 < k;
				if (!c17) break;
				double element13 = mainTerm_2[ik_10];
				double exp2 = global::System.Math.Exp(element13 - mx_1);
				int ik_11 = ik_10 + 1;
				tapeDouble[tapeDoubleTop++] = exp2;
				se_1 = se_1 + exp2;
				ik_10 = ik_11;
			}
			double slse_2 = slse_1 + (global::System.Math.Log(se_1) + mx_1);
			int ix_2 = ix_1 + 1;
			double dSlse_2 = dSlse_1;
			dSlse_1 = dSlse_2;
			double dMx_1 = dSlse_2;
			double dSe_1 = dSlse_2 / se_1;
			for (ik_10 = unchecked(ik_9 + ((ik_9 < k ? unchecked(k - ik_9) : 0) - 1)); ik_10 >= ik_9; ik_10--)
			{
				double exp2 = tapeDouble[--tapeDoubleTop];
				double dDiff3 = exp2 * dSe_1;
				dMx_1 -= dDiff3;
				dMainTerm[ik_10] += dDiff3;
			}
			for (ik_7 = unchecked(ik_6 + ((ik_6 < k ? unchecked(k - ik_6) : 0) - 1)); ik_7 >= ik_6; ik_7--)
			{
				double dMx_2 = dMx_1;
				dMx_1 = ik_7 != mx_2Taken ? dMx_2 : 0.0;
				dMainTerm[ik_7] += ik_7 != mx_2Taken ? 0.0 : dMx_2;
			}
			dMainTerm[0] += dMx_1;
			for (ik_4 = unchecked(ik_3 + ((ik_3 < k ? unchecked(k - ik_3) : 0) - 1)); ik_4 >= ik_3; ik_4--)
			{
				int li_1 = tapeInt[--tapeIntTop];
				int id_9 = 0;
				double dDiff2 = dMainTerm[ik_4];
				dMainTerm[ik_4] = 0.0;
				double dSq_1 = 0.5 * (-dDiff2);
				dSumQs[ik_4] += dDiff2;
				dAlphas[ik_4] += dDiff2;
				int id_10 = default;
				int i_1 = default;
				int id_7 = default;
				int id_4 = default;
				int rows1 = (id_9 < d ? unchecked(d - id_9) : 0);
				int doubleRows1 = tapeDoubleTop - rows1;
				int doubleRows2 = doubleRows1 - rows1;
				tapeDoubleTop = doubleRows2;
				for (id_10 = unchecked(id_9 + (rows1 - 1)); id_10 >= id_9; id_10--)
				{
					double element9 = tapeDouble[doubleRows1 + (id_10 - id_9)];
					double dQxRow1 = (element9 + element9) * dSq_1;
					dQx[id_10] = dQxRow1;
					i_1 = id_10;
					double element8 = tapeDouble[doubleRows2 + (id_10 - id_9)];
					int j = i_1 + 1;
					int li_2 = default, j_1 = default;
					li_1 = unchecked(li_1 - (j < d ? unchecked(d - j) : 0));
					double dXcRow1 = dXc[i_1];
					double dXcAt1 = dXcRow1;
					for (int iteration5 = (j < d ? unchecked(d - j) : 0); iteration5 > 0; iteration5--)
					{
						li_2 = unchecked(li_1 + (iteration5 - 1));
						j_1 = unchecked(j + (iteration5 - 1));
						double element7 = icf[li_2];
						double dSum = dQx[j_1];
						dXcAt1 += element7 * dSum;
						dIcf[li_2] += element8 * dSum;
					}
					dXcRow1 = dXcAt1;
					id_7 = id_10;
					double element5 = element8;
					int c12 = (ik_4 * d) + id_7;
					double element4 = qdiags_1[c12];
					double dProd = dQxRow1;
					dQdiags[c12] += element5 * dProd;
					id_4 = id_7;
					int c10 = (ik_4 * d) + id_4;
					double dDiff = dXcRow1 + (element4 * dProd);
					dXc[id_4] = 0.0;
					dMeans[c10] += -dDiff;
				}
				i_1 = id_10;
				id_7 = id_10;
				id_4 = id_7;
			}
			xc_1 = xc_2;
			qx_1 = qx_2;
			mainTerm_1 = mainTerm_2;
			slse_1 = slse_2;
			ix_1 = ix_2;
		}
		double amx = alphas[0];
		int ik_12 = 1;
		double amx_1 = amx;
		int ik_13 = ik_12;
		int trip12 = 0;
		tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(1, 1, k, false));
		while (true)
		{
			bool c18 = ik_13 < k;
			if (!c18) break;
			double element14 = alphas[ik_13];
			int ik_14 = ik_13 + 1;
			if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
			tapeDouble[tapeDoubleTop++] = amx_1;
			amx_1 = global::System.Math.Max(amx_1, element14);
			ik_13 = ik_14;
			trip12++;
		}
		int ik_15 = 0;
		double ase_1 = 0.0;
		int ik_16 = ik_15;
		int trip13 = 0;
		tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false));
		while (true)
		{
			bool c19 = ik_16 < k;
			if (!c19) break;
			double element15 = alphas[ik_16];
			double exp3 = global::System.Math.Exp(element15 - amx_1);
			int ik_17 = ik_16 + 1;
			if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
			tapeDouble[tapeDoubleTop++] = exp3;
			ase_1 = ase_1 + exp3;
			ik_16 = ik_17;
			trip13++;
		}
		double lseAlphas = global::System.Math.Log(ase_1) + amx_1;
		int ik_18 = 0;
		double prior_1 = 0.0;
		int ik_19 = ik_18;
		int trip16 = 0;
		tapeDouble = tapes.Reserve(tapeDouble, tapeDoubleTop, global::AutoDiffGen.Internals.TapeWorkspace.Trips(0, 1, k, false));
		while (true)
		{
			bool c20 = ik_19 < k;
			if (!c20) break;
			int id_12 = 0;
			double fro_1 = 0.0;
			int id_13 = id_12;
			while (true)
			{
				bool c21 = id_13 < d;
				if (!c21) break;
				int c22 = (ik_19 * d) + id_13;
				double element16 = qdiags_1[c22];
				int c23 = (ik_19 * d) + id_13;
				double element17 = qdiags_1[c23];
				int id_14 = id_13 + 1;
				fro_1 = fro_1 + element16 * element17;
				id_13 = id_14;
			}
			int l = d;
			double fro_3 = fro_1;
			int l_1 = l;
			while (true)
			{
				bool c24 = l_1 < icfSize;
				if (!c24) break;
				int c25 = (ik_19 * icfSize) + l_1;
				double element18 = icf[c25];
				int c26 = (ik_19 * icfSize) + l_1;
				double element19 = icf[c26];
				int l_2 = l_1 + 1;
				fro_3 = fro_3 + element18 * element19;
				l_1 = l_2;
			}
			double c27 = (0.5 * wishartGamma) * wishartGamma;
			double c28 = (double)wishartM;
			double element20 = sumQs_1[ik_19];
			int ik_20 = ik_19 + 1;
			if (tapeDouble.Length - tapeDoubleTop < 1) tapeDouble = tapes.Grow(tapeDouble, tapeDoubleTop);
			tapeDouble[tapeDoubleTop++] = c27;
			prior_1 = prior_1 + (c27 * fro_3 - c28 * element20);
			ik_19 = ik_20;
			trip16++;
		}
		double c29 = (double)n;
		double value = slse_1 - c29 * lseAlphas + prior_1;

		double dPrior_1 = dResult;
		dSlse_1 += dResult;
		double dLseAlphas = c29 * (-dResult);
		for (ik_19 = unchecked(ik_18 + (trip16 - 1)); ik_19 >= ik_18; ik_19--)
		{
			double c27 = tapeDouble[--tapeDoubleTop];
			int id_12 = 0;
			int l = d;
			double c28 = (double)wishartM;
			dSumQs[ik_19] += c28 * (-dPrior_1);
			double dFro_3 = c27 * dPrior_1;
			int l_1 = default;
			for (int iteration15 = (l < icfSize ? unchecked(icfSize - l) : 0); iteration15 > 0; iteration15--)
			{
				l_1 = unchecked(l + (iteration15 - 1));
				int c25 = (ik_19 * icfSize) + l_1;
				double element18 = icf[c25];
				int c26 = (ik_19 * icfSize) + l_1;
				double element19 = icf[c26];
				dIcf[c26] += element18 * dFro_3;
				dIcf[c25] += element19 * dFro_3;
			}
			double dFro_1 = dFro_3;
			int id_13 = default;
			for (id_13 = unchecked(id_12 + ((id_12 < d ? unchecked(d - id_12) : 0) - 1)); id_13 >= id_12; id_13--)
			{
				int c22 = (ik_19 * d) + id_13;
				double element16 = qdiags_1[c22];
				int c23 = (ik_19 * d) + id_13;
				double element17 = qdiags_1[c23];
				dQdiags[c23] += element16 * dFro_1;
				dQdiags[c22] += element17 * dFro_1;
			}
		}
		double dAmx_1 = dLseAlphas;
		double dAse_1 = dLseAlphas / ase_1;
		for (ik_16 = unchecked(ik_15 + (trip13 - 1)); ik_16 >= ik_15; ik_16--)
		{
			double exp3 = tapeDouble[--tapeDoubleTop];
			double dDiff4 = exp3 * dAse_1;
			dAmx_1 -= dDiff4;
			dAlphas[ik_16] += dDiff4;
		}
		for (ik_13 = unchecked(ik_12 + (trip12 - 1)); ik_13 >= ik_12; ik_13--)
		{
			amx_1 = tapeDouble[--tapeDoubleTop];
			double element14 = alphas[ik_13];
			double dAmx_2 = dAmx_1;
			dAmx_1 = amx_1 >= element14 ? dAmx_2 : 0.0;
			dAlphas[ik_13] += amx_1 >= element14 ? 0.0 : dAmx_2;
		}
		dAlphas[0] += dAmx_1;
		for (ik_1 = unchecked(ik + (trip2 - 1)); ik_1 >= ik; ik_1--)
		{
			int id = 0;
			double dS_1 = dSumQs[ik_1];
			dSumQs[ik_1] = 0.0;
			int id_1 = default;
			for (id_1 = unchecked(id + ((id < d ? unchecked(d - id) : 0) - 1)); id_1 >= id; id_1--)
			{
				double exp = tapeDouble[--tapeDoubleTop];
				int c3 = (ik_1 * icfSize) + id_1;
				int c4 = (ik_1 * d) + id_1;
				int c5 = (ik_1 * icfSize) + id_1;
				double dExp = dQdiags[c4];
				dQdiags[c4] = 0.0;
				dIcf[c5] += exp * dExp;
				dIcf[c3] += dS_1;
			}
		}

		return value;
	}
    }
}
