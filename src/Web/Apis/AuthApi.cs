using System.Security.Claims;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using StationNet.Grains.Access;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

public sealed record LoginBody(string? Username, string? Password);

public sealed record PairBody(string? Code, string? Name);

public sealed record Me(string Kind, string Name, string Role, string? StationId, string? NetworkId);

public sealed record Paired(string Token, string DeviceId, string StationId, string NetworkId);

/// <summary>What an unpaired tablet may know of the station it is about to pair with: its name, nothing else.</summary>
public sealed record StationName(string StationId, string Name);

public static class AuthApi
{
    public static RouteGroupBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Auth");
        api.MapGet("/auth/antiforgery", Antiforgery).WithName("Antiforgery")
            .WithSummary("An antiforgery token for the X-XSRF-TOKEN header of cookie-authenticated writes");
        api.MapPost("/auth/login", Login).WithName("Login").RequireRateLimiting(AuthSetup.SignInLimit)
            .WithSummary("Sign a manager or administrator in with a cookie; locks after repeated failures");
        api.MapPost("/auth/logout", (Delegate)Logout).WithName("Logout").WithSummary("Sign out");
        api.MapGet("/auth/me", GetMe).WithName("Me").RequireAuthorization().WithSummary("Who the caller is");
        api.MapPost("/pair", Pair).WithName("Pair").RequireRateLimiting(AuthSetup.SignInLimit)
            .WithSummary("Trade a pairing code for a tablet's long-lived device token");
        api.MapGet("/public/stations/{stationId}/name", GetStationName).WithName("PublicStationName")
            .WithSummary("A station's display name, for the pairing page of a tablet not yet paired (anonymous, cacheable)");
        return api;
    }

    public static Ok<AntiforgeryToken> Antiforgery(HttpContext ctx, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(ctx);
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken!, tokens.HeaderName!));
    }

    public static async Task<Results<Ok<Me>, ProblemHttpResult>> Login(LoginBody body, HttpContext ctx, IGrainFactory grains, PasswordHasher<string> hasher)
    {
        var username = body.Username?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(body.Password) || username.Length > 64 || body.Password.Length > 200)
        {
            return Problems.Invalid("username and password are required (请输入用户名和密码)");
        }
        var account = grains.GetGrain<IAccountGrain>(username);
        var secret = await account.GetSecret();
        if (secret?.LockedUntil is { } locked)
        {
            ctx.Response.Headers.RetryAfter = Math.Max(1, (int)(locked - DateTimeOffset.UtcNow).TotalSeconds).ToString();
            return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: "Account locked",
                detail: $"Too many failed sign-ins; the account is locked until {locked:HH:mm} UTC (登录失败次数过多，账户已暂时锁定)");
        }
        var ok = secret is { Info.Disabled: false }
                 && hasher.VerifyHashedPassword(username, secret.PasswordHash, body.Password) != PasswordVerificationResult.Failed;
        if (secret is not null)
        {
            await account.RecordSignIn(ok);
        }
        if (!ok)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Sign-in failed",
                detail: "Wrong user name or password (用户名或密码错误)");
        }
        await ctx.SignInAsync(Access.CookieScheme, AuthSetup.AccountPrincipal(secret!.Info, secret.SessionGeneration));
        return TypedResults.Ok(new Me("account", secret.Info.Username, secret.Info.Role, null, null));
    }

    public static async Task<NoContent> Logout(HttpContext ctx, IGrainFactory grains)
    {
        // The cookie is deleted in the browser, and its session ended on the server, so a copy of it is worthless.
        if (ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: Access.CookieScheme, Name: { } name }
            && ctx.User.FindFirstValue(ClaimTypes.Sid) is { } session)
        {
            await grains.GetGrain<IAccountGrain>(name).EndSession(session);
        }
        await ctx.SignOutAsync(Access.CookieScheme);
        return TypedResults.NoContent();
    }

    public static Ok<Me> GetMe(ClaimsPrincipal user)
    {
        var role = user.FindFirstValue(ClaimTypes.Role) ?? "";
        var kind = role switch { Roles.Tablet => "tablet", Roles.Wall => "screen", _ => "account" };
        return TypedResults.Ok(new Me(kind, user.Identity?.Name ?? "", role, user.StationId(), user.NetworkId()));
    }

    public static async Task<Results<Created<Paired>, ProblemHttpResult>> Pair(PairBody body, IGrainFactory grains, StationClock time)
    {
        var code = body.Code?.Replace(" ", "").Replace("-", "");
        if (code is not { Length: PairingCodes.Length } || !code.All(char.IsAsciiDigit))
        {
            return Problems.Invalid($"the pairing code is {PairingCodes.Length} digits (配对码为 {PairingCodes.Length} 位数字)");
        }
        if (body.Name is { Length: > 40 })
        {
            return Problems.Invalid("the tablet's name is longer than 40 characters (平板名称过长)");
        }
        if (await grains.GetGrain<IPairingCodeGrain>(PairingCodes.Key(code)).Claim() is not { } pairing)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Pairing failed",
                detail: "The pairing code is unknown, used or expired; ask for a new one (配对码无效、已使用或已过期)");
        }
        var (id, token, hash) = AccessTokens.New(AccessTokens.DevicePrefix);
        var name = string.IsNullOrWhiteSpace(body.Name) ? $"Tablet {id[..6]}" : body.Name.Trim();
        await grains.GetGrain<IDeviceGrain>(id).Create(new DeviceInfo(id, pairing.NetworkId, pairing.StationId, name, time.GetUtcNow(), null, null), hash);
        return TypedResults.Created($"/api/admin/devices/{id}", new Paired(token, id, pairing.StationId, pairing.NetworkId));
    }

    public static async Task<Results<Ok<StationName>, ProblemHttpResult>> GetStationName(string stationId, IGrainFactory grains, HttpResponse response)
    {
        var info = Problems.IsId(stationId) ? await grains.GetGrain<Grains.Stations.IStationGrain>(stationId).GetInfo() : null;
        if (info is null || info.Retired)
        {
            return Problems.NotFound("Station", stationId, "驿站");
        }
        response.Headers.CacheControl = "public, max-age=300";
        return TypedResults.Ok(new StationName(info.Id, info.Name));
    }

    public sealed record AntiforgeryToken(string Token, string HeaderName);
}
