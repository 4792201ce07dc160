namespace StationNet.Grains.Catalog;

/// <summary>A kind of service a station gives, with its display names.</summary>
[GenerateSerializer, Immutable]
public sealed record ServiceKind(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn);

/// <summary>The one place that knows which services and worker groups exist.</summary>
public static class ServiceCatalog
{
    // An array, not a collection expression: that compiles to a type of the compiler's own, which grain
    // storage writes but cannot read back, and a network's catalog is kept in grain state.
    public static IReadOnlyList<ServiceKind> All { get; } = new ServiceKind[]
    {
        new("visit", "到站休息", "Visit / rest"),
        new("water", "饮水", "Drinking water"),
        new("meal", "热饭", "Meal heating"),
        new("charging", "充电", "Phone charging"),
        new("shower", "淋浴", "Shower"),
        new("haircut", "理发", "Haircut"),
        new("firstaid", "急救药箱", "First aid"),
        new("giveaway", "暖心物资", "Giveaway (warm / cooling packs)"),
    };

    /// <summary>Anonymous categories of the person served; never personal data.</summary>
    public static IReadOnlyList<ServiceKind> WorkerGroups { get; } =
    [
        new("sanitation", "环卫工人", "Sanitation"),
        new("courier", "快递员", "Courier"),
        new("delivery", "外卖骑手", "Food delivery"),
        new("driver", "网约车 / 货车司机", "Driver"),
        new("construction", "建筑工人", "Construction"),
        new("other", "其他", "Other"),
    ];

    private static readonly HashSet<string> ServiceIds = All.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> GroupIds = WorkerGroups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);

    public static bool IsService(string? id) => id is not null && ServiceIds.Contains(id);

    public static bool IsWorkerGroup(string? id) => id is not null && GroupIds.Contains(id);
}
