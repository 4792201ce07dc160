namespace StationNet.Grains.Live;

/// <summary>
/// A network's summary as its parent sees it: today's totals, the month and year before today, how many stations
/// are open of how many, and the events since its last batch (for the parent's ticker). A child network sends one
/// after each of its own batches, so a province costs what its cities' batches cost, never what their stations do.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record NetworkRollup(
    [property: Id(0)] string NetworkId,
    [property: Id(1)] string Name,
    [property: Id(2)] string NameEn,
    [property: Id(3)] DateOnly Day,
    [property: Id(4)] IReadOnlyDictionary<string, int> Totals,
    [property: Id(5)] IReadOnlyDictionary<string, int> MonthBefore,
    [property: Id(6)] IReadOnlyDictionary<string, int> YearBefore,
    [property: Id(7)] int OpenNow,
    [property: Id(8)] int Stations,
    [property: Id(9)] IReadOnlyList<TickerItem> Recent)
{
    /// <summary>Sample data (示例), so a wall marks it.</summary>
    [Id(10)]
    public bool IsSample { get; init; }

    /// <summary>When the first change of the child's batch reached the child: the parent's batch carries it on, so push latency counts from the tap.</summary>
    [Id(11)]
    public DateTimeOffset? ChangedAt { get; init; }

    /// <summary>Today's and yesterday's totals by service and hour, and the 29 days before today: the parent's charts add them up.</summary>
    [Id(12)]
    public IReadOnlyDictionary<string, int[]> Hourly { get; init; } = new Dictionary<string, int[]>();

    [Id(13)]
    public IReadOnlyDictionary<string, int[]> YesterdayHourly { get; init; } = new Dictionary<string, int[]>();

    [Id(14)]
    public IReadOnlyList<DayTotal> Days { get; init; } = [];

    /// <summary>What today, the month and the year are set against (the same hour last week, the same periods last year), summed over its own children too.</summary>
    [Id(15)]
    public IReadOnlyDictionary<string, int[]> LastWeekHourly { get; init; } = new Dictionary<string, int[]>();

    [Id(16)]
    public IReadOnlyDictionary<string, int[]> LastYearHourly { get; init; } = new Dictionary<string, int[]>();

    [Id(17)]
    public IReadOnlyDictionary<string, int> MonthLastYear { get; init; } = new Dictionary<string, int>();

    [Id(18)]
    public IReadOnlyDictionary<string, int> YearLastYear { get; init; } = new Dictionary<string, int>();
}

/// <summary>The latest rollup of each child network, and whether any changed since the last batch. Plain code, owned by a <see cref="LivePicture"/>.</summary>
public sealed class LiveChildren
{
    private readonly Dictionary<string, NetworkRollup> _children = new(StringComparer.Ordinal);

    public bool Changed { get; private set; }

    public int OpenNow => _children.Values.Sum(c => c.OpenNow);

    public int Stations => _children.Values.Sum(c => c.Stations);

    /// <summary>Keeps a child's latest summary; its recent events go to the parent's ticker, not here.</summary>
    public void Apply(NetworkRollup rollup)
    {
        _children[rollup.NetworkId] = rollup.Recent.Count == 0 ? rollup : rollup with { Recent = [] };
        Changed = true;
    }

    /// <summary>A child that moved to another parent, or was never one.</summary>
    public void Remove(string networkId) => Changed |= _children.Remove(networkId);

    /// <summary>
    /// Every child, by id, for a wall's tiles: without their hours and days, which only the parent's sums need
    /// (fifty cities' hours in every batch would be most of it). Taking them for a batch clears the change mark.
    /// </summary>
    public IReadOnlyList<NetworkRollup> List(bool forBatch = false)
    {
        Changed &= !forBatch;
        return _children.Values.OrderBy(c => c.NetworkId, StringComparer.Ordinal)
            .Select(c => c with
            {
                Hourly = new Dictionary<string, int[]>(), YesterdayHourly = new Dictionary<string, int[]>(), Days = [],
                LastWeekHourly = new Dictionary<string, int[]>(), LastYearHourly = new Dictionary<string, int[]>(),
                MonthLastYear = new Dictionary<string, int>(), YearLastYear = new Dictionary<string, int>(),
            }).ToList();
    }

    /// <summary>The network's own hours with every child's added.</summary>
    public Dictionary<string, int[]> SumHours(IReadOnlyDictionary<string, int[]> own, Func<NetworkRollup, IReadOnlyDictionary<string, int[]>> part)
    {
        var sum = own.ToDictionary(h => h.Key, h => (int[])h.Value.Clone(), StringComparer.Ordinal);
        foreach (var (service, hours) in _children.Values.SelectMany(c => part(c)))
        {
            var into = sum.TryGetValue(service, out var s) ? s : sum[service] = new int[24];
            for (var h = 0; h < Math.Min(24, hours.Length); h++)
            {
                into[h] += hours[h];
            }
        }
        return sum;
    }

    /// <summary>The network's own past days with every child's added, oldest first.</summary>
    public IReadOnlyList<DayTotal> SumDays(IReadOnlyList<DayTotal> own) =>
        own.Concat(_children.Values.SelectMany(c => c.Days)).GroupBy(d => d.Day).OrderBy(g => g.Key).Select(g => new DayTotal(g.Key, g.Sum(d => d.Count))).ToList();

    /// <summary>The network's own numbers with every child's added.</summary>
    public Dictionary<string, int> Sum(IReadOnlyDictionary<string, int> own, Func<NetworkRollup, IReadOnlyDictionary<string, int>> part)
    {
        var sum = new Dictionary<string, int>(own, StringComparer.Ordinal);
        foreach (var child in _children.Values)
        {
            foreach (var (service, n) in part(child))
            {
                sum[service] = sum.GetValueOrDefault(service) + n;
            }
        }
        return sum;
    }
}
