using AutoDiffGen;

namespace Natural;

// A scalar LSTM-style cell whose state is a record struct; the weights are a record struct too.
public record struct CellState(double Hidden, double Memory);

public record struct CellWeights(double Wf, double Uf, double Bf, double Wi, double Ui, double Bi, double Wc, double Uc, double Bc, double Wo, double Uo, double Bo);

public static partial class Recurrent
{
    static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));

    static CellState Step(CellState s, double x, CellWeights w)
    {
        double forget = Sigmoid(w.Wf * x + w.Uf * s.Hidden + w.Bf);
        double input = Sigmoid(w.Wi * x + w.Ui * s.Hidden + w.Bi);
        double candidate = Math.Tanh(w.Wc * x + w.Uc * s.Hidden + w.Bc);
        double output = Sigmoid(w.Wo * x + w.Uo * s.Hidden + w.Bo);
        double memory = forget * s.Memory + input * candidate;
        return new CellState(output * Math.Tanh(memory), memory);
    }

    [Differentiable]
    public static double SequenceLoss(CellWeights w, [NoDiff] double[] inputs, [NoDiff] double[] targets)
    {
        var state = new CellState(0, 0);
        double loss = 0;
        for (int t = 0; t < inputs.Length; t++)
        {
            state = Step(state, inputs[t], w);
            double err = state.Hidden - targets[t];
            loss += err * err;
        }
        return loss / inputs.Length;
    }

    public static CellWeights Train(double[] inputs, double[] targets, int epochs = 200, double lr = 0.1)
    {
        var w = new CellWeights(0.1, 0.1, 1, 0.1, 0.1, 0, 0.5, 0.1, 0, 0.1, 0.1, 0);
        for (int e = 0; e < epochs; e++)
        {
            var g = new CellWeights();
            SequenceLossBackward(w, inputs, targets, ref g);
            w = new CellWeights(w.Wf - lr * g.Wf, w.Uf - lr * g.Uf, w.Bf - lr * g.Bf, w.Wi - lr * g.Wi, w.Ui - lr * g.Ui, w.Bi - lr * g.Bi,
                                w.Wc - lr * g.Wc, w.Uc - lr * g.Uc, w.Bc - lr * g.Bc, w.Wo - lr * g.Wo, w.Uo - lr * g.Uo, w.Bo - lr * g.Bo);
        }
        return w;
    }
}
