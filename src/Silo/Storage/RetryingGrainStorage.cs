using Orleans.Storage;
using Polly;
using Polly.Retry;
using StationNet.Grains.Journal;

namespace StationNet.Silo.Storage;

/// <summary>
/// Orleans' ADO.NET grain storage with a few quick retries when PostgreSQL is out of reach for a moment.
/// After a database restart every pooled connection is dead, and without this the first request to touch
/// each of them (a sign-in, a pairing) would fail although the server is back.
/// </summary>
public sealed class RetryingGrainStorage(IGrainStorage inner, ILogger logger) : IGrainStorage
{
    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder()
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<Exception>(StorageUnavailableException.IsCause),
            MaxRetryAttempts = 3,
            Delay = TimeSpan.FromMilliseconds(100),
            BackoffType = DelayBackoffType.Exponential,
            OnRetry = args =>
            {
                // The other idle connections in the pool likely died with the same restart: drop them all at once.
                Npgsql.NpgsqlConnection.ClearAllPools();
                logger.LogWarning("Grain storage failed (attempt {Attempt}), retrying: {Reason}", args.AttemptNumber + 1, args.Outcome.Exception?.GetBaseException().Message);
                return default;
            },
        })
        .Build();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _retry.ExecuteAsync(async _ => await inner.ReadStateAsync(stateName, grainId, grainState)).AsTask();

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _retry.ExecuteAsync(async _ => await inner.WriteStateAsync(stateName, grainId, grainState)).AsTask();

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _retry.ExecuteAsync(async _ => await inner.ClearStateAsync(stateName, grainId, grainState)).AsTask();
}
