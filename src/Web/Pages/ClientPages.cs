using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace StationNet.Web.Pages;

/// <summary>Serves the browser client that the build embeds in this assembly: three pages and their assets.</summary>
public static class ClientPages
{
    private static readonly IFileProvider Files = new ManifestEmbeddedFileProvider(typeof(ClientPages).Assembly, "client/dist");

    public static WebApplication UseClientAssets(this WebApplication app)
    {
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = Files,
            OnPrepareResponse = ctx =>
            {
                // Vite puts a content hash in every asset name, so assets never change under one name.
                if (ctx.Context.Request.Path.StartsWithSegments("/assets"))
                {
                    ctx.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                }
            },
        });
        return app;
    }

    public static IEndpointRouteBuilder MapClientPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", () => Page("index.html")).ExcludeFromDescription();
        app.MapGet("/station/{stationId}", (string stationId) => Page("station.html")).ExcludeFromDescription();
        // The installed app starts here and goes on to the station it was paired with.
        app.MapGet("/station", () => Page("station.html")).ExcludeFromDescription();
        app.MapGet("/wall/{networkId}", (string networkId) => Page("wall.html")).ExcludeFromDescription();
        app.MapGet("/manage", () => Page("manage.html")).ExcludeFromDescription();
        app.MapGet("/admin", () => Page("admin.html")).ExcludeFromDescription();
        // The public station finder: anonymous, for workers' phones. Without a network it offers the networks to choose from.
        app.MapGet("/find", () => Page("find.html")).ExcludeFromDescription();
        app.MapGet("/find/{networkId}", (string networkId) => Page("find.html")).ExcludeFromDescription();
        // The workers' rating page, opened from the QR code on a station's poster: anonymous.
        app.MapGet("/rate/{stationId}", (string stationId) => Page("rate.html")).ExcludeFromDescription();
        return app;
    }

    /// <summary>
    /// A 404 for a person's browser (a GET that accepts HTML, outside the API, hubs and assets) gets a page that says so
    /// in the reader's language and offers the ways in; everything else keeps the API's problem details.
    /// </summary>
    public static StatusCodePagesOptions NotFoundPages()
    {
        var options = new StatusCodePagesOptions();
        var problems = options.HandleAsync;
        options.HandleAsync = async context =>
        {
            var http = context.HttpContext;
            var file = Files.GetFileInfo("notfound.html");
            if (http.Response.StatusCode == StatusCodes.Status404NotFound && WantsPage(http.Request) && file.Exists)
            {
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers[HeaderNames.CacheControl] = "no-store";
                await using var stream = file.CreateReadStream();
                await stream.CopyToAsync(http.Response.Body, http.RequestAborted);
                return;
            }
            await problems(context);
        };
        return options;
    }

    private static bool WantsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/api") && !request.Path.StartsWithSegments("/hubs") && !request.Path.StartsWithSegments("/assets")
        && request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static IResult Page(string name)
    {
        var file = Files.GetFileInfo(name);
        return file.Exists
            ? Results.Stream(file.CreateReadStream(), "text/html; charset=utf-8")
            : Results.Problem(detail: $"The browser client was not built ({name} missing)", statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
