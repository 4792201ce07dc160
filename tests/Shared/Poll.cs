using System.Diagnostics;

namespace StationNet.Tests;

/// <summary>Waits for a condition with a bound: a test that waits too long fails and says what it waited for.</summary>
public static class Poll
{
    public static readonly TimeSpan Long = TimeSpan.FromSeconds(90);

    public static Task Until(Func<bool> condition, string what, TimeSpan? within = null) => Until(() => Task.FromResult(condition()), what, within);

    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? within = null)
    {
        var limit = within ?? Long;
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"still waiting for {what} after {limit.TotalSeconds:F0} s");
            }
            await Task.Delay(50);
        }
    }

    /// <summary>The sample network is seeded in the background of a silo's start; true once it is there.</summary>
    public static Task SampleSeeded(HttpClient admin) => Until(async () =>
    {
        using var response = await admin.GetAsync("/api/networks/sample");
        return response.IsSuccessStatusCode;
    }, "the sample network to be seeded");
}
