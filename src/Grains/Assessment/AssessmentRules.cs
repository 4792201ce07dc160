using StationNet.Grains.Stations;

namespace StationNet.Grains.Assessment;

/// <summary>One criterion of the star assessment and its weight (points out of the total of all weights).</summary>
[GenerateSerializer, Immutable]
public sealed record AssessmentCriterion(
    [property: Id(0)] string Criterion,
    [property: Id(1)] double Weight);

/// <summary>
/// A network's star assessment (星级考核) for a year: the criteria and their weights, the four score bounds between one and
/// five stars, the days within which a complaint counts as resolved, and the visits per seat a year that earn full points.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AssessmentSettings(
    [property: Id(0)] IReadOnlyList<AssessmentCriterion> Criteria,
    [property: Id(1)] IReadOnlyList<double> Stars,
    [property: Id(2)] int ComplaintDays,
    [property: Id(3)] double VisitsPerSeat,
    [property: Id(4)] bool IsDefault = false);

/// <summary>
/// One criterion of one station: what was measured (null: unknown, and Reason says why: no-sessions, no-seats,
/// no-ratings, no-catalog, no-records, no-days), the points earned and the most it could earn. Counts explain the value
/// where it is a share of days (supplies: days, outDays, expiredDays).
/// </summary>
public sealed record AssessmentPart(string Criterion, double? Value, double Points, double Max, string? Reason = null,
    IReadOnlyDictionary<string, int>? Counts = null);

public sealed record StationAssessment(string StationId, string Name, double? Score, int? Stars, IReadOnlyList<AssessmentPart> Parts)
{
    /// <summary>The station's network, whose settings scored it (on a parent's report, stations come from several).</summary>
    public string? NetworkId { get; init; }
}

/// <summary>What the assessment reads for one station over the year, all from rollups.</summary>
/// <param name="DueHours">Hours the station was due open by the hours in force (Compliance), null when no opening session is known.</param>
/// <param name="OpenedHours">Of those, the hours it was open by its sessions.</param>
/// <param name="Supplies">The station's supply days (SupplyRecord); null reads as no supply catalog.</param>
public sealed record AssessmentFacts(int? DueHours, int? OpenedHours, int Visits, int Seats, int Ratings, int RatingSum, int Complaints, int ResolvedInTime,
    SupplyFacts? Supplies = null);

/// <summary>The star assessment's arithmetic. Pure, so a constructed year is checked by hand in a test.</summary>
public static class AssessmentRules
{
    public const string Hours = "hours";
    public const string Visits = "visits";
    public const string Satisfaction = "satisfaction";
    public const string Supplies = "supplies";
    public const string Complaints = "complaints";

    public static readonly string[] All = [Hours, Visits, Satisfaction, Supplies, Complaints];

    /// <summary>
    /// Hours kept 30, visits per seat 20, satisfaction 20, complaints resolved within 7 days 15, supplies never out and
    /// nothing expired 15 (a station without supply records is unknown there and scored on the rest). Stars: below 60
    /// one, 60 two, 70 three, 80 four, 90 and over five.
    /// </summary>
    /// <remarks>Arrays, not collection expressions: grain calls serialize these lists (see ServiceCatalog.All).</remarks>
    public static readonly AssessmentSettings Default = new(
        new AssessmentCriterion[] { new(Hours, 30), new(Visits, 20), new(Satisfaction, 20), new(Complaints, 15), new(Supplies, 15) },
        new double[] { 60, 70, 80, 90 }, ComplaintDays: 7, VisitsPerSeat: 300, IsDefault: true);

    public static IReadOnlyList<FieldError> Check(AssessmentSettings s)
    {
        var errors = new List<FieldError>();
        if (s.Criteria is not { Count: > 0 } || s.Criteria.Any(c => !All.Contains(c.Criterion)) || s.Criteria.Select(c => c.Criterion).Distinct().Count() != s.Criteria.Count)
        {
            errors.Add(new("criteria", $"criteria are some of {string.Join(", ", All)}, each once (考核项目无效或重复)"));
        }
        else if (s.Criteria.Any(c => !double.IsFinite(c.Weight) || c.Weight is < 0 or > 100) || s.Criteria.Sum(c => c.Weight) <= 0)
        {
            errors.Add(new("criteria", "each weight is from 0 to 100, and at least one is above 0 (权重须在 0 到 100 之间，且不全为 0)"));
        }
        if (s.Stars is not { Count: 4 } || s.Stars.Any(b => !double.IsFinite(b) || b is < 0 or > 100) || s.Stars.Zip(s.Stars.Skip(1)).Any(p => p.First >= p.Second))
        {
            errors.Add(new("stars", "stars are 4 ascending score bounds from 0 to 100, for 2, 3, 4 and 5 stars (星级分数线须为 4 个递增的 0–100 分数)"));
        }
        if (s.ComplaintDays is < 0 or > 365)
        {
            errors.Add(new("complaintDays", "complaintDays is from 0 to 365 (投诉处理天数须在 0 到 365 之间)"));
        }
        if (!double.IsFinite(s.VisitsPerSeat) || s.VisitsPerSeat is <= 0 or > 100_000)
        {
            errors.Add(new("visitsPerSeat", "visitsPerSeat is above 0 and at most 100000 (每座位服务人次须大于 0)"));
        }
        return errors;
    }

    /// <summary>
    /// Each criterion earns weight × its share (0–1). An unknown criterion (no sessions, no seats, no rating, no supply records)
    /// earns nothing and counts nothing: the score is the points over the maximum of the known criteria, out of 100.
    /// </summary>
    public static StationAssessment Score(StationInfo station, AssessmentFacts f, AssessmentSettings s)
    {
        var parts = s.Criteria.Select(c => Part(c, f, s)).ToList();
        var max = parts.Sum(p => p.Max);
        double? score = max > 0 ? Math.Round(100 * parts.Sum(p => p.Points) / max, 1) : null;
        return new StationAssessment(station.Id, station.Name, score, score is { } v ? StarsOf(v, s.Stars) : null, parts);
    }

    public static int StarsOf(double score, IReadOnlyList<double> bounds) => 1 + bounds.Count(b => score >= b);

    private static AssessmentPart Part(AssessmentCriterion c, AssessmentFacts f, AssessmentSettings s)
    {
        var supplies = f.Supplies ?? SupplyFacts.Unknowable(SupplyFacts.NoCatalog);
        (double? value, string? reason) = c.Criterion switch
        {
            Hours => f.DueHours is > 0 && f.OpenedHours is { } opened ? ((double)opened / f.DueHours.Value, null) : ((double?)null, "no-sessions"),
            Visits => f.Seats > 0 ? ((double)f.Visits / f.Seats, null) : (null, "no-seats"),
            Satisfaction => f.Ratings > 0 ? ((double)f.RatingSum / f.Ratings, null) : (null, "no-ratings"),
            // No complaint in the year: none was left unresolved.
            Complaints => f.Complaints > 0 ? ((double)f.ResolvedInTime / f.Complaints, null) : (1, null),
            // The share of the days counted that closed with every watched item in stock and nothing past its date.
            _ => supplies is { Unknown: null, Days: > 0 } ? ((double)supplies.InOrder / supplies.Days, null) : (null, supplies.Unknown ?? SupplyFacts.NoDays),
        };
        IReadOnlyDictionary<string, int>? counts = c.Criterion == Supplies && supplies.Unknown is null
            ? new Dictionary<string, int> { ["days"] = supplies.Days, ["outDays"] = supplies.OutDays, ["expiredDays"] = supplies.ExpiredDays }
            : null;
        if (value is not { } v)
        {
            return new AssessmentPart(c.Criterion, null, 0, 0, reason);
        }
        var share = c.Criterion switch
        {
            Visits => Math.Min(1, v / s.VisitsPerSeat),
            Satisfaction => (v - 1) / 4,
            _ => Math.Clamp(v, 0, 1),
        };
        return new AssessmentPart(c.Criterion, Math.Round(v, 3), Math.Round(c.Weight * share, 2), c.Weight, null, counts);
    }
}
