using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using StationNet.Grains.Access;
using StationNet.Grains.Journal;
using StationNet.Grains.Opening;
using StationNet.Grains.Supplies;
using StationNet.Web.Archive;
using StationNet.Web.Auth;

namespace StationNet.Web.Apis;

/// <summary>
/// Everything of one network out, as an archive a union can keep or move (docs/operations.md describes it),
/// and back in, into an installation that does not have it. Administrators only.
/// </summary>
public static class ArchiveApi
{
    /// <summary>The import's body limit; every other request keeps the app's 64 KiB.</summary>
    public const string MaxImportSetting = "StationNet:Archive:MaxImportMegabytes";
    public const long DefaultMaxImportMegabytes = 1024;

    public static RouteGroupBuilder MapArchiveApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin").WithTags("Archive").RequireAuthorization(Access.AdminPolicy);
        api.MapGet("/export", Export).WithName("ExportNetwork")
            .WithSummary("The network's configuration and whole journal as an archive (zip of JSON lines, format in docs/operations.md)");
        api.MapPost("/import", Import).WithName("ImportNetwork")
            .WithSummary("Take an archive (the zip as the body) into this installation: 201 when the network was added, 200 when it was here already with the same content, 409 when it is here with other content");
        return api;
    }

    public static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        string? networkId, IGrainFactory grains, IJournalArchive journal, IOpeningJournal openingJournal, ISupplyJournal supplies, StationClock time, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(networkId))
        {
            return Problems.Invalid("networkId is required (缺少 networkId)");
        }
        if (await NetworksApi.FindNetwork(networkId, grains) is not var (network, info))
        {
            return NetworksApi.NetworkNotFound(networkId);
        }
        var stations = await network.GetStations();
        var targets = await ArchiveTargets.ReadAsync(grains, info.Id);
        var deviceIds = await grains.GetGrain<IAccessDirectoryGrain>(info.Id).Devices();
        var devices = (await Task.WhenAll(deviceIds.Select(id => grains.GetGrain<IDeviceGrain>(id).GetInfo()))).OfType<DeviceInfo>().ToList();
        var openings = await ArchiveOpenings.ReadAsync(openingJournal, stations, ct);
        var now = time.GetUtcNow();
        return TypedResults.Stream(async body =>
        {
            // The zip is written to a file first: its writer makes small synchronous writes the response does not allow,
            // and the journal is read row by row into it, so memory stays flat however long the history.
            await using var spool = Spool();
            await ArchiveWriter.WriteAsync(spool, info, stations, targets, devices, openings, journal, supplies, now, ct);
            spool.Position = 0;
            await spool.CopyToAsync(body, ct);
        }, "application/zip", $"stationnet-{info.Id}-{now:yyyyMMdd-HHmmss}.zip");
    }

    public static async Task<Results<Created<ImportSummary>, Ok<ImportSummary>, ProblemHttpResult>> Import(
        HttpContext http, IGrainFactory grains, IEventJournal journal, IJournalArchive archive, IOpeningJournal openings, ISupplyJournal supplies, IConfiguration configuration,
        StationClock time, CancellationToken ct)
    {
        var limit = configuration.GetValue(MaxImportSetting, DefaultMaxImportMegabytes) * 1024 * 1024;
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }
        // The upload is spooled to a file: the zip is read from its end, and the journal is passed over more than once.
        await using var spool = Spool();
        try
        {
            await http.Request.Body.CopyToAsync(spool, ct);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TypedResults.Problem(detail: $"An archive is at most {limit / 1024 / 1024} MiB here; raise {MaxImportSetting.Replace(":", "__")} to import a larger one (归档过大)",
                statusCode: StatusCodes.Status413PayloadTooLarge, title: "Archive too large");
        }
        spool.Position = 0;
        var (reader, problem) = ArchiveReader.Open(spool);
        if (reader is null)
        {
            return Problems.Invalid(problem!);
        }
        using (reader)
        {
            var outcome = await new ArchiveImport(grains, journal, archive, openings, supplies, time).RunAsync(reader, ct);
            return outcome.Status switch
            {
                ImportStatus.Created => TypedResults.Created($"/api/networks/{outcome.Summary!.NetworkId}", outcome.Summary),
                ImportStatus.Unchanged => TypedResults.Ok(outcome.Summary),
                ImportStatus.Conflict => Problems.Conflict(outcome.Problems[0]),
                _ => Problems.Invalid("The archive was refused, nothing of it was imported: " + string.Join("; ", outcome.Problems) + " (归档未导入)"),
            };
        }
    }

    /// <summary>A temporary file that is deleted when it is closed.</summary>
    private static FileStream Spool() => new(Path.Combine(Path.GetTempPath(), $"stationnet-archive-{Guid.NewGuid():N}.zip"),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
