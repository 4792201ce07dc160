using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace StationNet.Web.Tests;

internal static class Json
{
    public static async Task<JsonNode> ReadNode(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty body");

    public static async Task<JsonNode> GetNode(this HttpClient http, string url)
    {
        using var response = await http.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await response.ReadNode();
    }

    /// <summary>Posts an event, as the client's own identity or with the given tablet token.</summary>
    public static Task<HttpResponseMessage> PostEvent(this HttpClient http, string stationId, object body, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/stations/{stationId}/events") { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }
        return http.SendAsync(request);
    }

    public static int Count(this JsonNode? counts, string service) => counts?[service]?.GetValue<int>() ?? 0;

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
