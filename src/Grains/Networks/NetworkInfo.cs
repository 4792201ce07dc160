using StationNet.Grains.Catalog;

namespace StationNet.Grains.Networks;

/// <summary>A city's network of stations: its names, its time zone and the services it counts.</summary>
[GenerateSerializer, Immutable]
public sealed record NetworkInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] IReadOnlyList<ServiceKind> Services,
    [property: Id(5)] bool IsSample);

[GenerateSerializer]
public sealed class NetworkState
{
    [Id(0)] public NetworkInfo? Info { get; set; }
    [Id(1)] public Dictionary<string, Stations.StationInfo> Stations { get; set; } = new(StringComparer.Ordinal);
}
