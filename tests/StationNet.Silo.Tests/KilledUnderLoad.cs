using System.Collections.Concurrent;
using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>
/// What tablets sent to a silo that was killed (kill -9) under their load: the records acknowledged before the kill,
/// and those that got no answer (which may or may not have committed), each under its id for a resend.
/// </summary>
internal sealed record KilledUnderLoad<T>(ConcurrentDictionary<Guid, T> Acknowledged, ConcurrentDictionary<Guid, T> Unanswered)
{
    /// <summary>
    /// Starts a silo on the database, pairs a tablet per station, runs <paramref name="clients"/> loops sending what
    /// <paramref name="next"/> makes until <paramref name="before"/> records are acknowledged, then kills the silo.
    /// </summary>
    public static async Task<(KilledUnderLoad<T> Sent, Dictionary<string, string> Tokens)> Run(string db, (int Http, int Silo, int Gateway) ports,
        string[] stations, int clients, int before, Func<Random, T> next, Func<Uri, Dictionary<string, string>, Guid, T, Task<HttpResponseMessage>> send)
    {
        var sent = new KilledUnderLoad<T>(new(), new());
        var tokens = new Dictionary<string, string>();
        await using var silo = await SiloProcess.Start(db, ports.Http, ports.Silo, ports.Gateway);
        // Sample data is seeded in the background of the start; wait for it, then pair a tablet per station.
        using (var admin = await Sessions.SignIn(silo.BaseAddress, "admin", Sessions.AdminPassword))
        {
            await Poll.SampleSeeded(admin);
            foreach (var station in stations)
            {
                tokens[station] = await Sessions.PairTablet(admin, station);
            }
        }
        using var stop = new CancellationTokenSource();
        var loops = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var random = new Random(c);
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid();
                var record = next(random);
                try
                {
                    using var r = await send(silo.BaseAddress, tokens, id, record);
                    (r.IsSuccessStatusCode ? sent.Acknowledged : sent.Unanswered)[id] = record;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    sent.Unanswered[id] = record;
                    await Task.Delay(50);
                }
            }
        })).ToArray();
        await Poll.Until(() => sent.Acknowledged.Count >= before, $"{before} records acknowledged");
        silo.Kill();
        await Task.Delay(500);
        stop.Cancel();
        await Task.WhenAll(loops);
        return (sent, tokens);
    }
}
