namespace StationNet.Grains.Feedback;

/// <summary>A tag a worker may pick, with its stable id and its names.</summary>
public sealed record FeedbackTag(string Id, string Name, string NameEn, bool Complaint);

/// <summary>The fixed list of tags and follow-up statuses: the one place that knows them.</summary>
public static class FeedbackCatalog
{
    public static readonly FeedbackTag[] Tags =
    [
        new("clean", "干净", "Clean", false),
        new("on-time", "准时开放", "Open on time", false),
        new("friendly", "热情", "Friendly", false),
        new("stocked", "物资齐全", "Well stocked", false),
        new("broken", "设施损坏", "Facilities broken", true),
        new("not-open", "未开门", "Not open", true),
    ];

    public const string New = "new";
    public const string InProgress = "in-progress";
    public const string Resolved = "resolved";
    public const string Dismissed = "dismissed";

    public static readonly string[] Statuses = [New, InProgress, Resolved, Dismissed];

    /// <summary>A complaint is a rating of one or two stars: it stays open until resolved or dismissed.</summary>
    public const int ComplaintAtMost = 2;

    public static bool IsComplaint(int rating) => rating <= ComplaintAtMost;

    public static bool IsOpen(string status) => status is New or InProgress;

    public static FeedbackTag? Tag(string id) => Tags.FirstOrDefault(t => t.Id == id);
}
