using AutoDiffGen;

namespace Natural;

// Tune a PID controller on a first-order plant with a saturating actuator: minimise the integrated squared error.
public static partial class PidTuning
{
    [Differentiable(Forward = true)]
    public static double TrackingCost(double kp, double ki, double kd, [NoDiff] double setpoint, [NoDiff] double timeConstant, int steps = 400, double dt = 0.01)
    {
        double y = 0, integral = 0, previousError = setpoint;
        double cost = 0;
        for (int k = 0; k < steps; k++)
        {
            double error = setpoint - y;
            integral += error * dt;
            double derivative = (error - previousError) / dt;
            double u = Math.Clamp(kp * error + ki * integral + kd * derivative, -2.0, 2.0);
            y += dt * (u - y) / timeConstant;
            previousError = error;
            cost += error * error * dt;
        }
        return cost;
    }

    public static (double Kp, double Ki, double Kd) Tune(double setpoint, double timeConstant, int iterations = 100, double lr = 0.5)
    {
        double kp = 1, ki = 0.1, kd = 0.01;
        for (int it = 0; it < iterations; it++)
        {
            // three parameters: three forward passes give the gradient
            TrackingCostForward(kp, ki, kd, setpoint, timeConstant, 400, 0.01, 1, 0, 0, 0, out double gp);
            TrackingCostForward(kp, ki, kd, setpoint, timeConstant, 400, 0.01, 0, 1, 0, 0, out double gi);
            TrackingCostForward(kp, ki, kd, setpoint, timeConstant, 400, 0.01, 0, 0, 1, 0, out double gd);
            kp -= lr * gp;
            ki -= lr * gi;
            kd -= lr * gd;
        }
        return (kp, ki, kd);
    }
}
