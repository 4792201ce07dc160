using StationNet.Grains.Journal;
using StationNet.Web.Extensions;

namespace StationNet.Silo.Hosting;

public static class SiloHosting
{
    /// <summary>
    /// Orleans co-hosted with ASP.NET Core. With no connection string this is the embedded default:
    /// localhost clustering, in-memory grain storage and an in-memory journal; nothing is kept.
    /// </summary>
    public static WebApplicationBuilder AddStationNetSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(StationNetSettings.Section).Get<StationNetSettings>() ?? new();
        builder.Services.AddSingleton(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(StationNetSettings.DefaultUrls);
        }
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<InMemoryJournal>();
        builder.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton<IDailyRollup>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton(new HostInfo("memory", DataKept: false));
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(settings.Orleans.SiloPort, settings.Orleans.GatewayPort);
            silo.AddMemoryGrainStorage("stations");
            silo.AddMemoryGrainStorage("networks");
        });
        return builder;
    }

    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.GetConnectionString(StationNetSettings.ConnectionStringName));
}
