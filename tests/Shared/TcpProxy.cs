using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace StationNet.Tests;

/// <summary>
/// A load balancer on loopback in front of one or more servers, sticky to one of them (every client here
/// has the same address, as with ip_hash), that misbehaves on request: it can cut every open connection
/// at once and send new ones to the next server (a failover), or refuse WebSocket upgrades (as a proxy
/// without WebSocket support does).
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int[] _targets;
    private int _current;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<TcpClient, TcpClient?> _open = new();
    private readonly Task _accepting;
    private int _refused;

    public TcpProxy(params Uri[] targets)
    {
        _targets = targets.Select(t => t.Port).ToArray();
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = Task.Run(Accept);
    }

    public Uri Address { get; }

    /// <summary>Answer WebSocket upgrade requests with 502 instead of passing them on.</summary>
    public bool RefuseWebSockets { get; set; }

    /// <summary>How many WebSocket upgrades were refused.</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Cuts every open connection, as a balancer restart or an idle timeout does; with failover, new connections go to the next server.</summary>
    public int DropAll(bool failover = false)
    {
        if (failover)
        {
            Interlocked.Increment(ref _current);
        }
        var dropped = 0;
        foreach (var (client, server) in _open)
        {
            if (_open.TryRemove(client, out _))
            {
                client.Client?.Close(0);
                server?.Client?.Close(0);
                dropped++;
            }
        }
        return dropped;
    }

    private async Task Accept()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => Serve(client));
        }
    }

    private async Task Serve(TcpClient client)
    {
        _open[client] = null;
        try
        {
            var downstream = client.GetStream();
            // The first request's head decides: a WebSocket upgrade may be refused; anything else is passed on.
            var head = new byte[16 * 1024];
            var length = 0;
            while (length < head.Length && !Encoding.ASCII.GetString(head, 0, length).Contains("\r\n\r\n"))
            {
                var read = await downstream.ReadAsync(head.AsMemory(length), _stop.Token);
                if (read == 0)
                {
                    return;
                }
                length += read;
            }
            if (RefuseWebSockets && Encoding.ASCII.GetString(head, 0, length).Contains("upgrade: websocket", StringComparison.OrdinalIgnoreCase))
            {
                Interlocked.Increment(ref _refused);
                await downstream.WriteAsync("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray(), _stop.Token);
                return;
            }
            using var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _targets[Volatile.Read(ref _current) % _targets.Length], _stop.Token);
            _open[client] = server;
            var upstream = server.GetStream();
            await upstream.WriteAsync(head.AsMemory(0, length), _stop.Token);
            await Task.WhenAny(Pump(downstream, upstream), Pump(upstream, downstream));
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            if (_open.TryRemove(client, out var server))
            {
                server?.Dispose();
            }
            client.Dispose();
        }
    }

    private async Task Pump(Stream from, Stream to)
    {
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        DropAll();
        await _accepting;
    }
}
