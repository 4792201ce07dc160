using StationNet.Grains.Catalog;

namespace StationNet.Tests;

/// <summary>A clock that runs at the real pace from a chosen starting point, and can be moved, so tests can stand at any local time.</summary>
public sealed class ShiftedClock(TimeSpan offset) : TimeProvider
{
    private long _offsetTicks = offset.Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves the clock forward by the given span.</summary>
    public void Advance(TimeSpan span) => Interlocked.Add(ref _offsetTicks, span.Ticks);

    /// <summary>Moves the clock so that it now reads the given local time of its current local day.</summary>
    public void MoveTo(TimeOnly localTime, string zone)
    {
        var tz = LocalDay.Zone(zone);
        var now = GetUtcNow();
        var local = LocalDay.Of(now, tz).ToDateTime(localTime);
        var target = new DateTimeOffset(local, tz.GetUtcOffset(local));
        Interlocked.Add(ref _offsetTicks, (target - now).Ticks);
    }

    /// <summary>A clock that reads the given local time of today in the zone, and runs on from there.</summary>
    public static ShiftedClock At(TimeOnly localTime, string zone)
    {
        var clock = new ShiftedClock(TimeSpan.Zero);
        clock.MoveTo(localTime, zone);
        return clock;
    }
}
