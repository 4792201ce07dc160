using System.Runtime.CompilerServices;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>A network's journal streamed out of PostgreSQL for an archive; see <see cref="IJournalArchive"/>.</summary>
public sealed partial class PostgresJournal : IJournalArchive
{
    public async IAsyncEnumerable<JournalEntry> EventsAsync(string networkId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT event_id, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device
              FROM stationnet_journal WHERE network_id = $1 AND kind = 0 ORDER BY recorded_at, event_id
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new JournalEntry(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateOnly>(7), reader.GetInt16(8),
                NullableString(reader, 9), NullableString(reader, 10), NullableString(reader, 11));
        }
    }

    public async IAsyncEnumerable<VoidEntry> VoidsAsync(string networkId, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT event_id, recorded_at, device FROM stationnet_journal WHERE network_id = $1 AND kind = 1 ORDER BY recorded_at, event_id");
        cmd.Parameters.Add(new() { Value = networkId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new VoidEntry(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1), NullableString(reader, 2));
        }
    }
}
