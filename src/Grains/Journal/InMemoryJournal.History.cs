using System.Diagnostics;

namespace StationNet.Grains.Journal;

public sealed partial class InMemoryJournal
{
    private readonly HashSet<string> _histories = new(StringComparer.Ordinal);

    /// <summary>One step under the lock, like one transaction: the events and their rollup, and the mark that it was done.</summary>
    public Task<HistoryImport?> ImportHistoryAsync(string networkId, IEnumerable<JournalEntry> events, CancellationToken ct = default)
    {
        var took = Stopwatch.StartNew();
        lock (_gate)
        {
            if (!_histories.Add(networkId))
            {
                return Task.FromResult<HistoryImport?>(null);
            }
            var count = 0L;
            foreach (var e in events)
            {
                if (_events.TryAdd(e.EventId, e))
                {
                    Add(e, e.Quantity);
                    count++;
                }
            }
            return Task.FromResult<HistoryImport?>(new HistoryImport(networkId, count, took.Elapsed));
        }
    }
}
