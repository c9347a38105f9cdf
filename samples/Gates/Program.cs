using System;
using System.Text;
using GatesSample;

// The lecture writes ∂, σ and ·; make sure a Windows console shows them too.
Console.OutputEncoding = Encoding.UTF8;
return GatesApp.Run(Console.Out, AppContext.BaseDirectory);
