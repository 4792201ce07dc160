using StationNet.Grains.Catalog;

namespace StationNet.Grains.Networks;

/// <summary>
/// A network of stations (a city), or of networks (a province, whose children are cities): its names, its time zone,
/// the services it counts, and the network it belongs to (<see cref="ParentId"/>, null at the top).
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NetworkInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] string TimeZone,
    [property: Id(4)] IReadOnlyList<ServiceKind> Services,
    [property: Id(5)] bool IsSample)
{
    /// <summary>The parent network; the network directory refuses an unknown parent and a cycle.</summary>
    [Id(6)]
    public string? ParentId { get; init; }
}

[GenerateSerializer]
public sealed class NetworkState
{
    [Id(0)] public NetworkInfo? Info { get; set; }
    [Id(1)] public Dictionary<string, Stations.StationInfo> Stations { get; set; } = new(StringComparer.Ordinal);
}
