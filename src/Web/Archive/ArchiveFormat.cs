using System.Text.Json;
using System.Text.Json.Serialization;
using StationNet.Grains.Journal;

namespace StationNet.Web.Archive;

/// <summary>
/// A network's archive: a zip of JSON files, documented in docs/operations.md. <c>manifest.json</c> names
/// the format and its version and counts what is inside; <c>network.json</c> is the network with its
/// service catalog and its parent (<c>parentId</c>, null at the top); <c>stations.jsonl</c> and <c>targets.jsonl</c> hold one station or yearly target per
/// line; <c>supplies.jsonl</c> the supply catalog, one item per line;
/// <c>journal/events.jsonl</c>, <c>journal/voids.jsonl</c>, <c>journal/openings.jsonl</c> and <c>journal/supplies.jsonl</c> hold every journal row, oldest first.
/// Rollups are never in it: they are rebuilt from the journal on import. <c>devices.jsonl</c> names the
/// network's tablets, so the audit trail still says which tablet recorded what; their credentials, screen
/// links and accounts stay with the installation, and an imported tablet is revoked until paired again.
/// </summary>
public static class ArchiveFormat
{
    public const string Name = "stationnet-network-archive";

    /// <summary>
    /// Raised when a change means an older StationNet could not read the archive right. 2: the supplies (an older one
    /// would drop them unsaid); an archive of 1 is still read, without supplies.
    /// </summary>
    public const int Version = 2;

    public const string Manifest = "manifest.json";
    public const string Network = "network.json";
    public const string Stations = "stations.jsonl";
    public const string Targets = "targets.jsonl";
    public const string Devices = "devices.jsonl";
    public const string Events = "journal/events.jsonl";
    public const string Voids = "journal/voids.jsonl";
    public const string Openings = "journal/openings.jsonl";
    public const string SupplyItems = "supplies.jsonl";
    public const string SupplyMovements = "journal/supplies.jsonl";

    public static readonly IReadOnlyList<string> Files = [Network, Stations, Targets, Devices, SupplyItems, Events, Voids, Openings, SupplyMovements];

    /// <summary>Targets may be set for these years; an export reads each of them.</summary>
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        AllowTrailingCommas = false,
        MaxDepth = 16,
    };

    /// <summary>
    /// What makes two journal rows the same row: every field, times to the microsecond (what PostgreSQL keeps).
    /// </summary>
    public static string Fingerprint(JournalEntry e) => string.Join('|', e.NetworkId, e.StationId, e.Service, e.Quantity,
        Micro(e.OccurredAt), Micro(e.RecordedAt), e.Day.DayNumber, e.Hour, e.Attendant, e.WorkerGroup, e.Device);

    public static string Fingerprint(VoidEntry v) => string.Join('|', Micro(v.RecordedAt), v.Device);

    private static long Micro(DateTimeOffset t) => t.UtcTicks / 10;
}

public sealed record ArchiveManifest(string Format, int FormatVersion, string NetworkId, DateTimeOffset ExportedAt, ArchiveCounts Counts, IReadOnlyList<string> Files);

public sealed record ArchiveCounts(int Stations, int Targets, int Devices, long Events, long Voids, int Openings, int SupplyItems = 0, long SupplyMovements = 0);

/// <summary>One supply movement as one line of journal/supplies.jsonl; <c>source</c> is movement, tap or tap-void, <c>change</c> what it did to the stock on hand.</summary>
public sealed record ArchiveSupplyMovement(Guid Id, string Source, string NetworkId, string StationId, string Item, string Kind, int Quantity, int Change,
    DateOnly? ExpiresOn, DateOnly Day, DateTimeOffset RecordedAt, string? Device);

/// <summary>A yearly target of one station and service, as one line of targets.jsonl.</summary>
public sealed record ArchiveTarget(int Year, string StationId, string Service, int Count);
