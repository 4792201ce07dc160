using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>
/// Authenticates tablets and wall screens by their bearer token, from the Authorization header, or from
/// the <c>access_token</c> query on the hub (SignalR's WebSocket) or the <c>screen</c> query on the wall page.
/// A screen link asks its grain on every request; a tablet's answer is kept a few seconds (<see cref="TabletSessions"/>),
/// and its revocation reaches every silo at once.
/// </summary>
public sealed class TokenAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains, TabletSessions tablets)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    private static readonly PathString HubPath = "/hubs";
    private static readonly PathString WallPath = "/wall";

    public static string? Find(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }
        // A token in a URL ends up in logs, histories and Referer headers: only where a header cannot be sent,
        // the hub's WebSocket (access_token) and the wall page's link (screen). Every other route takes the header.
        var query = request.Path.StartsWithSegments(HubPath) ? request.Query["access_token"].ToString()
            : request.Path.StartsWithSegments(WallPath) ? request.Query["screen"].ToString()
            : "";
        return query.Length == 0 ? null : query;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var token = Find(Request);
        if (token is null)
        {
            return AuthenticateResult.NoResult();
        }
        if (!AccessTokens.TryParse(token, out var prefix, out var id, out var hash))
        {
            return AuthenticateResult.Fail("The token is not a StationNet token");
        }
        List<Claim> claims;
        if (prefix == AccessTokens.DevicePrefix)
        {
            if (await tablets.Authenticate(grains, id, hash) is not { } device)
            {
                return AuthenticateResult.Fail("The tablet's token is unknown or revoked");
            }
            claims =
            [
                new(ClaimTypes.Name, device.Name), new(ClaimTypes.Role, Roles.Tablet), new(Access.DeviceClaim, device.Id),
                new(Access.StationClaim, device.StationId), new(Access.NetworkClaim, device.NetworkId),
            ];
        }
        else
        {
            if (await grains.GetGrain<IScreenLinkGrain>(id).Authenticate(hash) is not { } link)
            {
                return AuthenticateResult.Fail("The screen link is unknown or revoked");
            }
            claims =
            [
                new(ClaimTypes.Name, link.Name), new(ClaimTypes.Role, Roles.Wall), new(Access.ScreenClaim, link.Id),
                new(Access.NetworkClaim, link.NetworkId),
            ];
        }
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme.Name, ClaimTypes.Name, ClaimTypes.Role));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, Scheme.Name));
    }
}
