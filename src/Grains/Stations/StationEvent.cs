namespace StationNet.Grains.Stations;

/// <summary>
/// One service given at a station, as a tablet reports it. The id is made by the client. OccurredAtGiven is
/// false when the client left the time to the server, so a resend's own "now" is not another event's time.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record StationEvent(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string Service,
    [property: Id(2)] int Quantity,
    [property: Id(3)] DateTimeOffset OccurredAt,
    [property: Id(4)] string? Attendant,
    [property: Id(5)] string? WorkerGroup,
    [property: Id(6)] string? Device,
    [property: Id(7)] bool OccurredAtGiven = true);

/// <summary>A field the caller got wrong, with a message in English and Chinese.</summary>
[GenerateSerializer, Immutable]
public sealed record FieldError(
    [property: Id(0)] string Field,
    [property: Id(1)] string Message);

/// <summary>Today's numbers at one station.</summary>
[GenerateSerializer, Immutable]
public sealed record StationToday(
    [property: Id(0)] string StationId,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] IReadOnlyDictionary<string, int> Counts,
    [property: Id(3)] IReadOnlyDictionary<string, int[]> Hourly,
    [property: Id(4)] DateTimeOffset? LastEventAt);

public enum RecordStatus
{
    Counted,
    Duplicate,
    Rejected,
    UnknownStation,
    Retired,

    /// <summary>The id was already used for another event: at another station, or another service, quantity or time.</summary>
    Conflict,
}

[GenerateSerializer, Immutable]
public sealed record RecordOutcome(
    [property: Id(0)] RecordStatus Status,
    [property: Id(1)] StationToday? Today,
    [property: Id(2)] IReadOnlyList<FieldError> Errors);

/// <summary>A batch's answer: UnknownStation or Retired for the whole batch, else Counted with one item per event, in order.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchOutcome(
    [property: Id(0)] RecordStatus Status,
    [property: Id(1)] StationToday? Today,
    [property: Id(2)] IReadOnlyList<BatchItem> Results);

/// <summary>One event of a batch: Counted, Duplicate, Rejected (with the fields) or Conflict.</summary>
[GenerateSerializer, Immutable]
public sealed record BatchItem(
    [property: Id(0)] Guid Id,
    [property: Id(1)] RecordStatus Status,
    [property: Id(2)] IReadOnlyList<FieldError> Errors);

public enum VoidStatus
{
    Voided,
    AlreadyVoided,
    UnknownEvent,
    NotToday,
    UnknownStation,
}

[GenerateSerializer, Immutable]
public sealed record VoidOutcome(
    [property: Id(0)] VoidStatus Status,
    [property: Id(1)] StationToday? Today);
