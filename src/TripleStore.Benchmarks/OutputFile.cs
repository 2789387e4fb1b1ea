using System.IO.Compression;
using System.Text;

namespace TripleStore.Benchmarks;

/// <summary>Opens an output file for text, gzip-compressed when the name ends in .gz; "-" is standard output.</summary>
public static class OutputFile
{
    private static readonly Encoding Utf8NoBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

    public static TextWriter OpenText(string path)
    {
        if (path == "-") return new StreamWriter(Console.OpenStandardOutput(), Utf8NoBom, 1 << 16);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory)) Directory.CreateDirectory(directory);
        Stream stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
            stream = new GZipStream(stream, CompressionLevel.Fastest);
        return new StreamWriter(stream, Utf8NoBom, 1 << 16);
    }
}
