using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using StationNet.Grains.Journal;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Feedback;

/// <summary>What a rating and a follow-up must be, and how a browser's id becomes a hash of the day. Pure, so each rule has a test.</summary>
public static partial class FeedbackRules
{
    /// <summary>The errors of a rating, empty when it may be stored; the comment comes back with its line breaks made spaces.</summary>
    public static IReadOnlyList<FieldError> Check(int? rating, IReadOnlyList<string>? tags, string? device, ref string? comment)
    {
        var errors = new List<FieldError>();
        if (rating is not (>= FeedbackLimits.MinRating and <= FeedbackLimits.MaxRating))
        {
            errors.Add(new("rating", $"rating is a whole number from {FeedbackLimits.MinRating} to {FeedbackLimits.MaxRating} (评分须为 1 到 5 星)"));
        }
        if (tags is not null && (tags.Any(t => FeedbackCatalog.Tag(t) is null) || tags.Distinct().Count() != tags.Count))
        {
            errors.Add(new("tags", $"tags are some of {string.Join(", ", FeedbackCatalog.Tags.Select(t => t.Id))}, each once (标签无效或重复)"));
        }
        if (device is null || !DevicePattern().IsMatch(device))
        {
            errors.Add(new("device", $"device is the browser's random id: 8 to {FeedbackLimits.Device} letters, digits or dashes (缺少或无效的设备随机标识)"));
        }
        comment = Clean(comment);
        if (JournalLimits.TextError("comment", "留言", comment, FeedbackLimits.Comment) is { } bad)
        {
            errors.Add(new("comment", bad));
        }
        return errors;
    }

    /// <summary>The errors of a follow-up, empty when it may be stored.</summary>
    public static IReadOnlyList<FieldError> CheckFollowUp(string? status, ref string? note)
    {
        var errors = new List<FieldError>();
        if (status is null || !FeedbackCatalog.Statuses.Contains(status))
        {
            errors.Add(new("status", $"status is one of {string.Join(", ", FeedbackCatalog.Statuses)} (状态无效)"));
        }
        note = Clean(note);
        if (JournalLimits.TextError("note", "处理说明", note, FeedbackLimits.Note) is { } bad)
        {
            errors.Add(new("note", bad));
        }
        return errors;
    }

    /// <summary>Tags in the catalog's order, so the same choice is the same rating whatever order the page sent.</summary>
    public static IReadOnlyList<string> Order(IReadOnlyList<string>? tags) =>
        tags is null ? [] : FeedbackCatalog.Tags.Select(t => t.Id).Where(tags.Contains).ToArray();

    /// <summary>
    /// SHA-256 of the browser's id, the station and the day: equal for a second rating that day, unrelated on any other day or
    /// station, and the browser's id cannot be read back from it (it is 122 random bits).
    /// </summary>
    public static string DeviceDay(string device, string stationId, DateOnly day) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{device}\n{stationId}\n{day:yyyy-MM-dd}")));

    /// <summary>Kept to the minute: a finer time could be matched with a visit.</summary>
    public static DateTimeOffset ToMinute(DateTimeOffset at) => new(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    /// <summary>
    /// What a change of status does to the rollups: a complaint leaving new/in-progress is no longer open (and the
    /// reverse); a complaint becoming resolved counts in the resolution rollup at the days it took, and leaves it when reopened.
    /// </summary>
    public static FollowUpStep Step(FeedbackItem item, string to, DateOnly today)
    {
        if (!FeedbackCatalog.IsComplaint(item.Rating))
        {
            return new(0, null, null, to == FeedbackCatalog.Resolved ? item.ResolvedOn ?? today : null);
        }
        var open = (FeedbackCatalog.IsOpen(to) ? 1 : 0) - (FeedbackCatalog.IsOpen(item.Status) ? 1 : 0);
        var wasResolved = item.Status == FeedbackCatalog.Resolved && item.ResolvedOn is not null;
        var isResolved = to == FeedbackCatalog.Resolved;
        int? unresolve = wasResolved && !isResolved ? DaysBetween(item.Day, item.ResolvedOn!.Value) : null;
        int? resolve = isResolved && !wasResolved ? DaysBetween(item.Day, today) : null;
        return new(open, unresolve, resolve, isResolved ? (wasResolved ? item.ResolvedOn : today) : null);
    }

    private static int DaysBetween(DateOnly from, DateOnly to) => Math.Max(0, to.DayNumber - from.DayNumber);

    /// <summary>A comment typed on a phone may hold line breaks; they become spaces. Empty is no comment.</summary>
    private static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }
        var flat = LineBreaks().Replace(text, " ").Trim();
        return flat.Length == 0 ? null : flat;
    }

    [GeneratedRegex("^[A-Za-z0-9-]{8,64}$")]
    private static partial Regex DevicePattern();

    [GeneratedRegex(@"\r\n|\r|\n")]
    private static partial Regex LineBreaks();
}

/// <summary>The rollup changes of one follow-up: the open-complaint count's change, the resolution bucket to leave and the one to join.</summary>
public sealed record FollowUpStep(int OpenDelta, int? UnresolveDays, int? ResolveDays, DateOnly? ResolvedOn);
