using StationNet.Grains.Catalog;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Silo.Sample;

/// <summary>
/// The sample network of the embedded default: 18 made-up stations in a made-up city. Every name says
/// it is sample data (示例), so nobody mistakes it for a real station. Three are open round the clock
/// (00:00–24:00: the railway station, the logistics park, the port), as about 12,100 of China's stations are,
/// so the demo has traffic at night too.
/// </summary>
public static class SampleNetwork
{
    public const string Id = "sample";

    public static NetworkInfo Network { get; } = new(Id, "示例市总工会驿站网络", "Sample City Union Stations",
        LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: true);

    private static readonly string[] Basic = ["visit", "water", "meal", "charging", "firstaid"];

    private static readonly (string Name, string Township, string[] Extra, string Opens, string Closes, int Seats)[] Rows =
    [
        ("示例·人民广场驿站", "示例中心街道", ["shower", "haircut", "giveaway"], "07:00", "21:00", 24),
        ("示例·火车站东驿站", "示例站前街道", ["shower", "giveaway"], "00:00", "24:00", 30),
        ("示例·滨江路驿站", "示例滨江街道", ["giveaway"], "07:00", "20:00", 12),
        ("示例·科技园驿站", "示例高新街道", ["haircut"], "08:00", "20:00", 16),
        ("示例·老城区驿站", "示例古城街道", [], "07:30", "19:30", 8),
        ("示例·物流园驿站", "示例物流园区", ["shower", "giveaway"], "00:00", "24:00", 20),
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

    /// <summary>Where each station stands (WGS-84), in the order of <see cref="Rows"/>: spread over a made-up city's districts.</summary>
    private static readonly GeoPoint[] Locations =
    [
        new(30.5843, 114.2980),
        new(30.6072, 114.4245),
        new(30.5610, 114.2720),
        new(30.5060, 114.4120),
        new(30.5710, 114.2860),
        new(30.5920, 114.1540),
        new(30.6790, 114.2950),
        new(30.5020, 114.3240),
        new(30.6150, 114.4010),
        new(30.5780, 114.2010),
        new(30.4870, 114.3950),
        new(30.4810, 114.1780),
        new(30.6410, 114.3420),
        new(30.4530, 114.2860),
        new(30.6030, 114.2410),
        new(30.5890, 114.3110),
        new(30.7460, 114.2380),
        new(30.6560, 114.3850),
    ];

    public static IReadOnlyList<StationInfo> Stations { get; } = Rows
        .Select((r, i) => new StationInfo($"sample-{i + 1:00}", Id, r.Name, r.Township,
            ServiceCatalog.All.Select(s => s.Id).Where(s => Basic.Contains(s) || r.Extra.Contains(s)).ToList(),
            new OpeningHours(r.Opens, r.Closes), r.Seats,
            Address: $"示例路 {i * 7 + 3} 号", Location: Locations[i]))
        .ToList();
}
