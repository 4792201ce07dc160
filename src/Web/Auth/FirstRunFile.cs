using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace StationNet.Web.Auth;

/// <summary>
/// Secrets made on the first start (the generated administrator password, the sample wall's link) go to a
/// file only this account can read, never to the log: logs are shipped and kept where anyone may read them.
/// </summary>
public sealed class FirstRunFile(IConfiguration configuration, IHostEnvironment environment, ILogger<FirstRunFile> logger)
{
    public const string PathKey = "StationNet:FirstRunFile";
    private static readonly object Gate = new();

    public string Path => configuration[PathKey] is { Length: > 0 } configured
        ? configured
        : System.IO.Path.Combine(environment.ContentRootPath, "stationnet-first-run.txt");

    /// <summary>The secret last written under <paramref name="what"/>, or null when the file has none (or cannot be read).</summary>
    public string? Last(string what)
    {
        try
        {
            lock (Gate)
            {
                if (!File.Exists(Path))
                {
                    return null;
                }
                var marker = $"  {what}: ";
                return File.ReadLines(Path).Select(line => line.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0 ? line[(at + marker.Length)..].Trim() : null)
                    .LastOrDefault(secret => secret is { Length: > 0 });
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("{Path} could not be read ({Reason})", Path, ex.Message);
            return null;
        }
    }

    public void Write(string what, string secret)
    {
        try
        {
            lock (Gate)
            {
                var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }
                using var writer = new StreamWriter(Path, options);
                writer.WriteLine($"{DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}Z  {what}: {secret}");
            }
            logger.LogWarning("{What} is written to {Path}, readable by this account only (not to the log)", what, Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            logger.LogError("{What} could not be written to {Path} ({Reason}); set StationNet__Admin__Password and create screen links in /admin instead",
                what, Path, ex.Message);
        }
    }
}
