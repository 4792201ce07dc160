namespace StationNet.Grains.Feedback;

/// <summary>The embedded default's feedback: in this process only, one lock per step like the SQL transaction, rollups kept alongside.</summary>
public sealed class InMemoryFeedbackJournal : IFeedbackJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, FeedbackItem> _items = [];
    private readonly HashSet<string> _deviceDays = [];
    private readonly Dictionary<(string Network, string Station, DateOnly Day), FeedbackDay> _daily = [];
    private readonly Dictionary<(string Network, string Station, DateOnly Day, int Days), int> _resolved = [];

    public Task<FeedbackAppend> AppendAsync(FeedbackEntry entry, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_items.TryGetValue(entry.Id, out var known))
            {
                return Task.FromResult(entry.SameAs(known) ? FeedbackAppend.Duplicate : FeedbackAppend.Changed);
            }
            if (!_deviceDays.Add(entry.DeviceDay))
            {
                return Task.FromResult(FeedbackAppend.AlreadyToday);
            }
            _items[entry.Id] = new FeedbackItem(entry.Id, entry.NetworkId, entry.StationId, entry.Day, entry.CreatedAt, entry.Rating, entry.Tags, entry.Comment,
                FeedbackCatalog.New, null, []);
            var complaint = FeedbackCatalog.IsComplaint(entry.Rating) ? 1 : 0;
            var key = (entry.NetworkId, entry.StationId, entry.Day);
            var day = _daily.GetValueOrDefault(key) ?? new FeedbackDay(entry.StationId, entry.Day, 0, 0, 0, 0);
            _daily[key] = day with
            {
                Ratings = day.Ratings + 1, RatingSum = day.RatingSum + entry.Rating, Complaints = day.Complaints + complaint,
                OpenComplaints = day.OpenComplaints + complaint,
            };
            return Task.FromResult(FeedbackAppend.Added);
        }
    }

    public Task<FeedbackItem?> FindAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_items.GetValueOrDefault(id));
        }
    }

    public Task<FeedbackItem?> FollowUpAsync(Guid id, FeedbackNote note, DateOnly today, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_items.TryGetValue(id, out var item))
            {
                return Task.FromResult<FeedbackItem?>(null);
            }
            var step = FeedbackRules.Step(item, note.Status, today);
            var key = (item.NetworkId, item.StationId, item.Day);
            _daily[key] = _daily[key] with { OpenComplaints = _daily[key].OpenComplaints + step.OpenDelta };
            if (step.UnresolveDays is { } before)
            {
                _resolved[(item.NetworkId, item.StationId, item.Day, before)] -= 1;
            }
            if (step.ResolveDays is { } after)
            {
                var bucket = (item.NetworkId, item.StationId, item.Day, after);
                _resolved[bucket] = _resolved.GetValueOrDefault(bucket) + 1;
            }
            var changed = item with { Status = note.Status, ResolvedOn = step.ResolvedOn, Notes = [.. item.Notes, note] };
            _items[id] = changed;
            return Task.FromResult<FeedbackItem?>(changed);
        }
    }

    public Task<IReadOnlyList<FeedbackItem>> ListAsync(FeedbackQuery query, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<FeedbackItem> items = _items.Values
                .Where(i => i.NetworkId == query.NetworkId && i.Day >= query.From && i.Day <= query.To
                    && (query.StationId is null || i.StationId == query.StationId) && (query.Status is null || i.Status == query.Status))
                .OrderBy(i => i.Rating).ThenByDescending(i => i.CreatedAt).ThenBy(i => i.Id).Take(query.Limit).ToList();
            return Task.FromResult(items);
        }
    }

    public Task<IReadOnlyList<FeedbackDay>> DailyAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<FeedbackDay> days = _daily.Where(d => d.Key.Network == networkId && d.Key.Day >= from && d.Key.Day <= to).Select(d => d.Value).ToList();
            return Task.FromResult(days);
        }
    }

    public Task<IReadOnlyList<FeedbackResolution>> ResolutionsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<FeedbackResolution> rows = _resolved.Where(r => r.Key.Network == networkId && r.Key.Day >= from && r.Key.Day <= to && r.Value > 0)
                .Select(r => new FeedbackResolution(r.Key.Station, r.Key.Day, r.Key.Days, r.Value)).ToList();
            return Task.FromResult(rows);
        }
    }
}
