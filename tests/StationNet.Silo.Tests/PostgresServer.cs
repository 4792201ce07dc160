using StationNet.Tests;

namespace StationNet.Silo.Tests;

/// <summary>One throwaway PostgreSQL for the storage tests; each test class takes a database of its own.</summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly ThrowawayPostgres _server = new();

    public Task InitializeAsync() => _server.StartAsync();

    public Task DisposeAsync() => _server.StopAsync();

    public string ConnectionString(string database) => _server.ConnectionString(database);

    public Task<string> CreateDatabase(string name) => _server.CreateDatabase(name);

    /// <summary>Stops the server, keeping its data; the collection runs one test at a time, so no other test sees it.</summary>
    public Task PauseAsync() => _server.PauseAsync();

    public int Port => _server.Port;

    public Task ResumeAsync() => _server.ResumeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}
