using System;
using System.IO;
using System.Text;
using GatesSample;

// The lecture writes ∂, σ and ·; make sure a Windows console shows them too.
Console.OutputEncoding = Encoding.UTF8;
// The graphs go to out/ next to the binary, or to the folder after --out.
string graphs = Path.Combine(AppContext.BaseDirectory, "out");
for (int i = 0; i + 1 < args.Length; i++)
{
    if (args[i] == "--out")
    {
        graphs = Path.GetFullPath(args[i + 1]);
    }
}

return GatesApp.Run(Console.Out, AppContext.BaseDirectory, graphs);
