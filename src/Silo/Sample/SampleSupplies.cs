using StationNet.Grains.Catalog;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample network's supplies: a small catalog (every name says 示例 / sample) and a first delivery at each
/// station, with a few stations short or holding kits near or past their expiry, so the demo shows its warnings.
/// Water and giveaway taps take their linked items, so the simulator's traffic draws the stock down.
/// </summary>
public static class SampleSupplies
{
    public static IReadOnlyList<SupplyItem> Catalog { get; } = new SupplyItem[]
    {
        new("sample-water", "示例·瓶装水", "Bottled water (sample)", "瓶", true, 24, "water"),
        new("sample-pack", "示例·清凉包", "Cooling pack (sample)", "份", false, 10, "giveaway"),
        new("sample-firstaid", "示例·急救包", "First-aid kit (sample)", "个", true, 2),
        new("sample-remedy", "示例·藿香正气水", "Heatstroke remedy (sample)", "盒", true, 5),
    };

    public static async Task SeedAsync(ISupplyJournal supplies, IReadOnlyList<StationInfo> stations, DateTimeOffset now, CancellationToken ct)
    {
        if ((await supplies.CatalogAsync(SampleNetwork.Id, ct)).Count > 0)
        {
            return;
        }
        await supplies.SetCatalogAsync(SampleNetwork.Id, Catalog, ct);
        var today = LocalDay.Of(now, LocalDay.Zone(SampleNetwork.Network.TimeZone));
        var i = 0;
        foreach (var station in stations)
        {
            // Made from the station's id, so the same start makes the same ids and a second seeding would be a duplicate.
            SupplyMovement Received(string item, int quantity, int expiresInDays) =>
                new(Id(station.Id, item, expiresInDays), SampleNetwork.Id, station.Id, item, SupplyKinds.Received, quantity,
                    expiresInDays == 0 ? null : today.AddDays(expiresInDays), today, now, "sample");
            var movements = new List<SupplyMovement>
            {
                Received("sample-water", i % 7 == 3 ? 12 : 240, 180),
                Received("sample-firstaid", i % 5 == 1 ? 1 : 6, 300),
                Received("sample-remedy", 10, i % 4 == 2 ? 12 : 240),
            };
            if (i % 6 == 4)
            {
                movements.Add(Received("sample-firstaid", 2, -3)); // kits past their date, waiting to be discarded
            }
            if (station.Services.Contains("giveaway"))
            {
                movements.Add(Received("sample-pack", i % 3 == 0 ? 60 : 8, 0));
            }
            foreach (var movement in movements)
            {
                await supplies.AppendAsync(movement, ct);
            }
            i++;
        }
    }

    private static Guid Id(string station, string item, int days) =>
        new(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"sample-supply|{station}|{item}|{days}")).AsSpan(0, 16));
}
