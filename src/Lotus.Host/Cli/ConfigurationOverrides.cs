namespace Lotus.Host.Cli;

/// <summary>Command-line options of <c>serve</c> and the configuration keys they set.</summary>
internal static class ConfigurationOverrides
{
    private static readonly (string Option, string Key)[] Map =
    [
        ("grpc-port", "Lotus:Endpoints:GrpcPort"),
        ("rest-port", "Lotus:Endpoints:RestPort"),
        ("bind", "Lotus:Endpoints:BindAddress"),
        ("pg-port", "Lotus:Embedded:PostgresPort"),
        ("embedded-data", "Lotus:Embedded:DataDirectory"),
        ("database", "Lotus:Database:ConnectionString"),
        ("event-log", "Lotus:EventLog:Transport"),
    ];

    /// <summary>Configuration entries for the given command line; throws on an unknown option.</summary>
    public static Dictionary<string, string?> From(CommandLine commandLine)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in commandLine.OptionNames)
        {
            if (string.Equals(name, "no-demo-data", StringComparison.Ordinal))
            {
                values["Lotus:DemoData"] = "false";
                continue;
            }

            var match = Array.FindIndex(Map, m => string.Equals(m.Option, name, StringComparison.Ordinal));
            if (match < 0)
            {
                var known = string.Join(", ", Map.Select(m => "--" + m.Option).Append("--no-demo-data"));
                throw new ArgumentException($"Unknown option --{name}. Options of serve: {known}.");
            }

            values[Map[match].Key] = commandLine.Get(name)
                ?? throw new ArgumentException($"Option --{name} needs a value.");
        }

        return values;
    }
}
