using System.Buffers;
using System.Buffers.Text;
using System.Net.WebSockets;
using System.Text;

namespace StationNet.Bench;

/// <summary>
/// A city wall as the bench runs 500 of them on one core: a WebSocket speaking SignalR's JSON hub protocol by hand
/// (handshake, <c>Watch</c>, pings), which finds in each "changes" batch the probe station's count and nothing else.
/// The .NET SignalR client costs about 100 µs of CPU per message; with 500 walls and the 1,000 events a second on
/// one core that was 0.8 of the core, and the last walls' batches queued behind the first ones', so the client-side
/// figure measured the harness. This reads a batch when its last byte arrives, as a browser's socket would.
/// </summary>
public sealed class RawWall : IAsyncDisposable
{
    private const byte Separator = 0x1e;
    private static readonly byte[] Changes = "\"target\":\"changes\""u8.ToArray();
    private static readonly byte[] Visit = "\"visit\":"u8.ToArray();

    private readonly ClientWebSocket _socket;
    private readonly byte[] _probe;
    private readonly Action<int?, int> _saw;
    private readonly CancellationTokenSource _stop = new();
    private readonly ArrayBufferWriter<byte> _message = new(64 * 1024);
    private readonly SemaphoreSlim _sending = new(1, 1);
    private Task _receiving = Task.CompletedTask;
    private Task _pinging = Task.CompletedTask;

    private RawWall(ClientWebSocket socket, string probeStation, Action<int?, int> saw)
    {
        _socket = socket;
        _probe = Encoding.UTF8.GetBytes($"\"stationId\":\"{probeStation}\"");
        _saw = saw;
    }

    public static async Task<RawWall> Connect(Uri server, string token, string networkId, string probeStation, Action<int?, int> saw)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(server) { Scheme = "ws", Path = "/hubs/live", Query = "access_token=" + Uri.EscapeDataString(token) }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        var wall = new RawWall(socket, probeStation, saw);
        await wall.Send("{\"protocol\":\"json\",\"version\":1}");
        var handshake = await wall.Next();
        if (handshake.Contains("error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"hub handshake refused: {handshake}");
        }
        await wall.Send($"{{\"type\":1,\"invocationId\":\"1\",\"target\":\"Watch\",\"arguments\":[\"{networkId}\"]}}");
        while (true)
        {
            var record = await wall.Next();
            if (record.StartsWith("{\"type\":3", StringComparison.Ordinal))
            {
                if (record.Contains("\"error\"", StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"Watch refused: {record[..Math.Min(300, record.Length)]}");
                }
                break;
            }
        }
        wall._receiving = Task.Run(wall.Receive);
        wall._pinging = Task.Run(wall.Ping);
        return wall;
    }

    private async Task Send(string record)
    {
        await _sending.WaitAsync();
        try
        {
            await _socket.SendAsync(Encoding.UTF8.GetBytes(record + (char)Separator), WebSocketMessageType.Text, true, _stop.Token);
        }
        finally
        {
            _sending.Release();
        }
    }

    /// <summary>The next whole record (during the handshake and Watch only; records there come one per message).</summary>
    private async Task<string> Next()
    {
        _message.Clear();
        while (true)
        {
            var result = await _socket.ReceiveAsync(_message.GetMemory(16 * 1024), _stop.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                throw new InvalidOperationException("the hub closed the connection");
            }
            _message.Advance(result.Count);
            if (result.EndOfMessage && _message.WrittenSpan[^1] == Separator)
            {
                return Encoding.UTF8.GetString(_message.WrittenSpan[..^1]);
            }
        }
    }

    private async Task Receive()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                _message.Clear();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(_message.GetMemory(16 * 1024), _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }
                    _message.Advance(result.Count);
                }
                while (!result.EndOfMessage);
                foreach (var record in Records(_message.WrittenMemory))
                {
                    if (record.Span.IndexOf(Changes) >= 0)
                    {
                        _saw(Probed(record.Span), record.Length);
                    }
                }
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
    }

    private static IEnumerable<ReadOnlyMemory<byte>> Records(ReadOnlyMemory<byte> message)
    {
        while (message.Length > 0)
        {
            var end = message.Span.IndexOf(Separator);
            if (end < 0)
            {
                yield return message;
                yield break;
            }
            yield return message[..end];
            message = message[(end + 1)..];
        }
    }

    /// <summary>The probe station's visits in a "changes" record, or null when the batch does not name it.</summary>
    private int? Probed(ReadOnlySpan<byte> record)
    {
        var at = record.IndexOf(_probe);
        if (at < 0)
        {
            return null;
        }
        var rest = record[(at + _probe.Length)..];
        var end = rest.IndexOf((byte)'}'); // the station's counts object closes first
        var visit = end < 0 ? -1 : rest[..end].IndexOf(Visit);
        return visit >= 0 && Utf8Parser.TryParse(rest[(visit + Visit.Length)..], out int count, out _) ? count : null;
    }

    /// <summary>The hub drops a client it has not heard from in 30 s.</summary>
    private async Task Ping()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), _stop.Token);
                await Send("{\"type\":6}");
            }
        }
        catch (Exception) when (_stop.IsCancellationRequested || _socket.State != WebSocketState.Open)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try
        {
            await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        }
        catch (WebSocketException)
        {
        }
        await Task.WhenAll(_receiving, _pinging);
        _socket.Dispose();
    }
}
