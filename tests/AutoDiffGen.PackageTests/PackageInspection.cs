using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Reflection.Metadata;
using System.Text;
using System.Xml.Linq;

namespace AutoDiffGen.PackageTests;

/// <summary>Reads what a nupkg or snupkg carries: its nuspec, its files, and the SourceLink map and documents of a portable pdb.</summary>
internal static class PackageInspection
{
    /// <summary>The SourceLink custom debug information kind (Portable PDB specification).</summary>
    private static readonly Guid SourceLinkKind = new("CC110556-A091-4D38-9FEC-25AB9A351A6A");

    public static string[] Entries(string package)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        return zip.Entries.Select(e => e.FullName).ToArray();
    }

    public static byte[] Entry(string package, string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(package);
        ZipArchiveEntry entry = zip.GetEntry(path) ?? throw new InvalidOperationException($"no {path} in {package}: " + string.Join(", ", zip.Entries.Select(e => e.FullName)));
        using Stream stream = entry.Open();
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>The nuspec's &lt;metadata&gt; element, namespace stripped so that callers can write plain names.</summary>
    public static XElement Metadata(string package)
    {
        string nuspec = Entries(package).Single(e => e.EndsWith(".nuspec", StringComparison.Ordinal) && !e.Contains('/', StringComparison.Ordinal));
        // Load from bytes: the nuspec starts with a byte-order mark, which XDocument.Parse rejects.
        XDocument document = XDocument.Load(new MemoryStream(Entry(package, nuspec)));
        foreach (XElement element in document.Descendants()) element.Name = element.Name.LocalName;
        return document.Root!.Element("metadata")!;
    }

    /// <summary>The pdb's SourceLink JSON, or null when it has none; and the paths of its documents.</summary>
    public static (string? SourceLink, IReadOnlyList<string> Documents) ReadPdb(byte[] pdb)
    {
        using MetadataReaderProvider provider = MetadataReaderProvider.FromPortablePdbStream(new MemoryStream(pdb));
        MetadataReader reader = provider.GetMetadataReader();
        string? sourceLink = null;
        foreach (CustomDebugInformationHandle handle in reader.CustomDebugInformation)
        {
            CustomDebugInformation information = reader.GetCustomDebugInformation(handle);
            if (reader.GetGuid(information.Kind) == SourceLinkKind)
            {
                sourceLink = Encoding.UTF8.GetString(reader.GetBlobBytes(information.Value));
            }
        }

        var documents = reader.Documents.Select(h => reader.GetString(reader.GetDocument(h).Name)).ToList();
        return (sourceLink, documents);
    }
}
