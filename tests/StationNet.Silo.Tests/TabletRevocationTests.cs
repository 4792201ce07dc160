using System.Diagnostics;
using System.Net;
using StationNet.Tests;
using StationNet.Web.Auth;
using StationNet.Web.Tests;

namespace StationNet.Silo.Tests;

/// <summary>A tablet's authentication is kept a while on each silo, and its revocation still reaches every silo at once.</summary>
[Collection(PostgresCollection.Name)]
public class TabletRevocationTests(PostgresServer pg)
{
    [Fact]
    public async Task A_revoked_tablet_is_refused_on_both_silos_within_a_second_though_each_had_it_cached()
    {
        var db = await pg.CreateDatabase("cluster_revoke");
        // Five minutes of caching: a refusal within a second can only come from the pushed revocation.
        var settings = new Dictionary<string, string> { [TabletSessions.LifetimeKey] = "300" };
        await using var a = new StationNetApp(db, settings: settings);
        await a.InitializeAsync();
        await using var b = new StationNetApp(db, settings: settings);
        await b.InitializeAsync();
        var token = await Sessions.PairTablet(a.Http, "sample-04");
        using var onA = Sessions.WithToken(a.BaseAddress, token);
        using var onB = Sessions.WithToken(b.BaseAddress, token);
        foreach (var silo in new[] { onA, onB })
        {
            using var tap = await silo.PostEvent("sample-04", new { id = Guid.NewGuid(), service = "visit" });
            Assert.Equal(HttpStatusCode.Created, tap.StatusCode);
        }

        var deviceId = token[2..token.IndexOf('.')];
        using (var revoke = await a.Http.PostAsync($"/api/admin/devices/{deviceId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        var revokedAt = Stopwatch.StartNew();

        foreach (var (name, silo) in new[] { ("A", onA), ("B", onB) })
        {
            var status = HttpStatusCode.Created;
            while (revokedAt.Elapsed < TimeSpan.FromSeconds(10))
            {
                using var tap = await silo.PostEvent("sample-04", new { id = Guid.NewGuid(), service = "visit" });
                status = tap.StatusCode;
                if (status == HttpStatusCode.Unauthorized)
                {
                    break;
                }
                await Task.Delay(20);
            }
            Assert.True(status == HttpStatusCode.Unauthorized, $"silo {name} still took the revoked tablet's taps after {revokedAt.Elapsed.TotalSeconds:F1} s");
            Assert.True(revokedAt.Elapsed <= TimeSpan.FromSeconds(1), $"silo {name} refused the revoked tablet only after {revokedAt.Elapsed.TotalSeconds:F2} s");
        }
    }
}
