namespace StationNet.Grains.Live;

/// <summary>One station's live numbers for the network's current day.</summary>
[GenerateSerializer, Immutable]
public sealed record StationLive(
    [property: Id(0)] string StationId,
    [property: Id(1)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(2)] DateTimeOffset? LastEventAt);

/// <summary>A station as the snapshot shows it: its live numbers and its name.</summary>
[GenerateSerializer, Immutable]
public sealed record SnapshotStation(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(3)] DateTimeOffset? LastEventAt);

/// <summary>The whole live picture of a network; the version of the last change batch it includes.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveSnapshot(
    [property: Id(0)] string NetworkId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] long Version,
    [property: Id(3)] IReadOnlyDictionary<string, int> Totals,
    [property: Id(4)] IReadOnlyList<SnapshotStation> Stations);

/// <summary>
/// A coalesced batch of changes. Each batch has the next version; a client that sees a gap,
/// or a new day, asks for a fresh snapshot.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveChanges(
    [property: Id(0)] string NetworkId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateOnly Day,
    [property: Id(3)] IReadOnlyList<StationLive> Stations,
    [property: Id(4)] IReadOnlyDictionary<string, int> Totals);
