using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Npgsql;
using StationNet.Grains.Journal;
using StationNet.Tests;
using StationNet.Web.Apis;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Every limit the journal's schema enforces is checked at the edge from the same definition
/// (JournalLimits): the schema is read from a migrated database, and each limit is shown to be
/// refused with a 400 that names the field, before the database sees the row.
/// </summary>
[Collection(PostgresCollection.Name)]
public partial class JournalLimitsTests(PostgresServer pg)
{
    /// <summary>Columns whose limits no caller reaches: set by the server from values it made itself.</summary>
    private static readonly Dictionary<string, string> ServerMade = new()
    {
        ["kind"] = "0 for an event, 1 for a void, written by the journal itself",
        ["hour"] = "the local hour of occurredAt, 0–23 by construction",
    };

    [Fact]
    public async Task Every_limit_of_the_journal_is_refused_at_the_edge_with_a_400_naming_the_field()
    {
        var db = await pg.CreateDatabase("limits");
        await using var app = new StationNetApp(db);
        await app.InitializeAsync();
        var (widths, ranges) = await Schema(db);

        // The schema and the definition agree, column by column.
        Assert.Equal(JournalLimits.TextColumns.OrderBy(c => c.Key), widths.OrderBy(c => c.Key));
        Assert.Equal((JournalLimits.MinQuantity, JournalLimits.MaxQuantity), ranges["quantity"]);
        Assert.Equal((0, 23), ranges["hour"]);

        var probes = Probes(app);
        var constrained = widths.Keys.Concat(ranges.Keys).Concat(["kind"]).Distinct().Order().ToList();
        Assert.All(constrained, column => Assert.True(probes.ContainsKey(column) || ServerMade.ContainsKey(column),
            $"the journal's column {column} has a limit that no test sends past"));
        var rowsBefore = await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal");
        foreach (var (column, probe) in probes)
        {
            await probe();
        }
        Assert.Equal(rowsBefore, await Sql.Scalar<long>(db, "SELECT count(*) FROM stationnet_journal"));
    }

    [Fact]
    public async Task An_administrator_with_a_64_character_name_records_and_voids()
    {
        var db = await pg.CreateDatabase("longname");
        await using var app = new StationNetApp(db);
        await app.InitializeAsync();
        var name = new string('a', JournalLimits.Device);
        using (var created = await app.Http.PostAsJsonAsync("/api/admin/accounts", new { username = name, password = "long-name-password-1", role = "admin" }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }
        using var admin = await Sessions.SignIn(app.BaseAddress, name, "long-name-password-1");
        var id = Guid.NewGuid();

        using var posted = await admin.PostEvent("sample-01", new { id, service = "visit" });
        using var voided = await admin.DeleteAsync($"/api/stations/sample-01/events/{id}");

        Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
        Assert.Equal(HttpStatusCode.OK, voided.StatusCode);
        Assert.Equal(name, await Sql.Scalar<string>(db, $"SELECT device FROM stationnet_journal WHERE event_id = '{id}' AND kind = 1"));
    }

    /// <summary>For each constrained column, requests that go past its limit; each must be a 400 naming the field.</summary>
    private static Dictionary<string, Func<Task>> Probes(StationNetApp app)
    {
        var tooLong = (int max) => new string('长', max + 1);
        Task Event(string field, object body) => Refused(app, field, body);
        return new()
        {
            ["attendant"] = async () =>
            {
                await Event("attendant", new { id = Guid.NewGuid(), service = "visit", attendant = tooLong(JournalLimits.Attendant) });
                await Event("attendant", new { id = Guid.NewGuid(), service = "visit", attendant = "a\u0000b" });
                await Event("attendant", new { id = Guid.NewGuid(), service = "visit", attendant = "a\tb" });
            },
            ["worker_group"] = async () =>
            {
                await Event("workerGroup", new { id = Guid.NewGuid(), service = "visit", workerGroup = tooLong(JournalLimits.WorkerGroup) });
                await Event("workerGroup", new { id = Guid.NewGuid(), service = "visit", workerGroup = "courier\u0000" });
            },
            ["service"] = async () =>
            {
                await Event("service", new { id = Guid.NewGuid(), service = tooLong(JournalLimits.Service) });
                await Event("service", new { id = Guid.NewGuid(), service = "visit\u0000" });
            },
            ["quantity"] = async () =>
            {
                await Event("quantity", new { id = Guid.NewGuid(), service = "visit", quantity = JournalLimits.MinQuantity - 1 });
                await Event("quantity", new { id = Guid.NewGuid(), service = "visit", quantity = JournalLimits.MaxQuantity + 1 });
            },
            // Station and network ids come from routes and the administrator's forms, where the id rule caps them.
            ["station_id"] = () =>
            {
                Assert.True(Problems.IsId(new string('s', JournalLimits.StationId)));
                Assert.False(Problems.IsId(new string('s', JournalLimits.StationId + 1)));
                return Task.CompletedTask;
            },
            ["network_id"] = () =>
            {
                Assert.False(Problems.IsId(new string('n', JournalLimits.NetworkId + 1)));
                return Task.CompletedTask;
            },
            // The device is the tablet's id or the account's name; account names follow the same id rule.
            ["device"] = async () =>
            {
                Assert.False(Problems.IsId(new string('d', JournalLimits.Device + 1)));
                using var refused = await app.Http.PostAsJsonAsync("/api/admin/accounts",
                    new { username = new string('d', JournalLimits.Device + 1), password = "long-name-password-1", role = "admin" });
                await AssertNamesField(refused, "username");
            },
        };
    }

    private static async Task Refused(StationNetApp app, string field, object body)
    {
        using var response = await app.Http.PostEvent("sample-01", body);
        await AssertNamesField(response, field);
    }

    private static async Task AssertNamesField(HttpResponseMessage response, string field)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400 naming {field}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(JsonNode.Parse(text)!["errors"]?[field] is not null, $"the problem does not name {field}: {text}");
    }

    /// <summary>The journal's varchar widths and its integer ranges (CHECK (col BETWEEN a AND b)), as the database has them.</summary>
    private static async Task<(Dictionary<string, int> Widths, Dictionary<string, (int, int)> Ranges)> Schema(string db)
    {
        await using var conn = new NpgsqlConnection(db);
        await conn.OpenAsync();
        var widths = new Dictionary<string, int>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT column_name, character_maximum_length FROM information_schema.columns
             WHERE table_name = 'stationnet_journal' AND character_maximum_length IS NOT NULL
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                widths[reader.GetString(0)] = reader.GetInt32(1);
            }
        }
        var ranges = new Dictionary<string, (int, int)>();
        await using (var cmd = new NpgsqlCommand("""
            SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c
             WHERE c.conrelid = 'stationnet_journal'::regclass AND c.contype = 'c'
            """, conn))
        await using (var reader = await cmd.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                if (Between().Match(reader.GetString(0)) is { Success: true } m)
                {
                    ranges[m.Groups[1].Value] = (int.Parse(m.Groups[2].Value), int.Parse(m.Groups[4].Value));
                }
            }
        }
        return (widths, ranges);
    }

    // PostgreSQL writes BETWEEN back as ((col >= a) AND (col <= b)).
    [GeneratedRegex(@"\(\((\w+) >= (\d+)\) AND \((\w+) <= (\d+)\)\)")]
    private static partial Regex Between();
}
