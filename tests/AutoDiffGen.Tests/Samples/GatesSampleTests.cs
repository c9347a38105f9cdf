using System;
using System.IO;
using GatesSample;
using Xunit;

namespace AutoDiffGen.Tests.Samples;

/// <summary>samples/Gates as a smoke test: its entry point agrees with the lecture and copes with a missing generated file.</summary>
public sealed class GatesSampleTests : IDisposable
{
    private readonly string _baseDirectory = Path.Combine(Path.GetTempPath(), "adg-gates-" + Guid.NewGuid().ToString("N"));

    public GatesSampleTests() => Directory.CreateDirectory(_baseDirectory);

    public void Dispose() => Directory.Delete(_baseDirectory, recursive: true);

    [Fact]
    public void Every_example_agrees_and_a_missing_generated_file_is_reported_not_thrown()
    {
        var output = new StringWriter();

        int exitCode = GatesApp.Run(output, _baseDirectory);

        string text = output.ToString();
        Assert.True(exitCode == 0, text);
        Assert.Contains("All 5 examples agree with the lecture and with central differences.", text);
        Assert.DoesNotContain("DIFFERS", text);
        Assert.Contains("the generated NeuronBackward: not available", text);
    }

    [Fact]
    public void Prints_the_newest_generated_file_that_declares_NeuronBackward()
    {
        string folder = Path.Combine(_baseDirectory, "generated");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "Other.g.cs"), "public static double SimpleBackward(double x) => x; // other");
        string stale = Path.Combine(folder, "Old.Neuron.g.cs");
        File.WriteAllText(stale, "public static double NeuronBackward(double w0) => 0; // stale");
        File.SetLastWriteTimeUtc(stale, DateTime.UtcNow.AddHours(-1));
        File.WriteAllText(Path.Combine(folder, "New.Neuron.g.cs"), "public static double NeuronBackward(double w0) => w0; // fresh");
        var output = new StringWriter();

        GatesApp.Run(output, _baseDirectory);

        string text = output.ToString();
        Assert.Contains("// fresh", text);
        Assert.DoesNotContain("// stale", text);
        Assert.DoesNotContain("// other", text);
    }
}
