using Microsoft.AspNetCore.Builder;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using StationNet.Web.Auth;
using StationNet.Grains.Telemetry;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StationNet.Web.Apis;
using StationNet.Web.Pages;
using StationNet.Web.Hubs;

namespace StationNet.Web.Extensions;

public static class WebExtensions
{
    /// <summary>The front door's services: one JSON setup, one error shape, the hub and this silo's relay.</summary>
    public static IServiceCollection AddStationNetWeb(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddStationNetAuth(configuration);
        services.AddSingleton(new PasswordHasher<string>());
        services.AddSingleton<ScreenConnections>();
        services.AddSingleton<FirstRunFile>();
        services.AddSingleton<StationNetMetrics>();
        services.AddHostedService<AdminBootstrap>();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = Problems.FillDetail);
        services.AddExceptionHandler<BadRequestHandler>();
        services.AddExceptionHandler<UnavailableHandler>();
        services.AddExceptionHandler<RefusedHandler>();
        // Binding failures throw, so the handler above can say what was wrong in every environment.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.AllowTrailingCommas = false;
            o.SerializerOptions.TypeInfoResolverChain.Insert(0, ContractJson.Default);
        });
        services.AddOpenApi();
        // JSON for browsers; MessagePack too, for screens and tools that want smaller, cheaper messages.
        services.AddSignalR(o => o.AddFilter<HubErrors>())
            .AddJsonProtocol(o => o.PayloadSerializerOptions.TypeInfoResolver = JsonTypeInfoResolver.Combine(ContractJson.Default, new DefaultJsonTypeInfoResolver()))
            .AddMessagePackProtocol();
        services.AddLogging(l => l.AddFilter(HubErrors.DispatcherCategory, LogLevel.None));
        services.AddHostedService<LiveRelay>();
        return services;
    }

    public static WebApplication MapStationNet(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages(ClientPages.NotFoundPages());
        app.UseStationNetAuth();
        app.UseClientAssets();
        app.MapOpenApi();
        app.MapNetworksApi();
        app.MapStationsApi();
        app.MapOpeningApi();
        app.MapSuppliesApi();
        app.MapPublicApi();
        app.MapFeedbackApi();
        app.MapAssessmentApi();
        app.MapReportsApi();
        app.MapAuthApi();
        app.MapAdminApi();
        app.MapArchiveApi();
        app.MapGet("/api/about", (HostInfo host, StationClock time) => TypedResults.Ok(new About(host.Storage, host.DataKept, time.GetUtcNow())))
            .WithTags("About").WithName("About")
            .WithSummary("Where this host keeps its data, and the server's time (tablets with a wrong clock correct by it)");
        app.MapHub<LiveHub>(LiveHub.Path);
        app.MapClientPages();
        return app;
    }
}
