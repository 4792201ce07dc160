using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;
using StationNet.Grains.Journal;

namespace StationNet.Web.Apis;

/// <summary>
/// A record the database refused for what it holds gets a 400 problem: sending it again would be refused again,
/// so a tablet keeps it as failed instead of resending it. Others' records in the same group commit were written.
/// </summary>
public sealed class RefusedHandler(IProblemDetailsService problems, ILogger<RefusedHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (Find(exception) is not { } refused)
        {
            return false;
        }
        logger.LogWarning("{Method} {Path} answered 400: the journal refused the record", context.Request.Method, context.Request.Path);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Refused by the journal",
                Detail = $"{refused.Message}. Sending it again will be refused again (数据库拒收该记录，原样重发仍会被拒收)",
            },
        });
    }

    private static JournalRefusedException? Find(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is JournalRefusedException refused)
            {
                return refused;
            }
        }
        return null;
    }
}
