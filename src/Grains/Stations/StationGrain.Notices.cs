using Microsoft.Extensions.Logging;
using StationNet.Grains.Journal;
using StationNet.Grains.Live;
using StationNet.Grains.Networks;

namespace StationNet.Grains.Stations;

/// <summary>
/// How the network hears of a station's changes: one-way notices that never hold a tablet's answer, numbered in a chain
/// (each names the one before it), so the network sees a notice it missed and asks for what it carried; the station
/// keeps the changes it sent for that. A second after a notice the station confirms its last number, so a missed last
/// notice is found too. A station that wakes starts a new chain, numbered from the clock: what its last activation
/// sent and the network never heard is in the journal, which a network grain that wakes reads.
/// </summary>
public sealed partial class StationGrain
{
    /// <summary>A notice's "from" asking the network to rebuild its picture from the journal: the changes it missed are no longer kept here.</summary>
    public const long RebuildFromJournal = -1;

    private const int MaxSent = 1000;
    private static readonly TimeSpan ConfirmAfter = TimeSpan.FromSeconds(1);

    /// <summary>Changes counted since the last notice.</summary>
    private readonly List<LiveDelta> _unsent = [];

    /// <summary>Changes already sent, by notice number, kept so a notice the network missed can be sent again.</summary>
    private readonly List<(long Number, LiveDelta Delta)> _sent = [];

    private long _lastNumber;

    /// <summary>Every change sent after this number is still in <see cref="_sent"/>.</summary>
    private long _keptSince;

    private long _chainStart;
    private IGrainTimer? _confirm;

    /// <summary>The network's reference, made once: resolving it took half the CPU of a notice in the profile.</summary>
    private (string Id, INetworkGrain Grain)? _network;

    private INetworkGrain Network(StationInfo info)
    {
        if (_network is not { } known || known.Id != info.NetworkId)
        {
            _network = known = (info.NetworkId, GrainFactory.GetGrain<INetworkGrain>(info.NetworkId));
        }
        return known.Grain;
    }

    private void StartNotices()
    {
        // Numbers start from the clock, so they keep growing across activations, as the network's versions do.
        _chainStart = _lastNumber = _keptSince = time.GetUtcNow().ToUnixTimeMilliseconds();
    }

    private void Unsent(LiveDelta delta) => _unsent.Add(delta);

    private void ForgetSent()
    {
        _unsent.Clear();
        _sent.Clear();
        _keptSince = _lastNumber;
    }

    /// <summary>Tells the network, after the commit, without waiting for it: a one-way notice.</summary>
    private void Publish(StationInfo info, StationDayCounts today)
    {
        var from = _lastNumber;
        var number = ++_lastNumber;
        var deltas = _unsent.ToList();
        _unsent.Clear();
        foreach (var delta in deltas)
        {
            _sent.Add((number, delta));
        }
        if (_sent.Count > MaxSent)
        {
            _keptSince = _sent[_sent.Count - MaxSent - 1].Number;
            _sent.RemoveRange(0, _sent.Count - MaxSent);
        }
        Notify(info, today, from, number, deltas);
        _confirm ??= this.RegisterGrainTimer(Confirm, new GrainTimerCreationOptions(ConfirmAfter, Timeout.InfiniteTimeSpan));
    }

    /// <summary>The network missed notices after <paramref name="heard"/>: everything since then, in one notice.</summary>
    public Task ResendSince(long heard)
    {
        if (state.State.Info is not { } info || _today is not { } today || heard >= _lastNumber)
        {
            return Task.CompletedTask;
        }
        if (heard < _keptSince || heard < _chainStart)
        {
            logger.LogWarning("Station {StationId} no longer keeps the changes network {NetworkId} missed; it rebuilds from the journal", info.Id, info.NetworkId);
            Notify(info, today, RebuildFromJournal, _lastNumber, []);
        }
        else
        {
            Notify(info, today, heard, _lastNumber, _sent.Where(s => s.Number > heard).Select(s => s.Delta).ToList());
        }
        return Task.CompletedTask;
    }

    private Task Confirm(CancellationToken ct)
    {
        // A one-shot timer: forgotten here, not disposed from within its own callback.
        _confirm = null;
        if (state.State.Info is { } info && _today is { } today && _lastNumber != _chainStart)
        {
            Notify(info, today, _lastNumber, _lastNumber, []);
        }
        return Task.CompletedTask;
    }

    private void Notify(StationInfo info, StationDayCounts today, long from, long to, IReadOnlyList<LiveDelta> deltas)
    {
        try
        {
            Network(info).StationChanged(today.Day, ToLive(today), deltas, _chainStart, from, to).Ignore();
        }
        catch (Exception ex)
        {
            // The event is durable; the confirm a second later finds what the network missed.
            logger.LogWarning("Station {StationId} could not tell network {NetworkId} of a change ({Reason})", info.Id, info.NetworkId, ex.GetBaseException().Message);
        }
    }

    /// <summary>A late event of an earlier day moves the wall's month and year; if the network misses it, its next day's reload has it.</summary>
    private void PublishEarlierDay(StationInfo info, JournalEntry entry)
    {
        try
        {
            Network(info).EarlierDayCounted(entry.Day, Delta(entry, +1)).Ignore();
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Station {StationId} could not tell network {NetworkId} of a late event of {Day}", info.Id, info.NetworkId, entry.Day);
        }
    }
}
