using System.IO.Compression;
using System.Text.Json;
using StationNet.Grains.Access;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;

namespace StationNet.Web.Archive;

/// <summary>Writes a network's archive as a zip, streamed: the journal is read row by row, never held whole.</summary>
public static class ArchiveWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task WriteAsync(Stream output, NetworkInfo network, IReadOnlyList<StationInfo> stations, IReadOnlyList<ArchiveTarget> targets,
        IReadOnlyList<DeviceInfo> devices, IReadOnlyList<OpeningEntry> openings, IJournalArchive journal, ISupplyJournal supplies, DateTimeOffset now, CancellationToken ct)
    {
        var catalog = await supplies.CatalogAsync(network.Id, ct);
        await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct);
        await WriteJson(zip, ArchiveFormat.Network, network, ct);
        await WriteLines(zip, ArchiveFormat.Stations, stations.ToAsyncEnumerable(), ct);
        await WriteLines(zip, ArchiveFormat.Targets, targets.ToAsyncEnumerable(), ct);
        await WriteLines(zip, ArchiveFormat.Devices, devices.Select(d => d with { LastSeenAt = null }).ToAsyncEnumerable(), ct);
        var events = await WriteLines(zip, ArchiveFormat.Events, journal.EventsAsync(network.Id, ct), ct);
        var voids = await WriteLines(zip, ArchiveFormat.Voids, journal.VoidsAsync(network.Id, ct), ct);
        await WriteLines(zip, ArchiveFormat.Openings, openings.ToAsyncEnumerable(), ct);
        await WriteLines(zip, ArchiveFormat.SupplyItems, catalog.ToAsyncEnumerable(), ct);
        var movements = await WriteLines(zip, ArchiveFormat.SupplyMovements, supplies.EntriesAsync(network.Id, ct).Select(ArchiveSupplies.Line), ct);
        var manifest = new ArchiveManifest(ArchiveFormat.Name, ArchiveFormat.Version, network.Id, now,
            new ArchiveCounts(stations.Count, targets.Count, devices.Count, events, voids, openings.Count, catalog.Count, movements), ArchiveFormat.Files);
        await WriteJson(zip, ArchiveFormat.Manifest, manifest, ct);
    }

    private static async Task WriteJson<T>(ZipArchive zip, string name, T value, CancellationToken ct)
    {
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, ArchiveFormat.Json), ct);
    }

    private static async Task<long> WriteLines<T>(ZipArchive zip, string name, IAsyncEnumerable<T> rows, CancellationToken ct)
    {
        await using var stream = await zip.CreateEntry(name, CompressionLevel.Optimal).OpenAsync(ct);
        // Lines gather in a buffer and reach the zip in blocks, so the deflate stream is not written a line at a time.
        using var buffer = new MemoryStream();
        long count = 0;
        await foreach (var row in rows.WithCancellation(ct))
        {
            JsonSerializer.Serialize(buffer, row, ArchiveFormat.Json);
            buffer.Write(NewLine);
            count++;
            if (buffer.Length >= 64 * 1024)
            {
                await Flush(buffer, stream, ct);
            }
        }
        await Flush(buffer, stream, ct);
        return count;
    }

    private static async Task Flush(MemoryStream buffer, Stream stream, CancellationToken ct)
    {
        await stream.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }
}
