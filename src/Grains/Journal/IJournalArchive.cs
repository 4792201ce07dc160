namespace StationNet.Grains.Journal;

/// <summary>
/// A network's whole journal, read out for an archive (GET /api/admin/export). Rows come in the order
/// they were recorded. An archive is read back through the ordinary appends of <see cref="IEventJournal"/>,
/// so every rollup is rebuilt from the journal rows as it is on the write path, never copied.
/// </summary>
public interface IJournalArchive
{
    /// <summary>Every event of the network, voided or not, oldest recorded first.</summary>
    IAsyncEnumerable<JournalEntry> EventsAsync(string networkId, CancellationToken ct = default);

    /// <summary>Every void of the network's events, oldest recorded first.</summary>
    IAsyncEnumerable<VoidEntry> VoidsAsync(string networkId, CancellationToken ct = default);
}
