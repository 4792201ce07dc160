using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace StationNet.Web.Apis;

/// <summary>
/// Turns a request the framework could not bind (malformed JSON, a wrong type, an unparsable query value)
/// into a 400 problem that says what was wrong, instead of an empty answer.
/// </summary>
internal sealed class BadRequestHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }
        var detail = bad.InnerException is JsonException json
            ? $"The body is not valid JSON for this request: {json.Message} (请求体不是有效的 JSON)"
            : $"{bad.Message} (请求无效)";
        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = "Bad request", Detail = detail },
        });
    }
}
