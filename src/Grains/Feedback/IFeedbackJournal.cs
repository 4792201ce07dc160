namespace StationNet.Grains.Feedback;

/// <summary>
/// Workers' ratings, their follow-ups and the rollups reports read, each written in one step (one transaction on
/// PostgreSQL). Kept beside the event journal, not in it, so each can change alone.
/// </summary>
public interface IFeedbackJournal
{
    /// <summary>Adds the rating and counts it in the daily rollup; a resend is a duplicate, a second rating from the same browser that day is refused.</summary>
    Task<FeedbackAppend> AppendAsync(FeedbackEntry entry, CancellationToken ct = default);

    Task<FeedbackItem?> FindAsync(Guid id, CancellationToken ct = default);

    /// <summary>Sets the status, keeps the note in the history and moves the rollups along; null when there is no such rating.</summary>
    Task<FeedbackItem?> FollowUpAsync(Guid id, FeedbackNote note, DateOnly today, CancellationToken ct = default);

    /// <summary>Ratings of a network, low ratings first, then newest first.</summary>
    Task<IReadOnlyList<FeedbackItem>> ListAsync(FeedbackQuery query, CancellationToken ct = default);

    /// <summary>The daily rollup of a network over [from, to].</summary>
    Task<IReadOnlyList<FeedbackDay>> DailyAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The resolution rollup of complaints made over [from, to].</summary>
    Task<IReadOnlyList<FeedbackResolution>> ResolutionsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);
}
