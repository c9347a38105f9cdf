using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using AutoDiffGen;
using GatesSample.Examples;

namespace GatesSample
{
    /// <summary>
    /// Draws every worked example as the lecture's slides do: its computational graph (generated because the
    /// examples say <c>[Differentiable(Graph = true)]</c>), each wire with its forward value above in green and
    /// its gradient below in red. Writes a <c>.dot</c> file per example and, where Graphviz's <c>dot</c> is on
    /// the PATH, an <c>.svg</c> next to it.
    /// </summary>
    internal static class GraphFiles
    {
        /// <summary>Each example's graph, traced at the lecture's point.</summary>
        private static IEnumerable<(string File, GraphView Graph, GraphTrace Trace)> Drawings()
        {
            yield return ("1-simple", Lecture.SimpleGraph, Lecture.SimpleTrace(-2, 5, -4));
            yield return ("2-sigmoid-neuron", Lecture.NeuronGraph, Lecture.NeuronTrace(2, -1, -3, -2, -3));
            yield return ("3-staged", Lecture.StagedGraph, Lecture.StagedTrace(3, -4));
            yield return ("4-add-mul-max", Lecture.AddMulMaxGraph, Lecture.AddMulMaxTrace(3, -4, 2, -1));
            yield return ("5-norm-squared", Lecture.NormSquaredGraph, Lecture.NormSquaredTrace(0.1, 0.5, -0.3, 0.8, 0.2, 0.4));
        }

        /// <summary>Writes the files into <paramref name="folder"/> and lists them. Problems are reported, never thrown.</summary>
        internal static void Write(TextWriter output, string folder)
        {
            output.WriteLine("── the graphs: each wire's value above (green), its gradient below (red) ".PadRight(78, '─'));
            try
            {
                Directory.CreateDirectory(folder);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                output.WriteLine($"   not written: could not create {folder}: {e.Message}");
                output.WriteLine();
                return;
            }

            string? dot = FindOnPath("dot");
            foreach (var (name, graph, trace) in Drawings())
            {
                string dotFile = Path.Combine(folder, name + ".dot");
                try
                {
                    File.WriteAllText(dotFile, graph.ToDot(trace));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    output.WriteLine($"   {name}: could not write {dotFile}: {e.Message}");
                    continue;
                }

                string line = "   " + dotFile;
                if (dot is not null)
                {
                    string svgFile = Path.ChangeExtension(dotFile, ".svg");
                    string? problem = Render(dot, dotFile, svgFile);
                    line += problem is null ? ", " + Path.GetFileName(svgFile) : " (no svg: " + problem + ")";
                }

                output.WriteLine(line);
            }

            if (dot is null)
            {
                output.WriteLine("   Graphviz's `dot` is not on the PATH, so no .svg (install the package `graphviz`, or run `dot -Tsvg file.dot -o file.svg`).");
            }

            output.WriteLine();
        }

        private static string? Render(string dot, string input, string svg)
        {
            try
            {
                var start = new ProcessStartInfo(dot) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
                start.ArgumentList.Add("-Tsvg");
                start.ArgumentList.Add(input);
                start.ArgumentList.Add("-o");
                start.ArgumentList.Add(svg);
                using Process? process = Process.Start(start);
                if (process is null)
                {
                    return "dot did not start";
                }

                string errors = process.StandardError.ReadToEnd();
                process.StandardOutput.ReadToEnd();
                if (!process.WaitForExit(30_000))
                {
                    process.Kill();
                    return "dot took longer than 30 s";
                }

                return process.ExitCode == 0 ? null : "dot exited with " + process.ExitCode + ": " + errors.Trim();
            }
            catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
            {
                return e.Message;
            }
        }

        private static string? FindOnPath(string tool)
        {
            string? path = Environment.GetEnvironmentVariable("PATH");
            if (string.IsNullOrEmpty(path))
            {
                return null;
            }

            string[] names = OperatingSystem.IsWindows() ? new[] { tool + ".exe" } : new[] { tool };
            foreach (string directory in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                foreach (string name in names)
                {
                    string candidate = Path.Combine(directory, name);
                    if (File.Exists(candidate))
                    {
                        return candidate;
                    }
                }
            }

            return null;
        }
    }
}
