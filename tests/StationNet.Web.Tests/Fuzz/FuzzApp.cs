using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using StationNet.Tests;

namespace StationNet.Web.Tests.Fuzz;

/// <summary>The app for the fuzzer: its own silo, and what the server logs kept for the test to see.</summary>
public class FuzzApp : StationNetApp
{
    public FuzzApp() : this(null)
    {
    }

    protected FuzzApp(IDictionary<string, string>? settings) : base(settings: settings)
    {
    }

    public ConcurrentQueue<string> Errors { get; } = new();

    /// <summary>Every entry at Information or above, as text with its structured values: what production keeps.</summary>
    public ConcurrentQueue<string> Logged { get; } = new();

    /// <summary>How many rounds each endpoint gets per caller: a short form in CI, more with STATIONNET_FUZZ_ROUNDS.</summary>
    public static int Rounds => int.TryParse(Environment.GetEnvironmentVariable("STATIONNET_FUZZ_ROUNDS"), out var n) && n > 0 ? n : 4;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureLogging(l => l.AddProvider(new ErrorLog(Errors, Logged)));
    }

    /// <summary>Every route the app maps, with its methods: the fuzzer's list, so a new endpoint cannot be missed.</summary>
    public IReadOnlyList<(string Pattern, string[] Methods)> Endpoints() =>
        Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + e.RoutePattern.RawText!.TrimStart('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.ToArray() ?? ["GET", "POST"]))
            .Where(e => !e.Pattern.Contains("{**"))
            .ToList();

    private sealed class ErrorLog(ConcurrentQueue<string> errors, ConcurrentQueue<string> logged) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, errors, logged);

        public void Dispose()
        {
        }

        private sealed class Logger(string category, ConcurrentQueue<string> errors, ConcurrentQueue<string> logged) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
                logged.Enqueue($"{logLevel} {category}: {formatter(state, exception)} {values} {exception}");
                if (logLevel >= LogLevel.Error)
                {
                    errors.Enqueue($"{category}: {formatter(state, exception)} {exception?.GetType().Name}: {exception?.Message}");
                }
            }
        }
    }
}

/// <summary>A route pattern as a path matcher, for checking that a list of requests covers every endpoint.</summary>
public static class RouteMatch
{
    public static bool Matches(string pattern, string path)
    {
        var route = RoutePatternFactory.Parse(pattern);
        var segments = path.Split('?')[0].Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length != route.PathSegments.Count)
        {
            return false;
        }
        return route.PathSegments.Zip(segments).All(p => System.Text.RegularExpressions.Regex.IsMatch(p.Second, "^" + string.Concat(p.First.Parts.Select(part =>
            part is RoutePatternLiteralPart literal ? System.Text.RegularExpressions.Regex.Escape(literal.Content) : "[^/]+")) + "$"));
    }
}
