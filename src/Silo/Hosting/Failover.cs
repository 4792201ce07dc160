using Orleans.Configuration;

namespace StationNet.Silo.Hosting;

/// <summary>
/// How fast the cluster gives up on a silo that stopped answering, so its stations move to a survivor.
/// Orleans' defaults take about 15 s (three missed probes 5 s apart); tablets are refused for that long.
/// These defaults take about 3 s on a killed silo: probes every second, three missed in a row make a
/// suspicion, and with two silos one vote declares the other dead. Every value can be set under
/// <c>StationNet:Orleans:Membership</c> (for example <c>StationNet__Orleans__Membership__ProbeTimeout=00:00:02</c>);
/// docs/reliability.md explains the false-suspicion risk of each.
/// </summary>
public static class Failover
{
    public const string Section = "StationNet:Orleans:Membership";

    public static ISiloBuilder AddStationNetFailover(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            // Probe timeouts adapt to the answers seen, between these bounds: a slow but living silo
            // (a loaded machine, a GC pause) gets up to 4 s per probe before a probe counts as missed.
            o.MinProbeTimeout = TimeSpan.FromMilliseconds(500);
            o.MaxProbeTimeout = TimeSpan.FromSeconds(4);
            o.NumMissedProbesLimit = 3;
            o.NumVotesForDeathDeclaration = 2;
            // A silo that is only slow keeps talking on its connections; that suppresses votes against it.
            o.EnableConnectionLivenessCheck = true;
            o.ExtendProbeTimeoutDuringDegradation = true;
            o.EnableIndirectProbes = true;
            // Suspicions that came to nothing are forgotten after a minute, not after two, so old votes
            // cannot add up with a new one into a death declaration.
            o.DeathVoteExpirationTimeout = TimeSpan.FromMinutes(1);
            // Silos read the table every 10 s besides gossip, and write their heartbeat every 10 s.
            o.TableRefreshTimeout = TimeSpan.FromSeconds(10);
            o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
            // Every restart leaves a dead row behind; a day of them is history enough.
            o.DefunctSiloExpiration = TimeSpan.FromDays(1);
            configuration.GetSection(Section).Bind(o);
        });
        return silo;
    }
}
