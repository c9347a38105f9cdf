using System;
using System.IO;

namespace GatesSample
{
    /// <summary>Finds a generated file among the copies the build puts in <c>generated/</c> next to the binary (see Gates.csproj).</summary>
    internal static class GeneratedSource
    {
        internal const string FolderName = "generated";

        /// <summary>The generated file that declares <paramref name="methodName"/>, or null with the reason in <paramref name="problem"/>.</summary>
        /// <remarks>Matched by content, not by hint name, so a change in the generator's file naming does not break it;
        /// the newest wins in case a stale copy from an older build is still there.</remarks>
        internal static (string Path, string Text)? Find(string baseDirectory, string methodName, out string problem)
        {
            string folder = Path.Combine(baseDirectory, FolderName);
            problem = string.Empty;
            try
            {
                if (!Directory.Exists(folder))
                {
                    problem = $"the folder {folder} does not exist; build the sample with `dotnet build samples/Gates` (its CopyGeneratedSources target fills it)";
                    return null;
                }

                (string Path, string Text)? best = null;
                DateTime bestTime = DateTime.MinValue;
                foreach (string file in Directory.EnumerateFiles(folder, "*.g.cs"))
                {
                    string text = File.ReadAllText(file);
                    DateTime time = File.GetLastWriteTimeUtc(file);
                    if (text.Contains(" " + methodName + "(", StringComparison.Ordinal) && time >= bestTime)
                    {
                        best = (file, text);
                        bestTime = time;
                    }
                }

                if (best is null)
                {
                    problem = $"no file in {folder} declares {methodName}";
                }

                return best;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problem = $"could not read {folder}: {e.Message}";
                return null;
            }
        }
    }
}
