using StationNet.Grains.Journal;

namespace StationNet.Grains.Supplies;

/// <summary>The embedded default's supplies: in this process only, one lock per step like the SQL transaction.</summary>
public sealed class InMemorySupplyJournal : ISupplyJournal
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, IReadOnlyList<SupplyItem>> _catalogs = new(StringComparer.Ordinal);
    private readonly Dictionary<(Guid Id, SupplySource Source), SupplyMovement> _movements = [];
    private readonly Dictionary<(string Station, string Item), Stock> _stock = [];
    private readonly Dictionary<(string Network, DateOnly Day, string Station, string Item), SupplyTotals> _daily = [];
    private readonly Dictionary<(string Network, DateOnly Day, string Station, string Item, DateOnly ExpiresOn), int> _receipts = [];

    public Task<IReadOnlyList<SupplyItem>> CatalogAsync(string networkId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_catalogs.GetValueOrDefault(networkId) ?? []);
        }
    }

    public Task SetCatalogAsync(string networkId, IReadOnlyList<SupplyItem> items, CancellationToken ct = default)
    {
        lock (_gate)
        {
            _catalogs[networkId] = items.ToList();
            return Task.CompletedTask;
        }
    }

    public Task<bool> AppendAsync(SupplyMovement movement, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_movements.ContainsKey((movement.Id, SupplySource.Movement)))
            {
                return Task.FromResult(false);
            }
            var before = _stock.GetValueOrDefault((movement.StationId, movement.Item))?.OnHand ?? 0;
            var (change, _) = SupplyChange.Of(movement.Kind, movement.Quantity, before);
            Apply(movement with { Change = change }, SupplySource.Movement);
            return Task.FromResult(true);
        }
    }

    /// <summary>
    /// A tap of a linked service, inside the event journal's step (its lock is held): takes the linked item, if
    /// the network links one to the service. False when nothing is linked.
    /// </summary>
    public bool Tap(JournalEntry e)
    {
        lock (_gate)
        {
            var item = _catalogs.GetValueOrDefault(e.NetworkId)?.FirstOrDefault(i => i.Service == e.Service);
            if (item is null || _movements.ContainsKey((e.EventId, SupplySource.Tap)))
            {
                return false;
            }
            Apply(SupplyChange.Tap(e, item.Id), SupplySource.Tap);
            return true;
        }
    }

    /// <summary>The void of a tap puts back what the tap took, whatever the catalog says now.</summary>
    public void TapVoid(Guid eventId, VoidEntry v)
    {
        lock (_gate)
        {
            if (_movements.TryGetValue((eventId, SupplySource.Tap), out var tap) && !_movements.ContainsKey((eventId, SupplySource.TapVoid)))
            {
                Apply(tap with { RecordedAt = v.RecordedAt, Device = v.Device, Change = tap.Quantity }, SupplySource.TapVoid);
            }
        }
    }

    public Task<bool> VoidAsync(SupplyMovement movement, DateTimeOffset recordedAt, string? device, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (!_movements.TryGetValue((movement.Id, SupplySource.Movement), out var kept) || _movements.ContainsKey((movement.Id, SupplySource.MovementVoid)))
            {
                return Task.FromResult(false);
            }
            Apply(kept with { Change = -kept.Change, RecordedAt = recordedAt, Device = device }, SupplySource.MovementVoid);
            return Task.FromResult(true);
        }
    }

    public Task<bool> IsVoidedAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_movements.ContainsKey((id, SupplySource.MovementVoid)));
        }
    }

    public Task<SupplyMovement?> FindAsync(Guid id, CancellationToken ct = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_movements.GetValueOrDefault((id, SupplySource.Movement)));
        }
    }

    public Task<IReadOnlyList<SupplyStockRow>> StockAsync(string networkId, string? stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SupplyStockRow> rows = _stock.Where(s => s.Value.Network == networkId && (stationId is null || s.Key.Station == stationId))
                .Select(s => new SupplyStockRow(s.Key.Station, s.Key.Item, s.Value.OnHand, s.Value.Consumed,
                    s.Value.Batches.OrderBy(b => b.Key).Select(b => new SupplyBatch(b.Key, b.Value)).ToList()))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<SupplyTotals>> TotalsAsync(string networkId, DateOnly from, DateOnly to, string? stationId, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SupplyTotals> rows = _daily
                .Where(d => d.Key.Network == networkId && d.Key.Day >= from && d.Key.Day <= to && (stationId is null || d.Key.Station == stationId))
                .GroupBy(d => (d.Key.Station, d.Key.Item))
                .Select(g => new SupplyTotals(g.Key.Station, g.Key.Item, g.Sum(d => d.Value.Received), g.Sum(d => d.Value.HandedOut),
                    g.Sum(d => d.Value.Discarded), g.Sum(d => d.Value.Adjusted)))
                .OrderBy(t => t.StationId, StringComparer.Ordinal).ThenBy(t => t.Item, StringComparer.Ordinal)
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public async IAsyncEnumerable<SupplyEntry> EntriesAsync(string networkId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        List<SupplyEntry> records;
        lock (_gate)
        {
            records = _movements.Where(m => m.Value.NetworkId == networkId).Select(m => new SupplyEntry(m.Key.Source, m.Value))
                .OrderBy(r => r.Movement.RecordedAt).ThenBy(r => r.Movement.Id).ThenBy(r => r.Source).ToList();
        }
        foreach (var record in records)
        {
            ct.ThrowIfCancellationRequested();
            yield return record;
        }
        await Task.CompletedTask;
    }

    public Task<bool> RestoreAsync(SupplyEntry record, CancellationToken ct = default)
    {
        lock (_gate)
        {
            if (_movements.ContainsKey((record.Movement.Id, record.Source)))
            {
                return Task.FromResult(false);
            }
            Apply(record.Movement, record.Source);
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<SupplyDay>> DaysAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SupplyDay> rows = _daily.Where(d => d.Key.Network == networkId && d.Key.Day <= to)
                .GroupBy(d => (d.Key.Station, d.Key.Item, Day: d.Key.Day < from ? DateOnly.MinValue : d.Key.Day))
                .Select(g => new SupplyDay(g.Key.Station, g.Key.Item, g.Min(d => d.Key.Day),
                    g.Sum(d => d.Value.Net), g.Sum(d => d.Value.HandedOut + d.Value.Discarded - d.Value.Adjusted)))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    public Task<IReadOnlyList<SupplyReceipt>> ReceiptsAsync(string networkId, DateOnly from, DateOnly to, CancellationToken ct = default)
    {
        lock (_gate)
        {
            IReadOnlyList<SupplyReceipt> rows = _receipts.Where(r => r.Key.Network == networkId && r.Key.Day <= to)
                .GroupBy(r => (r.Key.Station, r.Key.Item, r.Key.ExpiresOn, Day: r.Key.Day < from ? DateOnly.MinValue : r.Key.Day))
                .Select(g => new SupplyReceipt(g.Key.Station, g.Key.Item, g.Min(r => r.Key.Day), g.Key.ExpiresOn, g.Sum(r => r.Value)))
                .ToList();
            return Task.FromResult(rows);
        }
    }

    /// <summary>
    /// Keeps a row and adds it to the rollups. An undo (<see cref="SupplySource.MovementVoid"/>) is kept as the database keeps
    /// it, with the movement's own quantity; it takes that quantity back from the received, discarded and batch sums.
    /// </summary>
    private void Apply(SupplyMovement kept, SupplySource source)
    {
        _movements[(kept.Id, source)] = kept;
        var m = source == SupplySource.MovementVoid ? kept with { Quantity = -kept.Quantity } : kept;
        var stock = _stock.GetValueOrDefault((m.StationId, m.Item)) ?? new Stock(m.NetworkId);
        stock.OnHand += m.Change;
        stock.Consumed += m.Kind == SupplyKinds.Received ? 0 : -m.Change;
        if (m.Kind == SupplyKinds.Received && m.ExpiresOn is { } expires)
        {
            stock.Batches[expires] = stock.Batches.GetValueOrDefault(expires) + m.Quantity;
            var receipt = (m.NetworkId, m.Day, m.StationId, m.Item, expires);
            _receipts[receipt] = _receipts.GetValueOrDefault(receipt) + m.Quantity;
        }
        _stock[(m.StationId, m.Item)] = stock;
        var key = (m.NetworkId, m.Day, m.StationId, m.Item);
        var day = _daily.GetValueOrDefault(key) ?? new SupplyTotals(m.StationId, m.Item, 0, 0, 0, 0);
        _daily[key] = m.Kind switch
        {
            SupplyKinds.Received => day with { Received = day.Received + m.Quantity },
            SupplyKinds.Discarded => day with { Discarded = day.Discarded + m.Quantity },
            SupplyKinds.Counted => day with { Adjusted = day.Adjusted + m.Change },
            _ => day with { HandedOut = day.HandedOut - m.Change },
        };
    }

    private sealed class Stock(string network)
    {
        public string Network { get; } = network;
        public int OnHand { get; set; }
        public int Consumed { get; set; }
        public SortedDictionary<DateOnly, int> Batches { get; } = [];
    }
}
