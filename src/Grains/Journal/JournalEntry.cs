namespace StationNet.Grains.Journal;

/// <summary>An accepted event as the journal keeps it: append-only, never edited or deleted.</summary>
[GenerateSerializer, Immutable]
public sealed record JournalEntry(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] string Service,
    [property: Id(4)] int Quantity,
    [property: Id(5)] DateTimeOffset OccurredAt,
    [property: Id(6)] DateTimeOffset RecordedAt,
    [property: Id(7)] DateOnly Day,
    [property: Id(8)] int Hour,
    [property: Id(9)] string? Attendant,
    [property: Id(10)] string? WorkerGroup,
    [property: Id(11)] string? Device);

/// <summary>A void of an earlier event: a new record, never a delete.</summary>
[GenerateSerializer, Immutable]
public sealed record VoidEntry(
    [property: Id(0)] Guid EventId,
    [property: Id(1)] DateTimeOffset RecordedAt,
    [property: Id(2)] string? Device);

/// <summary>An event found in the journal, and when it was voided, if it was.</summary>
[GenerateSerializer, Immutable]
public sealed record JournalLookup(
    [property: Id(0)] JournalEntry Event,
    [property: Id(1)] DateTimeOffset? VoidedAt);

/// <summary>Net counts of one station on one local day, rebuilt from the journal; visits by worker group too.</summary>
[GenerateSerializer, Immutable]
public sealed record StationDayCounts(
    [property: Id(0)] string StationId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] IReadOnlyDictionary<string, int[]> Hourly,
    [property: Id(3)] DateTimeOffset? LastEventAt,
    [property: Id(4)] IReadOnlyDictionary<string, int>? Groups = null);

/// <summary>One row of the daily rollup: network, station, local day, service → count.</summary>
public sealed record DailyCount(DateOnly Day, string StationId, string Service, int Count);

/// <summary>A station's total of one service over a range of days.</summary>
public sealed record StationServiceCount(string StationId, string Service, int Count);

/// <summary>One line of the audit trail: an event or a void, with who and what recorded it, and when.</summary>
public sealed record AuditEntry(Guid EventId, string Kind, string StationId, string Service, int Quantity, DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt, DateOnly Day, string? Attendant, string? WorkerGroup, string? Device);

/// <summary>What the audit trail is filtered by; newest first, at most Limit lines recorded before Before.</summary>
public sealed record AuditQuery(string NetworkId, DateOnly From, DateOnly To, string? StationId, string? Device, string? Kind, DateTimeOffset? Before, int Limit);
