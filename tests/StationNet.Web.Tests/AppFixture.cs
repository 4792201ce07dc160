using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;

namespace StationNet.Web.Tests;

/// <summary>A clock that runs at the real pace from a chosen local time, so "today" is stable during a test run.</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;

    public static ShiftedClock AtLocal(TimeOnly localTime)
    {
        var tz = LocalDay.Zone(LocalDay.DefaultTimeZone);
        var now = DateTimeOffset.UtcNow;
        var local = LocalDay.Of(now, tz).ToDateTime(localTime);
        return new ShiftedClock(new DateTimeOffset(local, tz.GetUtcOffset(local)) - now);
    }
}

/// <summary>
/// The real StationNet app, silo and all, on Kestrel at 127.0.0.1 with its own free ports, on the
/// embedded default with the sample network and no simulator. Its clock stands at local noon.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ShiftedClock Clock { get; } = ShiftedClock.AtLocal(new TimeOnly(12, 0));

    public Uri BaseAddress { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("StationNet:Simulator:Enabled", "false");
        builder.UseSetting("StationNet:SampleData", "true");
        builder.UseSetting("StationNet:Orleans:SiloPort", FreePort().ToString());
        builder.UseSetting("StationNet:Orleans:GatewayPort", FreePort().ToString());
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    public Task InitializeAsync()
    {
        UseKestrel(0);
        StartServer();
        BaseAddress = ClientOptions.BaseAddress;
        Http = new HttpClient { BaseAddress = BaseAddress };
        return Task.CompletedTask;
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        Http.Dispose();
        await DisposeAsync();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
