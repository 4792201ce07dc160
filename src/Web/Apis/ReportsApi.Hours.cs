using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Journal;

namespace StationNet.Web.Apis;

/// <summary>When in the day the stations are busy: the station × hour picture behind the manager's heatmap.</summary>
public static partial class ReportsApi
{
    public sealed record StationHours(string StationId, string Name, int[] Hours);

    public sealed record HoursReport(string NetworkId, DateOnly From, DateOnly To, IReadOnlyList<StationHours> Stations);

    public static async Task<Results<Ok<HoursReport>, ProblemHttpResult>> Hours(
        HttpRequest request, IGrainFactory grains, IEventJournal journal, StationClock time,
        string? networkId, DateOnly? from, DateOnly? to, string? stationId, CancellationToken ct)
    {
        var (scope, problem) = await Check(request, grains, time, networkId, from, to, stationId, null, MaxDays, "json");
        if (scope is null)
        {
            return problem!;
        }
        var cells = await scope.Each(id => journal.StationHoursAsync(id, scope.From, scope.To, scope.StationId, ct));
        var byStation = cells.GroupBy(c => c.StationId).ToDictionary(g => g.Key, g =>
        {
            var hours = new int[24];
            foreach (var c in g)
            {
                hours[c.Hour] += c.Count;
            }
            return hours;
        });
        // Every station in service, and a retired one only when it served someone in the range.
        IReadOnlyList<StationHours> stations = scope.Stations
            .Where(s => (scope.StationId is null || s.Id == scope.StationId) && (!s.Retired || byStation.ContainsKey(s.Id)))
            .Select(s => new StationHours(s.Id, s.Name, byStation.GetValueOrDefault(s.Id) ?? new int[24]))
            .ToList();
        return TypedResults.Ok(new HoursReport(scope.Network.Id, scope.From, scope.To, stations));
    }
}
