namespace StationNet.Grains.Live;

/// <summary>One station's live numbers for the network's current day.</summary>
[GenerateSerializer, Immutable]
public sealed record StationLive(
    [property: Id(0)] string StationId,
    [property: Id(1)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(2)] DateTimeOffset? LastEventAt,
    [property: Id(3)] string? Status = null);

/// <summary>What one event or void changed, for the network's hourly chart, worker shares and ticker.</summary>
[GenerateSerializer, Immutable]
public sealed record LiveDelta(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Service,
    [property: Id(2)] int Hour,
    [property: Id(3)] int Quantity,
    [property: Id(4)] string? WorkerGroup,
    [property: Id(5)] DateTimeOffset OccurredAt);

/// <summary>One line of the wall's ticker of latest events.</summary>
[GenerateSerializer, Immutable]
public sealed record TickerItem(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Service,
    [property: Id(2)] int Quantity,
    [property: Id(3)] string? WorkerGroup,
    [property: Id(4)] DateTimeOffset OccurredAt);

/// <summary>A station as the snapshot shows it: its live numbers, its name and its verified status (open, late, ...).</summary>
[GenerateSerializer, Immutable]
public sealed record SnapshotStation(
    [property: Id(0)] string StationId,
    [property: Id(1)] string Name,
    [property: Id(2)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(3)] DateTimeOffset? LastEventAt,
    [property: Id(4)] string? Status = null);

/// <summary>
/// The whole live picture of a network; the version of the last change batch it includes.
/// The wall's extras: today's and yesterday's hourly totals by service, month and year totals before
/// today (add today's totals for month- and year-to-date), visits by worker group, and the latest events.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveSnapshot(
    [property: Id(0)] string NetworkId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] long Version,
    [property: Id(3)] IReadOnlyDictionary<string, int> Totals,
    [property: Id(4)] IReadOnlyList<SnapshotStation> Stations,
    [property: Id(5)] IReadOnlyDictionary<string, int[]> Hourly,
    [property: Id(6)] IReadOnlyDictionary<string, int[]> YesterdayHourly,
    [property: Id(7)] IReadOnlyDictionary<string, int> MonthBefore,
    [property: Id(8)] IReadOnlyDictionary<string, int> YearBefore,
    [property: Id(9)] IReadOnlyDictionary<string, int> Groups,
    [property: Id(10)] IReadOnlyList<TickerItem> Recent);

/// <summary>
/// A coalesced batch of changes. Each batch has the next version; a client that sees a gap,
/// or a new day, asks for a fresh snapshot. Hourly and groups are whole (today's); recent holds
/// only the events since the previous batch.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LiveChanges(
    [property: Id(0)] string NetworkId,
    [property: Id(1)] long Version,
    [property: Id(2)] DateOnly Day,
    [property: Id(3)] IReadOnlyList<StationLive> Stations,
    [property: Id(4)] IReadOnlyDictionary<string, int> Totals,
    [property: Id(5)] IReadOnlyDictionary<string, int[]> Hourly,
    [property: Id(6)] IReadOnlyDictionary<string, int> Groups,
    [property: Id(7)] IReadOnlyList<TickerItem> Recent)
{
    /// <summary>When the first change of this batch reached the network grain: relays measure push latency from it.</summary>
    [Id(8)]
    public DateTimeOffset? ChangedAt { get; init; }
}
