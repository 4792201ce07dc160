using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;

namespace StationNet.Grains.Stations;

public sealed partial class StationGrain
{
    /// <summary>
    /// Many events in one journal submission (one transaction), each judged by the same rules as <see cref="Record"/>:
    /// a bad one gets its own answer and the rest are counted. The network hears of them all in one notice.
    /// </summary>
    public async Task<BatchOutcome> RecordAll(IReadOnlyList<StationEvent> events)
    {
        var info = state.State.Info;
        if (info is null || info.Retired)
        {
            return new BatchOutcome(info is null ? RecordStatus.UnknownStation : RecordStatus.Retired, null, []);
        }
        var now = time.GetUtcNow();
        var today = await Today();
        var results = new BatchItem[events.Count];
        var entries = new List<(int Index, JournalEntry Entry, bool TimeGiven)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var errors = EventRules.Check(e, info.Services, now);
            if (errors.Count > 0)
            {
                results[i] = new BatchItem(e.Id, RecordStatus.Rejected, errors);
                continue;
            }
            entries.Add((i, new JournalEntry(e.Id, info.NetworkId, info.Id, e.Service, e.Quantity, e.OccurredAt, now,
                LocalDay.Of(e.OccurredAt, _zone), LocalDay.HourOf(e.OccurredAt, _zone), e.Attendant, e.WorkerGroup, e.Device), e.OccurredAtGiven));
        }
        var appended = entries.Count == 0 ? [] : journal.AppendAll(entries.Select(x => x.Entry).ToList());
        var reload = false;
        try
        {
            for (var k = 0; k < entries.Count; k++)
            {
                var (index, entry, timeGiven) = entries[k];
                bool added;
                try
                {
                    added = await appended[k];
                }
                catch (JournalRefusedException refused)
                {
                    results[index] = new BatchItem(entry.EventId, RecordStatus.Rejected, [new("event", $"{refused.Message}. Sending it again will be refused again (数据库拒收该记录，原样重发仍会被拒收)")]);
                    continue;
                }
                if (added)
                {
                    results[index] = new BatchItem(entry.EventId, RecordStatus.Counted, NoErrors);
                    if (entry.Day == today.Day)
                    {
                        today = Change(today, entry, +1);
                        Unsent(Delta(entry, +1));
                    }
                    else if (entry.Day < today.Day)
                    {
                        PublishEarlierDay(info, entry);
                    }
                }
                else if (await journal.FindAsync(entry.EventId) is { } kept && EventRules.Differences(kept.Event, entry, timeGiven) is { Count: > 0 } differ)
                {
                    results[index] = new BatchItem(entry.EventId, RecordStatus.Conflict, [IdUsed(entry.EventId, differ)]);
                }
                else
                {
                    results[index] = new BatchItem(entry.EventId, RecordStatus.Duplicate, NoErrors);
                    reload = true;
                }
            }
        }
        catch
        {
            // Some rows may have committed without this grain counting them: the next call reads today from the journal.
            _today = null;
            throw;
        }
        _today = today;
        if (reload)
        {
            // As for a single resend: a first append may have committed unseen, so the journal says what today is.
            _today = await journal.LoadStationDayAsync(info.Id, today.Day);
        }
        if (results.Any(r => r.Status == RecordStatus.Counted) || reload)
        {
            Publish(info, _today);
        }
        return new BatchOutcome(RecordStatus.Counted, ToToday(_today), results);
    }

    private static FieldError IdUsed(Guid id, IReadOnlyList<string> differ) =>
        new("id", $"id {id} was already used for another event (its {string.Join(", ", differ)} differ); make a new id for a new event (该 id 已用于另一条记录，新记录须使用新的 id)");
}
