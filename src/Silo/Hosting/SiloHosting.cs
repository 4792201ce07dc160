using System.Net;
using System.Net.Sockets;
using Npgsql;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using StationNet.Grains.Journal;
using StationNet.Grains.Feedback;
using StationNet.Grains.Opening;
using StationNet.Grains.Supplies;
using StationNet.Silo.Storage;
using StationNet.Web.Extensions;

namespace StationNet.Silo.Hosting;

public static class SiloHosting
{
    public const string ClusterId = "stationnet";
    private const string Invariant = "Npgsql";

    /// <summary>
    /// Orleans co-hosted with ASP.NET Core. With no connection string this is the embedded default:
    /// localhost clustering, in-memory grain storage, reminders and journal; nothing is kept. With
    /// <c>ConnectionStrings:StationNet</c> every silo clusters, stores grains and reminders, and journals
    /// events in PostgreSQL, after migrating its schema.
    /// </summary>
    public static WebApplicationBuilder AddStationNetSilo(this WebApplicationBuilder builder)
    {
        var settings = StationNetSettings.From(builder.Configuration);
        builder.Services.AddSingleton(settings);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(StationNetSettings.DefaultUrls);
        }
        builder.Services.AddSingleton(StationClock.Real);
        builder.Services.AddSingleton(builder.Configuration.GetSection(OpeningSettings.Section).Get<OpeningSettings>() ?? new());
        // Events and admin requests are small; nothing legitimate comes near this.
        builder.WebHost.ConfigureKestrel(o => o.Limits.MaxRequestBodySize = 64 * 1024);
        var connectionString = builder.Configuration.GetConnectionString(StationNetSettings.ConnectionStringName);
        if (string.IsNullOrEmpty(connectionString))
        {
            AddEmbedded(builder, settings);
        }
        else
        {
            AddPostgres(builder, settings, connectionString);
        }
        return builder;
    }

    public static bool IsEmbedded(this IConfiguration configuration) =>
        string.IsNullOrEmpty(configuration.GetConnectionString(StationNetSettings.ConnectionStringName));

    private static void AddEmbedded(WebApplicationBuilder builder, StationNetSettings settings)
    {
        builder.Services.AddSingleton<InMemorySupplyJournal>();
        builder.Services.AddSingleton<ISupplyJournal>(sp => sp.GetRequiredService<InMemorySupplyJournal>());
        builder.Services.AddSingleton<InMemoryJournal>();
        builder.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton<IDailyRollup>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton<IJournalArchive>(sp => sp.GetRequiredService<InMemoryJournal>());
        builder.Services.AddSingleton<IOpeningJournal, InMemoryOpeningJournal>();
        builder.Services.AddSingleton<IFeedbackJournal, InMemoryFeedbackJournal>();
        builder.Services.AddSingleton(new HostInfo("memory", DataKept: false));
        builder.UseOrleans(silo =>
        {
            silo.AddStationNetDashboard(builder.Configuration);
            silo.UseLocalhostClustering(settings.Orleans.SiloPort, settings.Orleans.GatewayPort);
            silo.AddMemoryGrainStorage("stations");
            silo.AddMemoryGrainStorage("networks");
            silo.UseInMemoryReminderService();
        });
    }

    /// <summary>
    /// StationNet's own connections. Statements run again and again (the journal's group commit, the linked taps,
    /// the reports) are prepared on each connection after their fifth use, so PostgreSQL stops parsing and planning
    /// them every time: that was most of its CPU per group commit. A connection string's own Max Auto Prepare wins.
    /// </summary>
    public static NpgsqlDataSource DataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (!connectionString.Contains("Auto Prepare", StringComparison.OrdinalIgnoreCase) && !connectionString.Contains("AutoPrepare", StringComparison.OrdinalIgnoreCase))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 64;
        }
        return builder.Build();
    }

    private static void AddPostgres(WebApplicationBuilder builder, StationNetSettings settings, string connectionString)
    {
        // Registered before the silo, so the schema exists before the silo joins the cluster.
        builder.Services.AddHostedService(sp => new SchemaMigration(connectionString, sp.GetRequiredService<ILogger<SchemaMigration>>()));
        var dataSource = DataSource(connectionString);
        builder.Services.AddSingleton(dataSource);
        builder.Services.AddDataProtection().SetApplicationName(ClusterId);
        builder.Services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresKeyRepository(dataSource));
        builder.Services.AddSingleton<PostgresJournal>();
        builder.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<PostgresJournal>());
        builder.Services.AddSingleton<IDailyRollup>(sp => sp.GetRequiredService<PostgresJournal>());
        builder.Services.AddSingleton<IJournalArchive>(sp => sp.GetRequiredService<PostgresJournal>());
        builder.Services.AddSingleton<IOpeningJournal, PostgresOpeningJournal>();
        builder.Services.AddSingleton<IFeedbackJournal, PostgresFeedbackJournal>();
        builder.Services.AddSingleton<ISupplyJournal, PostgresSupplyJournal>();
        builder.Services.AddSingleton(new HostInfo("postgresql", DataKept: true));
        builder.UseOrleans(silo =>
        {
            silo.AddIncomingGrainCallFilter<StorageFaults>();
            silo.AddStationNetDashboard(builder.Configuration);
            if (!string.IsNullOrEmpty(builder.Configuration[Observability.OtlpEndpointKey]))
            {
                // Only when traces go out: the filters cost about a tenth of a tap's CPU (docs/benchmarks.md, the profile).
                silo.AddActivityPropagation();
            }
            silo.AddStationNetFailover(builder.Configuration);
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = ClusterId;
                o.ServiceId = ClusterId;
            });
            silo.ConfigureEndpoints(AdvertisedAddress(settings.Orleans.Host), settings.Orleans.SiloPort, settings.Orleans.GatewayPort,
                listenOnAnyHostAddress: settings.Orleans.Host is not null);
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            foreach (var name in new[] { "stations", "networks" })
            {
                // Orleans' own serializer: compact, version-tolerant by [Id], and free of .NET type names.
                // Rows are keyed by grain and state name, not provider name, so the inner provider's name is free.
                silo.AddAdoNetGrainStorage(name + "-db", (OptionsBuilder<AdoNetGrainStorageOptions> o) => o.Configure<Serializer>((options, serializer) =>
                {
                    options.Invariant = Invariant;
                    options.ConnectionString = connectionString;
                    options.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
                }));
                silo.Services.AddGrainStorage(name, (sp, n) => new RetryingGrainStorage(
                    sp.GetRequiredKeyedService<IGrainStorage>(n + "-db"), sp.GetRequiredService<ILoggerFactory>().CreateLogger<RetryingGrainStorage>()));
            }
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        });
    }

    /// <summary>The address other silos reach this one at: loopback on one machine, the host's address in a container network.</summary>
    private static IPAddress AdvertisedAddress(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return IPAddress.Loopback;
        }
        return IPAddress.TryParse(host, out var ip)
            ? ip
            : Dns.GetHostAddresses(host).First(a => a.AddressFamily == AddressFamily.InterNetwork);
    }
}
