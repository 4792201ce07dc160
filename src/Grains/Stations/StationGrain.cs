using Microsoft.Extensions.Logging;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Live;
using StationNet.Grains.Networks;

namespace StationNet.Grains.Stations;

/// <summary>
/// A station. Its persisted state is only its configuration; today's counts are rebuilt from the
/// journal when it wakes, so nothing written per event grows with history. The grain handles one
/// request at a time and the journal's key refuses a second record of an id, so duplicates sent at
/// the same moment count once.
/// </summary>
public sealed partial class StationGrain(
    [PersistentState("station", "stations")] IPersistentState<StationState> state,
    IEventJournal journal,
    StationClock time,
    ILogger<StationGrain> logger) : Grain, IStationGrain
{
    private static readonly IReadOnlyList<FieldError> NoErrors = [];

    private TimeZoneInfo _zone = LocalDay.Zone(null);
    private StationDayCounts? _today;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _zone = LocalDay.Zone(state.State.TimeZone);
        StartNotices();
        return Task.CompletedTask;
    }

    public async Task Configure(StationInfo info, string timeZone)
    {
        state.State.Info = info;
        state.State.TimeZone = timeZone;
        await state.WriteStateAsync();
        _zone = LocalDay.Zone(timeZone);
        _today = null;
    }

    public Task<StationInfo?> GetInfo() => Task.FromResult(state.State.Info);

    public async Task<StationToday?> GetToday() =>
        state.State.Info is null ? null : ToToday(await Today());

    public async Task<RecordOutcome> Record(StationEvent e)
    {
        var info = state.State.Info;
        if (info is null)
        {
            return new RecordOutcome(RecordStatus.UnknownStation, null, NoErrors);
        }
        if (info.Retired)
        {
            return new RecordOutcome(RecordStatus.Retired, null, NoErrors);
        }
        var now = time.GetUtcNow();
        var errors = EventRules.Check(e, info.Services, now);
        if (errors.Count > 0)
        {
            return new RecordOutcome(RecordStatus.Rejected, null, errors);
        }
        var entry = new JournalEntry(e.Id, info.NetworkId, info.Id, e.Service, e.Quantity, e.OccurredAt, now,
            LocalDay.Of(e.OccurredAt, _zone), LocalDay.HourOf(e.OccurredAt, _zone), e.Attendant, e.WorkerGroup, e.Device);
        var today = await Today();
        if (!await journal.AppendAsync(entry))
        {
            if (await journal.FindAsync(e.Id) is { } kept && EventRules.Differences(kept.Event, entry, e.OccurredAtGiven) is { Count: > 0 } differ)
            {
                // The same key for another request: nothing is counted, and the tablet must not believe it was.
                return new RecordOutcome(RecordStatus.Conflict, null, [IdUsed(e.Id, differ)]);
            }
            // The journal already had it. Its first append may have committed without this grain seeing the
            // answer (a lost connection, a moved grain), so take today's numbers from the journal itself.
            _today = await journal.LoadStationDayAsync(info.Id, today.Day);
            if (!SameCounts(today, _today))
            {
                Publish(info, _today);
            }
            return new RecordOutcome(RecordStatus.Duplicate, ToToday(_today), NoErrors);
        }
        if (entry.Day == today.Day)
        {
            _today = Change(today, entry, +1);
            Unsent(Delta(entry, +1));
            Publish(info, _today);
        }
        else if (entry.Day < today.Day)
        {
            PublishEarlierDay(info, entry);
        }
        return new RecordOutcome(RecordStatus.Counted, ToToday(_today ?? today), NoErrors);
    }

    public async Task<VoidOutcome> Void(Guid eventId, string? device)
    {
        if (state.State.Info is not { } info)
        {
            return new VoidOutcome(VoidStatus.UnknownStation, null);
        }
        var today = await Today();
        var found = await journal.FindAsync(eventId);
        if (found is null || found.Event.StationId != info.Id)
        {
            return new VoidOutcome(VoidStatus.UnknownEvent, ToToday(today));
        }
        if (found.VoidedAt is not null)
        {
            return new VoidOutcome(VoidStatus.AlreadyVoided, ToToday(today));
        }
        if (found.Event.Day != today.Day)
        {
            return new VoidOutcome(VoidStatus.NotToday, ToToday(today));
        }
        if (!await journal.AppendVoidAsync(found.Event, new VoidEntry(eventId, time.GetUtcNow(), device)))
        {
            return new VoidOutcome(VoidStatus.AlreadyVoided, ToToday(today));
        }
        _today = Change(today, found.Event, -1);
        Unsent(Delta(found.Event, -1));
        Publish(info, _today);
        return new VoidOutcome(VoidStatus.Voided, ToToday(_today));
    }

    internal static StationLive ToLive(StationDayCounts day) =>
        new(day.StationId, Sum(day.Hourly), day.LastEventAt);

    private async Task<StationDayCounts> Today()
    {
        var day = LocalDay.Of(time.GetUtcNow(), _zone);
        if (_today is null || _today.Day != day)
        {
            _today = await journal.LoadStationDayAsync(this.GetPrimaryKeyString(), day);
            ForgetSent(); // a new day: yesterday's changes belong to no picture the network still shows
        }
        return _today;
    }

    private static LiveDelta Delta(JournalEntry e, int sign) => new(e.StationId, e.Service, e.Hour, sign * e.Quantity, e.WorkerGroup, e.OccurredAt);

    private static StationDayCounts Change(StationDayCounts today, JournalEntry e, int sign)
    {
        var hourly = today.Hourly.ToDictionary(h => h.Key, h => (int[])h.Value.Clone(), StringComparer.Ordinal);
        if (!hourly.TryGetValue(e.Service, out var hours))
        {
            hourly[e.Service] = hours = new int[24];
        }
        hours[e.Hour] += sign * e.Quantity;
        var last = sign > 0 && (today.LastEventAt is null || e.OccurredAt > today.LastEventAt) ? e.OccurredAt : today.LastEventAt;
        return today with { Hourly = hourly, LastEventAt = last };
    }

    private static bool SameCounts(StationDayCounts a, StationDayCounts b) =>
        a.LastEventAt == b.LastEventAt && Sum(a.Hourly).OrderBy(c => c.Key).SequenceEqual(Sum(b.Hourly).OrderBy(c => c.Key));

    private static StationToday ToToday(StationDayCounts day) =>
        new(day.StationId, day.Day, Sum(day.Hourly), day.Hourly, day.LastEventAt);

    /// <summary>Each service's day total; one pass and one dictionary, since it runs twice per event.</summary>
    private static Dictionary<string, int> Sum(IReadOnlyDictionary<string, int[]> hourly)
    {
        var sums = new Dictionary<string, int>(hourly.Count, StringComparer.Ordinal);
        foreach (var (service, hours) in hourly)
        {
            var total = 0;
            foreach (var n in hours)
            {
                total += n;
            }
            if (total != 0)
            {
                sums[service] = total;
            }
        }
        return sums;
    }
}
