namespace StationNet.Grains.Supplies;

/// <summary>
/// One item of a network's supply catalog: water bottles, first-aid kits, warm packs. LowAt is each station's
/// low-stock threshold; Service links a tap (water, giveaway) to the item, so each unit of that tap takes one unit.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupplyItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] bool Expires,
    [property: Id(5)] int LowAt,
    [property: Id(6)] string? Service = null,
    [property: Id(7)] string? UnitEn = null);

/// <summary>What a supply movement says happened to a station's stock.</summary>
public static class SupplyKinds
{
    public const string Received = "received";
    public const string HandedOut = "handed-out";

    /// <summary>A stock count: it sets the level, and the difference is an adjustment of its own.</summary>
    public const string Counted = "counted";
    public const string Discarded = "discarded";

    public static readonly IReadOnlyList<string> All = [Received, HandedOut, Counted, Discarded];
}

/// <summary>Where a movement came from: sent by a tablet or administrator, or made by a linked tap or its void, or the void of a sent movement.</summary>
public enum SupplySource : short
{
    Movement = 0,
    Tap = 1,
    TapVoid = 2,

    /// <summary>Undoes a sent movement (same id): its kind and quantity with the opposite change (migration 0012_b).</summary>
    MovementVoid = 3,
}

/// <summary>
/// One supply movement as the supply journal keeps it, append-only. Change is what it did to the stock on hand:
/// +quantity received, −quantity handed out or discarded, and for a count the count less what was on hand.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record SupplyMovement(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] string Item,
    [property: Id(4)] string Kind,
    [property: Id(5)] int Quantity,
    [property: Id(6)] DateOnly? ExpiresOn,
    [property: Id(7)] DateOnly Day,
    [property: Id(8)] DateTimeOffset RecordedAt,
    [property: Id(9)] string? Device,
    [property: Id(10)] int Change = 0);

/// <summary>A station's stock of one item as the stock rollup keeps it, with the batches received with an expiry date.</summary>
[GenerateSerializer, Immutable]
public sealed record SupplyStockRow(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Item,
    [property: Id(2)] int OnHand,
    [property: Id(3)] int Consumed,
    [property: Id(4)] IReadOnlyList<SupplyBatch> Received);

/// <summary>Units of one expiry date: received in all, or (in a stock view) still on hand.</summary>
[GenerateSerializer, Immutable]
public sealed record SupplyBatch(
    [property: Id(0)] DateOnly ExpiresOn,
    [property: Id(1)] int Quantity);

/// <summary>A station's movements of one item over a range of days, from the daily supply rollup.</summary>
public sealed record SupplyTotals(string StationId, string Item, int Received, int HandedOut, int Discarded, int Adjusted)
{
    /// <summary>What the days did to the stock on hand: the adjustments of counts included.</summary>
    public int Net => Received - HandedOut - Discarded + Adjusted;
}

/// <summary>
/// A station's movements of one item on one day, from the daily supply rollup: Change is what they did to the stock on
/// hand, Left the units that left it (handed out, discarded, missing at a count). Summed from the first day, they give
/// each day's closing stock.
/// </summary>
public sealed record SupplyDay(string StationId, string Item, DateOnly Day, int Change, int Left);

/// <summary>Units of one expiry date a station received on one day, from the receipts rollup (migration 0010).</summary>
public sealed record SupplyReceipt(string StationId, string Item, DateOnly Day, DateOnly ExpiresOn, int Quantity);
