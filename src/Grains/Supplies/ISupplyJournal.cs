using StationNet.Grains.Journal;

namespace StationNet.Grains.Supplies;

/// <summary>
/// Supply catalogs, movements and the rollups they write in the same step: stock on hand, received batches by
/// expiry, and movements per day. A linked tap's hand-out is written by the event journal, in the event's own
/// transaction (PostgresJournal's taps statement; InMemoryJournal calls <see cref="InMemorySupplyJournal.Tap"/>).
/// </summary>
public interface ISupplyJournal
{
    Task<IReadOnlyList<SupplyItem>> CatalogAsync(string networkId, CancellationToken ct = default);

    /// <summary>Replaces the network's catalog; stock of an item taken off it stays, and shows again if the item comes back.</summary>
    Task SetCatalogAsync(string networkId, IReadOnlyList<SupplyItem> items, CancellationToken ct = default);

    /// <summary>Appends the movement and changes the rollups (a count sets the level); false when the id was already there.</summary>
    Task<bool> AppendAsync(SupplyMovement movement, CancellationToken ct = default);

    /// <summary>
    /// Undoes a sent movement: a new row (same id, <see cref="SupplySource.MovementVoid"/>) with the opposite change, on the
    /// movement's own day, taking back from every rollup what the movement added. False when it was already undone.
    /// </summary>
    Task<bool> VoidAsync(SupplyMovement movement, DateTimeOffset recordedAt, string? device, CancellationToken ct = default);

    /// <summary>Whether a sent movement has been undone.</summary>
    Task<bool> IsVoidedAsync(Guid id, CancellationToken ct = default);

    /// <summary>A movement sent by a tablet or administrator, by its id.</summary>
    Task<SupplyMovement?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>Stock rows of one station, or of every station of a network when stationId is null.</summary>
    Task<IReadOnlyList<SupplyStockRow>> StockAsync(string networkId, string? stationId, CancellationToken ct = default);

    /// <summary>Movements per station and item summed over a range of days, from the daily supply rollup.</summary>
    Task<IReadOnlyList<SupplyTotals>> TotalsAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default);

    /// <summary>Every movement of the network, of every source, oldest first: what a network's archive carries.</summary>
    IAsyncEnumerable<SupplyEntry> EntriesAsync(string networkId, CancellationToken ct = default);

    /// <summary>
    /// Writes a movement from an archive as it was kept, its change included (not worked out again against today's stock), with
    /// its rollups; false when the movement of that id and source is there already.
    /// </summary>
    Task<bool> RestoreAsync(SupplyEntry record, CancellationToken ct = default);

    /// <summary>
    /// Each station's movements per item and day up to <paramref name="to"/>, from the daily supply rollup: one row per day
    /// from <paramref name="from"/> on, and everything before it summed into one row dated the item's first day there.
    /// </summary>
    Task<IReadOnlyList<SupplyDay>> DaysAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>
    /// Batches with an expiry date received up to <paramref name="to"/>, per station, item, day and expiry date, from the
    /// receipts rollup; those received before <paramref name="from"/> are summed per expiry date and dated their first day.
    /// </summary>
    Task<IReadOnlyList<SupplyReceipt>> ReceiptsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);
}

/// <summary>A movement as the supply journal keeps it, with where it came from (a tap's hand-out shares the event's id).</summary>
public sealed record SupplyEntry(SupplySource Source, SupplyMovement Movement);

/// <summary>The change a movement makes to on hand and to what has left the station (for the batches still on hand).</summary>
public static class SupplyChange
{
    public static (int OnHand, int Consumed) Of(string kind, int quantity, int onHandBefore) => kind switch
    {
        SupplyKinds.Received => (quantity, 0),
        SupplyKinds.Counted => (quantity - onHandBefore, onHandBefore - quantity),
        _ => (-quantity, quantity),
    };

    /// <summary>The tap's hand-out of its linked item: one unit per quantity, on the event's day.</summary>
    public static SupplyMovement Tap(JournalEntry e, string item) =>
        new(e.EventId, e.NetworkId, e.StationId, item, SupplyKinds.HandedOut, e.Quantity, null, e.Day, e.RecordedAt, e.Device, -e.Quantity);
}
