using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Npgsql;
using StationNet.Grains.Feedback;
using StationNet.Tests;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Workers' ratings on PostgreSQL: the same checks as the embedded default, then the tables themselves are read to show
/// that nothing in them identifies a person, and that their limits are FeedbackLimits'.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class FeedbackStorageTests(PostgresServer pg)
{
    /// <summary>What a stored rating holds, and nothing more: no address, user agent, device id, account or location.</summary>
    private static readonly string[] FeedbackColumns =
        ["comment", "created_at", "day", "device_day", "id", "network_id", "rating", "resolved_on", "station_id", "status", "tags"];

    [Fact]
    public async Task Ratings_follow_up_and_satisfaction_work_and_the_stored_rows_identify_nobody()
    {
        var db = await pg.CreateDatabase("feedback");
        var device = Guid.NewGuid().ToString();
        await using (var app = new StationNetApp(db))
        {
            await app.InitializeAsync();
            await FeedbackChecks.RatingsAreKeptOncePerBrowserStationAndDay(app, device);
            using var manager = await FeedbackChecks.Manager(app);
            await FeedbackChecks.FollowUpKeepsHistoryAndSatisfactionFollows(app, manager);
        }

        Assert.Equal(FeedbackColumns, await Strings(db, "SELECT column_name FROM information_schema.columns WHERE table_name = 'stationnet_feedback' ORDER BY 1"));
        var stored = string.Join("\n", await Strings(db, """
            SELECT concat_ws('|', f.id, f.network_id, f.station_id, f.day, f.created_at, f.rating, f.tags, f.comment, f.device_day, f.status, f.resolved_on)
              FROM stationnet_feedback f
            UNION ALL SELECT concat_ws('|', n.feedback_id, n.at, n.status, n.note, n.by_account) FROM stationnet_feedback_notes n
            """));
        Assert.Contains("很好 谢谢", stored); // the rows were read
        foreach (var secret in new[] { device, device.Replace("-", ""), "127.0.0.1", "::1", FeedbackChecks.UserAgent, "FeedbackProbe" })
        {
            Assert.DoesNotContain(secret, stored, StringComparison.OrdinalIgnoreCase);
        }
        // The same browser's two days at sample-03 are two unrelated hashes; times are kept to the minute.
        var hashes = await Strings(db, "SELECT device_day FROM stationnet_feedback WHERE station_id = 'sample-03' AND rating IN (4, 5) ORDER BY day");
        Assert.Equal(2, hashes.Count);
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_feedback WHERE extract(second FROM created_at) <> 0"));
        // The rollups agree with the rows they were written with.
        Assert.Equal(await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_feedback"), await Sql.Scalar<long>(db, "SELECT sum(ratings) FROM stationnet_feedback_daily"));
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT sum(count) FROM stationnet_feedback_resolved"));
    }

    [Fact]
    public async Task Every_limit_of_the_feedback_tables_is_FeedbackLimits_and_is_refused_at_the_edge()
    {
        var db = await pg.CreateDatabase("feedbacklimits");
        await using var app = new StationNetApp(db);
        await app.InitializeAsync();

        var widths = new Dictionary<string, int>();
        var ranges = new Dictionary<string, (int, int)>();
        await using (var conn = new NpgsqlConnection(db))
        {
            await conn.OpenAsync();
            await using (var cmd = new NpgsqlCommand("""
                SELECT table_name || '.' || column_name, character_maximum_length FROM information_schema.columns
                 WHERE table_name LIKE 'stationnet_feedback%' AND character_maximum_length IS NOT NULL
                """, conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    widths[reader.GetString(0)] = reader.GetInt32(1);
                }
            }
            await using (var cmd = new NpgsqlCommand("""
                SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                 WHERE t.relname = 'stationnet_feedback' AND c.contype = 'c'
                """, conn))
            await using (var reader = await cmd.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    if (Between().Match(reader.GetString(0)) is { Success: true } m)
                    {
                        ranges[m.Groups[1].Value] = (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value));
                    }
                }
            }
        }
        Assert.Equal(FeedbackLimits.TextColumns.OrderBy(c => c.Key), widths.OrderBy(c => c.Key));
        Assert.Equal((FeedbackLimits.MinRating, FeedbackLimits.MaxRating), ranges["rating"]);

        // Each limit a caller can reach, one past it: a 400 naming the field, and nothing stored.
        using var phone = FeedbackChecks.Phone(app);
        var device = Guid.NewGuid().ToString();
        var tooLong = (int max) => new string('长', max + 1);
        var probes = new (string Field, object Body)[]
        {
            ("rating", new { id = Guid.NewGuid(), device, rating = FeedbackLimits.MinRating - 1 }),
            ("rating", new { id = Guid.NewGuid(), device, rating = FeedbackLimits.MaxRating + 1 }),
            ("comment", new { id = Guid.NewGuid(), device, rating = 3, comment = tooLong(FeedbackLimits.Comment) }),
            ("device", new { id = Guid.NewGuid(), device = new string('d', FeedbackLimits.Device + 1), rating = 3 }),
            ("tags", new { id = Guid.NewGuid(), device, rating = 3, tags = FeedbackCatalog.Tags.Select(t => t.Id).Append("x").ToArray() }),
        };
        foreach (var (field, body) in probes)
        {
            using var refused = await FeedbackChecks.Rate(phone, "sample-01", body);
            await Problem.Assert4xx(refused, HttpStatusCode.BadRequest);
            Assert.True((await refused.ReadNode())["errors"]?[field] is not null, $"the problem does not name {field}");
        }
        // Every tag at once still fits its column.
        Assert.True(string.Join(',', FeedbackCatalog.Tags.Select(t => t.Id)).Length <= FeedbackLimits.Tags);
        using (var all = await FeedbackChecks.Rate(phone, "sample-01", new { id = Guid.NewGuid(), device, rating = 3, comment = new string('满', FeedbackLimits.Comment),
            tags = FeedbackCatalog.Tags.Select(t => t.Id).ToArray() }))
        {
            Assert.Equal(HttpStatusCode.Created, all.StatusCode);
        }
        using var manager = await FeedbackChecks.Manager(app);
        var id = Guid.Parse(await Sql.Scalar<string>(db, "SELECT id::text FROM stationnet_feedback"));
        using (var longNote = await manager.PatchAsJsonAsync($"/api/admin/feedback/{id}", new { status = "resolved", note = tooLong(FeedbackLimits.Note) }))
        {
            await Problem.Assert4xx(longNote, HttpStatusCode.BadRequest);
        }
        Assert.Equal(1L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_feedback"));
        Assert.Equal(0L, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_feedback_notes"));
    }

    private static async Task<List<string>> Strings(string db, string sql)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<string>();
        while (await reader.ReadAsync())
        {
            list.Add(reader.GetString(0));
        }
        return list;
    }

    // PostgreSQL writes BETWEEN back as ((col >= a) AND (col <= b)).
    [GeneratedRegex(@"\(\((\w+) >= (\d+)\) AND \(\w+ <= (\d+)\)\)")]
    private static partial Regex Between();
}
