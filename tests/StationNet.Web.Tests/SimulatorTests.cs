using System.Net.Http.Json;
using System.Text.Json.Nodes;
using StationNet.Tests;

namespace StationNet.Web.Tests;

/// <summary>The demo as the README starts it: the simulator drives every sample city's tablets.</summary>
public sealed class SimulatorApp() : StationNetApp(settings: new Dictionary<string, string>
{
    ["StationNet:Simulator:Enabled"] = "true",
    // The shipped allowance for sign-ins and pairings from one address, not the tests' unlimited one.
    ["StationNet:RateLimits:SignInPerIpPerMinute"] = "30",
});

public class SimulatorTests(SimulatorApp app) : IClassFixture<SimulatorApp>
{
    [Fact]
    public async Task The_simulators_tablets_pair_without_using_up_the_sign_in_allowance_of_a_person_on_the_same_machine()
    {
        // Every sample city's stations get their simulated tablet (40 of them; more than the 30 sign-ins a minute is enough here).
        string[] cities = ["sample", "sample-north", "sample-lake"];
        await Poll.Until(async () =>
        {
            var paired = 0;
            foreach (var city in cities)
            {
                paired += (await app.Http.GetFromJsonAsync<JsonArray>($"/api/admin/networks/{city}/devices"))!.Count;
            }
            return paired > 30;
        }, "the simulator's tablets in every sample city", TimeSpan.FromSeconds(120));

        // A person on the same machine signs in at once, three times over.
        for (var i = 0; i < 3; i++)
        {
            using var person = await Sessions.SignIn(app.BaseAddress, "admin", Sessions.AdminPassword);
            Assert.NotNull(await person.GetFromJsonAsync<JsonObject>("/api/auth/me"));
        }
    }
}
