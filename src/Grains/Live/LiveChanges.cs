namespace StationNet.Grains.Live;

/// <summary>One station's live numbers for the network's current day.</summary>
[GenerateSerializer, Immutable]
public sealed record StationLive(
    [property: Id(0)] string StationId,
    [property: Id(1)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(2)] DateTimeOffset? LastEventAt)
{
    /// <summary>The station's status word (<see cref="Opening.StationStatus"/>), as the network grain sees it.</summary>
    [Id(3)]
    public string? Status { get; init; }
}

/// <summary>One day's network total, for the wall's last-30-days chart.</summary>
[GenerateSerializer, Immutable]
public sealed record DayTotal(
    [property: Id(0)] DateOnly Day,
    [property: Id(1)] int Count);

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
    [property: Id(3)] DateTimeOffset? LastEventAt)
{
    /// <summary>open, open-silent or closed (<see cref="Opening.StationStatus"/>).</summary>
    [Id(4)]
    public string? Status { get; init; }
}

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
    [property: Id(10)] IReadOnlyList<TickerItem> Recent)
{
    /// <summary>The same weekday last week, by service and hour (同比 for today).</summary>
    [Id(11)]
    public IReadOnlyDictionary<string, int[]> LastWeekHourly { get; init; } = new Dictionary<string, int[]>();

    /// <summary>The 1st of this month last year through the day before this date last year.</summary>
    [Id(12)]
    public IReadOnlyDictionary<string, int> MonthLastYear { get; init; } = new Dictionary<string, int>();

    /// <summary>1 January last year through the day before this date last year.</summary>
    [Id(13)]
    public IReadOnlyDictionary<string, int> YearLastYear { get; init; } = new Dictionary<string, int>();

    /// <summary>Network totals of the 29 days before today, oldest first; with today, the last 30 days.</summary>
    [Id(14)]
    public IReadOnlyList<DayTotal> Days { get; init; } = [];

    /// <summary>How many of the stations are open now (open or open-silent).</summary>
    [Id(15)]
    public int OpenNow { get; init; }

    /// <summary>This date last year by hour; with the periods above, the same part of the year or month last year.</summary>
    [Id(16)]
    public IReadOnlyDictionary<string, int[]> LastYearHourly { get; init; } = new Dictionary<string, int[]>();

    /// <summary>A parent network's child networks (a province's cities), each with its own totals and open stations; their sums are in the totals above.</summary>
    [Id(17)]
    public IReadOnlyList<NetworkRollup> Children { get; init; } = [];
}

/// <summary>
/// A coalesced batch of changes. Each batch has the next version; a client that sees a gap,
/// or a new day, asks for a fresh snapshot. Hourly, groups, month, year, days and open-now are whole;
/// recent holds only the events since the previous batch.
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

    /// <summary>Whole, like totals: events of earlier days that arrive late move the month and year.</summary>
    [Id(9)]
    public IReadOnlyDictionary<string, int>? MonthBefore { get; init; }

    [Id(10)]
    public IReadOnlyDictionary<string, int>? YearBefore { get; init; }

    [Id(11)]
    public IReadOnlyList<DayTotal>? Days { get; init; }

    [Id(12)]
    public IReadOnlyDictionary<string, int[]>? YesterdayHourly { get; init; }

    [Id(13)]
    public IReadOnlyDictionary<string, int[]>? LastWeekHourly { get; init; }

    [Id(14)]
    public int OpenNow { get; init; }

    /// <summary>Every child network, whole, when any of them changed since the last batch; null when none did.</summary>
    [Id(15)]
    public IReadOnlyList<NetworkRollup>? Children { get; init; }
}
