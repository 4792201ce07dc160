using System.Collections.Concurrent;
using System.Net;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>With an OTLP endpoint configured, traces go out; here the collector is a listener on loopback.</summary>
public class TracingTests(TracingTests.TracedApp app) : IClassFixture<TracingTests.TracedApp>
{
    /// <summary>A stand-in OpenTelemetry collector: it records the paths the exporter posts to.</summary>
    public sealed class Collector : IDisposable
    {
        private readonly HttpListener _listener = new();

        public Collector()
        {
            Port = Ports.Free();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (_listener.IsListening)
                {
                    try
                    {
                        var context = await _listener.GetContextAsync();
                        Received.Enqueue($"{context.Request.HttpMethod} {context.Request.Url!.AbsolutePath} {context.Request.ContentLength64}");
                        context.Response.StatusCode = 200;
                        context.Response.Close();
                    }
                    catch (Exception) when (!_listener.IsListening)
                    {
                        return;
                    }
                }
            });
        }

        public int Port { get; }

        public ConcurrentQueue<string> Received { get; } = new();

        public void Dispose() => _listener.Close();
    }

    public sealed class TracedApp() : StationNetApp(settings: new Dictionary<string, string>
    {
        ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{Shared.Port}",
        ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
        ["OTEL_BSP_SCHEDULE_DELAY"] = "500",
        ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
    })
    {
        public static readonly Collector Shared = new();
    }

    [Fact]
    public async Task With_an_otlp_endpoint_set_requests_are_exported_as_traces_and_metrics()
    {
        using var tablet = await app.Tablet("sample-12");
        using (var posted = await tablet.PostEvent("sample-12", new { id = Guid.NewGuid(), service = "visit" }))
        {
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(TracedApp.Shared.Received.Any(r => r.StartsWith("POST /v1/traces")) && TracedApp.Shared.Received.Any(r => r.StartsWith("POST /v1/metrics")))
               && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        Assert.Contains(TracedApp.Shared.Received, r => r.StartsWith("POST /v1/traces"));
        Assert.Contains(TracedApp.Shared.Received, r => r.StartsWith("POST /v1/metrics"));
    }
}
