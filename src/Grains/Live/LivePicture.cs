namespace StationNet.Grains.Live;

/// <summary>
/// The live numbers of one network for its current day, and the stations changed since the last batch.
/// Plain code, no Orleans: the network grain owns one and drives it from its timer.
/// </summary>
public sealed class LivePicture(string networkId, DateOnly day, long version)
{
    private static readonly IReadOnlyDictionary<string, int> NoCounts = new Dictionary<string, int>();
    private readonly Dictionary<string, StationLive> _stations = new(StringComparer.Ordinal);
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private Dictionary<string, int> _totals = new(StringComparer.Ordinal);
    private Dictionary<string, int[]> _hourly = new(StringComparer.Ordinal);
    private Dictionary<string, int> _groups = new(StringComparer.Ordinal);
    private readonly Queue<TickerItem> _recent = new();
    /// <summary>How many of the ticker's lines came since the last batch (the batch carries those still on it).</summary>
    private int _sinceBatch;
    private readonly Dictionary<string, string> _statuses = new(StringComparer.Ordinal);
    private bool _contextChanged;

    public const int TickerLength = 20;

    /// <summary>What today is set against (yesterday, last week, month and year before today, last year, past days), loaded by the grain.</summary>
    public LiveContext Context
    {
        get;
        set
        {
            field = value;
            _contextChanged = true;
        }
    } = new();

    public DateOnly Day { get; private set; } = day;

    public long Version { get; private set; } = version;

    public bool HasChanges => _dirty.Count > 0 || _contextChanged || Children.Changed;

    /// <summary>How many stations are open now, by their status words, with the child networks' open stations.</summary>
    public int OpenNow => _statuses.Values.Count(s => s is "open" or "open-silent") + Children.OpenNow;

    /// <summary>The child networks' latest summaries (a province's cities); empty for a network of stations only.</summary>
    public LiveChildren Children { get; } = new();

    /// <summary>A child network's summary after its batch: its numbers join this network's, its events this ticker.</summary>
    public void ApplyChild(NetworkRollup rollup)
    {
        Children.Apply(rollup);
        foreach (var item in rollup.Recent)
        {
            AddToTicker(item);
        }
    }

    /// <summary>This network's summary for its own parent, with what changed in the batch just taken.</summary>
    public NetworkRollup Rollup(string name, string nameEn, bool isSample, int ownStations, IReadOnlyList<TickerItem> recent) =>
        new(networkId, name, nameEn, Day, Totals(), Children.Sum(Context.MonthBefore, c => c.MonthBefore), Children.Sum(Context.YearBefore, c => c.YearBefore),
            OpenNow, ownStations + Children.Stations, recent)
        {
            IsSample = isSample, Hourly = Hourly(), YesterdayHourly = Children.SumHours(Context.YesterdayHourly, c => c.YesterdayHourly), Days = Children.SumDays(Context.DayList()),
            LastWeekHourly = LastWeekHourly(), LastYearHourly = LastYearHourly(), MonthLastYear = MonthLastYear(), YearLastYear = YearLastYear(),
        };

    // What today, the month and the year are set against: the network's own, with every child's added.
    private Dictionary<string, int[]> LastWeekHourly() => Children.SumHours(Context.LastWeekHourly, c => c.LastWeekHourly);

    private Dictionary<string, int[]> LastYearHourly() => Children.SumHours(Context.LastYearHourly, c => c.LastYearHourly);

    private Dictionary<string, int> MonthLastYear() => Children.Sum(Context.MonthLastYear, c => c.MonthLastYear);

    private Dictionary<string, int> YearLastYear() => Children.Sum(Context.YearLastYear, c => c.YearLastYear);

    /// <summary>
    /// A line on the ticker, which keeps the latest <see cref="TickerLength"/>. A batch carries the lines that came since
    /// the last one and are still on it: a wall shows no more, and at a thousand events a second a batch had carried a
    /// hundred lines to every wall, ten times a second.
    /// </summary>
    private void AddToTicker(TickerItem item, bool news = true)
    {
        _recent.Enqueue(item);
        if (_recent.Count > TickerLength)
        {
            _recent.Dequeue();
        }
        if (news)
        {
            _sinceBatch++;
        }
    }

    /// <summary>Takes a station's numbers, and what the event changed; changes for another day than the current one are ignored.</summary>
    public bool Apply(DateOnly day, StationLive live, IReadOnlyList<LiveDelta>? deltas = null)
    {
        if (day != Day)
        {
            return false;
        }
        foreach (var delta in deltas ?? [])
        {
            Count(delta.Service, delta.Hour, delta.Quantity, delta.WorkerGroup);
            if (delta.Quantity > 0)
            {
                var item = new TickerItem(delta.StationId, delta.Service, delta.Quantity, delta.WorkerGroup, delta.OccurredAt);
                AddToTicker(item);
            }
        }
        if (_stations.TryGetValue(live.StationId, out var old))
        {
            AddTo(_totals, old.Counts, -1);
        }
        _stations[live.StationId] = live;
        AddTo(_totals, live.Counts, +1);
        _dirty.Add(live.StationId);
        return true;
    }

    /// <summary>An event or void of a day before the current one (a late arrival): it moves the month, the year and the past days.</summary>
    public bool ApplyEarlier(DateOnly day, LiveDelta delta)
    {
        var changed = Context.CountEarlier(Day, day, delta.Service, delta.Hour, delta.Quantity);
        _contextChanged |= changed;
        return changed;
    }

    /// <summary>Today's last event of a station, for its status.</summary>
    public DateTimeOffset? LastEventAt(string stationId) => _stations.TryGetValue(stationId, out var live) ? live.LastEventAt : null;

    /// <summary>Sets a station's status word; a station whose word changes goes into the next batch.</summary>
    public void SetStatus(string stationId, string status)
    {
        if (_statuses.TryGetValue(stationId, out var old) && old == status)
        {
            return;
        }
        _statuses[stationId] = status;
        _stations.TryAdd(stationId, new StationLive(stationId, NoCounts, null));
        _dirty.Add(stationId);
    }

    /// <summary>Forgets the status of stations no longer shown (retired or removed).</summary>
    public void KeepStatusesOf(IReadOnlySet<string> stationIds)
    {
        foreach (var id in _statuses.Keys.Where(id => !stationIds.Contains(id)).ToList())
        {
            _statuses.Remove(id);
        }
    }

    /// <summary>Counts a day's events into the hourly chart and the worker-group shares, as the grain rebuilds them.</summary>
    public void Count(string service, int hour, int quantity, string? workerGroup)
    {
        if (!_hourly.TryGetValue(service, out var hours))
        {
            _hourly[service] = hours = new int[24];
        }
        hours[hour] += quantity;
        if (service == "visit" && workerGroup is not null)
        {
            _groups[workerGroup] = _groups.GetValueOrDefault(workerGroup) + quantity;
        }
    }

    /// <summary>Puts the day's latest events back on the ticker, oldest first, as a woken grain rebuilds it.</summary>
    public void Seed(IEnumerable<TickerItem> oldestFirst)
    {
        foreach (var item in oldestFirst)
        {
            AddToTicker(item, news: false);
        }
    }

    public void CountGroup(string workerGroup, int quantity) => _groups[workerGroup] = _groups.GetValueOrDefault(workerGroup) + quantity;

    /// <summary>Starts a new day: every station back to zero, and every station in the next batch.</summary>
    public void Rollover(DateOnly newDay, IEnumerable<string> stationIds)
    {
        Day = newDay;
        _totals = new(StringComparer.Ordinal);
        _hourly = new(StringComparer.Ordinal);
        _groups = new(StringComparer.Ordinal);
        _recent.Clear();
        _sinceBatch = 0;
        foreach (var id in stationIds.Concat(_stations.Keys).ToList())
        {
            _stations[id] = new StationLive(id, NoCounts, null);
            _dirty.Add(id);
        }
    }

    /// <summary>The next change batch with the next version, or null when nothing changed.</summary>
    public LiveChanges? TakeBatch()
    {
        if (!HasChanges)
        {
            return null;
        }
        Version++;
        var stations = _dirty.Select(id => _stations[id] with { Status = _statuses.GetValueOrDefault(id) }).OrderBy(s => s.StationId, StringComparer.Ordinal).ToList();
        _dirty.Clear();
        // What today is set against (month and year before today, the past days, yesterday's and last week's hours)
        // goes out only when it moved: a late event, a new context, a child's change. Otherwise it is null, which a
        // wall reads as "as before" (a wall that missed a batch takes a snapshot anyway). At a thousand events a
        // second it was most of every batch's bytes, ten times a second, to every wall.
        var context = _contextChanged || Children.Changed;
        _contextChanged = false;
        var recent = _recent.Skip(_recent.Count - Math.Min(_sinceBatch, _recent.Count)).ToList();
        _sinceBatch = 0;
        return new LiveChanges(networkId, Version, Day, stations, Totals(), Hourly(), Groups(), recent)
        {
            MonthBefore = context ? Children.Sum(Context.MonthBefore, c => c.MonthBefore) : null,
            YearBefore = context ? Children.Sum(Context.YearBefore, c => c.YearBefore) : null,
            // Whole, when any child changed: a child that moved away is then simply gone.
            Children = Children.Changed ? Children.List(forBatch: true) : null,
            Days = context ? Children.SumDays(Context.DayList()) : null,
            YesterdayHourly = context ? Children.SumHours(Context.YesterdayHourly, c => c.YesterdayHourly) : null,
            LastWeekHourly = context ? LastWeekHourly() : null,
            OpenNow = OpenNow,
        };
    }

    /// <summary>
    /// The whole picture at the current version. Stations with pending changes show their new numbers
    /// already; the batch that follows repeats them, which a client applies harmlessly.
    /// </summary>
    public LiveSnapshot Snapshot(IEnumerable<(string Id, string Name)> stations)
    {
        var list = stations
            .Select(s => _stations.TryGetValue(s.Id, out var live)
                ? new SnapshotStation(s.Id, s.Name, live.Counts, live.LastEventAt) { Status = _statuses.GetValueOrDefault(s.Id) }
                : new SnapshotStation(s.Id, s.Name, NoCounts, null) { Status = _statuses.GetValueOrDefault(s.Id) })
            .ToList();
        return new LiveSnapshot(networkId, Day, Version, Totals(), list, Hourly(), Children.SumHours(Context.YesterdayHourly, c => c.YesterdayHourly),
            Children.Sum(Context.MonthBefore, c => c.MonthBefore), Children.Sum(Context.YearBefore, c => c.YearBefore), Groups(), _recent.ToList())
        {
            Children = Children.List(),
            LastWeekHourly = LastWeekHourly(),
            MonthLastYear = MonthLastYear(),
            YearLastYear = YearLastYear(),
            LastYearHourly = LastYearHourly(),
            Days = Children.SumDays(Context.DayList()),
            OpenNow = OpenNow,
        };
    }

    private Dictionary<string, int[]> Hourly() => Children.SumHours(_hourly, c => c.Hourly);

    private Dictionary<string, int> Groups() => _groups.Where(g => g.Value != 0).ToDictionary(g => g.Key, g => g.Value, StringComparer.Ordinal);

    private Dictionary<string, int> Totals() =>
        Children.Sum(_totals, c => c.Totals).Where(t => t.Value != 0).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);

    private static void AddTo(Dictionary<string, int> totals, IReadOnlyDictionary<string, int> counts, int sign)
    {
        foreach (var (service, n) in counts)
        {
            totals[service] = totals.GetValueOrDefault(service) + sign * n;
        }
    }
}
