using StationNet.Grains.Access;

namespace StationNet.Web.Auth;

public static class ScreenLinks
{
    public static async Task<(ScreenLinkInfo Info, string Token)> Create(IGrainFactory grains, string networkId, string name, DateTimeOffset now)
    {
        var (id, token, hash) = AccessTokens.New(AccessTokens.ScreenPrefix);
        var info = new ScreenLinkInfo(id, networkId, name, now, null);
        await grains.GetGrain<IScreenLinkGrain>(id).Create(info, hash);
        return (info, token);
    }

    /// <summary>
    /// Makes a link again with the token it had, as the embedded default does at start-up for the sample wall, whose
    /// memory-only storage forgot it: the screen already showing it recovers by itself. Null when the token is malformed.
    /// </summary>
    public static async Task<ScreenLinkInfo?> Restore(IGrainFactory grains, string networkId, string name, string token, DateTimeOffset now)
    {
        if (!AccessTokens.TryParse(token, out var prefix, out var id, out var hash) || prefix != AccessTokens.ScreenPrefix)
        {
            return null;
        }
        var info = new ScreenLinkInfo(id, networkId, name, now, null);
        await grains.GetGrain<IScreenLinkGrain>(id).Create(info, hash);
        return info;
    }

    /// <summary>The token in a wall link's <c>screen</c> query, or null.</summary>
    public static string? TokenOf(string url)
    {
        var query = url.IndexOf('?') is var q and >= 0 ? url[(q + 1)..] : "";
        return query.Split('&').Where(p => p.StartsWith("screen=", StringComparison.Ordinal))
            .Select(p => Uri.UnescapeDataString(p["screen=".Length..])).FirstOrDefault();
    }

    public static string Path(string networkId, string token) => $"/wall/{Uri.EscapeDataString(networkId)}?screen={Uri.EscapeDataString(token)}";
}
