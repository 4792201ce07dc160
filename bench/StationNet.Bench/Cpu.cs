using System.Diagnostics;

namespace StationNet.Bench;

/// <summary>Where the CPU went during a phase: the silo process, this load generator, and the rest (PostgreSQL).</summary>
public sealed class Cpu(int siloPid)
{
    private (double Machine, double Silo, double Bench, double Wall) _start = Read(siloPid);

    public void Start() => _start = Read(siloPid);

    /// <summary>Each share in cores (of Environment.ProcessorCount), and the silo's CPU seconds.</summary>
    public (double Silo, double Bench, double Others, double SiloSeconds) Stop()
    {
        var end = Read(siloPid);
        var wall = end.Wall - _start.Wall;
        var silo = end.Silo - _start.Silo;
        var bench = end.Bench - _start.Bench;
        var machine = end.Machine - _start.Machine;
        return (silo / wall, bench / wall, Math.Max(0, machine - silo - bench) / wall, silo);
    }

    public static string Describe((double Silo, double Bench, double Others, double SiloSeconds) c) =>
        $"silo {c.Silo:0.00} · load generator {c.Bench:0.00} · PostgreSQL and rest {c.Others:0.00} of {Environment.ProcessorCount} cores";

    private static (double Machine, double Silo, double Bench, double Wall) Read(int pid)
    {
        const double tick = 100.0; // USER_HZ on Linux
        var cpu = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(double.Parse).ToArray();
        var busy = cpu.Sum() - cpu[3] - cpu[4]; // all but idle and iowait
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var silo = (double.Parse(fields[11]) + double.Parse(fields[12])) / tick;
        return (busy / tick, silo, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency);
    }
}
