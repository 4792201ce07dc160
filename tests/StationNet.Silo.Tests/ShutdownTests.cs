using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>A silo stopped the way an orchestrator stops it (SIGTERM) while tablets post to it.</summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Reliability")]
public class ShutdownTests(PostgresServer pg, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_graceful_shutdown_answers_the_events_in_flight_then_leaves_the_cluster_and_loses_nothing()
    {
        await using var cluster = await TwoSilos.Start(await pg.CreateDatabase("shutdown"));
        var acknowledged = new ConcurrentDictionary<Guid, (string Station, int Quantity)>();
        var unanswered = new ConcurrentDictionary<Guid, (string Station, int Quantity)>();
        var answers = new ConcurrentDictionary<string, int>();
        var answeredAfterSignal = 0;
        var signalled = false;
        var clock = Stopwatch.StartNew();
        var tablets = Enumerable.Range(0, 16).Select(t => Task.Run(async () =>
        {
            using var http = new HttpClient { BaseAddress = cluster.B.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var random = new Random(t);
            while (!Volatile.Read(ref signalled))
            {
                var id = Guid.NewGuid();
                var e = (Station: TwoSilos.Stations[random.Next(TwoSilos.Stations.Length)], Quantity: random.Next(1, 4));
                try
                {
                    using var r = await http.PostEvent(e.Station, new { id, service = "visit", quantity = e.Quantity }, cluster.Tablets[e.Station]);
                    answers.AddOrUpdate(((int)r.StatusCode).ToString(), 1, (_, n) => n + 1);
                    (r.IsSuccessStatusCode ? acknowledged : unanswered)[id] = e;
                    if (Volatile.Read(ref signalled))
                    {
                        Interlocked.Increment(ref answeredAfterSignal);
                    }
                }
                catch (HttpRequestException)
                {
                    // The balancer would send this tablet to another silo; it resends below.
                    answers.AddOrUpdate("no answer", 1, (_, n) => n + 1);
                    unanswered[id] = e;
                }
            }
        })).ToArray();
        await Poll.Until(() => acknowledged.Count >= 300, "300 events acknowledged");

        Volatile.Write(ref signalled, true);
        var exitCode = await cluster.B.Terminate(TimeSpan.FromSeconds(60));
        var stopped = clock.Elapsed;
        await Task.WhenAll(tablets);
        Assert.Equal(0, exitCode);
        // It said goodbye itself: the membership table has it dead at once, not after the others' probes time out.
        Assert.True(await cluster.Declared(cluster.B, dead: true), "silo B did not mark itself dead on the way out");
        output.WriteLine($"answers: {string.Join(", ", answers.OrderBy(a => a.Key))}; {answeredAfterSignal} answered after SIGTERM");
        Assert.True(answeredAfterSignal > 0, "no request in flight was answered after SIGTERM");
        Assert.DoesNotContain(answers.Keys, a => a.StartsWith('5'));

        // Tablets resend what got no answer to the silo that stays; nothing is lost or counted twice.
        using var http = new HttpClient { BaseAddress = cluster.A.BaseAddress };
        foreach (var (id, e) in unanswered)
        {
            using var r = await http.PostEvent(e.Station, new { id, service = "visit", quantity = e.Quantity }, cluster.Tablets[e.Station]);
            Assert.True(r.IsSuccessStatusCode, $"resend got {(int)r.StatusCode}");
            acknowledged[id] = e;
        }
        var rows = await cluster.JournalRows();
        Assert.Equal(acknowledged.Count, rows.Count);
        Assert.All(acknowledged.Keys, id => Assert.Equal(1, rows.GetValueOrDefault(id)));

        // In production the log is JSON, one object a line.
        var lines = cluster.B.Log.Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);
        Assert.All(lines, line =>
        {
            using var entry = JsonDocument.Parse(line);
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _) && entry.RootElement.TryGetProperty("LogLevel", out _)
                && entry.RootElement.TryGetProperty("Category", out _), line);
        });
    }
}
