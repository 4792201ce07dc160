namespace StationNet.Grains.Journal;

/// <summary>
/// The append-only event journal and, written with it in one step, the daily rollup.
/// An append returns only once the record is durable; the event id is the key that makes
/// the same event count once, whoever sends it and however often.
/// </summary>
public interface IEventJournal
{
    /// <summary>Appends the event and adds its quantity to the rollup; false when the id was already there.</summary>
    Task<bool> AppendAsync(JournalEntry entry, CancellationToken ct = default);

    /// <summary>Appends a void and takes the quantity off the rollup; false when the event was already voided.</summary>
    Task<bool> AppendVoidAsync(JournalEntry voided, VoidEntry entry, CancellationToken ct = default);

    Task<JournalLookup?> FindAsync(Guid eventId, CancellationToken ct = default);

    /// <summary>Net per-hour counts of one station-day (events less voids), for a station grain that wakes up.</summary>
    Task<StationDayCounts> LoadStationDayAsync(string stationId, DateOnly day, CancellationToken ct = default);

    /// <summary>The same for every station of a network, for a network grain that wakes up.</summary>
    Task<IReadOnlyList<StationDayCounts>> LoadNetworkDayAsync(string networkId, DateOnly day, CancellationToken ct = default);

    /// <summary>The local hours of each day in which each station logged anything (events, voided or not).</summary>
    Task<IReadOnlyList<(string StationId, DateOnly Day, int Hour)>> ActivityAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>A network's latest events of a day that were not voided, newest first, for the wall's ticker.</summary>
    Task<IReadOnlyList<JournalEntry>> LatestAsync(string networkId, DateOnly day, int count, CancellationToken ct = default);

    /// <summary>Visits by worker group over a range of days (events less voids).</summary>
    Task<IReadOnlyDictionary<string, int>> VisitGroupsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The audit trail of events and voids, newest first.</summary>
    Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>
    /// Writes a network's past events in bulk, with their rollups, all or nothing, and at most once per
    /// network: null when a history was imported for it before (then nothing is read from the events).
    /// For the sample network's history; the events go to the same journal and rollups as taps do.
    /// </summary>
    Task<HistoryImport?> ImportHistoryAsync(string networkId, IEnumerable<JournalEntry> events, CancellationToken ct = default);

    /// <summary>Net counts (events less voids, every service) per station and local hour of day, summed over a range of days.</summary>
    Task<IReadOnlyList<StationHourCount>> StationHoursAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default);
}

/// <summary>What a history import wrote, and how long it took (generating the events included).</summary>
public sealed record HistoryImport(string NetworkId, long Events, TimeSpan Took);

/// <summary>Reports read the daily rollup, never the journal.</summary>
public interface IDailyRollup
{
    Task<IReadOnlyList<DailyCount>> QueryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default);

    /// <summary>Totals per station and service over a range of days, summed where the data is.</summary>
    Task<IReadOnlyList<StationServiceCount>> SummaryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default);

    /// <summary>Totals per service over a range of days, summed where the data is (month- and year-to-date).</summary>
    Task<IReadOnlyDictionary<string, int>> TotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);

    /// <summary>The network's total of every service per day over a range, days with data only (the wall's last 30 days).</summary>
    Task<IReadOnlyDictionary<DateOnly, int>> DayTotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default);
}
