using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample province of the embedded default: the sample city and two generated cities beneath one province
/// network, so the province wall and reports across a subtree have something to show. Every name says 示例.
/// </summary>
public static class SampleProvince
{
    public const string Id = "sample-province";

    public static NetworkInfo Network { get; } = new(Id, "示例省总工会驿站网络", "Sample Province Union Stations", LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: true);

    /// <summary>The generated cities: id, names, centre, and how many stations.</summary>
    private static readonly (string Id, string Name, string NameEn, double Lat, double Lng, int Count)[] Generated =
    [
        ("sample-north", "示例北江市驿站网络", "Sample North River City", 31.72, 113.38, 12),
        ("sample-lake", "示例湖东市驿站网络", "Sample Lakeside City", 29.86, 115.52, 10),
    ];

    private static readonly string[] Places = ["人民路", "火车站", "物流园", "环卫所", "高新区", "老街", "港区", "开发区", "大学城", "汽车站", "工业园", "新城", "体育馆", "市场"];

    /// <summary>Every city network of the sample province, the sample city first.</summary>
    public static IReadOnlyList<string> Cities { get; } = [SampleNetwork.Id, .. Generated.Select(g => g.Id)];

    public static IEnumerable<(NetworkInfo Network, IReadOnlyList<StationInfo> Stations)> GeneratedCities() => Generated.Select(g =>
    {
        var network = new NetworkInfo(g.Id, g.Name, g.NameEn, LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: true) { ParentId = Id };
        IReadOnlyList<StationInfo> stations = Enumerable.Range(1, g.Count).Select(i =>
        {
            var place = Places[(i - 1) % Places.Length];
            var hours = i % 5 == 0 ? new OpeningHours("00:00", "24:00") : new OpeningHours("07:00", "20:00");
            // Spread on a small spiral round the city's centre, so the map shows a city, not a line.
            var angle = i * 2.4;
            var r = 0.03 + 0.012 * i;
            return new StationInfo($"{g.Id}-{i:00}", g.Id, $"示例·{g.Name[2..4]}{place}驿站", $"示例{place}街道",
                ["visit", "water", "meal", "charging", "firstaid", .. i % 3 == 0 ? new[] { "shower" } : []], hours, 8 + i % 6,
                Address: $"示例路 {i * 11} 号", Location: new GeoPoint(g.Lat + r * Math.Sin(angle), g.Lng + r * Math.Cos(angle)));
        }).ToList();
        return (network, stations);
    });
}
