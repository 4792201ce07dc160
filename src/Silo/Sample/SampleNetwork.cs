using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample network of the embedded default: 18 made-up stations in a made-up city. Every name says
/// it is sample data (示例), so nobody mistakes it for a real station.
/// </summary>
public static class SampleNetwork
{
    public const string Id = "sample";

    public static NetworkInfo Network { get; } = new(Id, "示例市总工会驿站网络（演示数据）", "Sample City Union Stations (demo data)",
        LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: true);

    private static readonly string[] Basic = ["visit", "water", "meal", "charging", "firstaid"];

    private static readonly (string Name, string Township, string[] Extra, string Opens, string Closes, int Seats)[] Rows =
    [
        ("示例·人民广场驿站", "示例中心街道", ["shower", "haircut", "giveaway"], "07:00", "21:00", 24),
        ("示例·火车站东驿站", "示例站前街道", ["shower", "giveaway"], "00:00", "24:00", 30),
        ("示例·滨江路驿站", "示例滨江街道", ["giveaway"], "07:00", "20:00", 12),
        ("示例·科技园驿站", "示例高新街道", ["haircut"], "08:00", "20:00", 16),
        ("示例·老城区驿站", "示例古城街道", [], "07:30", "19:30", 8),
        ("示例·物流园驿站", "示例物流园区", ["shower", "giveaway"], "06:00", "22:00", 20),
        ("示例·北环路驿站", "示例北郊镇", [], "07:00", "19:00", 10),
        ("示例·南湖公园驿站", "示例南湖街道", ["giveaway"], "07:00", "21:00", 14),
        ("示例·东站快递驿站", "示例东城街道", ["shower"], "06:30", "21:30", 18),
        ("示例·西城环卫驿站", "示例西城街道", ["shower", "haircut"], "05:30", "20:00", 16),
        ("示例·大学城驿站", "示例大学城", [], "08:00", "21:00", 12),
        ("示例·开发区驿站", "示例开发区", ["giveaway"], "07:00", "20:00", 10),
        ("示例·港口驿站", "示例港区街道", ["shower"], "00:00", "24:00", 22),
        ("示例·城南工地驿站", "示例城南镇", ["shower", "giveaway"], "06:00", "20:00", 20),
        ("示例·体育中心驿站", "示例体育路街道", [], "08:00", "20:00", 8),
        ("示例·商业街驿站", "示例步行街街道", ["haircut", "giveaway"], "09:00", "22:00", 12),
        ("示例·机场路驿站", "示例空港街道", ["giveaway"], "06:00", "23:00", 14),
        ("示例·新区政务驿站", "示例新区街道", [], "08:30", "18:00", 6),
    ];

    /// <summary>Where the sample city's middle is (WGS-84); the stations lie a few kilometres around it.</summary>
    public static readonly GeoPoint Centre = new(32.0603, 118.7969);

    public static IReadOnlyList<StationInfo> Stations { get; } = Rows
        .Select((r, i) => new StationInfo($"sample-{i + 1:00}", Id, r.Name, r.Township,
            ServiceCatalog.All.Select(s => s.Id).Where(s => Basic.Contains(s) || r.Extra.Contains(s)).ToList(),
            new OpeningHours(r.Opens, r.Closes), r.Seats,
            Address: $"示例路 {i * 7 + 3} 号", Location: Around(i), Is24h: new OpeningHours(r.Opens, r.Closes).IsAllDay))
        .ToList();

    /// <summary>A made-up place on a spiral round the centre, the same every run.</summary>
    private static GeoPoint Around(int i)
    {
        var angle = i * 2.4;
        var km = 0.8 + i * 0.45;
        return new GeoPoint(Math.Round(Centre.Lat + km / 111.0 * Math.Sin(angle), 6),
            Math.Round(Centre.Lng + km / (111.0 * Math.Cos(Centre.Lat * Math.PI / 180)) * Math.Cos(angle), 6));
    }
}
