"""The same 2-layer SGD step (batch 64, 784-100-10, float32) through PyTorch autograd (Debian python3-torch 1.13).
Threads: --threads N (default: all cores; Debian's build starts with 1).
Prints: torch_step_ms <median>  (and torch_step_best_ms <best>)."""
import os
import sys
import torch
from _timing import measure

threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else os.cpu_count()
torch.set_num_threads(threads)
torch.manual_seed(1)
N, D, H, C = 64, 784, 100, 10
x = torch.randn(N, D)
W1 = (torch.randn(D, H) * (2 / D) ** 0.5).requires_grad_()
b1 = torch.zeros(H, requires_grad=True)
W2 = (torch.randn(H, C) * (2 / H) ** 0.5).requires_grad_()
b2 = torch.zeros(C, requires_grad=True)
labels = torch.randint(0, C, (N,))
lr = 1e-4
params = (W1, b1, W2, b2)


def step():
    for p in params:
        p.grad = None
    loss = torch.nn.functional.cross_entropy(torch.relu(x @ W1 + b1) @ W2 + b2, labels)
    loss.backward()
    with torch.no_grad():
        for p in params:
            p.add_(p.grad, alpha=-lr)
    return loss


median, best = measure(step)
print(f"torch_step_ms {median * 1e3:.4f}")
print(f"torch_step_best_ms {best * 1e3:.4f}")
print(f"torch_threads {threads}")
