namespace StationNet.Grains.Opening;

/// <summary>What an opening record says: the station was opened, closed, or heard from again after it fell silent.</summary>
public static class OpeningKinds
{
    public const string Open = "open";
    public const string Close = "close";

    /// <summary>A heartbeat that changed the status (unreachable back to open); ordinary heartbeats are not journaled.</summary>
    public const string Heartbeat = "heartbeat";
}

/// <summary>One opening record, append-only: which station, what, when, and which tablet or account did it.</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] string Kind,
    [property: Id(4)] DateTimeOffset At,
    [property: Id(5)] string? Device,
    [property: Id(6)] string? By);

/// <summary>A station's opening session: from opening to closing (open while ClosedAt is null).</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningSession(
    [property: Id(0)] string StationId,
    [property: Id(1)] DateTimeOffset OpenedAt,
    [property: Id(2)] DateTimeOffset? ClosedAt,
    [property: Id(3)] string? OpenedBy);

/// <summary>What a station's status is computed from, besides its hours and the clock.</summary>
[GenerateSerializer, Immutable]
public sealed record OpeningFacts(
    [property: Id(0)] DateTimeOffset? OpenedAt,
    [property: Id(1)] DateTimeOffset? ClosedAt,
    [property: Id(2)] DateTimeOffset? LastHeartbeat)
{
    public static readonly OpeningFacts None = new(null, null, null);

    public bool IsOpen => OpenedAt is not null && (ClosedAt is null || ClosedAt < OpenedAt);
}

/// <summary>The answer to open, close and heartbeat, and a station's status anywhere it is shown.</summary>
[GenerateSerializer, Immutable]
public sealed record StationStatusView(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Status,
    [property: Id(2)] bool OpenNow,
    [property: Id(3)] DateTimeOffset? Since);
