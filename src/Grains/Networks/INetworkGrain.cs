using StationNet.Grains.Opening;
using StationNet.Grains.Live;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Networks;

/// <summary>One per network: its stations, and the live snapshot that walls watch.</summary>
public interface INetworkGrain : IGrainWithStringKey
{
    Task Configure(NetworkInfo info);

    [AlwaysInterleave]
    Task<NetworkInfo?> GetInfo();

    [AlwaysInterleave]
    Task<IReadOnlyList<StationInfo>> GetStations();

    /// <summary>Adds or changes a station, and configures its station grain.</summary>
    Task SaveStation(StationInfo station);

    /// <summary>
    /// A station's new numbers for a day, with what each event or void since its last notice changed: notice number
    /// <paramref name="to"/>, following <paramref name="from"/>, in the station activation's <paramref name="chain"/> of
    /// notices (its first number; the first notice follows it). One-way, so a
    /// tablet's answer never waits for the network; a missed notice shows as a gap in the numbers and is asked for again.
    /// Interleaves, and never awaits.
    /// </summary>
    [AlwaysInterleave, OneWay]
    Task StationChanged(DateOnly day, StationLive live, IReadOnlyList<LiveDelta> deltas, long chain, long from, long to);

    /// <summary>
    /// An event of a day before today, arriving late (a tablet that was offline): it moves the month, the year and the
    /// past days the wall shows. Interleaves and never awaits, like <see cref="StationChanged"/>.
    /// </summary>
    [AlwaysInterleave, OneWay]
    Task EarlierDayCounted(DateOnly day, LiveDelta delta);

    [AlwaysInterleave]
    Task<LiveSnapshot?> GetSnapshot();

    /// <summary>A station's opening session or heartbeat changed; the network keeps its status for the wall. Never awaits, like StationChanged.</summary>
    [AlwaysInterleave]
    Task StationOpening(string stationId, OpeningFacts facts);

    /// <summary>
    /// A child network's summary after its batch (a city's, sent to its province). Interleaves and never awaits, like
    /// <see cref="StationChanged"/>: the parent coalesces its children's summaries into its own batches, at most ten a second.
    /// </summary>
    [AlwaysInterleave]
    Task ChildChanged(NetworkRollup rollup);

    /// <summary>A child network moved to another parent: its numbers leave this network's.</summary>
    [AlwaysInterleave]
    Task ChildLeft(string networkId);

    /// <summary>This network's summary now, for a parent that has just woken; null when not configured.</summary>
    [AlwaysInterleave]
    Task<NetworkRollup?> GetRollup();

    /// <summary>Every active station's verified status now.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<StationStatusView>> GetStatuses();
}

/// <summary>Lists every network, for <c>GET /api/networks</c>, and keeps the hierarchy (<see cref="NetworkTree"/>).</summary>
public interface INetworkDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or changes a network; throws <see cref="HierarchyRefusedException"/> for a parent the tree does not allow.</summary>
    Task Add(NetworkInfo info);

    /// <summary>Why the parent is not allowed (English and Chinese), or null when it is.</summary>
    [AlwaysInterleave]
    Task<string?> CheckParent(string networkId, string? parentId);

    [AlwaysInterleave]
    Task<IReadOnlyList<NetworkInfo>> List();

    /// <summary>The network and every network beneath it, the network first; empty when there is no such network.</summary>
    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Subtree(string networkId);

    [AlwaysInterleave]
    Task<IReadOnlyList<string>> Children(string networkId);

    /// <summary>True when the network is the scope or lies beneath it.</summary>
    [AlwaysInterleave]
    Task<bool> IsWithin(string networkId, string scopeId);
}
