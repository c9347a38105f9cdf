// Port of GradBench's `hello` eval (https://github.com/gradbench/gradbench, evals/hello; MIT License,
// Copyright (c) 2024 Sam Estep): square(x) = x², whose gradient is the eval's `double` function.
using AutoDiffGen;

namespace GradBench;

public static partial class Hello
{
    [Differentiable]
    public static double Square(double x) => x * x;
}
