using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Silo.Sample;

namespace StationNet.Silo.Tests;

/// <summary>The sample history looks like a year of a real network: the shapes a manager would expect to see in its reports.</summary>
public class SampleHistoryShapeTests
{
    private static readonly TimeZoneInfo Zone = LocalDay.Zone(LocalDay.DefaultTimeZone);
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.FromHours(8));
    private static readonly Lazy<Shape> History = new(() => Shape.Of(SampleHistory.Generate(SampleNetwork.Stations, Zone, Now, 8)));

    [Fact]
    public void Each_station_is_served_only_in_its_hours_and_only_with_its_services()
    {
        var shape = History.Value;
        Assert.Equal(0, shape.OutsideHours);
        Assert.Equal(0, shape.ServicesNotOffered);
        Assert.Equal(0, shape.InTheFuture);
        // From the first of January last year: last year's year to date is whole on the wall.
        Assert.Equal(new DateOnly(2025, 1, 1), shape.PerDay.Keys.Min());
        Assert.Equal(LocalDay.Of(Now, Zone).DayNumber - new DateOnly(2025, 1, 1).DayNumber + 1, shape.PerDay.Count);
        Assert.Equal(new DateOnly(2026, 1, 1), SampleHistory.FirstDay(new DateOnly(2027, 6, 30)));
        Assert.Equal(new DateOnly(2027, 1, 30).AddDays(-399), SampleHistory.FirstDay(new DateOnly(2027, 1, 30)));
    }

    [Fact]
    public void Weekdays_are_busier_than_weekends_and_lunch_than_mid_afternoon()
    {
        var shape = History.Value;
        double Mean(Func<DateOnly, bool> which) => shape.PerDay.Where(d => which(d.Key) && TrafficPattern.FestivalFactor(d.Key) == 1 && d.Key < LocalDay.Of(Now, Zone)).Average(d => d.Value);
        Assert.True(Mean(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) > 1.1 * Mean(d => d.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.True(shape.PerHour[12] > 1.5 * shape.PerHour[15]);
        Assert.True(shape.PerHour[18] > shape.PerHour[15]);
    }

    [Fact]
    public void Summer_brings_water_and_winter_hot_meals_and_the_spring_festival_a_dip()
    {
        var shape = History.Value;
        double Share(string service, params int[] months) =>
            (double)shape.PerMonthService.Where(m => months.Contains(m.Key.Month) && m.Key.Service == service).Sum(m => m.Value)
            / shape.PerMonthService.Where(m => months.Contains(m.Key.Month)).Sum(m => m.Value);
        Assert.True(Share("water", 7, 8) > 1.5 * Share("water", 12, 1));
        Assert.True(Share("meal", 12, 1) > 1.5 * Share("meal", 7, 8));

        var festival = new DateOnly(2026, 2, 17);
        var holiday = Enumerable.Range(0, 7).Average(i => shape.PerDay[festival.AddDays(i)]);
        var later = Enumerable.Range(28, 7).Average(i => shape.PerDay[festival.AddDays(i)]);
        Assert.True(holiday < 0.5 * later, $"{holiday:0} a day at the Spring Festival, {later:0} a month later");
    }

    [Fact]
    public void Stations_open_round_the_clock_serve_at_night_and_worker_groups_come_in_plausible_shares()
    {
        var shape = History.Value;
        var allDay = SampleNetwork.Stations.Where(s => s.OpeningHours == StationNet.Grains.Stations.OpeningHours.AllDay).Select(s => s.Id).ToList();
        Assert.InRange(allDay.Count, 2, 3);
        // A few taps an hour in the small hours, network-wide, every night.
        Assert.True(shape.PerHour[3] / (double)shape.PerDay.Count > 4, $"{shape.PerHour[3]} taps at 03:00 over {shape.PerDay.Count} days");
        Assert.All(shape.NightStations, id => Assert.Contains(id, allDay));

        var groups = shape.Groups;
        Assert.Equal(6, groups.Count);
        var total = (double)groups.Values.Sum();
        Assert.InRange(groups["sanitation"] / total, 0.2, 0.4);
        Assert.InRange(groups["other"] / total, 0.01, 0.1);
    }

    [Fact]
    public void The_same_clock_gives_the_same_history()
    {
        var a = SampleHistory.Generate(SampleNetwork.Stations, Zone, Now, 8).Take(2000).ToList();
        var b = SampleHistory.Generate(SampleNetwork.Stations, Zone, Now, 8).Take(2000).ToList();
        Assert.Equal(a, b);
        Assert.Equal(a.Count, a.Select(e => e.EventId).Distinct().Count());
    }

    private sealed class Shape
    {
        public Dictionary<DateOnly, int> PerDay { get; } = [];
        public int[] PerHour { get; } = new int[24];
        public Dictionary<(int Month, string Service), int> PerMonthService { get; } = [];
        public Dictionary<string, int> Groups { get; } = [];
        public HashSet<string> NightStations { get; } = [];
        public int OutsideHours { get; private set; }
        public int ServicesNotOffered { get; private set; }
        public int InTheFuture { get; private set; }

        public static Shape Of(IEnumerable<JournalEntry> events)
        {
            var stations = SampleNetwork.Stations.ToDictionary(s => s.Id);
            var shape = new Shape();
            foreach (var e in events)
            {
                var station = stations[e.StationId];
                var local = LocalDay.Local(e.OccurredAt, Zone);
                shape.OutsideHours += station.OpeningHours.IsOpenAt(TimeOnly.FromDateTime(local)) && local.Hour == e.Hour && DateOnly.FromDateTime(local) == e.Day ? 0 : 1;
                shape.ServicesNotOffered += station.Services.Contains(e.Service) ? 0 : 1;
                shape.InTheFuture += e.OccurredAt > Now ? 1 : 0;
                shape.PerDay[e.Day] = shape.PerDay.GetValueOrDefault(e.Day) + 1;
                shape.PerHour[e.Hour]++;
                var key = (e.Day.Month, e.Service);
                shape.PerMonthService[key] = shape.PerMonthService.GetValueOrDefault(key) + e.Quantity;
                if (e.WorkerGroup is { } group)
                {
                    shape.Groups[group] = shape.Groups.GetValueOrDefault(group) + 1;
                }
                if (e.Hour is >= 1 and < 4)
                {
                    shape.NightStations.Add(e.StationId);
                }
            }
            return shape;
        }
    }
}
