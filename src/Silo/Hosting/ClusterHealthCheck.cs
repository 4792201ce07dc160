using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace StationNet.Silo.Hosting;

/// <summary>Ready when this silo is an active member of the cluster: it has joined, and it is not leaving or declared dead.</summary>
internal sealed class ClusterHealthCheck(IClusterMembershipService membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(silo.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object> { ["status"] = status.ToString(), ["activeSilos"] = active };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"This silo is active; {active} active in the cluster", data)
            : HealthCheckResult.Unhealthy($"This silo is {status}, not active", data: data));
    }
}
