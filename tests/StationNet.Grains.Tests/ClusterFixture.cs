using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Tests;

namespace StationNet.Grains.Tests;

/// <summary>An Orleans test cluster (one silo unless asked) whose clock starts at the given local time in Shanghai.</summary>
public abstract class ClusterFixture : IAsyncLifetime
{
    public const string NetworkId = "test";

    protected ClusterFixture(TimeOnly startAt, short silos = 1)
    {
        var builder = new TestClusterBuilder { Options = { InitialSilosCount = silos } };
        builder.Properties["ClockOffsetTicks"] = (ShiftedClock.At(startAt, LocalDay.DefaultTimeZone).GetUtcNow() - DateTimeOffset.UtcNow).Ticks.ToString();
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        Cluster = builder.Build();
    }

    public TestCluster Cluster { get; }

    public IGrainFactory Grains => Cluster.GrainFactory;

    public IServiceProvider SiloServices => ((InProcessSiloHandle)Cluster.Primary!).SiloHost.Services;

    public InMemoryJournal Journal => SiloServices.GetRequiredService<InMemoryJournal>();

    public ShiftedClock Clock => (ShiftedClock)SiloServices.GetRequiredService<StationClock>().Inner;

    public async Task InitializeAsync()
    {
        await Cluster.DeployAsync();
        // The test client learns the silo's grain types from the cluster manifest, which can arrive a moment after deployment.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                Grains.GetGrain<INetworkGrain>(NetworkId);
                break;
            }
            catch (ArgumentException) when (attempt < 100)
            {
                await Task.Delay(100);
            }
        }
        var network = Grains.GetGrain<INetworkGrain>(NetworkId);
        await network.Configure(new NetworkInfo(NetworkId, "测试网络", "Test network", LocalDay.DefaultTimeZone, ServiceCatalog.All, IsSample: false));
        foreach (var id in new[] { "s1", "s2", "s3" })
        {
            await network.SaveStation(new StationInfo(id, NetworkId, $"测试驿站 {id}", "测试街道",
                ["visit", "water", "haircut", "shower"], OpeningHours.AllDay, 10));
        }
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var offset = TimeSpan.FromTicks(long.Parse(silo.Configuration["ClockOffsetTicks"]!));
            // A grain activates on the silo that first calls it, so a test can put grains where it needs them.
            silo.Services.AddSingleton<Orleans.Runtime.PlacementStrategy, Orleans.Runtime.PreferLocalPlacement>();
            silo.AddMemoryGrainStorage("stations");
            silo.AddMemoryGrainStorage("networks");
            silo.UseInMemoryReminderService();
            silo.AddIncomingGrainCallFilter<FailNextNotice>();
            silo.AddIncomingGrainCallFilter<HoldNotices>();
            silo.Services.AddSingleton(new StationClock(new ShiftedClock(offset)));
            silo.Services.AddSingleton<InMemoryJournal>();
            silo.Services.AddSingleton<IEventJournal>(sp => sp.GetRequiredService<InMemoryJournal>());
            silo.Services.AddSingleton<IDailyRollup>(sp => sp.GetRequiredService<InMemoryJournal>());
            silo.Services.AddSingleton<IOpeningJournal, InMemoryOpeningJournal>();
        }
    }
}

/// <summary>Starts at local noon, far from midnight, so "today" does not change during a test.</summary>
public sealed class NoonCluster() : ClusterFixture(new TimeOnly(12, 0));

/// <summary>Two silos at local noon, for a test that loses one of them.</summary>
public sealed class TwoSiloCluster() : ClusterFixture(new TimeOnly(12, 0), silos: 2);

/// <summary>Starts a minute before local midnight; a test moves the clock on and watches the day roll over.</summary>
public sealed class MidnightCluster() : ClusterFixture(new TimeOnly(23, 59, 0));

/// <summary>Makes the next station-to-network notice from one station fail, as a lost silo or a timeout would.</summary>
public sealed class FailNextNotice : IIncomingGrainCallFilter
{
    private static readonly Lock Gate = new();
    private static string? _station;

    public static void Arm(string stationId)
    {
        lock (Gate)
        {
            _station = stationId;
        }
    }

    public Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(INetworkGrain.StationChanged) && context.Request.GetArgument(1) is Live.StationLive live)
        {
            lock (Gate)
            {
                if (_station == live.StationId)
                {
                    _station = null;
                    throw new TimeoutException("the network did not answer (injected by the test)");
                }
            }
        }
        return context.Invoke();
    }
}

/// <summary>Holds one station's notices to the network unanswered, as a network grain on a silo that hung or died.</summary>
public sealed class HoldNotices : IIncomingGrainCallFilter
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, TaskCompletionSource> Held = new();

    /// <summary>Holds the station's notices until the result is disposed.</summary>
    public static IDisposable For(string stationId)
    {
        var hold = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Held[stationId] = hold;
        return new Release(() =>
        {
            Held.TryRemove(stationId, out _);
            hold.TrySetResult();
        });
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.InterfaceMethod?.Name == nameof(INetworkGrain.StationChanged) && context.Request.GetArgument(1) is Live.StationLive live
            && Held.TryGetValue(live.StationId, out var hold))
        {
            await hold.Task;
        }
        await context.Invoke();
    }

    private sealed class Release(Action release) : IDisposable
    {
        public void Dispose() => release();
    }
}
