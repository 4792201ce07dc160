using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace StationNet.Tests;

/// <summary>Clients as each kind of caller: a signed-in account (cookie + antiforgery header), a tablet, a screen.</summary>
public static class Sessions
{
    public const string AdminPassword = "test-admin-password-1";

    /// <summary>Signs in the way the browser does: antiforgery token, sign-in, then a token for the signed-in user.</summary>
    public static async Task<HttpClient> SignIn(Uri baseAddress, string username, string password)
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = baseAddress };
        await SetAntiforgery(http);
        using var login = await http.PostAsJsonAsync("/api/auth/login", new { username, password });
        if (!login.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"sign-in as {username} failed: {(int)login.StatusCode} {await login.Content.ReadAsStringAsync()}");
        }
        await SetAntiforgery(http);
        return http;
    }

    public static async Task SetAntiforgery(HttpClient http)
    {
        var token = JsonNode.Parse(await http.GetStringAsync("/api/auth/antiforgery"))!;
        http.DefaultRequestHeaders.Remove("X-XSRF-TOKEN");
        http.DefaultRequestHeaders.Add("X-XSRF-TOKEN", (string)token["token"]!);
    }

    /// <summary>Pairs a new tablet with the station, through an administrator's pairing code and /api/pair.</summary>
    public static async Task<string> PairTablet(HttpClient admin, string stationId, string name = "test tablet")
    {
        using var issued = await admin.PostAsync($"/api/admin/stations/{stationId}/pairing-codes", null);
        issued.EnsureSuccessStatusCode();
        var code = (string)JsonNode.Parse(await issued.Content.ReadAsStringAsync())!["code"]!;
        using var anonymous = new HttpClient { BaseAddress = admin.BaseAddress };
        using var paired = await anonymous.PostAsJsonAsync("/api/pair", new { code, name });
        paired.EnsureSuccessStatusCode();
        return (string)JsonNode.Parse(await paired.Content.ReadAsStringAsync())!["token"]!;
    }

    public static async Task<(string Id, string Token)> NewScreenLink(HttpClient admin, string networkId)
    {
        using var created = await admin.PostAsJsonAsync($"/api/admin/networks/{networkId}/screen-links", new { name = "test wall" });
        created.EnsureSuccessStatusCode();
        var link = JsonNode.Parse(await created.Content.ReadAsStringAsync())!;
        var url = new Uri((string)link["url"]!);
        var token = Uri.UnescapeDataString(url.Query.Split("screen=")[1]);
        return ((string)link["id"]!, token);
    }

    public static HttpClient WithToken(Uri baseAddress, string token)
    {
        var http = new HttpClient { BaseAddress = baseAddress };
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        return http;
    }
}
