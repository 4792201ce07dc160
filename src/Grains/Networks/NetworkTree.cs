namespace StationNet.Grains.Networks;

/// <summary>
/// The networks' parent links as plain code: which networks lie beneath one, and whether a new parent is allowed.
/// The network directory grain owns the one copy and asks these questions of it.
/// </summary>
public static class NetworkTree
{
    /// <summary>The deepest tree allowed: country, province, city, district and a little room.</summary>
    public const int MaxDepth = 8;

    /// <summary>Why a parent is refused: null when it is allowed.</summary>
    public static string? Refuse(IReadOnlyDictionary<string, NetworkInfo> networks, string networkId, string? parentId)
    {
        if (parentId is null)
        {
            return null;
        }
        if (parentId == networkId)
        {
            return "self";
        }
        if (!networks.ContainsKey(parentId))
        {
            return "unknown";
        }
        if (Ancestors(networks, parentId).Contains(networkId))
        {
            return "cycle";
        }
        var depth = Ancestors(networks, parentId).Count + 2 + Height(networks, networkId);
        return depth > MaxDepth ? "depth" : null;
    }

    /// <summary>The parent, its parent and so on to the top (a broken link ends the walk).</summary>
    public static List<string> Ancestors(IReadOnlyDictionary<string, NetworkInfo> networks, string networkId)
    {
        var list = new List<string>();
        var at = networks.GetValueOrDefault(networkId)?.ParentId;
        while (at is not null && !list.Contains(at) && list.Count <= MaxDepth)
        {
            list.Add(at);
            at = networks.GetValueOrDefault(at)?.ParentId;
        }
        return list;
    }

    /// <summary>The network and every network beneath it, the network first.</summary>
    public static List<string> Subtree(IReadOnlyDictionary<string, NetworkInfo> networks, string networkId)
    {
        var children = ChildrenByParent(networks);
        var list = new List<string> { networkId };
        for (var i = 0; i < list.Count && list.Count <= networks.Count; i++)
        {
            list.AddRange(children.GetValueOrDefault(list[i]) ?? []);
        }
        return list;
    }

    /// <summary>True when the network is the scope itself or lies beneath it.</summary>
    public static bool IsWithin(IReadOnlyDictionary<string, NetworkInfo> networks, string networkId, string scopeId) =>
        networkId == scopeId || Ancestors(networks, networkId).Contains(scopeId);

    public static Dictionary<string, List<string>> ChildrenByParent(IReadOnlyDictionary<string, NetworkInfo> networks) =>
        networks.Values.Where(n => n.ParentId is not null).GroupBy(n => n.ParentId!)
            .ToDictionary(g => g.Key, g => g.Select(n => n.Id).Order(StringComparer.Ordinal).ToList(), StringComparer.Ordinal);

    private static int Height(IReadOnlyDictionary<string, NetworkInfo> networks, string networkId)
    {
        var children = ChildrenByParent(networks);
        int Of(string id, int guard) => guard > MaxDepth ? 0 : (children.GetValueOrDefault(id) ?? []).Select(c => 1 + Of(c, guard + 1)).DefaultIfEmpty(0).Max();
        return Of(networkId, 0);
    }

    /// <summary>The refusal in words, English and Chinese, for a problem's detail.</summary>
    public static string Say(string refusal, string networkId, string? parentId) => refusal switch
    {
        "self" => $"network '{networkId}' cannot be its own parent (网络不能以自身为上级)",
        "unknown" => $"no network '{parentId}' to be the parent (上级网络不存在)",
        "cycle" => $"'{parentId}' lies beneath '{networkId}': moving there would make a cycle (不能移到自己的下级网络之下)",
        _ => $"the tree would be deeper than {MaxDepth} levels (网络层级不能超过 {MaxDepth} 级)",
    };
}
