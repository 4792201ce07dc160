namespace StationNet.Grains.Journal;

/// <summary>The embedded journal read out for an archive; see <see cref="IJournalArchive"/>.</summary>
public sealed partial class InMemoryJournal : IJournalArchive
{
    public IAsyncEnumerable<JournalEntry> EventsAsync(string networkId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return _events.Values.Where(e => e.NetworkId == networkId)
                .OrderBy(e => e.RecordedAt).ThenBy(e => e.EventId).ToList().ToAsyncEnumerable();
        }
    }

    public IAsyncEnumerable<VoidEntry> VoidsAsync(string networkId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return _voids.Values.Where(v => _events[v.EventId].NetworkId == networkId)
                .OrderBy(v => v.RecordedAt).ThenBy(v => v.EventId).ToList().ToAsyncEnumerable();
        }
    }
}
