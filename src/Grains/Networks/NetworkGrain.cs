using Microsoft.Extensions.Logging;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Live;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Networks;

/// <summary>
/// Holds a network's stations and its live picture. Station grains report each change; a 100 ms timer
/// coalesces them into at most ten versioned batches a second, sends each batch to every silo's relay,
/// and rolls the picture over at local midnight even when no event comes.
/// </summary>
public sealed partial class NetworkGrain(
    [PersistentState("network", "networks")] IPersistentState<NetworkState> state,
    IEventJournal journal,
    IDailyRollup rollup,
    StationClock time,
    ILogger<NetworkGrain> logger) : Grain, INetworkGrain, IRemindable
{
    /// <summary>
    /// A reminder wakes the grain after a restart or a lost silo, so the live picture rolls over and
    /// pushes again without waiting for the next event or wall.
    /// </summary>
    private const string KeepLive = "keep-live";
    private static readonly TimeSpan KeepLivePeriod = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan BatchInterval = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan RelayListLifetime = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RelayListTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RepeatIdleBatchAfter = TimeSpan.FromSeconds(5);

    private LivePicture? _picture;
    private TimeZoneInfo _zone = LocalDay.Zone(null);
    private IReadOnlyList<ILiveObserver> _relays = [];
    /// <summary>
    /// When the first tap (or child's batch) of the coming batch arrived; null when none has. A batch that carries only
    /// statuses or settings has no such time and is not measured as push latency.
    /// </summary>
    private DateTimeOffset? _changedSince;
    private DateTimeOffset _relaysFetchedAt = DateTimeOffset.MinValue;
    private LiveChanges? _lastBatch;
    private DateOnly _contextDay;
    private IGrainTimer? _flushNow;
    private DateTimeOffset _lastSentAt;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _activatedAt = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (state.State.Info is not null)
        {
            await StartLive(cancellationToken);
        }
    }

    public async Task Configure(NetworkInfo info)
    {
        var old = state.State.Info;
        var oldZone = old?.TimeZone;
        // The directory checks the parent first (HierarchyRefusedException), so a refused one is never stored.
        await GrainFactory.GetGrain<INetworkDirectoryGrain>(0).Add(info);
        state.State.Info = info;
        await state.WriteStateAsync();
        if (_picture is null)
        {
            await StartLive(CancellationToken.None);
        }
        else if (oldZone != info.TimeZone)
        {
            await Rezone(info);
        }
        await AnnounceChange();
        if (old?.ParentId is { } was && was != info.ParentId)
        {
            GrainFactory.GetGrain<INetworkGrain>(was).ChildLeft(info.Id).Ignore();
        }
        SendRollup([]);
    }

    /// <summary>
    /// A new time zone, in one call: every station buckets its days in it, and the live picture is rebuilt for
    /// the zone's today, forward or back across the date line (a picture only rolls forward by itself). Its
    /// first batch carries the new day at the next version, so open walls take a fresh snapshot without a reload.
    /// </summary>
    private async Task Rezone(NetworkInfo info)
    {
        await Task.WhenAll(state.State.Stations.Values.Select(s => GrainFactory.GetGrain<IStationGrain>(s.Id).Configure(s, info.TimeZone)));
        _zone = LocalDay.Zone(info.TimeZone);
        _picture = await BuildPicture(info, _picture!.Version, CancellationToken.None, everyStation: state.State.Stations.Keys);
        RefreshStatuses(force: true);
        _lastBatch = null;
        await LoadContext(CancellationToken.None);
    }

    public Task<NetworkInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public Task<IReadOnlyList<StationInfo>> GetStations()
    {
        IReadOnlyList<StationInfo> list = state.State.Stations.Values.OrderBy(s => s.Id, StringComparer.Ordinal).ToList();
        return Task.FromResult(list);
    }

    public async Task SaveStation(StationInfo station)
    {
        var info = state.State.Info ?? throw new InvalidOperationException($"Network '{this.GetPrimaryKeyString()}' is not configured.");
        state.State.Stations[station.Id] = station;
        await state.WriteStateAsync();
        await GrainFactory.GetGrain<IStationGrain>(station.Id).Configure(station, info.TimeZone);
        if (station.Retired)
        {
            RefreshStatuses(force: true); // its word goes
        }
        else
        {
            // This station only: a whole refresh per save makes adding a province's stations quadratic.
            _picture?.SetStatus(station.Id, StatusOf(station.Id, time.GetUtcNow()).Status);
        }
        await AnnounceChange();
    }

    private async Task AnnounceChange()
    {
        foreach (var relay in await Relays())
        {
            relay.OnNetworkChanged(this.GetPrimaryKeyString()).Ignore();
        }
    }

    public Task StationChanged(DateOnly day, StationLive live, IReadOnlyList<LiveDelta> deltas, long chain, long from, long to)
    {
        if (_picture is not null && Heard(live.StationId, chain, from, to))
        {
            RollIfNewDay(day);
            _changedSince ??= time.GetUtcNow();
            if (_picture.Apply(day, live, deltas) && state.State.Stations.GetValueOrDefault(live.StationId) is { } station)
            {
                _picture.SetStatus(station.Id, StatusOf(station.Id, time.GetUtcNow()).Status);
            }
            FlushSoon();
        }
        return Task.CompletedTask;
    }

    public Task EarlierDayCounted(DateOnly day, LiveDelta delta)
    {
        if (_picture is not null)
        {
            RollIfNewDay(LocalDay.Of(time.GetUtcNow(), _zone));
            if (_picture.ApplyEarlier(day, delta))
            {
                _changedSince ??= time.GetUtcNow();
                FlushSoon();
            }
        }
        return Task.CompletedTask;
    }

    private void FlushSoon()
    {
        // A change goes out as soon as the ten-a-second ceiling allows: at once after a quiet spell, else when the
        // last batch is a full interval old. (Waiting for the periodic tick instead let a change wait up to two
        // intervals when a batch sent between ticks made the next tick skip.)
        if (_flushNow is null)
        {
            var due = _lastSentAt + BatchInterval - time.GetUtcNow();
            _flushNow = this.RegisterGrainTimer(FlushNow, new GrainTimerCreationOptions(due > TimeSpan.Zero && due <= BatchInterval ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan));
        }
    }

    private async Task FlushNow(CancellationToken ct)
    {
        _flushNow?.Dispose();
        _flushNow = null;
        await Tick(ct);
    }

    public Task<LiveSnapshot?> GetSnapshot()
    {
        if (_picture is null)
        {
            return Task.FromResult<LiveSnapshot?>(null);
        }
        RollIfNewDay(LocalDay.Of(time.GetUtcNow(), _zone));
        RefreshStatuses(force: true);
        var names = state.State.Stations.Values.Where(s => !s.Retired).OrderBy(s => s.Id, StringComparer.Ordinal).Select(s => (s.Id, s.Name));
        return Task.FromResult<LiveSnapshot?>(_picture.Snapshot(names));
    }

    private async Task StartLive(CancellationToken ct)
    {
        var info = state.State.Info!;
        _zone = LocalDay.Zone(info.TimeZone);
        // Versions start from the clock so they keep growing across activations; a client then sees a
        // gap rather than a repeat, and asks for a fresh snapshot.
        var picture = await BuildPicture(info, time.GetUtcNow().ToUnixTimeMilliseconds(), ct);
        _picture = picture;
        RefreshStatuses(force: true);
        await LoadChildren(picture);
        picture.TakeBatch();
        await LoadContext(ct);
        SendRollup([]);
        this.RegisterGrainTimer(Tick, new GrainTimerCreationOptions(BatchInterval, BatchInterval) { KeepAlive = true });
        if (await this.GetReminder(KeepLive) is null)
        {
            await this.RegisterOrUpdateReminder(KeepLive, KeepLivePeriod, KeepLivePeriod);
        }
    }

    /// <summary>Today's picture in the network's zone, from the journal, with versions going on from the given one.</summary>
    /// <param name="everyStation">stations to put in the first batch even with nothing counted today</param>
    private async Task<LivePicture> BuildPicture(NetworkInfo info, long version, CancellationToken ct, IEnumerable<string>? everyStation = null)
    {
        var today = LocalDay.Of(time.GetUtcNow(), _zone);
        var picture = new LivePicture(info.Id, today, version);
        foreach (var id in everyStation ?? [])
        {
            picture.Apply(today, new StationLive(id, new Dictionary<string, int>(StringComparer.Ordinal), null));
        }
        foreach (var day in await journal.LoadNetworkDayAsync(info.Id, today, ct))
        {
            picture.Apply(today, StationGrain.ToLive(day));
            foreach (var (service, hours) in day.Hourly)
            {
                for (var h = 0; h < 24; h++)
                {
                    picture.Count(service, h, hours[h], null);
                }
            }
            foreach (var (group, n) in day.Groups ?? new Dictionary<string, int>())
            {
                picture.CountGroup(group, n);
            }
        }
        var latest = await journal.LatestAsync(info.Id, today, LivePicture.TickerLength, ct);
        picture.Seed(latest.Reverse().Select(e => new TickerItem(e.StationId, e.Service, e.Quantity, e.WorkerGroup, e.OccurredAt)));
        await LoadOpenings(picture, ct);
        return picture;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;

    private void RollIfNewDay(DateOnly day)
    {
        if (_picture is not null && day > _picture.Day)
        {
            _picture.Rollover(day, state.State.Stations.Keys);
        }
    }

    /// <summary>What today is set against, read once a day; late events of earlier days keep it current in between.</summary>
    private async Task LoadContext(CancellationToken ct)
    {
        var picture = _picture!;
        var day = picture.Day;
        var networkId = this.GetPrimaryKeyString();
        var lastYear = day.AddYears(-1);
        var (from, to) = LiveContext.DaysRange(day);
        var days = new SortedDictionary<DateOnly, int>();
        for (var d = from; d <= to; d = d.AddDays(1))
        {
            days[d] = 0;
        }
        foreach (var (d, n) in await rollup.DayTotalsAsync(networkId, from, to, ct))
        {
            days[d] = n;
        }
        picture.Context = new LiveContext
        {
            YesterdayHourly = await HoursOf(networkId, day.AddDays(-1), ct),
            LastWeekHourly = await HoursOf(networkId, day.AddDays(-7), ct),
            MonthBefore = day.Day == 1 ? [] : await Totals(networkId, new DateOnly(day.Year, day.Month, 1), day.AddDays(-1), ct),
            YearBefore = day.DayOfYear == 1 ? [] : await Totals(networkId, new DateOnly(day.Year, 1, 1), day.AddDays(-1), ct),
            // Last year's periods run to the day before; that day itself comes by hour, so a morning is never set against a whole day.
            MonthLastYear = lastYear.Day == 1 ? [] : await Totals(networkId, new DateOnly(lastYear.Year, lastYear.Month, 1), lastYear.AddDays(-1), ct),
            YearLastYear = lastYear.DayOfYear == 1 ? [] : await Totals(networkId, new DateOnly(lastYear.Year, 1, 1), lastYear.AddDays(-1), ct),
            LastYearHourly = await HoursOf(networkId, lastYear, ct),
            Days = days,
        };
        _contextDay = day;
    }

    private async Task<Dictionary<string, int>> Totals(string networkId, DateOnly from, DateOnly to, CancellationToken ct) =>
        new(await rollup.TotalsAsync(networkId, from, to, ct), StringComparer.Ordinal);

    /// <summary>A past day's network totals by service and hour.</summary>
    private async Task<Dictionary<string, int[]>> HoursOf(string networkId, DateOnly day, CancellationToken ct)
    {
        var sums = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var station in await journal.LoadNetworkDayAsync(networkId, day, ct))
        {
            foreach (var (service, hours) in station.Hourly)
            {
                var sum = sums.TryGetValue(service, out var s) ? s : sums[service] = new int[24];
                for (var h = 0; h < 24; h++)
                {
                    sum[h] += hours[h];
                }
            }
        }
        return sums;
    }

    private async Task Tick(CancellationToken ct)
    {
        RollIfNewDay(LocalDay.Of(time.GetUtcNow(), _zone));
        if (_picture is not null && _contextDay != _picture.Day)
        {
            await LoadContext(ct);
        }
        RefreshStatuses(force: false);
        var relays = await Relays();
        var now = time.GetUtcNow();
        if (_picture is { HasChanges: true } && now - _lastSentAt < BatchInterval - TimeSpan.FromMilliseconds(5) && now >= _lastSentAt)
        {
            FlushSoon(); // a batch just went out: these changes go when the interval is up
            return;
        }
        var batch = _picture?.TakeBatch() is { } fresh ? fresh with { ChangedAt = _changedSince } : null;
        _changedSince = null;
        if (batch is not null)
        {
            SendRollup(batch.Recent, batch.ChangedAt);
        }
        if (batch is null)
        {
            // While nothing changes, the last batch is sent again now and then: a screen that missed it
            // (a silo that joined a moment late, a lost message) catches up, or sees a gap and resyncs.
            if (_lastBatch is null || now - _lastSentAt < RepeatIdleBatchAfter)
            {
                return;
            }
            batch = _lastBatch;
        }
        _lastBatch = batch;
        _lastSentAt = now;
        foreach (var relay in relays)
        {
            relay.OnChanges(batch).Ignore();
        }
    }

    private async Task<IReadOnlyList<ILiveObserver>> Relays()
    {
        var now = time.GetUtcNow();
        if (_relays.Count == 0 || now - _relaysFetchedAt > RelayListLifetime || now < _relaysFetchedAt)
        {
            try
            {
                // Not the 30 s response timeout: a directory on a silo that just died must not stall every screen.
                _relays = await GrainFactory.GetGrain<ILiveRelayDirectoryGrain>(0).GetRelays().WaitAsync(RelayListTimeout);
                _relaysFetchedAt = now;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Could not refresh the list of live relays; using the last one");
            }
        }
        return _relays;
    }
}
