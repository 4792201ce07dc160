using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;

namespace StationNet.Tests;

/// <summary>
/// The real StationNet app, silo and all, on Kestrel at 127.0.0.1 with its own free ports, with the
/// sample network (without its history unless asked) and no simulator, on the embedded default or on the given PostgreSQL database.
/// Its clock stands at local noon unless told otherwise; its port is a free one unless given (a restart on the same address).
/// </summary>
public class StationNetApp(string? connectionString = null, ShiftedClock? clock = null, IDictionary<string, string>? settings = null, int port = 0)
    : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ShiftedClock Clock { get; } = clock ?? ShiftedClock.At(new TimeOnly(12, 0), LocalDay.DefaultTimeZone);

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client signed in as the first administrator, who may do everything.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A screen link's token for the sample network, as a wall screen holds it.</summary>
    public string ScreenToken { get; private set; } = null!;

    /// <summary>A client with no credentials.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("StationNet:Simulator:Enabled", "false");
        builder.UseSetting("StationNet:SampleData", "true");
        // Tests count from an empty sample network; the history has tests of its own (SampleHistoryTests).
        builder.UseSetting("StationNet:SampleHistory", "false");
        builder.UseSetting("StationNet:Orleans:SiloPort", Ports.Free().ToString());
        builder.UseSetting("StationNet:Orleans:GatewayPort", Ports.Free().ToString());
        builder.UseSetting("StationNet:Admin:Password", Sessions.AdminPassword);
        // The sample wall's link goes to a first-run file: a temporary one, not the source tree.
        builder.UseSetting("StationNet:FirstRunFile", Path.Combine(Path.GetTempPath(), $"stationnet-first-run-{Guid.NewGuid():N}.txt"));
        // Tests send far faster than people; the limits have tests of their own.
        builder.UseSetting("StationNet:RateLimits:PerIpPerMinute", "1000000");
        builder.UseSetting("StationNet:RateLimits:PerDevicePerMinute", "1000000");
        builder.UseSetting("StationNet:RateLimits:SignInPerIpPerMinute", "100000");
        builder.UseSetting("StationNet:RateLimits:HeartbeatsPerMinute", "1000000");
        builder.UseSetting("StationNet:RateLimits:PublicPerIpPerMinute", "1000000");
        builder.UseSetting("StationNet:RateLimits:FeedbackPerIpPerMinute", "1000000");
        builder.UseSetting("StationNet:RateLimits:FeedbackPerStationPerMinute", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (connectionString is not null)
        {
            builder.UseSetting("ConnectionStrings:StationNet", connectionString);
        }
        builder.ConfigureTestServices(services => services.AddSingleton(new StationClock(Clock)));
    }

    public async Task InitializeAsync()
    {
        UseKestrel(port);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
        Http = await Sessions.SignIn(BaseAddress, "admin", Sessions.AdminPassword);
        ScreenToken = (await Sessions.NewScreenLink(Http, "sample")).Token;
    }

    /// <summary>A new tablet paired with the station.</summary>
    public async Task<HttpClient> Tablet(string stationId) => Sessions.WithToken(BaseAddress, await Sessions.PairTablet(Http, stationId));

    async Task IAsyncLifetime.DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        await DisposeAsync();
    }
}
