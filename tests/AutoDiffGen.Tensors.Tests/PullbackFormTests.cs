using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using AutoDiffGen;
using AutoDiffGen.Tensors;
using Xunit;

namespace AutoDiffGen.Tensors.Tests
{
    /// <summary>
    /// Every [DerivativeOf] method has exactly the pullback form the generator calls (see the README):
    /// Pullback(p1…pn, R result, R dResult, one adjoint per differentiable parameter).
    /// </summary>
    public class PullbackFormTests
    {
        private static readonly NullabilityInfoContext Nullability = new();

        public static TheoryData<string> Pullbacks() => Names(PullbackMethods());

        [Fact]
        public void Every_differentiable_op_has_a_pullback()
        {
            string[] expected =
            {
                "MatMul", "MatMulTransposeA", "MatMulTransposeB", "AddBias", "Relu", "Sigmoid", "Tanh", "Add", "Subtract",
                "Multiply", "Negate", "Scale", "Square", "Sum", "Mean", "SquaredL2Norm", "SoftmaxCrossEntropy",
                "op_Addition", "op_Subtraction", "op_Multiply", "op_UnaryNegation",
            };
            var registered = PullbackMethods().Select(m => m.GetCustomAttribute<DerivativeOfAttribute>()!.MethodName).ToHashSet();
            Assert.Empty(expected.Except(registered));
        }

        [Theory]
        [MemberData(nameof(Pullbacks))]
        public void Has_the_documented_form(string pullbackName)
        {
            MethodInfo pullback = typeof(Tensor).GetMethod(pullbackName, BindingFlags.Public | BindingFlags.Static)!;
            string target = pullback.GetCustomAttribute<DerivativeOfAttribute>()!.MethodName;
            MethodInfo[] forwards = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == target).ToArray();
            Assert.True(forwards.Length == 1, $"{target} must have exactly one overload so that [DerivativeOf(\"{target}\")] is unambiguous");
            MethodInfo forward = forwards[0];

            var expected = new List<(Type Type, bool Nullable)>();
            expected.AddRange(forward.GetParameters().Select(p => (p.ParameterType, false)));
            expected.Add((forward.ReturnType, false));
            expected.Add((forward.ReturnType, false));
            foreach (ParameterInfo p in forward.GetParameters())
            {
                if (p.ParameterType == typeof(Tensor))
                {
                    expected.Add((typeof(Tensor), true));
                }
                else if (p.ParameterType == typeof(float))
                {
                    expected.Add((typeof(float).MakeByRefType(), false));
                }
            }

            ParameterInfo[] actual = pullback.GetParameters();
            Assert.Equal(typeof(void), pullback.ReturnType);
            Assert.Equal(pullbackName, target + "Pullback");
            Assert.Equal(expected.Select(e => e.Type), actual.Select(p => p.ParameterType));
            for (int i = 0; i < actual.Length; i++)
            {
                if (actual[i].ParameterType == typeof(Tensor))
                {
                    bool nullable = Nullability.Create(actual[i]).ReadState == NullabilityState.Nullable;
                    Assert.True(nullable == expected[i].Nullable, $"{pullbackName} parameter {actual[i].Name}: nullable must be {expected[i].Nullable}");
                }
            }
        }

        public static TheoryData<string> Forwards() => Names(ForwardMethods());

        private static TheoryData<string> Names(IEnumerable<MethodInfo> methods)
        {
            var data = new TheoryData<string>();
            foreach (MethodInfo m in methods)
            {
                data.Add(m.Name);
            }

            return data;
        }

        /// <summary>Every op with a pullback also has a forward derivative (modes8), which MForward calls.</summary>
        [Fact]
        public void Every_op_with_a_pullback_has_a_forward_derivative()
        {
            var pullbacks = PullbackMethods().Select(m => m.GetCustomAttribute<DerivativeOfAttribute>()!.MethodName).ToHashSet();
            var forwards = ForwardMethods().Select(m => m.GetCustomAttribute<DerivativeOfAttribute>()!.MethodName).ToHashSet();
            Assert.Empty(pullbacks.Except(forwards));
        }

        /// <summary>
        /// The contract's forward shape: R OpForward(p1…pn, one tangent per differentiable parameter (Tensor? for a tensor,
        /// float for a float), out R tResult).
        /// </summary>
        [Theory]
        [MemberData(nameof(Forwards))]
        public void Forward_derivative_has_the_contract_form(string forwardName)
        {
            MethodInfo derivative = typeof(Tensor).GetMethod(forwardName, BindingFlags.Public | BindingFlags.Static)!;
            string target = derivative.GetCustomAttribute<DerivativeOfAttribute>()!.MethodName;
            MethodInfo op = typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static).Single(m => m.Name == target);
            Assert.Equal(target + "Forward", forwardName);
            Assert.Equal(op.ReturnType, derivative.ReturnType);
            var expected = op.GetParameters().Select(p => (p.ParameterType, false)).ToList();
            expected.AddRange(op.GetParameters().Where(p => p.ParameterType == typeof(Tensor) || p.ParameterType == typeof(float)).Select(p => (p.ParameterType, p.ParameterType == typeof(Tensor))));
            expected.Add((op.ReturnType.MakeByRefType(), false));
            ParameterInfo[] actual = derivative.GetParameters();
            Assert.Equal(expected.Select(e => e.Item1), actual.Select(p => p.ParameterType));
            Assert.True(actual[^1].IsOut, forwardName + ": tResult is an out parameter");
            for (int i = op.GetParameters().Length; i < actual.Length - 1; i++)
            {
                bool nullable = Nullability.Create(actual[i]).ReadState == NullabilityState.Nullable;
                Assert.True(nullable == expected[i].Item2, $"{forwardName} parameter {actual[i].Name}: nullable must be {expected[i].Item2}");
            }
        }

        private static IEnumerable<MethodInfo> PullbackMethods() =>
            typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetCustomAttribute<DerivativeOfAttribute>() is not null && m.ReturnType == typeof(void));

        private static IEnumerable<MethodInfo> ForwardMethods() =>
            typeof(Tensor).GetMethods(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m.GetCustomAttribute<DerivativeOfAttribute>() is not null && m.ReturnType != typeof(void));
    }
}
