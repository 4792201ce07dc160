using System.Threading.Channels;
using Npgsql;
using NpgsqlTypes;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using StationNet.Grains.Journal;
using StationNet.Grains.Telemetry;

namespace StationNet.Silo.Storage;

/// <summary>
/// The journal and rollup in PostgreSQL. Appends from every station of this silo queue up and share
/// transactions (group commit): one writer takes whatever is waiting, writes each record and its rollup
/// change in one transaction, commits, and only then completes the callers. The journal's primary key
/// (event id, kind) decides duplicates, so a resend, a second silo or a crash before the reply can never
/// count an event twice.
/// </summary>
public sealed class PostgresJournal : IEventJournal, IDailyRollup, IAsyncDisposable
{
    public const int MaxBatch = 500;

    private const string InsertEvent = """
        WITH added AS (
            INSERT INTO stationnet_journal (event_id, kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)
            VALUES ($1, 0, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            ON CONFLICT (event_id, kind) DO NOTHING
            RETURNING network_id, day, station_id, service, quantity)
        INSERT INTO stationnet_daily (network_id, day, station_id, service, count)
        SELECT network_id, day, station_id, service, quantity FROM added
        ON CONFLICT (network_id, day, station_id, service) DO UPDATE SET count = stationnet_daily.count + EXCLUDED.count
        RETURNING 1
        """;

    private const string InsertVoid = """
        WITH added AS (
            INSERT INTO stationnet_journal (event_id, kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device)
            SELECT event_id, 1, network_id, station_id, service, quantity, occurred_at, $2, day, hour, attendant, worker_group, $3
              FROM stationnet_journal WHERE event_id = $1 AND kind = 0
            ON CONFLICT (event_id, kind) DO NOTHING
            RETURNING network_id, day, station_id, service, quantity)
        UPDATE stationnet_daily d SET count = d.count - added.quantity
          FROM added
         WHERE d.network_id = added.network_id AND d.day = added.day AND d.station_id = added.station_id AND d.service = added.service
        RETURNING 1
        """;

    private readonly NpgsqlDataSource _db;
    private readonly ILogger<PostgresJournal> _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new() { SingleReader = true });
    private readonly Task _writer;
    private readonly ResiliencePipeline _resilience;

    private readonly StationNetMetrics _metrics;

    public PostgresJournal(NpgsqlDataSource db, StationNetMetrics metrics, ILogger<PostgresJournal> logger)
    {
        _db = db;
        _metrics = metrics;
        _logger = logger;
        _resilience = Resilience(logger);
        _writer = Task.Run(WriteLoop);
    }

    /// <summary>
    /// A batch that meets a deadlock or a dropped connection is written again, a few times, quickly. When the
    /// server is out of reach the breaker opens: batches fail at once for two seconds, so tablets get 503 and
    /// Retry-After straight away instead of waiting out retries, and one batch then tries the server again.
    /// </summary>
    private static ResiliencePipeline Resilience(ILogger logger) => new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
            MaxRetryAttempts = 4,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            OnRetry = args =>
            {
                logger.LogWarning("Journal batch failed (attempt {Attempt}), retrying: {Reason}", args.AttemptNumber + 1, args.Outcome.Exception?.Message);
                return default;
            },
        })
        .AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(IsUnreachable),
            FailureRatio = 0.5,
            MinimumThroughput = 3,
            SamplingDuration = TimeSpan.FromSeconds(5),
            BreakDuration = TimeSpan.FromSeconds(2),
        })
        .Build();

    public Task<bool> AppendAsync(JournalEntry entry, CancellationToken ct = default) => Enqueue(new Pending(entry, null));

    public Task<bool> AppendVoidAsync(JournalEntry voided, VoidEntry entry, CancellationToken ct = default) => Enqueue(new Pending(voided, entry));

    public async Task<JournalLookup?> FindAsync(Guid eventId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT kind, network_id, station_id, service, quantity, occurred_at, recorded_at, day, hour, attendant, worker_group, device FROM stationnet_journal WHERE event_id = $1");
        cmd.Parameters.Add(new() { Value = eventId });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        JournalEntry? found = null;
        DateTimeOffset? voidedAt = null;
        while (await reader.ReadAsync(ct))
        {
            if (reader.GetInt16(0) == 1)
            {
                voidedAt = reader.GetFieldValue<DateTimeOffset>(6);
                continue;
            }
            found = new JournalEntry(eventId, reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateOnly>(7), reader.GetInt16(8),
                NullableString(reader, 9), NullableString(reader, 10), NullableString(reader, 11));
        }
        return found is null ? null : new JournalLookup(found, voidedAt);
    }

    public async Task<StationDayCounts> LoadStationDayAsync(string stationId, DateOnly day, CancellationToken ct = default)
    {
        var days = await LoadDays("e.station_id = $1", stationId, day, ct);
        return days.SingleOrDefault() ?? new StationDayCounts(stationId, day, new Dictionary<string, int[]>(), null);
    }

    public Task<IReadOnlyList<StationDayCounts>> LoadNetworkDayAsync(string networkId, DateOnly day, CancellationToken ct = default) =>
        LoadDays("e.network_id = $1", networkId, day, ct);

    public async Task<IReadOnlyList<DailyCount>> QueryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT day, station_id, service, count FROM stationnet_daily
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4) AND count <> 0
             ORDER BY day, station_id, service
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<DailyCount>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DailyCount(reader.GetFieldValue<DateOnly>(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        }
        return rows;
    }

    public async Task<IReadOnlyList<(string StationId, DateOnly Day, int Hour)>> ActivityAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT DISTINCT station_id, day, hour FROM stationnet_journal WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND kind = 0");
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var active = new List<(string, DateOnly, int)>();
        while (await reader.ReadAsync(ct))
        {
            active.Add((reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetInt16(2)));
        }
        return active;
    }

    public async Task<IReadOnlyList<JournalEntry>> LatestAsync(string networkId, DateOnly day, int count, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT e.event_id, e.station_id, e.service, e.quantity, e.occurred_at, e.recorded_at, e.hour, e.attendant, e.worker_group, e.device
              FROM stationnet_journal e
             WHERE e.network_id = $1 AND e.day = $2 AND e.kind = 0
               AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
             ORDER BY e.occurred_at DESC
             LIMIT $3
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = day });
        cmd.Parameters.Add(new() { Value = count });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var latest = new List<JournalEntry>();
        while (await reader.ReadAsync(ct))
        {
            latest.Add(new JournalEntry(reader.GetGuid(0), networkId, reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                reader.GetFieldValue<DateTimeOffset>(4), reader.GetFieldValue<DateTimeOffset>(5), day, reader.GetInt16(6),
                NullableString(reader, 7), NullableString(reader, 8), NullableString(reader, 9)));
        }
        return latest;
    }

    public async Task<IReadOnlyDictionary<string, int>> VisitGroupsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT e.worker_group, sum(e.quantity)::integer FROM stationnet_journal e
             WHERE e.network_id = $1 AND e.day BETWEEN $2 AND $3 AND e.kind = 0 AND e.service = 'visit' AND e.worker_group IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
             GROUP BY e.worker_group
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            groups[reader.GetString(0)] = reader.GetInt32(1);
        }
        return groups;
    }

    public async Task<IReadOnlyList<AuditEntry>> AuditAsync(AuditQuery q, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT event_id, kind, station_id, service, quantity, occurred_at, recorded_at, day, attendant, worker_group, device
              FROM stationnet_journal
             WHERE network_id = $1 AND day BETWEEN $2 AND $3
               AND ($4::varchar IS NULL OR station_id = $4) AND ($5::varchar IS NULL OR device = $5)
               AND ($6::smallint IS NULL OR kind = $6) AND ($7::timestamptz IS NULL OR recorded_at < $7)
             ORDER BY recorded_at DESC, event_id
             LIMIT $8
            """);
        cmd.Parameters.Add(new() { Value = q.NetworkId });
        cmd.Parameters.Add(new() { Value = q.From });
        cmd.Parameters.Add(new() { Value = q.To });
        cmd.Parameters.Add(Text(q.StationId));
        cmd.Parameters.Add(Text(q.Device));
        cmd.Parameters.Add(new() { Value = q.Kind switch { "event" => (object)(short)0, "void" => (short)1, _ => DBNull.Value }, NpgsqlDbType = NpgsqlDbType.Smallint });
        cmd.Parameters.Add(new() { Value = (object?)q.Before?.ToUniversalTime() ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz });
        cmd.Parameters.Add(new() { Value = q.Limit });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var lines = new List<AuditEntry>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new AuditEntry(reader.GetGuid(0), reader.GetInt16(1) == 0 ? "event" : "void", reader.GetString(2), reader.GetString(3), reader.GetInt32(4),
                reader.GetFieldValue<DateTimeOffset>(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateOnly>(7),
                NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10)));
        }
        return lines;
    }

    public async Task<IReadOnlyList<StationServiceCount>> SummaryAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand("""
            SELECT station_id, service, sum(count)::integer AS total FROM stationnet_daily
             WHERE network_id = $1 AND day BETWEEN $2 AND $3 AND ($4::varchar IS NULL OR station_id = $4)
             GROUP BY station_id, service HAVING sum(count) <> 0
             ORDER BY station_id, service
            """);
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        cmd.Parameters.Add(new() { Value = (object?)stationId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var rows = new List<StationServiceCount>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StationServiceCount(reader.GetString(0), reader.GetString(1), reader.GetInt32(2)));
        }
        return rows;
    }

    public async Task<IReadOnlyDictionary<string, int>> TotalsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        await using var cmd = _db.CreateCommand(
            "SELECT service, sum(count)::integer FROM stationnet_daily WHERE network_id = $1 AND day BETWEEN $2 AND $3 GROUP BY service");
        cmd.Parameters.Add(new() { Value = networkId });
        cmd.Parameters.Add(new() { Value = from });
        cmd.Parameters.Add(new() { Value = to });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var totals = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            totals[reader.GetString(0)] = reader.GetInt32(1);
        }
        return totals;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private Task<bool> Enqueue(Pending pending)
    {
        if (!_queue.Writer.TryWrite(pending))
        {
            pending.Done.TrySetException(new ObjectDisposedException(nameof(PostgresJournal)));
        }
        return pending.Done.Task;
    }

    /// <summary>Net counts per service and hour (events less voids), visits by worker group, and the latest event not voided.</summary>
    private async Task<IReadOnlyList<StationDayCounts>> LoadDays(string filter, string key, DateOnly day, CancellationToken ct)
    {
        await using var cmd = _db.CreateCommand($"""
            SELECT e.station_id, e.service, e.hour, COALESCE(e.worker_group, ''), sum(e.quantity)::integer, max(e.occurred_at)
              FROM stationnet_journal e
             WHERE {filter} AND e.day = $2 AND e.kind = 0
               AND NOT EXISTS (SELECT 1 FROM stationnet_journal v WHERE v.event_id = e.event_id AND v.kind = 1)
             GROUP BY e.station_id, e.service, e.hour, e.worker_group
            """);
        cmd.Parameters.Add(new() { Value = key });
        cmd.Parameters.Add(new() { Value = day });
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var byStation = new Dictionary<string, (Dictionary<string, int[]> Hourly, Dictionary<string, int> Groups, DateTimeOffset? Last)>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var station = reader.GetString(0);
            if (!byStation.TryGetValue(station, out var acc))
            {
                acc = (new Dictionary<string, int[]>(StringComparer.Ordinal), new Dictionary<string, int>(StringComparer.Ordinal), null);
            }
            var service = reader.GetString(1);
            if (!acc.Hourly.TryGetValue(service, out var hours))
            {
                acc.Hourly[service] = hours = new int[24];
            }
            var quantity = reader.GetInt32(4);
            hours[reader.GetInt16(2)] += quantity;
            var group = reader.GetString(3);
            if (service == "visit" && group.Length > 0)
            {
                acc.Groups[group] = acc.Groups.GetValueOrDefault(group) + quantity;
            }
            var last = reader.GetFieldValue<DateTimeOffset>(5);
            byStation[station] = (acc.Hourly, acc.Groups, acc.Last is null || last > acc.Last ? last : acc.Last);
        }
        return byStation.Select(s => new StationDayCounts(s.Key, day, s.Value.Hourly, s.Value.Last, s.Value.Groups)).ToList();
    }

    private async Task WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }
            await Commit(batch);
        }
    }

    private async Task Commit(List<Pending> batch)
    {
        // One lock order for every writer (rollup row key), so concurrent silos cannot deadlock each other.
        var ordered = batch.OrderBy(p => p.Entry.NetworkId, StringComparer.Ordinal).ThenBy(p => p.Entry.Day)
            .ThenBy(p => p.Entry.StationId, StringComparer.Ordinal).ThenBy(p => p.Entry.Service, StringComparer.Ordinal).ToList();
        try
        {
            var results = await _resilience.ExecuteAsync(async _ => await Write(ordered));
            _metrics.Committed(ordered.Count);
            for (var i = 0; i < ordered.Count; i++)
            {
                ordered[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "Journal batch of {Count} failed; nothing of it was committed", ordered.Count);
            Exception failure = ex is BrokenCircuitException || IsTransient(ex)
                ? new StorageUnavailableException($"The journal cannot reach PostgreSQL: {ex.GetBaseException().Message}")
                : ex;
            foreach (var p in ordered)
            {
                p.Done.TrySetException(failure);
            }
        }
    }

    private async Task<bool[]> Write(List<Pending> batch)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var commands = new NpgsqlBatch(connection, tx);
        foreach (var p in batch)
        {
            commands.BatchCommands.Add(p.Void is null ? EventCommand(p.Entry) : VoidCommand(p.Entry.EventId, p.Void));
        }
        var results = new bool[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            for (var i = 0; i < batch.Count; i++)
            {
                results[i] = await reader.ReadAsync();
                while (await reader.ReadAsync())
                {
                }
                await reader.NextResultAsync();
            }
        }
        await tx.CommitAsync();
        return results;
    }

    private static NpgsqlBatchCommand EventCommand(JournalEntry e)
    {
        var cmd = new NpgsqlBatchCommand(InsertEvent);
        cmd.Parameters.Add(new() { Value = e.EventId });
        cmd.Parameters.Add(new() { Value = e.NetworkId });
        cmd.Parameters.Add(new() { Value = e.StationId });
        cmd.Parameters.Add(new() { Value = e.Service });
        cmd.Parameters.Add(new() { Value = e.Quantity });
        cmd.Parameters.Add(new() { Value = e.OccurredAt.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = e.RecordedAt.ToUniversalTime() });
        cmd.Parameters.Add(new() { Value = e.Day });
        cmd.Parameters.Add(new() { Value = (short)e.Hour });
        cmd.Parameters.Add(Text(e.Attendant));
        cmd.Parameters.Add(Text(e.WorkerGroup));
        cmd.Parameters.Add(Text(e.Device));
        return cmd;
    }

    private static NpgsqlBatchCommand VoidCommand(Guid eventId, VoidEntry v)
    {
        var cmd = new NpgsqlBatchCommand(InsertVoid);
        cmd.Parameters.Add(new() { Value = eventId });
        cmd.Parameters.Add(new() { Value = v.RecordedAt.ToUniversalTime() });
        cmd.Parameters.Add(Text(v.Device));
        return cmd;
    }

    private static NpgsqlParameter Text(string? value) => new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Varchar };

    private static string? NullableString(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);

    private static bool IsTransient(Exception ex) => ex is NpgsqlException { IsTransient: true } or PostgresException { SqlState: "40001" or "40P01" };

    /// <summary>The server, not the statement: refused or dropped connections, a server shutting down or starting up.</summary>
    private static bool IsUnreachable(Exception ex) => ex is NpgsqlException { IsTransient: true } and not PostgresException { SqlState: "40001" or "40P01" };

    private sealed record Pending(JournalEntry Entry, VoidEntry? Void)
    {
        public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
