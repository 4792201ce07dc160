using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;
using StationNet.Silo.Storage;
using StationNet.Tests;

namespace StationNet.Bench;

/// <summary>PostgreSQL's own limit (pgbench running the journal's SQL), and reports over a province-sized year.</summary>
public static partial class DatabaseTests
{
    /// <summary>
    /// One tap's journal write, one event per transaction, as pgbench runs it: the journal's own statements
    /// (<see cref="JournalSql"/>: the events statement, here with one event, writing the journal row with its daily,
    /// hourly and worker-group rollups, then the linked-supplies statement), with the values a bench tablet sends (a
    /// visit, quantity 1–3, no worker group), in one pipelined round trip as Npgsql sends the group commit's batch.
    /// </summary>
    public static string JournalWrite()
    {
        const string id = "md5(:client_id::text || '-' || :r::text)::uuid";
        var values = new Dictionary<int, string>
        {
            [1] = $"ARRAY[{id}]", [2] = "ARRAY['pgbench']", [3] = "ARRAY['pgbench-' || :station::text]", [4] = "ARRAY['visit']", [5] = "ARRAY[:quantity]",
            [6] = "ARRAY[now()]", [7] = "ARRAY[now()]", [8] = "ARRAY[current_date]", [9] = "ARRAY[extract(hour from now())::smallint]",
            [10] = "ARRAY[NULL::text]", [11] = "ARRAY[NULL::text]", [12] = "ARRAY['pgbench']",
        };
        var taps = new Dictionary<int, string>
        {
            [1] = $"ARRAY[{id}]", [2] = "ARRAY[now()]", [3] = "ARRAY[1::smallint]", [4] = "ARRAY['pgbench']", [5] = "ARRAY['visit']",
        };
        return $"""
            \set station random(1, 100)
            \set quantity random(1, 3)
            \set r random(1, 9223372036854775806)
            \startpipeline
            BEGIN;
            {Bind(JournalSql.InsertEvents, values)};
            {Bind(JournalSql.InsertTaps, taps)};
            COMMIT;
            \endpipeline

            """;
    }

    /// <summary>Puts pgbench's expressions where the statement has its parameters ($10 before $1).</summary>
    private static string Bind(string sql, Dictionary<int, string> values) =>
        Parameter().Replace(sql, m => values[int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)]).ReplaceLineEndings(" ");

    public static async Task<double> PgBench(ThrowawayPostgres pg, string database, int clients, TimeSpan duration)
    {
        var script = Path.Combine(Path.GetTempPath(), $"stationnet-pgbench-{Guid.NewGuid():N}.sql");
        await File.WriteAllTextAsync(script, JournalWrite());
        try
        {
            var info = new ProcessStartInfo(Path.Combine(pg.Bin, "pgbench"),
                $"-h 127.0.0.1 -p {pg.Port} -U postgres -n -M prepared -c {clients} -j 2 -T {(int)duration.TotalSeconds} -f {script} {database}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var process = Process.Start(info)!;
            var output = await process.StandardOutput.ReadToEndAsync();
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            var tps = Tps().Match(output);
            return tps.Success ? double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"pgbench failed: {output}{error}");
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Fills the rollup with a province: stations × days × services, one row each.</summary>
    public static async Task<TimeSpan> SeedProvince(string connectionString, int stations, int days, int services, DateOnly lastDay)
    {
        var clock = Stopwatch.StartNew();
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""
            INSERT INTO stationnet_daily (network_id, day, station_id, service, count)
            SELECT 'province', $1::date - d, 'p' || lpad(s::text, 5, '0'), (ARRAY['visit','water','meal','charging','shower','haircut','firstaid','giveaway'])[v], 1 + (s * 7 + d * 3 + v) % 40
              FROM generate_series(1, $2) s, generate_series(0, $3 - 1) d, generate_series(1, $4) v
            """, conn) { CommandTimeout = 600 };
        cmd.Parameters.Add(new() { Value = lastDay });
        cmd.Parameters.Add(new() { Value = stations });
        cmd.Parameters.Add(new() { Value = days });
        cmd.Parameters.Add(new() { Value = services });
        await cmd.ExecuteNonQueryAsync();
        await using var analyze = new NpgsqlCommand("ANALYZE stationnet_daily", conn);
        await analyze.ExecuteNonQueryAsync();
        return clock.Elapsed;
    }

    /// <summary>Times a query, reading every row it returns; the best of a few runs after a warm-up.</summary>
    public static async Task<(TimeSpan Took, long Rows)> Time(string connectionString, string sql, DateOnly from, DateOnly to, int runs = 3)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        var best = TimeSpan.MaxValue;
        long rows = 0;
        for (var i = 0; i <= runs; i++)
        {
            var clock = Stopwatch.StartNew();
            await using var cmd = new NpgsqlCommand(sql, conn) { CommandTimeout = 600 };
            cmd.Parameters.Add(new() { Value = "province" });
            cmd.Parameters.Add(new() { Value = from });
            cmd.Parameters.Add(new() { Value = to });
            await using var reader = await cmd.ExecuteReaderAsync();
            rows = 0;
            while (await reader.ReadAsync())
            {
                rows++;
            }
            if (i > 0 && clock.Elapsed < best)
            {
                best = clock.Elapsed;
            }
        }
        return (best, rows);
    }

    [GeneratedRegex(@"\$([0-9]+)\b")]
    private static partial Regex Parameter();

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
