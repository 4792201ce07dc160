using System.Net;

namespace StationNet.Web.Tests;

internal static class Problem
{
    /// <summary>The answer is the expected 4xx, as problem details with a clear detail.</summary>
    public static async Task<string> Assert4xx(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Xunit.Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var node = System.Text.Json.Nodes.JsonNode.Parse(body)!;
        Xunit.Assert.Equal((int)expected, node["status"]!.GetValue<int>());
        var detail = (string?)node["detail"];
        Xunit.Assert.False(string.IsNullOrWhiteSpace(detail), $"no detail in {body}");
        return detail!;
    }
}
