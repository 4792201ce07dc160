using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;

namespace StationNet.Web.Archive;

/// <summary>
/// The supplies' part of an archive (format 2): <c>supplies.jsonl</c>, the network's catalog one item a line in its order,
/// and <c>journal/supplies.jsonl</c>, every supply movement oldest first, of every source (sent by a tablet or an
/// administrator, a linked tap's hand-out, the void of one, the undo of a sent movement), each with the change it made to the stock as it was kept.
/// On import the movements are written as kept, change included, so stock, batches and the daily rollup come out as they
/// were; the catalog is set after the journal, so the imported events never take from a linked item a second time.
/// An archive of format 1 has neither file: the network comes in with no catalog and no movements.
/// </summary>
public static class ArchiveSupplies
{
    private static readonly Dictionary<SupplySource, string> Sources = new()
    {
        [SupplySource.Movement] = "movement", [SupplySource.Tap] = "tap", [SupplySource.TapVoid] = "tap-void",
        [SupplySource.MovementVoid] = "movement-void",
    };

    public static ArchiveSupplyMovement Line(SupplyEntry r) => new(r.Movement.Id, Sources[r.Source], r.Movement.NetworkId, r.Movement.StationId,
        r.Movement.Item, r.Movement.Kind, r.Movement.Quantity, r.Movement.Change, r.Movement.ExpiresOn, r.Movement.Day, r.Movement.RecordedAt, r.Movement.Device);

    public static SupplyEntry Record(ArchiveSupplyMovement m) => new(Sources.Single(s => s.Value == m.Source).Key,
        new SupplyMovement(m.Id, m.NetworkId, m.StationId, m.Item, m.Kind, m.Quantity, m.ExpiresOn, m.Day, m.RecordedAt, m.Device, m.Change));

    /// <summary>The catalog as the admin endpoint checks it.</summary>
    public static IEnumerable<string> Catalog(IReadOnlyList<SupplyItem?> items, NetworkInfo network) =>
        SupplyRules.CheckCatalog(items, network.Services).Select(e => $"{ArchiveFormat.SupplyItems}: {e.Message}");

    public static IEnumerable<string> Check(ArchiveSupplyMovement m, NetworkInfo network, IReadOnlySet<string> stations, int line)
    {
        if (m.Id == Guid.Empty || m.Source is null || !Sources.ContainsValue(m.Source) || m.NetworkId != network.Id || m.StationId is null
            || !stations.Contains(m.StationId) || !SupplyRules.IsItemId(m.Item) || m.Kind is null || !SupplyKinds.All.Contains(m.Kind)
            || m.Quantity is < SupplyLimits.MinQuantity or > SupplyLimits.MaxQuantity || m.RecordedAt == default || m.Day == default
            || m.Device is { Length: > JournalLimits.Device })
        {
            yield return $"{ArchiveFormat.SupplyMovements} line {line}: needs an id, source movement, tap, tap-void or movement-void, the archive's network, one of its stations, "
                + $"an item id, kind {string.Join(", ", SupplyKinds.All)}, quantity {SupplyLimits.MinQuantity}–{SupplyLimits.MaxQuantity}, day and recordedAt; "
                + $"device at most {JournalLimits.Device} (物资记录不正确)";
        }
    }

    /// <summary>What makes two movements the same: every field, the time to the microsecond (what PostgreSQL keeps).</summary>
    public static string Fingerprint(ArchiveSupplyMovement m) => string.Join('|', m.NetworkId, m.StationId, m.Item, m.Kind, m.Quantity, m.Change,
        m.ExpiresOn?.DayNumber, m.Day.DayNumber, m.RecordedAt.UtcTicks / 10, m.Device);

    /// <summary>The movements this installation has of the network, by id and source.</summary>
    public static async Task<Dictionary<(Guid, string), string>> KnownAsync(ISupplyJournal supplies, string networkId, CancellationToken ct)
    {
        var known = new Dictionary<(Guid, string), string>();
        await foreach (var record in supplies.EntriesAsync(networkId, ct))
        {
            var line = Line(record);
            known[(line.Id, line.Source)] = Fingerprint(line);
        }
        return known;
    }

    /// <summary>A movement here with other content, one missing from a network that exists, or a catalog other than the archive's.</summary>
    public static async Task<string?> ConflictAsync(ISupplyJournal supplies, ArchiveReader reader, IReadOnlyList<SupplyItem> catalog,
        IReadOnlyDictionary<(Guid, string), string> known, bool networkExists, string networkId, CancellationToken ct)
    {
        if (networkExists && !ArchiveImport.Json(await supplies.CatalogAsync(networkId, ct)).SequenceEqual(ArchiveImport.Json(catalog)))
        {
            return $"Network '{networkId}' exists here with another supply catalog; import into an installation without it (物资目录不同)";
        }
        foreach (var (_, m, _) in Lines(reader))
        {
            if (known.TryGetValue((m!.Id, m.Source), out var fingerprint) ? fingerprint != Fingerprint(m) : networkExists)
            {
                return $"Supply movement {m.Id} ({m.Source}) is here with other content, or is missing from a network that exists here (物资记录不同)";
            }
        }
        return null;
    }

    /// <summary>Writes the movements the installation lacks, oldest first, then the catalog; how many movements were added.</summary>
    public static async Task<long> WriteAsync(ISupplyJournal supplies, ArchiveReader reader, IReadOnlyList<SupplyItem> catalog, string networkId,
        IReadOnlyDictionary<(Guid, string), string> known, CancellationToken ct)
    {
        var added = 0L;
        foreach (var (_, m, _) in Lines(reader))
        {
            if (!known.ContainsKey((m!.Id, m.Source)) && await supplies.RestoreAsync(Record(m), ct))
            {
                added++;
            }
        }
        if (catalog.Count > 0)
        {
            await supplies.SetCatalogAsync(networkId, catalog, ct);
        }
        return added;
    }

    /// <summary>The movement lines, none when the archive is of format 1.</summary>
    public static IEnumerable<(int Line, ArchiveSupplyMovement? Value, string? Problem)> Lines(ArchiveReader reader) =>
        reader.Has(ArchiveFormat.SupplyMovements) ? reader.ReadLines<ArchiveSupplyMovement>(ArchiveFormat.SupplyMovements) : [];
}
