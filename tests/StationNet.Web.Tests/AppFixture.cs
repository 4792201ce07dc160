using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>
/// The real StationNet app, silo and all, on Kestrel at 127.0.0.1 with its own free ports, on the
/// embedded default with the sample network and no simulator. Its clock stands at local noon.
/// </summary>
public sealed class AppFixture : WebApplicationFactory<Program>, IAsyncLifetime
{
    public ShiftedClock Clock { get; } = ShiftedClock.At(new TimeOnly(12, 0), LocalDay.DefaultTimeZone);

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
