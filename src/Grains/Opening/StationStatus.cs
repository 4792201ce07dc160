using StationNet.Grains.Stations;

namespace StationNet.Grains.Opening;

/// <summary>How long a station may be quiet before its status says so; operators set it (StationNet:Opening).</summary>
public sealed class OpeningSettings
{
    public const string Section = "StationNet:Opening";

    /// <summary>Open, yet nothing logged (no tap, no opening) for this long: open-silent.</summary>
    public int SilentMinutes { get; set; } = 90;

    public TimeSpan SilentAfter => TimeSpan.FromMinutes(Math.Clamp(SilentMinutes, 5, 24 * 60));
}

/// <summary>
/// The one verified status of a station, from its opening session, heartbeats, hours in force and the clock.
/// Pure, so every rule has a unit test; the station grain and the network grain (for the wall) both ask it.
/// </summary>
public static class StationStatus
{
    public const string Open = "open";
    public const string OpenSilent = "open-silent";
    public const string Late = "late";
    public const string Unreachable = "unreachable";
    public const string Closed = "closed";

    public static readonly IReadOnlyList<string> All = [Open, OpenSilent, Late, Unreachable, Closed];

    /// <summary>An open tablet sends a heartbeat every minute; after three minutes without one the station is unreachable.</summary>
    public static readonly TimeSpan HeartbeatWithin = TimeSpan.FromMinutes(3);

    /// <summary>A station not open fifteen minutes after its opening time is late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(15);

    /// <param name="facts">The session and the last heartbeat; a heartbeat not yet heard counts from <paramref name="heardFrom"/>.</param>
    /// <param name="lastLogged">The station's last tap, if any.</param>
    /// <param name="heardFrom">When the caller started listening, used while no heartbeat is known (a grain that just woke gives a tablet its three minutes).</param>
    public static (string Status, DateTimeOffset? Since) Of(OpeningFacts facts, DateTimeOffset? lastLogged, StationInfo station, TimeZoneInfo zone,
        DateTimeOffset now, TimeSpan silentAfter, DateTimeOffset? heardFrom = null)
    {
        if (facts.IsOpen)
        {
            var opened = facts.OpenedAt!.Value;
            // A heartbeat not yet heard by this listener counts from when it started listening.
            var heard = Latest(facts.LastHeartbeat ?? heardFrom, opened)!.Value;
            if (now - heard > HeartbeatWithin)
            {
                return (Unreachable, heard + HeartbeatWithin);
            }
            var logged = Latest(lastLogged, opened)!.Value;
            return now - logged > silentAfter ? (OpenSilent, logged + silentAfter) : (Open, opened);
        }
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var today = DateOnly.FromDateTime(local.DateTime);
        var time = TimeOnly.FromDateTime(local.DateTime);
        var hours = station.HoursOn(today);
        var alwaysOpen = hours.IsAllDay;
        if (!station.Retired && (alwaysOpen || hours.IsOpenAt(time)))
        {
            // Late: due open for fifteen minutes and not opened since the opening time (a station opened and closed
            // again within its hours is closed, not late).
            var sinceOpening = TimeSpan.FromMinutes(alwaysOpen ? time.Hour * 60 + time.Minute : hours.MinutesSinceOpening(time));
            var openingTime = now - sinceOpening;
            if (sinceOpening >= LateAfter && (facts.ClosedAt is null || facts.ClosedAt < openingTime))
            {
                return (Late, openingTime + LateAfter);
            }
        }
        return (Closed, facts.ClosedAt);
    }

    /// <summary>Open to a worker who walks there now: opened and heard from (silent is still open; unreachable is not known).</summary>
    public static bool IsOpenNow(string status) => status is Open or OpenSilent;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
