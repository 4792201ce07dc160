using System.Diagnostics;
using System.Net;
using Npgsql;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// scripts/backup.sh on a live database under tablet load, scripts/restore.sh into a fresh PostgreSQL, and a
/// silo started on what was restored: every event acknowledged before the backup began is there once, the
/// rollups and reports equal the journal, the old tablets and screen link still work, and new events count.
/// </summary>
[Collection(PostgresCollection.Name)]
[Trait("Category", "Reliability")]
public class BackupTests(PostgresServer pg, Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task A_backup_taken_under_load_restores_into_a_fresh_cluster_that_a_silo_serves_with_nothing_lost_or_doubled()
    {
        var live = await pg.CreateDatabase("backup_live");
        var cluster = await TwoSilos.Start(live);
        var stopped = false;
        try
        {
            await RunUntilRestored();
        }
        finally
        {
            if (!stopped)
            {
                await cluster.DisposeAsync();
            }
        }

        async Task RunUntilRestored()
        {
            var load = new TabletLoad([cluster.A.BaseAddress, cluster.B.BaseAddress], cluster.Tablets, tablets: 8);
            load.Start();
            await Poll.Until(() => load.Acknowledged.Count >= 300, "events acknowledged before the backup");

            var before = load.Acknowledged.Keys.ToHashSet();
            var file = Path.Combine(Path.GetTempPath(), $"stationnet-{Guid.NewGuid():N}.dump");
            var clock = Stopwatch.StartNew();
            await Script("backup.sh", $"postgresql://postgres@127.0.0.1:{pg.Port}/backup_live \"{file}\"");
            var during = load.Acknowledged.Count - before.Count;
            output.WriteLine($"backup of {before.Count}+ events took {clock.ElapsedMilliseconds} ms; {during} more were acknowledged meanwhile; {new FileInfo(file).Length / 1024} KiB");
            Assert.True(during > 0, "the tablets were not served while the backup ran");
            await load.StopAsync();
            await load.DrainAsync(TimeSpan.FromSeconds(90));
            await cluster.DisposeAsync();
            stopped = true;

            var fresh = new ThrowawayPostgres();
            await fresh.StartAsync();
            try
            {
                var restored = await fresh.CreateDatabase("restored");
                await Script("restore.sh", $"\"{file}\" postgresql://postgres@127.0.0.1:{fresh.Port}/restored");
                File.Delete(file);

                // Every event acknowledged before the backup began is there exactly once; later ones may be too, once.
                var rows = await Sql.JournalRows(restored);
                Assert.All(before, id => Assert.Equal(1, rows.GetValueOrDefault(id)));
                Assert.All(rows, r => Assert.True(load.Acknowledged.ContainsKey(r.Key), $"event {r.Key} was never acknowledged"));
                // The rollup is the journal's sum, row for row.
                Assert.Equal(0L, await Sql.Scalar<long>(restored, """
                    SELECT count(*) FROM (
                      SELECT network_id, day, station_id, service, sum(CASE kind WHEN 0 THEN quantity ELSE -quantity END)::int AS count
                        FROM stationnet_journal GROUP BY 1, 2, 3, 4
                      EXCEPT SELECT network_id, day, station_id, service, count FROM stationnet_daily WHERE count <> 0) AS missing
                    """));
                Assert.Equal(0L, await Sql.Scalar<long>(restored, """
                    SELECT count(*) FROM (
                      SELECT network_id, day, station_id, service, count FROM stationnet_daily WHERE count <> 0
                      EXCEPT SELECT network_id, day, station_id, service, sum(CASE kind WHEN 0 THEN quantity ELSE -quantity END)::int
                        FROM stationnet_journal GROUP BY 1, 2, 3, 4) AS extra
                    """));

                await using var silo = await SiloProcess.Start(restored, Ports.Free(), Ports.Free(), Ports.Free());
                using var admin = await Sessions.SignIn(silo.BaseAddress, "admin", Sessions.AdminPassword);
                // Reports and station counts are the journal's.
                foreach (var day in (await Days(restored)))
                {
                    var journal = await Sql.Visits(restored, day);
                    var daily = (await admin.GetNode($"/api/reports/daily?networkId=sample&from={day:yyyy-MM-dd}&to={day:yyyy-MM-dd}")).AsArray();
                    foreach (var station in TwoSilos.Stations)
                    {
                        var reported = daily.Where(r => (string)r!["stationId"]! == station && (string)r["service"]! == "visit").Sum(r => (int)r!["count"]!);
                        Assert.Equal(journal.GetValueOrDefault(station), reported);
                    }
                }
                var today = DateOnly.Parse((string)(await admin.GetNode("/api/stations/sample-01"))["day"]!);
                var visits = await Sql.Visits(restored, today);
                foreach (var station in TwoSilos.Stations)
                {
                    Assert.Equal(visits.GetValueOrDefault(station), (await admin.GetNode($"/api/stations/{station}"))["counts"].Count("visit"));
                }

                // The wall's link still opens the wall, and shows the journal's counts.
                await using var wall = await WallWatch.Connect(silo.BaseAddress, cluster.ScreenToken);
                Assert.True(await wall.Shows(w => w.Day != today || TwoSilos.Stations.All(s => w.Count(s, "visit") == visits.GetValueOrDefault(s)), TimeSpan.FromSeconds(30)),
                    "the wall on the restored silo does not show the journal's counts");

                // The old tablets still post; an event sent again is a duplicate; a new one counts and reaches the wall.
                var again = before.First();
                var (againStation, againQuantity) = load.Acknowledged[again];
                using (var tablet = Sessions.WithToken(silo.BaseAddress, cluster.Tablets[againStation]))
                using (var duplicate = await tablet.PostEvent(againStation, new { id = again, service = "visit", quantity = againQuantity }))
                {
                    Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
                }
                foreach (var station in TwoSilos.Stations)
                {
                    using var tablet = Sessions.WithToken(silo.BaseAddress, cluster.Tablets[station]);
                    using var posted = await tablet.PostEvent(station, new { id = Guid.NewGuid(), service = "visit", quantity = 1 });
                    Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
                }
                var after = await Sql.Visits(restored, today);
                Assert.True(await wall.Shows(w => w.Day != today || TwoSilos.Stations.All(s => w.Count(s, "visit") == after.GetValueOrDefault(s)), TimeSpan.FromSeconds(30)),
                    "the wall on the restored silo does not show the new events");
                Assert.All(TwoSilos.Stations, s => Assert.Equal(visits.GetValueOrDefault(s) + 1, after.GetValueOrDefault(s)));
            }
            finally
            {
                await fresh.StopAsync();
            }
        }
    }

    private static async Task<List<DateOnly>> Days(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT DISTINCT day FROM stationnet_journal ORDER BY day", conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var days = new List<DateOnly>();
        while (await reader.ReadAsync())
        {
            days.Add(reader.GetFieldValue<DateOnly>(0));
        }
        return days;
    }

    /// <summary>Runs one of the repository's scripts with the machine's PostgreSQL tools on the path.</summary>
    internal static async Task Script(string name, string args)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "StationNet.sln")))
        {
            root = root.Parent;
        }
        var bin = Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0)
            .Select(d => Path.Combine(d, "bin")).First(d => File.Exists(Path.Combine(d, "pg_dump")));
        var info = new ProcessStartInfo("bash", $"\"{Path.Combine(root!.FullName, "scripts", name)}\" {args}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.Environment["PG_BIN"] = bin;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{name} failed ({process.ExitCode}): {await stdout}{await stderr}");
    }

}
