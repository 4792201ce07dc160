using System.Net;
using System.Net.Http.Json;

namespace StationNet.Tests;

/// <summary>Networks of networks built through the admin API, for the hierarchy's and the subtree reports' tests.</summary>
public static class TreeChecks
{
    public static async Task AddNetwork(HttpClient admin, string id, string? parentId)
    {
        using var created = await admin.PostAsJsonAsync("/api/admin/networks", new { id, name = $"测试{id}", nameEn = $"Test {id}", parentId });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"adding {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }

    /// <summary>A station open round the clock, offering visits and water, at the given place.</summary>
    public static async Task AddStation(HttpClient admin, string networkId, string id, double lat, double lng)
    {
        using var created = await admin.PostAsJsonAsync($"/api/admin/networks/{networkId}/stations", new
        {
            id, name = $"测试{id}驿站", township = "测试街道", services = new[] { "visit", "water" },
            openingHours = new { opens = "00:00", closes = "24:00" }, seats = 4, location = new { lat, lng },
        });
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"adding {id}: {(int)created.StatusCode} {await created.Content.ReadAsStringAsync()}");
    }
}
