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

    public static Task<HttpResponseMessage> PostEvent(this HttpClient http, string stationId, object body) =>
        http.PostAsJsonAsync($"/api/stations/{stationId}/events", body);

    public static int Count(this JsonNode? counts, string service) => counts?[service]?.GetValue<int>() ?? 0;

    public static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
}
