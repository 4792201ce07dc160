namespace StationNet.Silo.Hosting;

/// <summary>The configuration keys operators rely on (see docs/operations.md).</summary>
public sealed class StationNetSettings
{
    public const string Section = "StationNet";
    public const string ConnectionStringName = "StationNet";
    public const string DefaultUrls = "http://localhost:5080";

    /// <summary>Seed the sample network when storage has none; null means "yes on the embedded default".</summary>
    public bool? SampleData { get; set; }

    /// <summary>
    /// With the sample network, plausible past traffic from the first of January last year (at least 400 days), imported once through the journal and
    /// its rollups, so reports and the wall's month, year and last-year figures have data from the first minute.
    /// </summary>
    public bool SampleHistory { get; set; } = true;

    public SimulatorSettings Simulator { get; set; } = new();

    public OrleansSettings Orleans { get; set; } = new();

    public static StationNetSettings From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<StationNetSettings>() ?? new();
}

public sealed class SimulatorSettings
{
    /// <summary>Demo traffic through the tablets' API; null means "yes on the embedded default".</summary>
    public bool? Enabled { get; set; }

    /// <summary>Taps per hour at the weekday lunch peak for a station of average size (15 seats); the sample history uses the same rate.</summary>
    public double PeakPerStationHour { get; set; } = 8;
}

public sealed class OrleansSettings
{
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The host name or IP other silos reach this silo at; unset means 127.0.0.1 (all silos on one machine).</summary>
    public string? Host { get; set; }
}
