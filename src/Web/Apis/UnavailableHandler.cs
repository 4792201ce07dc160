using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Orleans.Serialization;
using StationNet.Grains.Journal;

namespace StationNet.Web.Apis;

/// <summary>
/// When PostgreSQL or the silo holding a grain is out of reach, a request fails at once with 503 and
/// Retry-After instead of hanging or answering 500: tablets keep the event and send it again with the
/// same id, which is counted once however often it arrives. A database restart takes seconds, so the
/// tablet is asked to wait 5; a silo that died has its grains moved to a survivor within about 3 s of the
/// kill (see Silo/Hosting/Failover.cs), so the tablet is asked to try again after 1.
/// </summary>
public sealed class UnavailableHandler(IProblemDetailsService problems, ILogger<UnavailableHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;
    public const int RetryAfterSecondsWhileGrainsMove = 1;

    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsUnavailable(exception))
        {
            return false;
        }
        logger.LogWarning("{Method} {Path} answered 503: {Reason}", context.Request.Method, context.Request.Path, exception.GetBaseException().Message);
        var wait = IsDatabase(exception) ? RetryAfterSeconds : RetryAfterSecondsWhileGrainsMove;
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        context.Response.Headers.RetryAfter = wait.ToString(CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Service unavailable",
                Detail = $"The database or part of the cluster is out of reach for a moment. Send the same request again in {wait} seconds; "
                    + $"an event sent again with its id is never counted twice (数据库或集群暂时不可用，请 {wait} 秒后原样重发，同一事件不会重复计数)",
            },
        });
    }

    /// <summary>Out of reach, not wrong: the database, a silo that left, or a call that timed out.</summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is SiloUnavailableException or OrleansMessageRejectionException or GatewayTooBusyException
                || e is UnavailableExceptionFallbackException { ExceptionType: { } type } && type.Contains("Npgsql", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return StorageUnavailableException.IsCause(exception);
    }

    private static bool IsDatabase(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is UnavailableExceptionFallbackException { ExceptionType: { } type } && type.Contains("Npgsql", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return StorageUnavailableException.IsCause(exception);
    }
}
