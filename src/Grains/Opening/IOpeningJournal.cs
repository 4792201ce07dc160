namespace StationNet.Grains.Opening;

/// <summary>
/// Opening records and the sessions they make, written together in one step (the sessions are what reports and
/// grains read, as the daily rollup is for events). Kept beside the event journal, not in it, so each can change alone.
/// </summary>
public interface IOpeningJournal
{
    /// <summary>
    /// Appends the record; an open starts a session, a close ends the station's open session. False when the id was already there.
    /// </summary>
    Task<bool> AppendAsync(OpeningEntry entry, CancellationToken ct = default);

    /// <summary>The station's latest session, open or closed; null when it was never opened.</summary>
    Task<OpeningSession?> LatestSessionAsync(string stationId, CancellationToken ct = default);

    /// <summary>Each station's latest session in a network, for a network grain that wakes up.</summary>
    Task<IReadOnlyList<OpeningSession>> LatestSessionsAsync(string networkId, CancellationToken ct = default);

    /// <summary>The sessions of a network that overlap [from, to), for compliance.</summary>
    Task<IReadOnlyList<OpeningSession>> SessionsAsync(string networkId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);

    /// <summary>
    /// When the network's first station was first opened (its earliest session); null when none ever was. Opening is
    /// tracked from then: compliance and the assessment count every due hour after it, opened or not.
    /// </summary>
    Task<DateTimeOffset?> FirstOpenedAsync(string networkId, CancellationToken ct = default);

    /// <summary>
    /// The bulk path for a network's past opening records (the sample's history), oldest first, with the sessions they make,
    /// in one step, once: null when the network's opening history was imported before. Records already there by id are
    /// skipped. Import a network's event history first: in PostgreSQL both share the network's history import mark.
    /// </summary>
    Task<int?> ImportHistoryAsync(string networkId, IEnumerable<OpeningEntry> records, CancellationToken ct = default);

    /// <summary>A station's opening records, newest first, at most <paramref name="count"/>: who opened and closed it, and when.</summary>
    Task<IReadOnlyList<OpeningEntry>> RecordsAsync(string stationId, int count, CancellationToken ct = default);
}
