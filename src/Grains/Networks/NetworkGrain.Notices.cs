using StationNet.Grains.Stations;

namespace StationNet.Grains.Networks;

/// <summary>
/// The network's side of the stations' numbered one-way notices (see StationGrain.Notices): a notice is taken only
/// when it follows the last one heard from its station (a chain that began after this activation must be heard from
/// its first number; one older than it starts from the journal the picture was built from); a gap means one went missing, and the station is asked
/// (one-way too) for everything since the last one heard. A station that no longer has it makes the picture rebuild
/// from the journal.
/// </summary>
public sealed partial class NetworkGrain
{
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(1);
    /// <summary>Per station: its chain (the first number of its activation) and the last notice heard in it.</summary>
    private readonly Dictionary<string, (long Chain, long Number)> _heard = new(StringComparer.Ordinal);
    private long _activatedAt;
    private readonly Dictionary<string, (long Heard, DateTimeOffset At)> _asked = new(StringComparer.Ordinal);
    private IGrainTimer? _rebuild;

    /// <summary>Whether to apply this notice; notes it as heard when so.</summary>
    private bool Heard(string stationId, long chain, long from, long to)
    {
        if (from == StationGrain.RebuildFromJournal)
        {
            _heard[stationId] = (chain, to);
            _rebuild ??= this.RegisterGrainTimer(Rebuild, new GrainTimerCreationOptions(TimeSpan.Zero, Timeout.InfiniteTimeSpan));
            return false;
        }
        var (knownChain, heard) = _heard.GetValueOrDefault(stationId);
        if (knownChain != chain)
        {
            if (knownChain == 0 && chain <= _activatedAt)
            {
                // A chain older than this activation: the journal this picture was built from has its start.
                _heard[stationId] = (chain, to);
                return from != to;
            }
            heard = chain; // this activation was listening when the chain began: it should have every notice of it
        }
        if (from == heard)
        {
            _heard[stationId] = (chain, to);
            return from != to; // a confirm that matches changes nothing
        }
        if (from > heard && (!_asked.TryGetValue(stationId, out var asked) || asked.Heard != heard || time.GetUtcNow() - asked.At >= AskAgainAfter))
        {
            _asked[stationId] = (heard, time.GetUtcNow());
            GrainFactory.GetGrain<IStationGrain>(stationId).ResendSince(heard).Ignore();
        }
        return false; // older than what was heard, or after a gap: the resend brings it
    }

    /// <summary>The whole picture again from the journal, versions going on (as a time-zone change does).</summary>
    private async Task Rebuild(CancellationToken ct)
    {
        _rebuild = null; // a one-shot timer: forgotten, not disposed from within its own callback
        if (state.State.Info is { } info && _picture is { } picture)
        {
            _picture = await BuildPicture(info, picture.Version, ct, everyStation: state.State.Stations.Keys);
            RefreshStatuses(force: true);
            _lastBatch = null;
        }
    }
}
