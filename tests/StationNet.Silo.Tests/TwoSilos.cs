using Npgsql;
using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// Two silo processes in one cluster on one database, with a tablet paired for each sample station and a
/// screen link: the set-up every fault test starts from.
/// </summary>
internal sealed class TwoSilos : IAsyncDisposable
{
    public static readonly string[] Stations = Enumerable.Range(1, 18).Select(i => $"sample-{i:00}").ToArray();

    private TwoSilos(string db, SiloProcess a, SiloProcess b, Dictionary<string, string> tablets, string screen)
    {
        Database = db;
        A = a;
        B = b;
        Tablets = tablets;
        ScreenToken = screen;
    }

    public string Database { get; }

    public SiloProcess A { get; }

    public SiloProcess B { get; }

    public Dictionary<string, string> Tablets { get; }

    public string ScreenToken { get; }

    public static async Task<TwoSilos> Start(string db)
    {
        var a = await SiloProcess.Start(db, Ports.Free(), Ports.Free(), Ports.Free());
        using var admin = await Sessions.SignIn(a.BaseAddress, "admin", Sessions.AdminPassword);
        // The sample network is seeded in the background of the start.
        await Poll.SampleSeeded(admin);
        var tablets = new Dictionary<string, string>();
        foreach (var station in Stations)
        {
            tablets[station] = await Sessions.PairTablet(admin, station);
        }
        var screen = (await Sessions.NewScreenLink(admin, "sample")).Token;
        var b = await SiloProcess.Start(db, Ports.Free(), Ports.Free(), Ports.Free());
        return new TwoSilos(db, a, b, tablets, screen);
    }

    /// <summary>Whether the membership table has the silo as active (3) or dead (6).</summary>
    public async Task<bool> Declared(SiloProcess silo, bool dead)
    {
        await using var conn = new NpgsqlConnection(Database);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM OrleansMembershipTable WHERE Port = $1 AND Status = $2", conn);
        cmd.Parameters.Add(new() { Value = silo.SiloPort });
        cmd.Parameters.Add(new() { Value = dead ? 6 : 3 });
        return (long)(await cmd.ExecuteScalarAsync())! > 0;
    }

    /// <summary>How many journal rows each event id has (events, not voids).</summary>
    public Task<Dictionary<Guid, int>> JournalRows() => Sql.JournalRows(Database);

    public async ValueTask DisposeAsync()
    {
        await A.DisposeAsync();
        await B.DisposeAsync();
    }
}
