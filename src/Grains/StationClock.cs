namespace StationNet;

/// <summary>
/// The clock StationNet's own code reads (local days, opening hours, pairing-code expiry): the system's, or a
/// test's moved clock. Orleans keeps the system's own TimeProvider, so membership, silo generations and
/// timers never see a clock that a test moved by hours.
/// </summary>
public sealed class StationClock(TimeProvider inner) : TimeProvider
{
    public static readonly StationClock Real = new(TimeProvider.System);

    /// <summary>The clock this one reads.</summary>
    public TimeProvider Inner => inner;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;
}
