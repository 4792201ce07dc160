namespace StationNet.Grains.Journal;

/// <summary>
/// The embedded default's journal and rollups (by day, hour and worker group): kept in this process only, lost on restart.
/// One lock makes each append and its rollup change one atomic step, like the SQL transaction will.
/// </summary>
public sealed partial class InMemoryJournal(Supplies.InMemorySupplyJournal? supplies = null) : IEventJournal, IDailyRollup
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, JournalEntry> _events = [];
    private readonly Dictionary<Guid, VoidEntry> _voids = [];
    private readonly Dictionary<(string Network, DateOnly Day, string Station, string Service), int> _rollup = [];
    private readonly Dictionary<(string Network, DateOnly Day, string Station, string Service, int Hour), (int Count, DateTimeOffset Last)> _hourly = [];
    private readonly Dictionary<(string Network, DateOnly Day, string Station, string Group), int> _groups = [];

    public Task<bool> AppendAsync(JournalEntry entry, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_events.TryAdd(entry.EventId, entry))
            {
                return Task.FromResult(false);
            }
            Add(entry, entry.Quantity);
            supplies?.Tap(entry); // a linked tap takes its item in the same step
            return Task.FromResult(true);
        }
    }

    public IReadOnlyList<Task<bool>> AppendAll(IReadOnlyList<JournalEntry> entries)
    {
        lock (_gate)
        {
            return entries.Select(e => AppendAsync(e)).ToList();
        }
    }

    public Task<bool> AppendVoidAsync(JournalEntry voided, VoidEntry entry, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_events.ContainsKey(entry.EventId) || !_voids.TryAdd(entry.EventId, entry))
            {
                return Task.FromResult(false);
            }
            Add(voided, -voided.Quantity);
            supplies?.TapVoid(entry.EventId, entry);
            return Task.FromResult(true);
        }
    }

    public Task<JournalLookup?> FindAsync(Guid eventId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            JournalLookup? found = _events.TryGetValue(eventId, out var e)
                ? new JournalLookup(e, _voids.TryGetValue(eventId, out var v) ? v.RecordedAt : null)
                : null;
            return Task.FromResult(found);
        }
    }

    public Task<StationDayCounts> LoadStationDayAsync(string stationId, DateOnly day, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Build(stationId, day, _hourly.Where(h => h.Key.Station == stationId && h.Key.Day == day)));
        }
    }

    public Task<IReadOnlyList<StationDayCounts>> LoadNetworkDayAsync(string networkId, DateOnly day, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StationDayCounts> days = _hourly
                .Where(h => h.Key.Network == networkId && h.Key.Day == day)
                .GroupBy(h => h.Key.Station)
                .Select(g => Build(g.Key, day, g))
                .ToList();
            return Task.FromResult(days);
        }
    }

    public Task<IReadOnlyList<DailyCount>> QueryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DailyCount> rows = _rollup
                .Where(r => r.Key.Network == networkId && r.Key.Day >= from && r.Key.Day <= to
                            && (stationId is null || r.Key.Station == stationId) && r.Value != 0)
                .Select(r => new DailyCount(r.Key.Day, r.Key.Station, r.Key.Service, r.Value))
                .OrderBy(r => r.Day).ThenBy(r => r.StationId, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<(string StationId, DateOnly Day, int Hour)>> ActivityAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<(string, DateOnly, int)> active = _hourly.Keys.Where(h => h.Network == networkId && h.Day >= from && h.Day <= to)
                .Select(h => (h.Station, h.Day, h.Hour)).Distinct().ToList();
            return Task.FromResult(active);
        }
    }

    public Task<IReadOnlyList<JournalEntry>> LatestAsync(string networkId, DateOnly day, int count, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<JournalEntry> latest = _events.Values.Where(e => e.NetworkId == networkId && e.Day == day && !_voids.ContainsKey(e.EventId))
                .OrderByDescending(e => e.OccurredAt).Take(count).ToList();
            return Task.FromResult(latest);
        }
    }

    public Task<IReadOnlyDictionary<string, int>> VisitGroupsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, int> groups = _groups
                .Where(g => g.Key.Network == networkId && g.Key.Day >= from && g.Key.Day <= to)
                .GroupBy(g => g.Key.Group).Where(g => g.Sum(x => x.Value) != 0).ToDictionary(g => g.Key, g => g.Sum(x => x.Value));
            return Task.FromResult(groups);
        }
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditQuery q, CancellationToken ct = default)
    {
        lock (_gate)
        {
            var events = _events.Values.Where(e => e.NetworkId == q.NetworkId && e.Day >= q.From && e.Day <= q.To && (q.StationId is null || e.StationId == q.StationId)).ToList();
            var lines = events.Select(e => new AuditEntry(e.EventId, "event", e.StationId, e.Service, e.Quantity, e.OccurredAt, e.RecordedAt, e.Day, e.Attendant, e.WorkerGroup, e.Device))
                .Concat(events.Where(e => _voids.ContainsKey(e.EventId)).Select(e => _voids[e.EventId]).Join(events, v => v.EventId, e => e.EventId,
                    (v, e) => new AuditEntry(e.EventId, "void", e.StationId, e.Service, e.Quantity, e.OccurredAt, v.RecordedAt, e.Day, e.Attendant, e.WorkerGroup, v.Device)));
            IReadOnlyList<AuditEntry> page = lines
                .Where(a => (q.Device is null || a.Device == q.Device) && (q.Kind is null || a.Kind == q.Kind) && (q.Before is null || a.RecordedAt < q.Before))
                .OrderByDescending(a => a.RecordedAt).ThenBy(a => a.EventId).Take(q.Limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<StationServiceCount>> SummaryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StationServiceCount> rows = _rollup
                .Where(r => r.Key.Network == networkId && r.Key.Day >= from && r.Key.Day <= to && (stationId is null || r.Key.Station == stationId))
                .GroupBy(r => (r.Key.Station, r.Key.Service))
                .Select(g => new StationServiceCount(g.Key.Station, g.Key.Service, g.Sum(r => r.Value)))
                .Where(r => r.Count != 0)
                .OrderBy(r => r.StationId, StringComparer.Ordinal).ThenBy(r => r.Service, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyDictionary<string, int>> TotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<string, int> totals = _rollup
                .Where(r => r.Key.Network == networkId && r.Key.Day >= from && r.Key.Day <= to)
                .GroupBy(r => r.Key.Service)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Value), StringComparer.Ordinal);
            return Task.FromResult(totals);
        }
    }

    public Task<IReadOnlyDictionary<DateOnly, int>> DayTotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyDictionary<DateOnly, int> totals = _rollup
                .Where(r => r.Key.Network == networkId && r.Key.Day >= from && r.Key.Day <= to)
                .GroupBy(r => r.Key.Day)
                .ToDictionary(g => g.Key, g => g.Sum(r => r.Value));
            return Task.FromResult(totals);
        }
    }

    private void Add(JournalEntry e, int delta)
    {
        var key = (e.NetworkId, e.Day, e.StationId, e.Service);
        _rollup[key] = _rollup.GetValueOrDefault(key) + delta;
        // The hour's latest event, voided or not, as in PostgreSQL's stationnet_hourly.
        var hour = (e.NetworkId, e.Day, e.StationId, e.Service, e.Hour);
        var (count, last) = _hourly.GetValueOrDefault(hour);
        _hourly[hour] = (count + delta, e.OccurredAt > last ? e.OccurredAt : last);
        if (e.Service == "visit" && e.WorkerGroup is { } group)
        {
            var groupKey = (e.NetworkId, e.Day, e.StationId, group);
            _groups[groupKey] = _groups.GetValueOrDefault(groupKey) + delta;
        }
    }

    public Task<IReadOnlyList<StationHourCount>> StationHoursAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<StationHourCount> cells = _hourly
                .Where(h => h.Key.Network == networkId && h.Key.Day >= from && h.Key.Day <= to && (stationId is null || h.Key.Station == stationId))
                .GroupBy(h => (h.Key.Station, h.Key.Hour))
                .Where(g => g.Sum(h => h.Value.Count) != 0)
                .Select(g => new StationHourCount(g.Key.Station, g.Key.Hour, g.Sum(h => h.Value.Count)))
                .ToList();
            return Task.FromResult(cells);
        }
    }

    /// <summary>A station's day from the hourly and worker-group rollups, as PostgreSQL rebuilds it.</summary>
    private StationDayCounts Build(string stationId, DateOnly day,
        IEnumerable<KeyValuePair<(string Network, DateOnly Day, string Station, string Service, int Hour), (int Count, DateTimeOffset Last)>> hours)
    {
        var hourly = new Dictionary<string, int[]>(StringComparer.Ordinal);
        DateTimeOffset? last = null;
        foreach (var (key, (count, at)) in hours)
        {
            if (!hourly.TryGetValue(key.Service, out var row))
            {
                hourly[key.Service] = row = new int[24];
            }
            row[key.Hour] += count;
            if (last is null || at > last)
            {
                last = at;
            }
        }
        var groups = _groups.Where(g => g.Key.Station == stationId && g.Key.Day == day && g.Value != 0)
            .ToDictionary(g => g.Key.Group, g => g.Value, StringComparer.Ordinal);
        return new StationDayCounts(stationId, day, hourly, last, groups);
    }
}
