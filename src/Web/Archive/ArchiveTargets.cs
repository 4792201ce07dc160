using StationNet.Grains.Networks;

namespace StationNet.Web.Archive;

/// <summary>A network's yearly targets across every year they may be set for, as the archive lists them.</summary>
public static class ArchiveTargets
{
    public static async Task<IReadOnlyList<ArchiveTarget>> ReadAsync(IGrainFactory grains, string networkId)
    {
        var years = Enumerable.Range(ArchiveFormat.FirstYear, ArchiveFormat.LastYear - ArchiveFormat.FirstYear + 1).ToArray();
        var byYear = await Task.WhenAll(years.Select(async year =>
            (Year: year, Targets: await grains.GetGrain<ITargetsGrain>(TargetsGrain.Key(networkId, year)).Get())));
        return byYear.SelectMany(y => y.Targets.Select(t => new ArchiveTarget(y.Year, t.StationId, t.Service, t.Count)))
            .OrderBy(t => t.Year).ThenBy(t => t.StationId, StringComparer.Ordinal).ThenBy(t => t.Service, StringComparer.Ordinal).ToList();
    }

    public static async Task WriteAsync(IGrainFactory grains, string networkId, IEnumerable<ArchiveTarget> targets)
    {
        foreach (var year in targets.GroupBy(t => t.Year))
        {
            await grains.GetGrain<ITargetsGrain>(TargetsGrain.Key(networkId, year.Key))
                .Set(year.Select(t => new Target(t.StationId, t.Service, t.Count)).ToList());
        }
    }
}
