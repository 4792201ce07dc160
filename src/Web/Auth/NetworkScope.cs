using System.Security.Claims;
using StationNet.Grains.Access;
using StationNet.Grains.Networks;
using StationNet.Grains.Stations;

namespace StationNet.Web.Auth;

/// <summary>
/// The one check of a scoped account (a manager or administrator of a province or a city): every network, station,
/// tablet, screen link, rating or account a request names must lie in the scope's subtree. It runs for every request, after
/// authorization, from the route's values and the <c>networkId</c> query, so each endpoint, present and future, is held
/// to it without a line of its own; handlers ask <see cref="Reaches"/> only for what a body names (a new parent or scope).
/// Unscoped callers pass untouched.
/// </summary>
public static class NetworkScope
{
    /// <summary>Whole-cluster things a scoped account never reaches: importing archives of any network, and the silo dashboard.</summary>
    private static readonly string[] Unscoped = ["/api/admin/import", "/dashboard"];

    public static async Task<bool> Reaches(this ClaimsPrincipal user, IGrainFactory grains, string? networkId) =>
        user.ScopeId() is not { } scope || (networkId is not null && await grains.GetGrain<INetworkDirectoryGrain>(0).IsWithin(networkId, scope));

    public static async Task Guard(HttpContext ctx, Func<Task> next)
    {
        if (ctx.User.ScopeId() is not null && await Refused(ctx) is { } what)
        {
            ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
            await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx,
                ProblemDetails =
                {
                    Status = StatusCodes.Status403Forbidden, Title = "Forbidden",
                    Detail = $"{what} lies outside the networks of your account (超出账户所辖网络范围)",
                },
            });
            return;
        }
        await next();
    }

    /// <summary>What the request names outside the scope, or null; a thing that does not exist is left to the endpoint's 404.</summary>
    private static async Task<string?> Refused(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        if (Unscoped.Any(p => path.StartsWithSegments(p)))
        {
            return $"'{path}'";
        }
        // The pages and the public finder are anyone's; what a page shows comes from the API, which is held here.
        if (!path.StartsWithSegments("/api") || path.StartsWithSegments("/api/public"))
        {
            return null;
        }
        var grains = ctx.RequestServices.GetRequiredService<IGrainFactory>();
        var values = ctx.Request.RouteValues;
        foreach (var networkId in new[] { values["networkId"] as string, ctx.Request.Query["networkId"].ToString() }.Where(n => !string.IsNullOrEmpty(n)))
        {
            if (!await ctx.User.Reaches(grains, networkId))
            {
                return $"Network '{Clip(networkId!)}'";
            }
        }
        var owner = await OwnerOf(grains, values, ctx);
        return owner is var (what, networkId2) && !await ctx.User.Reaches(grains, networkId2) ? what : null;
    }

    private static async Task<(string What, string? NetworkId)?> OwnerOf(IGrainFactory grains, RouteValueDictionary values, HttpContext ctx)
    {
        if (values["feedbackId"] is string feedbackId && Guid.TryParse(feedbackId, out var rating)
            && await ctx.RequestServices.GetRequiredService<StationNet.Grains.Feedback.IFeedbackJournal>().FindAsync(rating, ctx.RequestAborted) is { } item)
        {
            return ($"Rating '{feedbackId}'", item.NetworkId);
        }
        if (values["stationId"] is string stationId && IsKey(stationId) && await grains.GetGrain<IStationGrain>(stationId).GetInfo() is { } station)
        {
            return ($"Station '{stationId}'", station.NetworkId);
        }
        if (values["deviceId"] is string deviceId && IsKey(deviceId) && await grains.GetGrain<IDeviceGrain>(deviceId).GetInfo() is { } device)
        {
            return ($"Tablet '{deviceId}'", device.NetworkId);
        }
        if (values["linkId"] is string linkId && IsKey(linkId) && await grains.GetGrain<IScreenLinkGrain>(linkId).GetInfo() is { } link)
        {
            return ($"Screen link '{linkId}'", link.NetworkId);
        }
        if (values["username"] is string username && IsKey(username) && await grains.GetGrain<IAccountGrain>(username).GetInfo() is { } account)
        {
            // An unscoped account is above every scope: a scoped administrator may not change it.
            return ($"Account '{username}'", account.NetworkId);
        }
        return null;
    }

    private static bool IsKey(string id) => Apis.Problems.IsId(id);

    private static string Clip(string id) => id.Length <= 64 ? id : id[..64] + "…";
}
