using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Dashboard;
using StationNet.Grains.Telemetry;
using StationNet.Web.Auth;

namespace StationNet.Silo.Hosting;

/// <summary>What operators see: health for the balancer, metrics for Prometheus, traces over OTLP, the Orleans dashboard, JSON logs.</summary>
public static class Observability
{
    public const string PostgresCheck = "postgresql";
    public const string ClusterCheck = "orleans";
    public const string LogFormatKey = "StationNet:Logging:Format";
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Meters exported at /metrics besides StationNet's own.</summary>
    private static readonly string[] FrameworkMeters =
    [
        "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.Http.Connections",
        "Microsoft.AspNetCore.RateLimiting", "Microsoft.AspNetCore.Diagnostics", "Npgsql", "System.Runtime",
    ];

    public static WebApplicationBuilder AddStationNetObservability(this WebApplicationBuilder builder)
    {
        // JSON lines in production (one object per entry, for the log shipper); readable text while developing.
        var format = builder.Configuration[LogFormatKey] ?? (builder.Environment.IsDevelopment() ? "text" : "json");
        if (format.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }
        // A request line carries its query string, and a screen's WebSocket carries its token there: never log it.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.AspNetCore.Http.Connections", LogLevel.Warning);

        var connectionString = builder.Configuration.GetConnectionString(StationNetSettings.ConnectionStringName);
        var health = builder.Services.AddHealthChecks().AddCheck<ClusterHealthCheck>(ClusterCheck, tags: ["ready"]);
        if (!string.IsNullOrEmpty(connectionString))
        {
            health.AddNpgSql(connectionString, name: PostgresCheck, tags: ["ready"], timeout: TimeSpan.FromSeconds(3));
        }

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("stationnet", serviceInstanceId: Environment.MachineName + ":" + Environment.ProcessId))
            .WithMetrics(m => m.AddMeter(StationNetMetrics.MeterName).AddMeter(FrameworkMeters).AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0));
        var otlp = builder.Configuration[OtlpEndpointKey];
        if (!string.IsNullOrEmpty(otlp))
        {
            otel.WithTracing(t => t.AddSource("Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application")
                .AddAspNetCoreInstrumentation(o => o.Filter = ctx => !ctx.Request.Path.StartsWithSegments("/health") && !ctx.Request.Path.StartsWithSegments("/metrics"))
                .AddNpgsql()
                .AddOtlpExporter());
            otel.WithMetrics(m => m.AddOtlpExporter());
        }
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(builder.Configuration.GetValue("StationNet:ShutdownTimeoutSeconds", 30)));
        return builder;
    }

    public const string DashboardKey = "StationNet:Dashboard:Enabled";

    /// <summary>The Orleans dashboard joins the silo (it profiles every grain call there), unless switched off.</summary>
    public static ISiloBuilder AddStationNetDashboard(this ISiloBuilder silo, IConfiguration configuration) =>
        configuration.GetValue(DashboardKey, true) ? silo.AddDashboard() : silo;

    public static WebApplication MapStationNetObservability(this WebApplication app)
    {
        // Live: the process answers. Ready: PostgreSQL answers and this silo is an active member of the cluster.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthJson.Write }).DisableRateLimiting();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready"), ResponseWriter = HealthJson.Write })
            .DisableRateLimiting();
        app.MapPrometheusScrapingEndpoint("/metrics").DisableRateLimiting();
        if (app.Configuration.GetValue(DashboardKey, true))
        {
            app.MapOrleansDashboard("/dashboard").RequireAuthorization(Access.AdminPolicy).AddEndpointFilter(DashboardInput);
        }
        return app;
    }

    /// <summary>
    /// The dashboard's own endpoints answer 500 to a silo address or grain type they cannot parse; that is a bad
    /// request, and is answered as one. Failures with no input to blame, and an unreachable cluster, pass on.
    /// </summary>
    private static async ValueTask<object?> DashboardInput(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (context.HttpContext.Request.RouteValues.Count > 0 && ex is not OperationCanceledException
                                   && !Web.Apis.UnavailableHandler.IsUnavailable(ex))
        {
            context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("StationNet.Dashboard")
                .LogInformation("Dashboard request {Path} refused: {Type}: {Message}", context.HttpContext.Request.Path, ex.GetType().Name, ex.Message);
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request",
                detail: $"The dashboard cannot show {context.HttpContext.Request.Path}: not a silo address or grain type it knows (仪表盘无法显示该对象)");
        }
    }
}
