using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.HttpResults;
using StationNet.Grains.Stations;

namespace StationNet.Web.Apis;

/// <summary>The one error shape of the API: RFC 7807 problem details with a clear, bilingual detail.</summary>
public static partial class Problems
{
    public static ProblemHttpResult NotFound(string what, string id, string zh) =>
        TypedResults.Problem(detail: $"{what} '{Clip(id)}' does not exist ({zh}不存在)", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    public static ProblemHttpResult Forbidden(string what, string id) =>
        TypedResults.Problem(detail: $"You may not use {what} '{Clip(id)}' (无权访问)", statusCode: StatusCodes.Status403Forbidden, title: "Forbidden");

    public static ProblemHttpResult Invalid(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(detail: detail, statusCode: StatusCodes.Status409Conflict, title: "Conflict");

    /// <summary>A 400 that names each field that was wrong; the title says what was refused.</summary>
    public static ValidationProblem Validation(IEnumerable<FieldError> errors, string title = "The request was refused")
    {
        var list = errors.ToList();
        var byField = list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray());
        return TypedResults.ValidationProblem(byField, detail: string.Join("; ", list.Select(e => e.Message)), title: title);
    }

    /// <summary>Answers the framework writes itself (no route, wrong media type) get a clear detail too.</summary>
    public static void FillDetail(ProblemDetailsContext context)
    {
        var p = context.ProblemDetails;
        p.Detail ??= p.Status switch
        {
            StatusCodes.Status404NotFound => $"Nothing is at {context.HttpContext.Request.Path} (该地址不存在)",
            StatusCodes.Status405MethodNotAllowed => $"{context.HttpContext.Request.Method} is not allowed here (不支持该请求方法)",
            StatusCodes.Status401Unauthorized => "Sign in, or send a tablet or screen token (请先登录，或提供平板/大屏令牌)",
            StatusCodes.Status403Forbidden => "You may not do this (无权执行此操作)",
            StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json (请以 application/json 格式提交)",
            StatusCodes.Status413PayloadTooLarge => "The request body is too large (请求体过大)",
            _ => p.Title,
        };
    }

    /// <summary>Ids in routes are short lowercase words; anything else cannot name a station or network.</summary>
    public static bool IsId([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? id) => id is not null && IdPattern().IsMatch(id);

    private static string Clip(string text) => text.Length <= 64 ? text : text[..64] + "…";

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    private static partial Regex IdPattern();
}
