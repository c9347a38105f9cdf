"""The lecture's sigmoid neuron f = 1/(1+exp(-(w0*x0 + w1*x1 + w2))) and its gradient through PyTorch scalar
autograd (0-d float64 tensors, one backward per call): the per-call time of a runtime AD on scalar code.
Prints: torch_sigmoid_us <median microseconds per forward+backward>."""
import torch
from _timing import measure

torch.set_num_threads(1)
vals = [2.0, -1.0, -3.0, -2.0, -3.0]
leaves = [torch.tensor(v, dtype=torch.float64, requires_grad=True) for v in vals]


def grad():
    w0, x0, w1, x1, w2 = leaves
    for t in leaves:
        t.grad = None
    f = 1.0 / (1.0 + torch.exp(-(w0 * x0 + w1 * x1 + w2)))
    f.backward()
    return w0.grad


median, best = measure(grad)
g = [round(t.grad.item(), 2) for t in leaves]
assert g == [-0.2, 0.39, -0.39, -0.59, 0.2], g
print(f"torch_sigmoid_us {median * 1e6:.3f}")
print(f"torch_sigmoid_best_us {best * 1e6:.3f}")
