"""numpy float32 512x512x512 matrix product (OpenBLAS): GFLOPS = 2*512^3 / time.
Run with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset (bench.sh does). Threads follow OpenBLAS's default
(all cores) unless OPENBLAS_NUM_THREADS is set.
Prints: sgemm512_gflops <from the median>  (and sgemm512_best_gflops <from the best>)."""
import numpy as np
from _timing import measure

n = 512
rng = np.random.default_rng(1)
a = rng.standard_normal((n, n), dtype=np.float32)
b = rng.standard_normal((n, n), dtype=np.float32)
c = np.empty((n, n), np.float32)
median, best = measure(lambda: np.matmul(a, b, out=c))
flops = 2.0 * n ** 3
print(f"sgemm512_gflops {flops / median / 1e9:.2f}")
print(f"sgemm512_best_gflops {flops / best / 1e9:.2f}")
