using Npgsql;
using NpgsqlTypes;
using StationNet.Grains.Supplies;

namespace StationNet.Silo.Storage;

/// <summary>
/// Linked taps in the group commit: one more statement per batch, not per row. It takes the batch's event ids
/// with the recorded-at time each was sent with, and only a journal row written by this very batch matches it
/// (a resend's time is its own, so a duplicate or a refused change takes nothing). A tap of a service linked to
/// a supply item hands that item out; the void of such a tap puts back exactly what the tap took.
/// </summary>
public sealed partial class PostgresJournal
{
    private static NpgsqlBatchCommand TapsCommand(List<Pending> batch)
    {
        var cmd = new NpgsqlBatchCommand(JournalSql.InsertTaps);
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.EventId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        cmd.Parameters.Add(new()
        {
            Value = batch.Select(p => (p.Void?.RecordedAt ?? p.Entry.RecordedAt).ToUniversalTime()).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz,
        });
        cmd.Parameters.Add(new()
        {
            Value = batch.Select(p => (short)(p.Void is null ? SupplySource.Tap : SupplySource.TapVoid)).ToArray(),
            NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Smallint,
        });
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.NetworkId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        cmd.Parameters.Add(new() { Value = batch.Select(p => p.Entry.Service).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        return cmd;
    }
}
