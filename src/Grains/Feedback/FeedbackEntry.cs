namespace StationNet.Grains.Feedback;

/// <summary>
/// A worker's rating as stored: nothing in it names a person or a device. <see cref="DeviceDay"/> is a one-way hash of the
/// browser's random id with the station and the day, so it refuses a second rating that day and links nothing across days.
/// The time is kept to the minute only.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record FeedbackEntry(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string NetworkId,
    [property: Id(2)] string StationId,
    [property: Id(3)] DateOnly Day,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] int Rating,
    [property: Id(6)] IReadOnlyList<string> Tags,
    [property: Id(7)] string? Comment,
    [property: Id(8)] string DeviceDay)
{
    /// <summary>The same rating sent again: the same station, stars, tags and comment.</summary>
    public bool SameAs(FeedbackItem known) =>
        StationId == known.StationId && Rating == known.Rating && Tags.SequenceEqual(known.Tags) && Comment == known.Comment;
}

/// <summary>One step of a follow-up: the status set, a note, who and when. Kept, never changed.</summary>
[GenerateSerializer, Immutable]
public sealed record FeedbackNote(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] string Status,
    [property: Id(2)] string? Note,
    [property: Id(3)] string By);

/// <summary>A rating with its follow-up, as managers see it.</summary>
public sealed record FeedbackItem(Guid Id, string NetworkId, string StationId, DateOnly Day, DateTimeOffset CreatedAt, int Rating, IReadOnlyList<string> Tags,
    string? Comment, string Status, DateOnly? ResolvedOn, IReadOnlyList<FeedbackNote> Notes);

public enum FeedbackAppend
{
    Added,
    Duplicate,
    Changed,
    AlreadyToday,
}

/// <summary>What managers filter the list by; the newest <see cref="Limit"/> matching, low ratings first.</summary>
public sealed record FeedbackQuery(string NetworkId, DateOnly From, DateOnly To, string? StationId, string? Status, int Limit);

/// <summary>The daily feedback rollup of a station: how many ratings, their sum, how many were complaints and how many of those are open.</summary>
public sealed record FeedbackDay(string StationId, DateOnly Day, int Ratings, int RatingSum, int Complaints, int OpenComplaints);

/// <summary>Complaints made on a day and resolved <see cref="Days"/> days later (0: the same day), by station: the rollup the assessment reads.</summary>
public sealed record FeedbackResolution(string StationId, DateOnly Day, int Days, int Count);
