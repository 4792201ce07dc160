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
/// The journal and its rollups (by day, by hour, by worker group) in PostgreSQL. Appends from every station of this silo queue up and share
/// transactions (group commit): one writer takes whatever is waiting, writes each record and its rollup
/// change in one transaction, commits, and only then completes the callers. The journal's primary key
/// (event id, kind) decides duplicates, so a resend, a second silo or a crash before the reply can never
/// count an event twice. A batch ends with one statement for the linked taps' supplies (PostgresJournal.Supplies.cs).
/// </summary>
public sealed partial class PostgresJournal : IEventJournal, IDailyRollup, IAsyncDisposable
{
    public const int MaxBatch = 500;

    private readonly NpgsqlDataSource _db;
    private readonly ILogger<PostgresJournal> _logger;
    /// <summary>Submissions: one record, or a tablet's batch that goes into one transaction whole.</summary>
    private readonly Channel<Pending[]> _queue = Channel.CreateUnbounded<Pending[]>(new() { SingleReader = true });
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

    public IReadOnlyList<Task<bool>> AppendAll(IReadOnlyList<JournalEntry> entries)
    {
        var submission = entries.Select(e => new Pending(e, null)).ToArray();
        if (!_queue.Writer.TryWrite(submission))
        {
            foreach (var p in submission)
            {
                p.Done.TrySetException(new ObjectDisposedException(nameof(PostgresJournal)));
            }
        }
        return submission.Select(p => p.Done.Task).ToList();
    }

    public Task<bool> AppendVoidAsync(JournalEntry voided, VoidEntry entry, CancellationToken ct = default) => Enqueue(new Pending(voided, entry));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _writer;
    }

    private Task<bool> Enqueue(Pending pending)
    {
        if (!_queue.Writer.TryWrite([pending]))
        {
            pending.Done.TrySetException(new ObjectDisposedException(nameof(PostgresJournal)));
        }
        return pending.Done.Task;
    }

    /// <summary>Net counts per service and hour (events less voids), visits by worker group, and the latest event not voided.</summary>
    private async Task WriteLoop()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            // A submission is never split between transactions: it joins this one only if it fits (or is the first).
            while (_queue.Reader.TryPeek(out var next) && (batch.Count == 0 || batch.Count + next.Length <= MaxBatch) && _queue.Reader.TryRead(out next))
            {
                batch.AddRange(next);
            }
            await Commit(batch);
        }
    }

    private async Task Commit(List<Pending> batch)
    {
        // One lock order for every writer (rollup row key), so concurrent silos cannot deadlock each other.
        var ordered = batch.OrderBy(p => p.Entry.NetworkId, StringComparer.Ordinal).ThenBy(p => p.Entry.Day)
            .ThenBy(p => p.Entry.StationId, StringComparer.Ordinal).ThenBy(p => p.Entry.Service, StringComparer.Ordinal).ThenBy(p => p.Entry.Hour)
            .ThenBy(p => p.Entry.WorkerGroup, StringComparer.Ordinal).ToList();
        await CommitOrSplit(ordered);
    }

    /// <summary>
    /// Writes the batch; when the database refuses it for what a row holds (not for being out of reach), the
    /// batch is halved and each half written on its own, down to the single rows it refuses, which fail alone.
    /// So one bad record never fails its neighbours' events: they commit, in the same lock order.
    /// </summary>
    private async Task CommitOrSplit(List<Pending> batch)
    {
        try
        {
            var results = await _resilience.ExecuteAsync(async _ => await Write(batch));
            _metrics.Committed(batch.Count);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Done.TrySetResult(results[i]);
            }
        }
        catch (Exception ex) when (IsRefusal(ex))
        {
            if (batch.Count == 1)
            {
                var p = batch[0];
                // The reason names the column or constraint, never the row's values.
                _logger.LogWarning("Journal refused the {Kind} of event {EventId}: {Reason}", p.Void is null ? "record" : "void", p.Entry.EventId, Reason(ex));
                p.Done.TrySetException(new JournalRefusedException($"The journal refused {(p.Void is null ? "event" : "the void of event")} {p.Entry.EventId}: {Reason(ex)}"));
                return;
            }
            _logger.LogWarning("Journal batch of {Count} refused ({Reason}); writing it in halves to find the row", batch.Count, Reason(ex));
            var half = batch.Count / 2;
            await CommitOrSplit(batch[..half]);
            await CommitOrSplit(batch[half..]);
        }
        catch (Exception ex)
        {
            if (ex is BrokenCircuitException)
            {
                // The breaker is open: PostgreSQL was already found out of reach, and that was logged with its cause.
                _logger.LogWarning("Journal batch of {Count} refused while PostgreSQL is out of reach; nothing of it was committed", batch.Count);
            }
            else
            {
                _logger.LogError(ex, "Journal batch of {Count} failed; nothing of it was committed", batch.Count);
            }
            var failure = new StorageUnavailableException($"The journal cannot reach PostgreSQL: {ex.GetBaseException().Message}");
            foreach (var p in batch)
            {
                p.Done.TrySetException(failure);
            }
        }
    }

    /// <summary>The statement, not the server: anything that is not a dropped connection, a deadlock or an open breaker.</summary>
    private static bool IsRefusal(Exception ex) =>
        ex is not BrokenCircuitException && ex is not ObjectDisposedException && !IsTransient(ex) && !StorageUnavailableException.IsCause(ex);

    private static string Reason(Exception ex) => ex.GetBaseException() switch
    {
        PostgresException pg => $"{pg.SqlState} {pg.MessageText}",
        var e => $"{e.GetType().Name}: {e.Message}",
    };

    /// <summary>
    /// One transaction: the batch's events in one set-based statement (<see cref="JournalSql.InsertEvents"/>), each
    /// void in its own (an attendant's undo, rare), then the linked taps' statement. An event id sent twice in one
    /// batch goes into the statement once: the first copy is appended, the later ones are duplicates of it.
    /// </summary>
    private async Task<bool[]> Write(List<Pending> batch)
    {
        await using var connection = await _db.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var commands = new NpgsqlBatch(connection, tx);
        var firsts = new Dictionary<Guid, int>();
        var events = new List<JournalEntry>(batch.Count);
        var voids = new List<int>();
        for (var i = 0; i < batch.Count; i++)
        {
            if (batch[i].Void is not null)
            {
                voids.Add(i);
            }
            else if (firsts.TryAdd(batch[i].Entry.EventId, i))
            {
                events.Add(batch[i].Entry);
            }
        }
        if (events.Count > 0)
        {
            commands.BatchCommands.Add(EventsCommand(events));
        }
        foreach (var i in voids)
        {
            commands.BatchCommands.Add(VoidCommand(batch[i].Entry.EventId, batch[i].Void!));
        }
        commands.BatchCommands.Add(TapsCommand(batch));
        var results = new bool[batch.Count];
        await using (var reader = await commands.ExecuteReaderAsync())
        {
            if (events.Count > 0)
            {
                while (await reader.ReadAsync())
                {
                    results[firsts[reader.GetGuid(0)]] = true;
                }
                await reader.NextResultAsync();
            }
            foreach (var i in voids)
            {
                results[i] = await reader.ReadAsync();
                while (await reader.ReadAsync())
                {
                }
                await reader.NextResultAsync();
            }
            // The linked taps' statement, last: read to its end, so a refusal surfaces here, inside the transaction.
            while (await reader.ReadAsync())
            {
            }
        }
        await tx.CommitAsync();
        return results;
    }

    private static NpgsqlBatchCommand EventsCommand(List<JournalEntry> events)
    {
        var cmd = new NpgsqlBatchCommand(JournalSql.InsertEvents);
        Add(cmd, events, e => e.EventId, NpgsqlDbType.Uuid);
        Add(cmd, events, e => e.NetworkId, NpgsqlDbType.Text);
        Add(cmd, events, e => e.StationId, NpgsqlDbType.Text);
        Add(cmd, events, e => e.Service, NpgsqlDbType.Text);
        Add(cmd, events, e => e.Quantity, NpgsqlDbType.Integer);
        Add(cmd, events, e => e.OccurredAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        Add(cmd, events, e => e.RecordedAt.ToUniversalTime(), NpgsqlDbType.TimestampTz);
        Add(cmd, events, e => e.Day, NpgsqlDbType.Date);
        Add(cmd, events, e => (short)e.Hour, NpgsqlDbType.Smallint);
        Add(cmd, events, e => e.Attendant, NpgsqlDbType.Text);
        Add(cmd, events, e => e.WorkerGroup, NpgsqlDbType.Text);
        Add(cmd, events, e => e.Device, NpgsqlDbType.Text);
        return cmd;
    }

    private static void Add<T>(NpgsqlBatchCommand cmd, List<JournalEntry> events, Func<JournalEntry, T> column, NpgsqlDbType type)
    {
        var values = new T[events.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = column(events[i]);
        }
        cmd.Parameters.Add(new NpgsqlParameter<T[]> { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type });
    }

    private static NpgsqlBatchCommand VoidCommand(Guid eventId, VoidEntry v)
    {
        var cmd = new NpgsqlBatchCommand(JournalSql.InsertVoid);
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
