namespace StationNet.Grains.Supplies;

/// <summary>
/// The one definition of what the supply tables hold: migrations 0008 and 0010 declare these widths and ranges, the edge
/// checks them before anything reaches the database, and a test reads the live schema to prove the two agree.
/// </summary>
public static class SupplyLimits
{
    public const int Item = 32;
    public const int Name = 40;
    public const int Unit = 16;
    public const int Kind = 16;

    public const int MinQuantity = 0;
    public const int MaxQuantity = 100_000;
    public const int MaxLowAt = 100_000;

    /// <summary>Items in one network's catalog.</summary>
    public const int MaxItems = 100;

    /// <summary>How far ahead a batch counts as expiring.</summary>
    public const int ExpiringDays = 30;

    /// <summary>Every text column of the supply tables, by table and column name, with its width.</summary>
    public static readonly IReadOnlyDictionary<string, int> TextColumns = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["stationnet_supply_items.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_items.item"] = Item,
        ["stationnet_supply_items.name"] = Name,
        ["stationnet_supply_items.name_en"] = Name,
        ["stationnet_supply_items.unit"] = Unit,
        ["stationnet_supply_items.unit_en"] = Unit,
        ["stationnet_supply_items.service"] = Journal.JournalLimits.Service,
        ["stationnet_supply_movements.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_movements.station_id"] = Journal.JournalLimits.StationId,
        ["stationnet_supply_movements.item"] = Item,
        ["stationnet_supply_movements.kind"] = Kind,
        ["stationnet_supply_movements.device"] = Journal.JournalLimits.Device,
        ["stationnet_supply_stock.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_stock.station_id"] = Journal.JournalLimits.StationId,
        ["stationnet_supply_stock.item"] = Item,
        ["stationnet_supply_batches.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_batches.station_id"] = Journal.JournalLimits.StationId,
        ["stationnet_supply_batches.item"] = Item,
        ["stationnet_supply_receipts.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_receipts.station_id"] = Journal.JournalLimits.StationId,
        ["stationnet_supply_receipts.item"] = Item,
        ["stationnet_supply_daily.network_id"] = Journal.JournalLimits.NetworkId,
        ["stationnet_supply_daily.station_id"] = Journal.JournalLimits.StationId,
        ["stationnet_supply_daily.item"] = Item,
    };
}
