namespace StationNet.Web.Auth;

/// <summary>Limits of the front door, under <c>StationNet:RateLimits</c> (see docs/operations.md).</summary>
public sealed class RateLimitSettings
{
    public const string Section = "StationNet:RateLimits";

    /// <summary>Requests per minute from one IP address, all endpoints together.</summary>
    public int PerIpPerMinute { get; set; } = 6000;

    /// <summary>Events and voids per minute from one tablet (or one signed-in user).</summary>
    public int PerDevicePerMinute { get; set; } = 600;

    /// <summary>Sign-in and pairing attempts per minute from one IP address.</summary>
    public int SignInPerIpPerMinute { get; set; } = 30;

    /// <summary>Heartbeats per minute from one tablet (it sends one a minute; a few more ride out a reconnect).</summary>
    public int HeartbeatsPerMinute { get; set; } = 10;

    /// <summary>Requests per minute from one IP address to the public finder's API (anonymous).</summary>
    public int PublicPerIpPerMinute { get; set; } = 120;

    /// <summary>Workers' ratings per minute from one IP address (a site's shared Wi-Fi may carry a crew: a few, not one).</summary>
    public int FeedbackPerIpPerMinute { get; set; } = 10;

    /// <summary>Workers' ratings per minute for one station, from everywhere together: a flood cannot drown a station's real voices.</summary>
    public int FeedbackPerStationPerMinute { get; set; } = 30;
}
