using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;

namespace StationNet.Web.Hubs;

/// <summary>
/// SignalR logs every exception a hub method throws as an error, refusals included (a screen asking for a
/// network it may not watch). Refusals are expected: they are logged as information here; anything else is
/// logged as the error it is, and SignalR's own error line is switched off (see <c>AddStationNetWeb</c>).
/// </summary>
internal sealed class HubErrors(ILogger<HubErrors> logger) : IHubFilter
{
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException ex)
        {
            logger.LogInformation("Hub method {Method} refused: {Reason}", context.HubMethodName, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Hub method {Method} failed", context.HubMethodName);
            throw;
        }
    }
}
