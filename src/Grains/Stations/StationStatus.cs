using StationNet.Grains.Catalog;

namespace StationNet.Grains.Stations;

/// <summary>The one word a screen shows for a station. Opening sessions will add verified states (late, unreachable) here.</summary>
public enum StationStatus
{
    Closed,
    Open,
    /// <summary>Open by its hours, yet nothing logged for a while: the "open but locked" complaint.</summary>
    OpenSilent,
}

/// <summary>
/// The single rule that turns what is known of a station into its status word, so the wall, reports and the
/// public finder can never disagree, and a screen never shows two contradicting badges. Pure: the clock is a parameter.
/// </summary>
public static class StationStatusRule
{
    /// <summary>How long an open station may log nothing before it shows as open but silent.</summary>
    public static readonly TimeSpan SilentAfter = TimeSpan.FromMinutes(90);

    public static StationStatus Of(StationInfo station, DateTimeOffset now, TimeZoneInfo zone, DateTimeOffset? lastEventAt)
    {
        var local = TimeOnly.FromDateTime(LocalDay.Local(now, zone));
        if (station.Retired || !station.OpeningHours.IsOpenAt(local))
        {
            return StationStatus.Closed;
        }
        var openedFor = OpenedFor(station.OpeningHours, local);
        var quietFor = lastEventAt is { } last ? now - last : TimeSpan.MaxValue;
        return openedFor >= SilentAfter && quietFor >= SilentAfter ? StationStatus.OpenSilent : StationStatus.Open;
    }

    /// <summary>The word on the wire: <c>open</c>, <c>open-silent</c> or <c>closed</c>.</summary>
    public static string Wire(StationStatus status) => status switch
    {
        StationStatus.Open => "open",
        StationStatus.OpenSilent => "open-silent",
        _ => "closed",
    };

    /// <summary>Whether the word counts as open now (开放中 n/N).</summary>
    public static bool IsOpen(StationStatus status) => status is StationStatus.Open or StationStatus.OpenSilent;

    /// <summary>How long the current opening has lasted; hours past midnight count from the evening's opening.</summary>
    private static TimeSpan OpenedFor(OpeningHours hours, TimeOnly local)
    {
        var opens = TimeOnly.ParseExact(hours.Opens, "HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var minutes = (local.Hour * 60 + local.Minute - (opens.Hour * 60 + opens.Minute) + 1440) % 1440;
        return TimeSpan.FromMinutes(minutes);
    }
}
