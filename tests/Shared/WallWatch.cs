using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Live;

namespace StationNet.Tests;

/// <summary>
/// A wall screen as the hub sees it, following the wall's protocol (lib/live.ts): a snapshot first, then
/// batches with consecutive versions; a gap or a new day asks for a fresh snapshot.
/// </summary>
public sealed class WallWatch : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly object _gate = new();
    private readonly Dictionary<string, IReadOnlyDictionary<string, int>> _stations = new(StringComparer.Ordinal);
    private readonly string _networkId;
    private long _version;
    private DateOnly _day;
    private int _changes;
    private int _resyncs;

    private WallWatch(HubConnection connection, string networkId)
    {
        _connection = connection;
        _networkId = networkId;
    }

    public long Version => Interlocked.Read(ref _version);

    /// <summary>The local day the screen shows.</summary>
    public DateOnly Day
    {
        get
        {
            lock (_gate)
            {
                return _day;
            }
        }
    }

    public int Changes => Volatile.Read(ref _changes);

    /// <summary>How often a gap in the versions made the screen ask for a fresh snapshot.</summary>
    public int Resyncs => Volatile.Read(ref _resyncs);

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
        var wall = new WallWatch(builder.Build(), networkId);
        wall._connection.On<LiveChanges>("changes", wall.OnChanges);
        wall._connection.Closed += e =>
        {
            wall.Closed = e;
            wall.IsClosed = true;
            return Task.CompletedTask;
        };
        await wall._connection.StartAsync();
        await wall.Resync();
        return wall;
    }

    private async Task Resync()
    {
        var snapshot = await _connection.InvokeAsync<LiveSnapshot>("Watch", _networkId);
        lock (_gate)
        {
            if (snapshot.Version < _version && snapshot.Day == _day)
            {
                return;
            }
            _version = snapshot.Version;
            _day = snapshot.Day;
            _stations.Clear();
            foreach (var s in snapshot.Stations)
            {
                _stations[s.StationId] = s.Counts;
            }
        }
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
            if (changes.Version != _version + 1 || changes.Day != _day)
            {
                Interlocked.Increment(ref _resyncs);
                _ = Resync();
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
