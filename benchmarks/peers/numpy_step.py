"""One SGD step of the 784-100-10 ReLU net (batch 64, float32) hand-written in numpy: the same work as
TwoLayerStepBenchmarks in tests/AutoDiffGen.Benchmarks (zero grads, forward, softmax cross-entropy,
backward, W -= lr*dW). Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (bench.sh does).
Prints: numpy_step_ms <median>  (and numpy_step_best_ms <best>)."""
import numpy as np
from _timing import measure

rng = np.random.default_rng(1)
N, D, H, C = 64, 784, 100, 10
x = rng.standard_normal((N, D), dtype=np.float32)
W1 = (rng.standard_normal((D, H)) * np.sqrt(2 / D)).astype(np.float32)
b1 = np.zeros(H, np.float32)
W2 = (rng.standard_normal((H, C)) * np.sqrt(2 / H)).astype(np.float32)
b2 = np.zeros(C, np.float32)
labels = rng.integers(0, C, N)
lr = np.float32(1e-4)
rows = np.arange(N)


def step():
    global W1, b1, W2, b2
    h1 = x @ W1
    a1 = h1 + b1
    r1 = np.maximum(a1, 0)
    scores = r1 @ W2 + b2
    shifted = scores - scores.max(axis=1, keepdims=True)
    e = np.exp(shifted)
    s = e.sum(axis=1, keepdims=True)
    loss = float(np.mean(np.log(s[:, 0]) - shifted[rows, labels]))
    dscores = e / s
    dscores[rows, labels] -= 1
    dscores /= N
    dW2 = r1.T @ dscores
    db2 = dscores.sum(axis=0)
    dr1 = dscores @ W2.T
    dr1[a1 <= 0] = 0
    dW1 = x.T @ dr1
    db1 = dr1.sum(axis=0)
    W1 -= lr * dW1
    b1 -= lr * db1
    W2 -= lr * dW2
    b2 -= lr * db2
    return loss


median, best = measure(step)
print(f"numpy_step_ms {median * 1e3:.4f}")
print(f"numpy_step_best_ms {best * 1e3:.4f}")
