using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Catalog;
using StationNet.Grains.Supplies;

namespace StationNet.Grains.Stations;

/// <summary>
/// Supply movements sent by the station's tablet or an administrator: checked against the network's catalog,
/// journaled once by their id (a resend is a duplicate, the same id with other content a conflict), on the
/// station's local day. An out-of-stock hand-out is recorded and shows as stock below zero: never refused.
/// </summary>
public sealed partial class StationGrain
{
    private ISupplyJournal SupplyJournal => ServiceProvider.GetRequiredService<ISupplyJournal>();

    public async Task<SupplyOutcome> RecordSupply(SupplyRequest request)
    {
        if (state.State.Info is not { } info)
        {
            return new SupplyOutcome(SupplyStatus.UnknownStation, null, NoErrors);
        }
        if (info.Retired)
        {
            return new SupplyOutcome(SupplyStatus.Retired, null, NoErrors);
        }
        var catalog = await SupplyJournal.CatalogAsync(info.NetworkId);
        var errors = SupplyRules.CheckMovement(request.Item, request.Kind, request.Quantity, request.ExpiresOn, catalog);
        if (errors.Count > 0)
        {
            return new SupplyOutcome(SupplyStatus.Rejected, null, errors);
        }
        var now = time.GetUtcNow();
        var movement = new SupplyMovement(request.Id, info.NetworkId, info.Id, request.Item!, request.Kind!, request.Quantity!.Value,
            request.ExpiresOn, LocalDay.Of(now, _zone), now, request.Device);
        var status = SupplyStatus.Recorded;
        if (!await SupplyJournal.AppendAsync(movement))
        {
            var kept = await SupplyJournal.FindAsync(request.Id);
            if (kept is null || kept.StationId != movement.StationId || kept.Item != movement.Item || kept.Kind != movement.Kind
                || kept.Quantity != movement.Quantity || kept.ExpiresOn != movement.ExpiresOn)
            {
                return new SupplyOutcome(SupplyStatus.Conflict, null,
                    [new("id", $"id {request.Id} was already used for another supply movement; make a new id for a new movement (该 id 已用于另一条物资记录，新记录须使用新的 id)")]);
            }
            status = SupplyStatus.Duplicate;
        }
        var levels = SupplyStock.Levels(catalog, await SupplyJournal.StockAsync(info.NetworkId, info.Id), LocalDay.Of(now, _zone), info.Services);
        return new SupplyOutcome(status, levels.FirstOrDefault(l => l.Item == movement.Item), NoErrors);
    }

    /// <summary>
    /// Undoes a movement of today sent for this station, once: the journal keeps the movement and adds its void.
    /// A retired station's movements stay as they are.
    /// </summary>
    public async Task<SupplyOutcome> VoidSupply(Guid id, string? device)
    {
        if (state.State.Info is not { } info)
        {
            return new SupplyOutcome(SupplyStatus.UnknownStation, null, NoErrors);
        }
        if (info.Retired)
        {
            return new SupplyOutcome(SupplyStatus.Retired, null, NoErrors);
        }
        if (await SupplyJournal.FindAsync(id) is not { } movement || movement.StationId != info.Id)
        {
            return new SupplyOutcome(SupplyStatus.UnknownMovement, null, NoErrors);
        }
        var now = time.GetUtcNow();
        if (movement.Day != LocalDay.Of(now, _zone) && !await SupplyJournal.IsVoidedAsync(id))
        {
            return new SupplyOutcome(SupplyStatus.NotToday, null, NoErrors);
        }
        var status = await SupplyJournal.VoidAsync(movement, now, device) ? SupplyStatus.Recorded : SupplyStatus.Duplicate;
        var catalog = await SupplyJournal.CatalogAsync(info.NetworkId);
        var levels = SupplyStock.Levels(catalog, await SupplyJournal.StockAsync(info.NetworkId, info.Id), LocalDay.Of(now, _zone), info.Services);
        return new SupplyOutcome(status, levels.FirstOrDefault(l => l.Item == movement.Item), NoErrors);
    }
}
