using System.Security.Claims;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>The claims StationNet puts on a caller, and the questions endpoints ask of them.</summary>
public static class Access
{
    public const string CookieScheme = "StationNet.Cookie";
    public const string TokenScheme = "StationNet.Token";
    public const string DefaultScheme = "StationNet";
    public const string AdminPolicy = "admin";
    public const string ManagerPolicy = "manager";

    public const string StationClaim = "stationnet:station";
    public const string NetworkClaim = "stationnet:network";
    public const string DeviceClaim = "stationnet:device";
    public const string ScreenClaim = "stationnet:screen";

    /// <summary>A scoped account's network: it sees and acts on that network's subtree only (<see cref="NetworkScope"/>).</summary>
    public const string ScopeClaim = "stationnet:scope";

    public static string? ScopeId(this ClaimsPrincipal user) => user.FindFirstValue(ScopeClaim);

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    /// <summary>Managers and administrators; a scoped one is held to its subtree by <see cref="NetworkScope"/>.</summary>
    public static bool IsManager(this ClaimsPrincipal user) => user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);

    public static string? StationId(this ClaimsPrincipal user) => user.FindFirstValue(StationClaim);

    public static string? NetworkId(this ClaimsPrincipal user) => user.FindFirstValue(NetworkClaim);

    public static string? DeviceId(this ClaimsPrincipal user) => user.FindFirstValue(DeviceClaim);

    /// <summary>Posting and voiding: that station's tablet, or an administrator.</summary>
    public static bool CanWriteStation(this ClaimsPrincipal user, string stationId) =>
        user.IsAdmin() || (user.IsInRole(Roles.Tablet) && user.StationId() == stationId);

    public static bool CanReadStation(this ClaimsPrincipal user, string stationId) =>
        user.IsManager() || (user.IsInRole(Roles.Tablet) && user.StationId() == stationId);

    /// <summary>A network's details and live numbers: managers, its screens, and its stations' tablets.</summary>
    public static bool CanReadNetwork(this ClaimsPrincipal user, string networkId) =>
        user.IsManager() || ((user.IsInRole(Roles.Wall) || user.IsInRole(Roles.Tablet)) && user.NetworkId() == networkId);
}
