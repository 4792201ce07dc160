using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Live;

namespace StationNet.Tests;

/// <summary>A wall screen as the hub sees it: connected with a screen token, watching one network, keeping the newest counts.</summary>
public sealed class WallWatch : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly object _gate = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _stations = new(StringComparer.Ordinal);
    private long _version;
    private int _changes;

    private WallWatch(HubConnection connection) => _connection = connection;

    public long Version => Interlocked.Read(ref _version);

    public int Changes => Volatile.Read(ref _changes);

    /// <summary>Why the connection closed, if it did.</summary>
    public Exception? Closed { get; private set; }

    public bool IsClosed { get; private set; }

    public static async Task<WallWatch> Connect(Uri server, string screenToken, string networkId = "sample", bool messagePack = false)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(server, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(screenToken));
        if (messagePack)
        {
            builder.AddMessagePackProtocol();
        }
        var wall = new WallWatch(builder.Build());
        wall._connection.On<LiveChanges>("changes", wall.OnChanges);
        wall._connection.Closed += e =>
        {
            wall.Closed = e;
            wall.IsClosed = true;
            return Task.CompletedTask;
        };
        await wall._connection.StartAsync();
        var snapshot = await wall._connection.InvokeAsync<LiveSnapshot>("Watch", networkId);
        lock (wall._gate)
        {
            wall._version = snapshot.Version;
            foreach (var s in snapshot.Stations)
            {
                wall._stations[s.StationId] = s.Counts;
            }
        }
        return wall;
    }

    /// <summary>The count the screen shows now for a station and service.</summary>
    public int Count(string stationId, string service)
    {
        lock (_gate)
        {
            return _stations.TryGetValue(stationId, out var counts) ? counts.GetValueOrDefault(service) : 0;
        }
    }

    /// <summary>Waits until the screen shows what the condition asks; false if it did not within the time.</summary>
    public async Task<bool> Shows(Func<WallWatch, bool> condition, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (!condition(this))
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    private void OnChanges(LiveChanges changes)
    {
        lock (_gate)
        {
            Interlocked.Increment(ref _changes);
            if (changes.Version <= _version)
            {
                return;
            }
            _version = changes.Version;
            foreach (var s in changes.Stations)
            {
                _stations[s.StationId] = s.Counts;
            }
        }
    }

    public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
}
