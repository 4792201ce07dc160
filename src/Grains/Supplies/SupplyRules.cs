using System.Text.RegularExpressions;
using StationNet.Grains.Catalog;
using StationNet.Grains.Journal;
using StationNet.Grains.Stations;

namespace StationNet.Grains.Supplies;

/// <summary>What a supply catalog and a movement must be, with the field each error names (English and Chinese).</summary>
public static partial class SupplyRules
{
    public static IReadOnlyList<FieldError> CheckCatalog(IReadOnlyList<SupplyItem?>? items, IReadOnlyList<ServiceKind> services)
    {
        var errors = new List<FieldError>();
        if (items is null)
        {
            return [new("items", "the body is a list of items [{ id, name, nameEn, unit, expires, lowAt, service? }] (请求体应为物资列表)")];
        }
        if (items.Count > SupplyLimits.MaxItems)
        {
            return [new("items", $"a catalog holds at most {SupplyLimits.MaxItems} items (物资目录最多 {SupplyLimits.MaxItems} 项)")];
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var linked = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < items.Count; i++)
        {
            var field = $"items[{i}]";
            if (items[i] is not { } item)
            {
                errors.Add(new(field, $"{field} is missing (缺少物资)"));
                continue;
            }
            if (!IsItemId(item.Id))
            {
                errors.Add(new($"{field}.id", $"{field}.id is a short lowercase word (a–z, 0–9, -), at most {SupplyLimits.Item} characters (物资编号须为小写字母、数字或连字符)"));
            }
            else if (!ids.Add(item.Id))
            {
                errors.Add(new($"{field}.id", $"{field}.id '{item.Id}' appears twice (物资编号重复)"));
            }
            Text(errors, $"{field}.name", "名称", item.Name, SupplyLimits.Name);
            Text(errors, $"{field}.nameEn", "英文名称", item.NameEn, SupplyLimits.Name);
            Text(errors, $"{field}.unit", "单位", item.Unit, SupplyLimits.Unit);
            if (item.LowAt is < 0 or > SupplyLimits.MaxLowAt)
            {
                errors.Add(new($"{field}.lowAt", $"{field}.lowAt is between 0 and {SupplyLimits.MaxLowAt} (低库存提醒值须在 0 到 {SupplyLimits.MaxLowAt} 之间)"));
            }
            if (item.Service is { } service)
            {
                if (services.All(s => s.Id != service))
                {
                    errors.Add(new($"{field}.service", $"{field}.service '{Clip(service)}' is not a service of this network (该网络没有此服务)"));
                }
                else if (!linked.Add(service))
                {
                    errors.Add(new($"{field}.service", $"{field}.service '{service}' is linked to two items; a tap takes from one (一个服务只能关联一种物资)"));
                }
            }
        }
        return errors;
    }

    /// <summary>A movement against the catalog; <paramref name="today"/> is the station's local day.</summary>
    public static IReadOnlyList<FieldError> CheckMovement(string? item, string? kind, int? quantity, DateOnly? expiresOn, IReadOnlyList<SupplyItem> catalog)
    {
        var errors = new List<FieldError>();
        var known = catalog.FirstOrDefault(i => i.Id == item);
        if (known is null)
        {
            errors.Add(new("item", item is null ? "item is required (缺少物资)" : $"item '{Clip(item)}' is not in this network's supply catalog (物资目录中没有此物资)"));
        }
        if (kind is null || !SupplyKinds.All.Contains(kind))
        {
            errors.Add(new("kind", "kind is received, handed-out, counted or discarded (类型须为 received、handed-out、counted 或 discarded)"));
        }
        var least = kind == SupplyKinds.Counted ? 0 : 1;
        if (quantity is null || quantity < least || quantity > SupplyLimits.MaxQuantity)
        {
            errors.Add(new("quantity", $"quantity is between {least} and {SupplyLimits.MaxQuantity} (数量须在 {least} 到 {SupplyLimits.MaxQuantity} 之间)"));
        }
        if (expiresOn is not null && kind != SupplyKinds.Received)
        {
            errors.Add(new("expiresOn", "expiresOn goes with a delivery (kind received) only (只有收货可填写有效期)"));
        }
        else if (expiresOn is { } date && (date.Year < 2000 || date.Year > 2200))
        {
            errors.Add(new("expiresOn", "expiresOn is a date between 2000 and 2200 (有效期日期不正确)"));
        }
        return errors;
    }

    public static bool IsItemId(string? id) => id is not null && ItemPattern().IsMatch(id);

    private static void Text(List<FieldError> errors, string field, string zh, string? text, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new(field, $"{field} is required ({zh}不能为空)"));
        }
        else if (JournalLimits.TextError(field, zh, text, max) is { } error)
        {
            errors.Add(new(field, error));
        }
    }

    private static string Clip(string text) => text.Length <= 32 ? text : text[..32] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ItemPattern();
}
