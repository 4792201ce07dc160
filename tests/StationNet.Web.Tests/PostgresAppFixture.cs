using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The real app on a throwaway PostgreSQL of its own, shared by the tests of one class.</summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    private readonly ThrowawayPostgres _server = new();

    public StationNetApp App { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await _server.StartAsync();
        App = new StationNetApp(await _server.CreateDatabase("contract"));
        await App.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await ((IAsyncLifetime)App).DisposeAsync();
        await _server.StopAsync();
    }
}
