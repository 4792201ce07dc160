using System.Net.WebSockets;
using System.Text;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using StationNet.Tests;

namespace StationNet.Web.Tests.Fuzz;

/// <summary>The live hub under hostile invocations and raw garbage frames: callers get errors, the server carries on.</summary>
[Trait("Category", "Reliability")]
public class HubFuzzTests(FuzzApp app, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<FuzzApp>
{
    [Fact]
    public async Task Hostile_hub_invocations_and_garbage_frames_get_errors_and_the_hub_keeps_serving_screens()
    {
        var input = new HostileInput(7);
        var outcomes = new Dictionary<string, int>();
        var connection = await Connect();
        var invocations = FuzzApp.Rounds * 50;
        for (var i = 0; i < invocations; i++)
        {
            var method = input.Pick(new[] { "Watch", "Watch", "Unwatch", "watch", "OnConnectedAsync", "Dispose", " ", "Watch\0", "Nope" });
            object?[] args = input.Next(6) switch
            {
                0 => [],
                1 => [input.Next(1000)],
                2 => [null],
                3 => [input.Text(), input.Text()],
                4 => [new { networkId = "sample" }],
                _ => [input.Text()],
            };
            string outcome;
            try
            {
                await connection.InvokeCoreAsync<object?>(method, args);
                outcome = "answered";
            }
            catch (HubException)
            {
                outcome = "hub error";
            }
            catch (InvalidOperationException)
            {
                // The server closed the connection (a protocol violation); a screen would reconnect.
                outcome = "closed";
                await connection.DisposeAsync();
                connection = await Connect();
            }
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        await connection.DisposeAsync();

        var frames = FuzzApp.Rounds * 10;
        for (var i = 0; i < frames; i++)
        {
            var outcome = await RawFrames(input);
            outcomes[outcome] = outcomes.GetValueOrDefault(outcome) + 1;
        }
        output.WriteLine($"{invocations} invocations and {frames} raw connections: {string.Join(", ", outcomes.Select(o => $"{o.Key}×{o.Value}"))}");

        // A screen connecting now still gets its snapshot and every change.
        await using var wall = await WallWatch.Connect(app.BaseAddress, app.ScreenToken);
        var before = wall.Count("sample-06", "meal");
        using var posted = await app.Http.PostEvent("sample-06", new { id = Guid.NewGuid(), service = "meal", quantity = 1 });
        Assert.True(posted.IsSuccessStatusCode);
        Assert.True(await wall.Shows(w => w.Count("sample-06", "meal") == before + 1, TimeSpan.FromSeconds(10)), "the hub stopped pushing");
        Assert.True(outcomes.GetValueOrDefault("hub error") > 0, "no invocation was refused: the fuzzer did not reach the hub");
        Assert.True(app.Errors.IsEmpty, "the server logged errors:\n" + string.Join("\n", app.Errors.Take(10)));
    }

    private async Task<HubConnection> Connect()
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(app.BaseAddress, "/hubs/live"), o => o.AccessTokenProvider = () => Task.FromResult<string?>(app.ScreenToken))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    /// <summary>A WebSocket to the hub that sends a bad handshake, a good one then garbage, or binary noise.</summary>
    private async Task<string> RawFrames(HostileInput input)
    {
        using var socket = new ClientWebSocket();
        var url = new UriBuilder(new Uri(app.BaseAddress, "/hubs/live")) { Scheme = "ws", Query = "access_token=" + Uri.EscapeDataString(app.ScreenToken) }.Uri;
        await socket.ConnectAsync(url, CancellationToken.None);
        var messages = input.Next(3) switch
        {
            0 => new[] { input.Text() + "\u001e" },
            1 => ["{\"protocol\":\"json\",\"version\":1}\u001e", input.Text() + "\u001e", "{\"type\":1,\"target\":\"Watch\",\"arguments\":[" + input.Text().Length + "]}\u001e"],
            _ => ["{\"protocol\":\"messagepack\",\"version\":1}\u001e", "\u0093\u00ff\u00c1garbage"],
        };
        try
        {
            foreach (var m in messages)
            {
                await socket.SendAsync(Encoding.UTF8.GetBytes(m), input.Next(2) == 0 ? WebSocketMessageType.Text : WebSocketMessageType.Binary, true, CancellationToken.None);
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            var buffer = new byte[4096];
            while (true)
            {
                var r = await socket.ReceiveAsync(buffer, wait.Token);
                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return "raw: closed by server";
                }
            }
        }
        catch (OperationCanceledException)
        {
            return "raw: kept open";
        }
        catch (WebSocketException)
        {
            return "raw: dropped";
        }
    }
}
