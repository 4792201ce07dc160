using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// /metrics as Prometheus scrapes it, from a silo process on PostgreSQL: one host in the process, as in
/// production (a test process hosting many apps shares meter names between them).
/// </summary>
[Collection(PostgresCollection.Name)]
public class MetricsTests(PostgresServer pg)
{
    [Fact]
    public async Task The_metrics_endpoint_carries_stationnets_counters_and_every_metric_the_grafana_dashboard_charts()
    {
        await using var silo = await SiloProcess.Start(await pg.CreateDatabase("metrics"), Ports.Free(), Ports.Free(), Ports.Free());
        using var admin = await Sessions.SignIn(silo.BaseAddress, "admin", Sessions.AdminPassword);
        await Poll.SampleSeeded(admin);
        using var tablet = Sessions.WithToken(silo.BaseAddress, await Sessions.PairTablet(admin, "sample-09"));
        await using var wall = await WallWatch.Connect(silo.BaseAddress, (await Sessions.NewScreenLink(admin, "sample")).Token);
        var before = await Metrics(silo);

        var id = Guid.NewGuid();
        for (var i = 0; i < 2; i++)
        {
            using var posted = await tablet.PostEvent("sample-09", new { id = i == 0 ? id : Guid.NewGuid(), service = "meal" });
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        }
        using (var again = await tablet.PostEvent("sample-09", new { id, service = "meal" }))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        using (var refused = await tablet.PostEvent("sample-09", new { id = Guid.NewGuid(), service = "meal", quantity = 0 }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
        Assert.True(await wall.Shows(w => w.Count("sample-09", "meal") >= 2, TimeSpan.FromSeconds(10)));
        var after = await Metrics(silo);

        Assert.Equal(2, Value(after, "stationnet_events_total", "outcome=\"accepted\"", "service=\"meal\"") - Value(before, "stationnet_events_total", "outcome=\"accepted\"", "service=\"meal\""));
        Assert.Equal(1, Value(after, "stationnet_events_total", "outcome=\"duplicate\"", "service=\"meal\""));
        Assert.Equal(1, Value(after, "stationnet_events_total", "outcome=\"refused\""));
        Assert.Equal(1, Value(after, "stationnet_tablets_active"));
        Assert.Equal(1, Value(after, "stationnet_screens_connected"));
        Assert.True(Value(after, "stationnet_push_latency_seconds_count") > Value(before, "stationnet_push_latency_seconds_count"));
        Assert.True(Value(after, "stationnet_journal_batch_size_count") >= 1);
        // The framework's meters are there too: ASP.NET Core, Orleans, Npgsql, the runtime.
        Assert.Contains("\nhttp_server_request_duration_seconds_bucket", after);
        Assert.Contains("\norleans_catalog_activations", after);
        Assert.Contains("\ndb_client_", after);
        Assert.Contains("\ndotnet_gc_", after);

        // Every series (or label) the Grafana dashboard charts is exported.
        var dashboard = await File.ReadAllTextAsync(Path.Combine(Root(), "docker", "grafana", "stationnet.json"));
        var charted = Regex.Matches(dashboard, @"\b(stationnet|http_server|dotnet|orleans|aspnetcore|kestrel)_[a-z_]+").Select(m => m.Value).Distinct().ToList();
        Assert.NotEmpty(charted);
        var missing = charted.Where(name => !after.Contains("\n" + name, StringComparison.Ordinal) && !after.Contains(name + "=\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "charted but not exported: " + string.Join(", ", missing));
    }

    private static async Task<string> Metrics(SiloProcess silo)
    {
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };
        return await http.GetStringAsync("/metrics");
    }

    /// <summary>The sum of a Prometheus series' samples whose labels include all the given ones.</summary>
    private static double Value(string exposition, string name, params string[] labels) =>
        exposition.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal)))
            .Sum(l => double.Parse((l.Contains('}') ? l[(l.LastIndexOf('}') + 1)..] : l[name.Length..]).Trim().Split(' ')[0], CultureInfo.InvariantCulture));

    private static string Root()
    {
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "StationNet.sln")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar))!;
        }
        return root;
    }
}
