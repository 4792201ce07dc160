using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

/// <summary>Authentication, authorization, antiforgery, rate limits and security headers: the front door's locks.</summary>
public static class AuthSetup
{
    public const string EventsLimit = "events";
    public const string SignInLimit = "sign-in";
    public const string HeartbeatLimit = "heartbeat";
    public const string PublicLimit = "public";
    public const string FeedbackLimit = "feedback";

    public static IServiceCollection AddStationNetAuth(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RateLimitSettings.Section).Get<RateLimitSettings>() ?? new();
        services.AddSingleton<TabletSessions>();
        services.AddAuthentication(Access.DefaultScheme)
            .AddPolicyScheme(Access.DefaultScheme, "Cookie or token", o =>
                o.ForwardDefaultSelector = ctx => TokenAuthentication.Find(ctx.Request) is null ? Access.CookieScheme : Access.TokenScheme)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthentication>(Access.TokenScheme, _ => { })
            .AddCookie(Access.CookieScheme, o =>
            {
                o.Cookie.Name = "stationnet.auth";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Strict;
                o.ExpireTimeSpan = Session.Lifetime;
                o.SlidingExpiration = true;
                // An API answers 401 and 403; it never redirects.
                o.Events.OnRedirectToLogin = ctx => Status(ctx.Response, StatusCodes.Status401Unauthorized);
                o.Events.OnRedirectToAccessDenied = ctx => Status(ctx.Response, StatusCodes.Status403Forbidden);
                o.Events.OnValidatePrincipal = ValidateAccount;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(Access.AdminPolicy, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Access.ManagerPolicy, p => p.RequireRole(Roles.Admin, Roles.Manager));
        services.AddAntiforgery(o =>
        {
            o.HeaderName = "X-XSRF-TOKEN";
            o.Cookie.Name = "stationnet.xsrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddRateLimiter(o => ConfigureLimits(o, limits));
        // Behind a load balancer every request comes from the balancer; when told the silos are reachable only
        // through it, take the client's address from X-Forwarded-For, so per-address limits are per client.
        if (configuration.GetValue<bool>(TrustForwardedHeadersKey))
        {
            services.Configure<ForwardedHeadersOptions>(o =>
            {
                o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                o.KnownIPNetworks.Clear();
                o.KnownProxies.Clear();
                o.ForwardLimit = 1;
            });
        }
        return services;
    }

    /// <summary>The account's session generation at sign-in; a password change raises it and ends older sessions.</summary>
    private const string GenerationClaim = "stationnet:generation";

    public const string TrustForwardedHeadersKey = "StationNet:TrustForwardedHeaders";

    public static WebApplication UseStationNetAuth(this WebApplication app)
    {
        if (app.Configuration.GetValue<bool>(TrustForwardedHeadersKey))
        {
            app.UseForwardedHeaders();
        }
        app.Use(SecurityHeaders);
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(NetworkScope.Guard);
        app.Use(CheckAntiforgery);
        return app;
    }

    /// <summary>A signed-in account is checked on every request, so disabling it or changing its role takes effect at once.</summary>
    private static async Task ValidateAccount(CookieValidatePrincipalContext ctx)
    {
        var grains = ctx.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var name = ctx.Principal?.Identity?.Name;
        var session = ctx.Principal?.FindFirstValue(ClaimTypes.Sid);
        var info = name is null || session is null || !int.TryParse(ctx.Principal?.FindFirstValue(GenerationClaim), out var generation)
            ? null
            : await grains.GetGrain<IAccountGrain>(name).CheckSession(session, generation);
        // A changed scope ends the session too: the cookie's scope claim must be the account's.
        if (info is null || info.Disabled || !ctx.Principal!.IsInRole(info.Role) || ctx.Principal.ScopeId() != info.NetworkId)
        {
            ctx.RejectPrincipal();
            await ctx.HttpContext.SignOutAsync(Access.CookieScheme);
        }
    }

    /// <summary>A cookie rides along with any request, so every unsafe request a cookie authenticates carries the antiforgery header.</summary>
    private static async Task CheckAntiforgery(HttpContext ctx, Func<Task> next)
    {
        var unsafeMethod = !(HttpMethods.IsGet(ctx.Request.Method) || HttpMethods.IsHead(ctx.Request.Method) || HttpMethods.IsOptions(ctx.Request.Method));
        var byCookie = ctx.User.Identity is { IsAuthenticated: true, AuthenticationType: Access.CookieScheme };
        var signIn = ctx.Request.Path.StartsWithSegments("/api/auth/login");
        if (unsafeMethod && (byCookie || signIn) && ctx.Request.Path.StartsWithSegments("/api"))
        {
            var antiforgery = ctx.RequestServices.GetRequiredService<IAntiforgery>();
            if (!await antiforgery.IsRequestValidAsync(ctx))
            {
                ctx.Response.StatusCode = StatusCodes.Status400BadRequest;
                await ctx.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = ctx,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status400BadRequest, Title = "Antiforgery check failed",
                        Detail = "Send the X-XSRF-TOKEN header from GET /api/auth/antiforgery (缺少或无效的防伪令牌)",
                    },
                });
                return;
            }
        }
        await next();
    }

    private static Task SecurityHeaders(HttpContext ctx, Func<Task> next)
    {
        var h = ctx.Response.Headers;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        // Screen links carry their token in the URL: never hand it on to another site.
        h["Referrer-Policy"] = "no-referrer";
        // Only the public finder asks where the phone is (and keeps it on the phone: it sorts by distance there).
        h["Permissions-Policy"] = "camera=(self), microphone=(), geolocation=" + (ctx.Request.Path.StartsWithSegments("/find") ? "(self)" : "()");
        // The Orleans dashboard (administrators only) sets styles inline and embeds its fonts; StationNet's own pages do neither.
        var dashboard = ctx.Request.Path.StartsWithSegments("/dashboard");
        h.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'none'; "
            + (dashboard ? "style-src 'self' 'unsafe-inline'; font-src 'self' data:" : "style-src 'self'");
        return next();
    }

    private static void ConfigureLimits(RateLimiterOptions o, RateLimitSettings limits)
    {
        // Ratings are limited twice: per address here (the address is used for this and never stored), per station by the policy.
        o.GlobalLimiter = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => RateLimitPartition.GetFixedWindowLimiter(Ip(ctx), _ => PerMinute(limits.PerIpPerMinute))),
            PartitionedRateLimiter.Create<HttpContext, string>(ctx => IsRating(ctx)
                ? RateLimitPartition.GetFixedWindowLimiter(Ip(ctx), _ => PerMinute(limits.FeedbackPerIpPerMinute))
                : RateLimitPartition.GetNoLimiter("")));
        o.AddPolicy(EventsLimit, ctx => RateLimitPartition.GetTokenBucketLimiter(
            ctx.User.DeviceId() ?? ctx.User.Identity?.Name ?? Ip(ctx),
            _ => new TokenBucketRateLimiterOptions
            {
                TokenLimit = limits.PerDevicePerMinute,
                TokensPerPeriod = Math.Max(1, limits.PerDevicePerMinute / 60),
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
            }));
        o.AddPolicy(HeartbeatLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.User.DeviceId() ?? ctx.User.Identity?.Name ?? Ip(ctx), _ => PerMinute(limits.HeartbeatsPerMinute)));
        o.AddPolicy(PublicLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(Ip(ctx), _ => PerMinute(limits.PublicPerIpPerMinute)));
        o.AddPolicy(FeedbackLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(
            ctx.Request.RouteValues["stationId"] as string ?? "", _ => PerMinute(limits.FeedbackPerStationPerMinute)));
        o.AddPolicy(SignInLimit, ctx => RateLimitPartition.GetFixedWindowLimiter(Ip(ctx), _ => PerMinute(limits.SignInPerIpPerMinute)));
        o.OnRejected = async (ctx, ct) =>
        {
            var retry = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(60);
            var seconds = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds));
            ctx.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            ctx.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            await ctx.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = ctx.HttpContext,
                ProblemDetails =
                {
                    Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests",
                    Detail = $"Too many requests; try again in {seconds} s (请求过于频繁，请 {seconds} 秒后重试)",
                },
            });
        };
    }

    private static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = Math.Max(1, permits), Window = TimeSpan.FromMinutes(1), QueueLimit = 0 };

    private static bool IsRating(HttpContext ctx) =>
        ctx.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName == Apis.FeedbackApi.RateEndpoint;

    private static string Ip(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    private static Task Status(HttpResponse response, int status)
    {
        response.StatusCode = status;
        return Task.CompletedTask;
    }

    /// <summary>A signed-in account, with a session id of its own so that signing out ends this session for good.</summary>
    public static ClaimsPrincipal AccountPrincipal(AccountInfo account, int generation) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, account.Username), new Claim(ClaimTypes.Role, account.Role),
            new Claim(GenerationClaim, generation.ToString(CultureInfo.InvariantCulture)),
            .. account.NetworkId is { } scope ? [new Claim(Access.ScopeClaim, scope)] : Array.Empty<Claim>(),
            new Claim(ClaimTypes.Sid, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16)))],
        Access.CookieScheme, ClaimTypes.Name, ClaimTypes.Role));
}
