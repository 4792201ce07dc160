namespace StationNet.Grains.Supplies;

/// <summary>One item's stock at a station as a tablet and a manager see it.</summary>
[GenerateSerializer, Immutable]
public sealed record SupplyLevel(
    [property: Id(0)] string Item,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string Unit,
    [property: Id(4)] int OnHand,
    [property: Id(5)] int LowAt,
    [property: Id(6)] bool Low,
    [property: Id(7)] bool Negative,
    [property: Id(8)] IReadOnlyList<SupplyBatch> Expiring,
    [property: Id(9)] int Expired,
    [property: Id(10)] bool Expires,
    [property: Id(11)] string? UnitEn = null);

/// <summary>
/// Stock as people read it, from the stock rollup. Which units left a station is not recorded, so StationNet
/// assumes what attendants are told to do: the first-expiring go first. The batches still on hand are the
/// received batches, earliest expiry first, less everything that left (handed out, discarded, lost at a count).
/// </summary>
public static class SupplyStock
{
    /// <summary>The batches still on hand, earliest expiry first, at most the stock on hand.</summary>
    public static IReadOnlyList<SupplyBatch> Remaining(IReadOnlyList<SupplyBatch> received, int consumed, int onHand)
    {
        var left = Math.Max(0, consumed);
        var room = Math.Max(0, onHand);
        var remaining = new List<SupplyBatch>();
        foreach (var batch in received.Where(b => b.Quantity > 0).OrderBy(b => b.ExpiresOn))
        {
            var taken = Math.Min(left, batch.Quantity);
            left -= taken;
            var kept = Math.Min(batch.Quantity - taken, room);
            room -= kept;
            if (kept > 0)
            {
                remaining.Add(batch with { Quantity = kept });
            }
        }
        return remaining;
    }

    /// <summary>
    /// Each catalog item's level at the station (items never stocked stand at zero), in catalog order; an item
    /// linked to a service the station does not give is left out unless the station holds some.
    /// </summary>
    public static IReadOnlyList<SupplyLevel> Levels(IReadOnlyList<SupplyItem> catalog, IEnumerable<SupplyStockRow> stock, DateOnly today,
        IReadOnlyCollection<string>? services = null)
    {
        var rows = stock.ToDictionary(s => s.Item, StringComparer.Ordinal);
        var horizon = today.AddDays(SupplyLimits.ExpiringDays);
        return catalog.Where(item => services is null || item.Service is null || services.Contains(item.Service) || rows.ContainsKey(item.Id)).Select(item =>
        {
            var row = rows.GetValueOrDefault(item.Id);
            var onHand = row?.OnHand ?? 0;
            var batches = item.Expires && row is not null ? Remaining(row.Received, row.Consumed, onHand) : [];
            var expiring = batches.Where(b => b.ExpiresOn <= horizon).ToList();
            var expired = expiring.Where(b => b.ExpiresOn < today).Sum(b => b.Quantity);
            return new SupplyLevel(item.Id, item.Name, item.NameEn, item.Unit, onHand, item.LowAt, onHand <= item.LowAt, onHand < 0, expiring, expired, item.Expires, item.UnitEn);
        }).ToList();
    }

    /// <summary>A level someone must act on: low (or below zero), or with units expiring within 30 days or expired.</summary>
    public static bool NeedsAction(SupplyLevel level) => level.Low || level.Negative || level.Expiring.Count > 0;
}

/// <summary>A supply movement as a tablet or administrator sends it; the station grain checks it.</summary>
[GenerateSerializer, Immutable]
public sealed record SupplyRequest(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string? Item,
    [property: Id(2)] string? Kind,
    [property: Id(3)] int? Quantity,
    [property: Id(4)] DateOnly? ExpiresOn,
    [property: Id(5)] string? Device);

public enum SupplyStatus
{
    Recorded,
    Duplicate,
    Rejected,
    UnknownStation,
    Retired,

    /// <summary>The id was already used for another movement.</summary>
    Conflict,

    /// <summary>No movement with that id was sent for this station.</summary>
    UnknownMovement,

    /// <summary>Only a movement of the station's today can be undone, as for taps.</summary>
    NotToday,
}

[GenerateSerializer, Immutable]
public sealed record SupplyOutcome(
    [property: Id(0)] SupplyStatus Status,
    [property: Id(1)] SupplyLevel? Level,
    [property: Id(2)] IReadOnlyList<Stations.FieldError> Errors);
