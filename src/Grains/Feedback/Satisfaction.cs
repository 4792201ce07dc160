namespace StationNet.Grains.Feedback;

/// <summary>
/// A station's satisfaction over a range of days: the mean rating (null with no rating: unknown, not zero), how many,
/// the share of one and two stars, and the complaints still open.
/// </summary>
public sealed record StationSatisfaction(string StationId, string Name, int Ratings, double? Mean, double? LowShare, int OpenComplaints)
{
    /// <summary>The station's network (on a parent's report, stations come from several).</summary>
    public string? NetworkId { get; init; }
}

/// <summary>Satisfaction from the daily feedback rollup. Pure, so it is tested on its own.</summary>
public static class Satisfaction
{
    /// <summary>A manager's page and the wall look back this far by default.</summary>
    public const int DefaultDays = 90;

    /// <summary>Open complaints are counted over this many days back: a complaint is open until someone answers it.</summary>
    public const int OpenLookbackDays = 366;

    public static StationSatisfaction Of(string stationId, string name, IEnumerable<FeedbackDay> days, DateOnly from, DateOnly to)
    {
        var ratings = 0;
        var sum = 0;
        var low = 0;
        var open = 0;
        foreach (var d in days.Where(d => d.StationId == stationId))
        {
            open += d.OpenComplaints;
            if (d.Day >= from && d.Day <= to)
            {
                ratings += d.Ratings;
                sum += d.RatingSum;
                low += d.Complaints;
            }
        }
        return new StationSatisfaction(stationId, name, ratings, ratings == 0 ? null : Math.Round((double)sum / ratings, 2),
            ratings == 0 ? null : Math.Round((double)low / ratings, 3), open);
    }
}
