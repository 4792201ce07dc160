namespace StationNet.Grains.Opening;

/// <summary>The embedded default's opening records and sessions: in this process only, one lock per step like the SQL transaction.</summary>
public sealed class InMemoryOpeningJournal : IOpeningJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, OpeningEntry> _records = [];
    private readonly List<(string NetworkId, OpeningSession Session)> _sessions = [];
    private readonly HashSet<string> _imported = new(StringComparer.Ordinal);

    public Task<DateTimeOffset?> FirstOpenedAsync(string networkId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.Where(s => s.NetworkId == networkId).Select(s => (DateTimeOffset?)s.Session.OpenedAt).Min());
        }
    }

    public async Task<int?> ImportHistoryAsync(string networkId, IEnumerable<OpeningEntry> records, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_imported.Add(networkId))
            {
                return null;
            }
        }
        var added = 0;
        foreach (var record in records)
        {
            added += await AppendAsync(record, ct) ? 1 : 0;
        }
        return added;
    }

    public Task<bool> AppendAsync(OpeningEntry entry, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_records.TryAdd(entry.Id, entry))
            {
                return Task.FromResult(false);
            }
            var open = _sessions.FindLastIndex(s => s.Session.StationId == entry.StationId && s.Session.ClosedAt is null);
            if (entry.Kind == OpeningKinds.Open && open < 0)
            {
                _sessions.Add((entry.NetworkId, new OpeningSession(entry.StationId, entry.At, null, entry.Device ?? entry.By)));
            }
            else if (entry.Kind == OpeningKinds.Close && open >= 0)
            {
                _sessions[open] = (_sessions[open].NetworkId, _sessions[open].Session with { ClosedAt = entry.At });
            }
            return Task.FromResult(true);
        }
    }

    public Task<OpeningSession?> LatestSessionAsync(string stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_sessions.Where(s => s.Session.StationId == stationId).Select(s => s.Session).LastOrDefault());
        }
    }

    public Task<IReadOnlyList<OpeningSession>> LatestSessionsAsync(string networkId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<OpeningSession> latest = _sessions.Where(s => s.NetworkId == networkId).GroupBy(s => s.Session.StationId)
                .Select(g => g.Last().Session).ToList();
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyList<OpeningSession>> SessionsAsync(string networkId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<OpeningSession> overlapping = _sessions
                .Where(s => s.NetworkId == networkId && s.Session.OpenedAt < to && (s.Session.ClosedAt is null || s.Session.ClosedAt > from))
                .Select(s => s.Session).ToList();
            return Task.FromResult(overlapping);
        }
    }

    public Task<IReadOnlyList<OpeningEntry>> RecordsAsync(string stationId, int count, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<OpeningEntry> records = _records.Values.Where(r => r.StationId == stationId)
                .OrderByDescending(r => r.At).Take(count).ToList();
            return Task.FromResult(records);
        }
    }
}
