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

    /// <summary>
    /// Appends several events in one submission (a tablet's batch): one transaction for all of them, except that a
    /// row the database refuses fails alone while the rest commit. One task per entry, in order, as AppendAsync answers it.
    /// </summary>
    IReadOnlyList<Task<bool>> AppendAll(IReadOnlyList<JournalEntry> entries) => entries.Select(e => AppendAsync(e)).ToList();

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

    /// <summary>
    /// One page of the daily rows, in (day, station, service) order, after the given row (a cursor); PostgreSQL
    /// seeks by its primary key, the embedded default filters its own small rollup.
    /// </summary>
    async Task<IReadOnlyList<DailyCount>> PageAsync(string networkId, DateOnly from, DateOnly to, string? stationId, DailyCursor? after, int limit, CancellationToken ct = default) =>
        (await QueryAsync(networkId, from, to, stationId, ct)).Where(r => after is null || after.IsBefore(r)).Take(limit).ToList();
}

/// <summary>Where a page of the daily report ends: the last row's key, as an opaque text for the next request.</summary>
public sealed record DailyCursor(DateOnly Day, string StationId, string Service)
{
    public bool IsBefore(DailyCount row) =>
        (row.Day, string.CompareOrdinal(row.StationId, StationId), string.CompareOrdinal(row.Service, Service)) switch
        {
            var (day, _, _) when day != Day => day > Day,
            (_, var station, _) when station != 0 => station > 0,
            (_, _, var service) => service > 0,
        };

    public static DailyCursor After(DailyCount row) => new(row.Day, row.StationId, row.Service);

    public override string ToString() =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{Day:yyyy-MM-dd}|{StationId}|{Service}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static DailyCursor? Parse(string? text)
    {
        if (text is null or { Length: 0 or > 200 })
        {
            return null;
        }
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/') + new string('=', (4 - text.Length % 4) % 4);
            var parts = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded)).Split('|');
            return parts.Length == 3 && DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", out var day) && parts[1].Length is > 0 and <= JournalLimits.StationId
                   && parts[2].Length is > 0 and <= JournalLimits.Service
                ? new DailyCursor(day, parts[1], parts[2])
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
