using System.Text.Json;
using StationNet.Grains.Access;
using StationNet.Grains.Journal;
using StationNet.Grains.Networks;
using StationNet.Grains.Opening;
using StationNet.Grains.Stations;
using StationNet.Grains.Supplies;

namespace StationNet.Web.Archive;

public enum ImportStatus { Created, Unchanged, Invalid, Conflict }

/// <summary>What an import did: counts of what the archive holds and of the journal rows it added.</summary>
public sealed record ImportSummary(string NetworkId, bool Created, int Stations, int Targets, int Devices, long Events, long Voids, long EventsAdded, long VoidsAdded,
    int Openings = 0, int OpeningsAdded = 0, int SupplyItems = 0, long SupplyMovements = 0, long SupplyMovementsAdded = 0);

public sealed record ImportOutcome(ImportStatus Status, ImportSummary? Summary, IReadOnlyList<string> Problems)
{
    public static ImportOutcome Invalid(IEnumerable<string> problems) => new(ImportStatus.Invalid, null, problems.Take(ArchiveImport.MaxProblems).ToList());

    public static ImportOutcome Conflict(string problem) => new(ImportStatus.Conflict, null, [problem]);
}

/// <summary>
/// Takes an archive into this installation. Everything is checked before anything is written. A network
/// that is not here is written journal first (through the ordinary appends, so every rollup is rebuilt
/// from the rows), then its configuration, so the live picture starts from the imported journal. A network
/// that is here already is left alone: the same content answers "unchanged", anything else is a conflict. A network
/// beneath a parent comes in beneath it, so the parent must be here first (its own archive imported before).
/// </summary>
public sealed class ArchiveImport(IGrainFactory grains, IEventJournal journal, IJournalArchive archive, IOpeningJournal openings, ISupplyJournal supplies, StationClock time)
{
    public const int MaxProblems = 20;
    private const int AppendsAtOnce = 1000;

    public async Task<ImportOutcome> RunAsync(ArchiveReader reader, CancellationToken ct)
    {
        var (manifest, problem) = reader.ReadJson<ArchiveManifest>(ArchiveFormat.Manifest);
        var refused = manifest is null ? [problem!] : ArchiveRules.Manifest(manifest).ToList();
        if (manifest is null || refused.Count > 0)
        {
            return ImportOutcome.Invalid(refused);
        }
        var (network, networkProblem) = reader.ReadJson<NetworkInfo>(ArchiveFormat.Network);
        refused = network is null ? [networkProblem!] : ArchiveRules.Network(network, manifest).ToList();
        if (network is null || refused.Count > 0)
        {
            return ImportOutcome.Invalid(refused);
        }
        var content = Check(reader, network);
        if (content.Problems.Count > 0)
        {
            return ImportOutcome.Invalid(content.Problems);
        }
        var known = await KnownRows(network.Id, ct);
        var knownSupplies = await ArchiveSupplies.KnownAsync(supplies, network.Id, ct);
        var exists = await grains.GetGrain<INetworkGrain>(network.Id).GetInfo() is not null;
        if (!exists && network.ParentId is { } parent && await grains.GetGrain<INetworkDirectoryGrain>(0).CheckParent(network.Id, parent) is { } refusal)
        {
            return ImportOutcome.Conflict($"The archive's network lies beneath '{parent}': {refusal}; import the archive of '{parent}' first, "
                + "or make that network here (请先导入上级网络的归档)");
        }
        if ((await Conflict(network, content, reader, known) ?? await ArchiveOpenings.ConflictAsync(openings, content.Openings, exists, ct)
            ?? await ArchiveSupplies.ConflictAsync(supplies, reader, content.Catalog, knownSupplies, exists, network.Id, ct)) is { } conflict)
        {
            return ImportOutcome.Conflict(conflict);
        }
        var summary = new ImportSummary(network.Id, false, content.Stations.Count, content.Targets.Count, content.Devices.Count, content.Events, content.Voids, 0, 0,
            content.Openings.Count, 0, content.Catalog.Count, content.SupplyMovements);
        var target = grains.GetGrain<INetworkGrain>(network.Id);
        if (await target.GetInfo() is not null)
        {
            return new ImportOutcome(ImportStatus.Unchanged, summary, []);
        }
        var (eventsAdded, voidsAdded, clash) = await WriteJournal(reader, content, known, ct);
        if (clash is not null)
        {
            return ImportOutcome.Conflict(clash);
        }
        var openingsAdded = await ArchiveOpenings.WriteAsync(openings, content.Openings, ct);
        // After the events: a catalog already set would have their linked taps take from the stock a second time.
        var suppliesAdded = await ArchiveSupplies.WriteAsync(supplies, reader, content.Catalog, network.Id, knownSupplies, ct);
        await target.Configure(network);
        foreach (var station in content.Stations.Values)
        {
            await target.SaveStation(station);
        }
        await ArchiveTargets.WriteAsync(grains, network.Id, content.Targets);
        foreach (var device in content.Devices)
        {
            // Named for the audit trail, never able to sign in: no secret, and revoked until paired again here.
            var tablet = grains.GetGrain<IDeviceGrain>(device.Id);
            if (await tablet.GetInfo() is null)
            {
                await tablet.Create(device with { RevokedAt = device.RevokedAt ?? time.GetUtcNow() }, []);
            }
        }
        return new ImportOutcome(ImportStatus.Created, summary with
        {
            Created = true, EventsAdded = eventsAdded, VoidsAdded = voidsAdded, OpeningsAdded = openingsAdded, SupplyMovementsAdded = suppliesAdded,
        }, []);
    }

    /// <summary>Every line checked, the way the admin endpoints and the event path check them.</summary>
    private static Content Check(ArchiveReader reader, NetworkInfo network)
    {
        var problems = new List<string>();
        var stations = new Dictionary<string, StationInfo>(StringComparer.Ordinal);
        foreach (var (line, value, problem) in reader.ReadLines<StationInfo>(ArchiveFormat.Stations))
        {
            var (station, errors) = value is null ? (null, [problem!]) : ArchiveRules.Station(value, network, line);
            problems.AddRange(errors);
            if (station is not null && !stations.TryAdd(station.Id, station))
            {
                problems.Add($"{ArchiveFormat.Stations} line {line}: station '{station.Id}' is listed twice (驿站重复)");
            }
        }
        var targets = new List<ArchiveTarget>();
        foreach (var (line, value, problem) in reader.ReadLines<ArchiveTarget>(ArchiveFormat.Targets))
        {
            var errors = value is null ? [problem!] : ArchiveRules.Target(value, stations, line).ToList();
            problems.AddRange(errors);
            if (errors.Count == 0)
            {
                targets.Add(value!);
            }
        }
        var devices = new List<DeviceInfo>();
        foreach (var (line, value, problem) in reader.ReadLines<DeviceInfo>(ArchiveFormat.Devices))
        {
            var errors = value is null ? [problem!] : ArchiveRules.Device(value, network, stations, line).ToList();
            problems.AddRange(errors);
            if (errors.Count == 0)
            {
                devices.Add(value!);
            }
        }
        var openingRecords = new List<OpeningEntry>();
        foreach (var (line, value, problem) in reader.Has(ArchiveFormat.Openings) ? reader.ReadLines<OpeningEntry>(ArchiveFormat.Openings) : [])
        {
            var errors = value is null ? [problem!] : ArchiveOpenings.Check(value, network.Id, stations, line).ToList();
            problems.AddRange(errors);
            if (errors.Count == 0)
            {
                openingRecords.Add(value!);
            }
        }
        if (openingRecords.Select(o => o.Id).Distinct().Count() != openingRecords.Count)
        {
            problems.Add($"{ArchiveFormat.Openings}: a record is listed twice (开闭站记录重复)");
        }
        var catalog = new List<SupplyItem?>();
        foreach (var (_, value, problem) in reader.Has(ArchiveFormat.SupplyItems) ? reader.ReadLines<SupplyItem>(ArchiveFormat.SupplyItems) : [])
        {
            if (value is null)
            {
                problems.Add(problem!);
            }
            catalog.Add(value);
        }
        problems.AddRange(ArchiveSupplies.Catalog(catalog, network));
        var stationIds = stations.Keys.ToHashSet(StringComparer.Ordinal);
        var movements = new HashSet<(Guid, string)>();
        foreach (var (line, value, problem) in ArchiveSupplies.Lines(reader))
        {
            problems.AddRange(value is null ? [problem!] : ArchiveSupplies.Check(value, network, stationIds, line));
            if (value is not null && !movements.Add((value.Id, value.Source)))
            {
                problems.Add($"{ArchiveFormat.SupplyMovements} line {line}: movement {value.Id} ({value.Source}) is listed twice (物资记录重复)");
            }
            if (problems.Count >= MaxProblems)
            {
                break;
            }
        }
        var supplied = (catalog.OfType<SupplyItem>().ToList(), movements.Count);
        var events = new HashSet<Guid>();
        foreach (var (line, value, problem) in reader.ReadLines<JournalEntry>(ArchiveFormat.Events))
        {
            problems.AddRange(value is null ? [problem!] : ArchiveRules.Event(value, network, stationIds, line));
            if (value is not null && !events.Add(value.EventId))
            {
                problems.Add($"{ArchiveFormat.Events} line {line}: event {value.EventId} is listed twice (事件重复)");
            }
            if (problems.Count >= MaxProblems)
            {
                return new Content(stations, targets, devices, openingRecords, supplied.Item1, supplied.Count, 0, 0, [], problems);
            }
        }
        var voided = new HashSet<Guid>();
        foreach (var (line, value, problem) in reader.ReadLines<VoidEntry>(ArchiveFormat.Voids))
        {
            problems.AddRange(value is null ? [problem!] : ArchiveRules.Void(value, events, line));
            if (value is not null && !voided.Add(value.EventId))
            {
                problems.Add($"{ArchiveFormat.Voids} line {line}: event {value.EventId} is voided twice (重复撤销)");
            }
            if (problems.Count >= MaxProblems)
            {
                break;
            }
        }
        return new Content(stations, targets, devices, openingRecords, supplied.Item1, supplied.Count, events.Count, voided.Count, voided, problems);
    }

    /// <summary>The rows this installation already has of the network (a network that exists, or an import cut short).</summary>
    private async Task<Known> KnownRows(string networkId, CancellationToken ct)
    {
        var events = new Dictionary<Guid, string>();
        await foreach (var e in archive.EventsAsync(networkId, ct))
        {
            events[e.EventId] = ArchiveFormat.Fingerprint(e);
        }
        var voids = new Dictionary<Guid, string>();
        await foreach (var v in archive.VoidsAsync(networkId, ct))
        {
            voids[v.EventId] = ArchiveFormat.Fingerprint(v);
        }
        return new Known(events, voids);
    }

    private async Task<string?> Conflict(NetworkInfo network, Content content, ArchiveReader reader, Known known)
    {
        foreach (var station in content.Stations.Values)
        {
            if (await grains.GetGrain<IStationGrain>(station.Id).GetInfo() is { } other && other.NetworkId != network.Id)
            {
                return $"Station '{station.Id}' belongs to network '{other.NetworkId}' here (驿站编号已被其他网络使用)";
            }
        }
        var target = grains.GetGrain<INetworkGrain>(network.Id);
        var existing = await target.GetInfo();
        if (existing is not null && (Json(existing) != Json(network)
            || !Json(await target.GetStations()).SequenceEqual(Json(content.Stations.Values.OrderBy(s => s.Id, StringComparer.Ordinal)))
            || !Json(await ArchiveTargets.ReadAsync(grains, network.Id)).SequenceEqual(Json(content.Targets.OrderBy(t => t.Year)
                .ThenBy(t => t.StationId, StringComparer.Ordinal).ThenBy(t => t.Service, StringComparer.Ordinal)))))
        {
            return $"Network '{network.Id}' exists here with another configuration; import into an installation without it (网络已存在且配置不同)";
        }
        var missing = 0L;
        foreach (var (_, e, _) in reader.ReadLines<JournalEntry>(ArchiveFormat.Events))
        {
            if (!known.Events.TryGetValue(e!.EventId, out var fingerprint))
            {
                missing++;
            }
            else if (fingerprint != ArchiveFormat.Fingerprint(e))
            {
                return $"Event {e.EventId} is here with other content (事件 {e.EventId} 已存在且内容不同)";
            }
        }
        foreach (var (_, v, _) in reader.ReadLines<VoidEntry>(ArchiveFormat.Voids))
        {
            if (!known.Voids.TryGetValue(v!.EventId, out var fingerprint))
            {
                missing++;
            }
            else if (fingerprint != ArchiveFormat.Fingerprint(v))
            {
                return $"The void of event {v.EventId} is here with other content (撤销记录已存在且内容不同)";
            }
        }
        return existing is not null && missing > 0
            ? $"Network '{network.Id}' exists here and lacks {missing} journal rows of the archive; import into an installation without it (网络已存在且记录不同)"
            : null;
    }

    private async Task<(long Events, long Voids, string? Clash)> WriteJournal(ArchiveReader reader, Content content, Known known, CancellationToken ct)
    {
        var voidedEvents = new Dictionary<Guid, JournalEntry>();
        var added = 0L;
        var pending = new List<(JournalEntry Entry, Task<bool> Added)>(AppendsAtOnce);
        foreach (var (_, e, _) in reader.ReadLines<JournalEntry>(ArchiveFormat.Events))
        {
            if (content.Voided.Contains(e!.EventId))
            {
                voidedEvents[e.EventId] = e;
            }
            if (!known.Events.ContainsKey(e.EventId))
            {
                pending.Add((e, journal.AppendAsync(e, ct)));
            }
            if (pending.Count == AppendsAtOnce)
            {
                var (count, clash) = await Settle(pending);
                if (clash is not null)
                {
                    return (added, 0, clash);
                }
                added += count;
                pending.Clear();
            }
        }
        var (rest, last) = await Settle(pending);
        if (last is not null)
        {
            return (added, 0, last);
        }
        added += rest;
        var voids = 0L;
        var voiding = new List<Task<bool>>(AppendsAtOnce);
        foreach (var (_, v, _) in reader.ReadLines<VoidEntry>(ArchiveFormat.Voids))
        {
            if (!known.Voids.ContainsKey(v!.EventId))
            {
                voiding.Add(journal.AppendVoidAsync(voidedEvents[v.EventId], v, ct));
            }
            if (voiding.Count == AppendsAtOnce)
            {
                voids += (await Task.WhenAll(voiding)).Count(a => a);
                voiding.Clear();
            }
        }
        voids += (await Task.WhenAll(voiding)).Count(a => a);
        return (added, voids, null);
    }

    /// <summary>Waits for the appends in flight; an id the journal had already must be the same event (an import cut short), else it clashes.</summary>
    private async Task<(int Added, string? Clash)> Settle(List<(JournalEntry Entry, Task<bool> Added)> pending)
    {
        var added = 0;
        foreach (var (entry, appended) in pending)
        {
            if (await appended)
            {
                added++;
            }
            else if (await journal.FindAsync(entry.EventId) is { } found && ArchiveFormat.Fingerprint(found.Event) != ArchiveFormat.Fingerprint(entry))
            {
                return (added, $"Event {entry.EventId} is here already in another network or with other content (事件编号已被占用)");
            }
        }
        return (added, null);
    }

    internal static string Json<T>(T value) => JsonSerializer.Serialize(value, ArchiveFormat.Json);

    internal static IEnumerable<string> Json<T>(IEnumerable<T> values) => values.Select(Json);

    private sealed record Content(Dictionary<string, StationInfo> Stations, List<ArchiveTarget> Targets, List<DeviceInfo> Devices, List<OpeningEntry> Openings,
        List<SupplyItem> Catalog, long SupplyMovements, long Events, long Voids, HashSet<Guid> Voided, List<string> Problems);

    private sealed record Known(Dictionary<Guid, string> Events, Dictionary<Guid, string> Voids);
}
