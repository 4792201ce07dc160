using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace StationNet.Silo.Hosting;

/// <summary>The health endpoints' answer: overall status and each check's, with no exception text (it may name hosts).</summary>
internal static class HealthJson
{
    public static Task Write(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                // A driver's message names hosts and ports; an unhealthy database is described in plain words.
                description = e.Key == Observability.PostgresCheck && e.Value.Status != HealthStatus.Healthy
                    ? "PostgreSQL does not answer (数据库无响应)"
                    : e.Value.Description,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, JsonSerializerOptions.Web));
    }
}
