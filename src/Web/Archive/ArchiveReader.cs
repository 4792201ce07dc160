using System.IO.Compression;
using System.Text;
using System.Text.Json;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Archive;

/// <summary>
/// Reads an archive from a seekable stream (the upload, spooled to a temporary file). The small parts are
/// read whole; the journal is read line by line, as often as the import needs to pass over it. Every
/// line is parsed on its own, so a problem names its file and line.
/// </summary>
public sealed class ArchiveReader : IDisposable
{
    /// <summary>No line of a valid archive comes near this; a longer one is refused before it is held.</summary>
    public const int MaxLine = 8 * 1024;
    private const int MaxJsonFile = 1024 * 1024;

    private readonly ZipArchive _zip;

    private ArchiveReader(ZipArchive zip) => _zip = zip;

    /// <summary>The zip, or why it cannot be read as one.</summary>
    public static (ArchiveReader? Reader, string? Problem) Open(Stream stream)
    {
        try
        {
            return (new ArchiveReader(new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true)), null);
        }
        catch (InvalidDataException)
        {
            return (null, "the body is not a zip archive (上传内容不是 zip 压缩包)");
        }
    }

    public (T? Value, string? Problem) ReadJson<T>(string name) where T : class
    {
        if (_zip.GetEntry(name) is not { } entry)
        {
            return (null, $"{name} is missing from the archive (压缩包缺少 {name})");
        }
        if (entry.Length > MaxJsonFile)
        {
            return (null, $"{name} is larger than {MaxJsonFile / 1024} KiB ({name} 过大)");
        }
        try
        {
            using var stream = entry.Open();
            return JsonSerializer.Deserialize<T>(stream, ArchiveFormat.Json) is { } value ? (value, null) : (null, $"{name} is empty ({name} 为空)");
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or NotSupportedException)
        {
            return (null, $"{name} is not valid JSON of this format: {Clip(ex.Message)} ({name} 格式不正确)");
        }
    }

    public bool Has(string name) => _zip.GetEntry(name) is not null;

    /// <summary>Each line of a JSON-lines file, parsed; a line that does not parse comes with its problem instead.</summary>
    public IEnumerable<(int Line, T? Value, string? Problem)> ReadLines<T>(string name) where T : class
    {
        if (_zip.GetEntry(name) is not { } entry)
        {
            yield return (0, null, $"{name} is missing from the archive (压缩包缺少 {name})");
            yield break;
        }
        if (OpenOrNull(entry) is not { } stream)
        {
            yield return (0, null, $"{name} is damaged (压缩包内 {name} 已损坏)");
            yield break;
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var line = new StringBuilder();
        var number = 0;
        while (true)
        {
            line.Clear();
            var tooLong = false;
            int c;
            while ((c = SafeRead(reader)) >= 0 && c != '\n')
            {
                if (line.Length < MaxLine)
                {
                    line.Append((char)c);
                }
                else
                {
                    tooLong = true;
                }
            }
            if (c == -2)
            {
                yield return (number + 1, null, $"{name} is damaged (压缩包内 {name} 已损坏)");
                yield break;
            }
            if (c < 0 && line.Length == 0)
            {
                yield break;
            }
            number++;
            if (tooLong)
            {
                yield return (number, null, $"{name} line {number} is longer than {MaxLine} characters (第 {number} 行过长)");
                continue;
            }
            yield return Parse<T>(name, number, line.ToString());
        }
    }

    private static (int, T?, string?) Parse<T>(string name, int number, string text) where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(text, ArchiveFormat.Json) is { } value
                ? (number, value, null)
                : (number, null, $"{name} line {number} is empty (第 {number} 行为空)");
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or ArgumentException)
        {
            return (number, null, $"{name} line {number} is not valid: {Clip(ex.Message)} (第 {number} 行格式不正确)");
        }
    }

    /// <summary>A character, -1 at the end, -2 when the compressed data is damaged.</summary>
    private static int SafeRead(StreamReader reader)
    {
        try
        {
            return reader.Read();
        }
        catch (InvalidDataException)
        {
            return -2;
        }
    }

    private static Stream? OpenOrNull(ZipArchiveEntry entry)
    {
        try
        {
            return entry.Open();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static string Clip(string text) => text.Length <= 160 ? text : text[..160] + "…";

    public void Dispose() => _zip.Dispose();
}
