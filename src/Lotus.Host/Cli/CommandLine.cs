namespace Lotus.Host.Cli;

/// <summary>
/// The server's command line: <c>lotus-server [command] [subcommand] [--option value | --flag]...</c>.
/// Deliberately small: options map onto configuration keys (<see cref="ConfigurationOverrides"/>).
/// </summary>
internal sealed class CommandLine
{
    private readonly Dictionary<string, string?> options;

    private CommandLine(string command, IReadOnlyList<string> positional, Dictionary<string, string?> options)
    {
        Command = command;
        Positional = positional;
        this.options = options;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string?>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }

            var name = arg[2..];
            var eq = name.IndexOf('=', StringComparison.Ordinal);
            if (eq >= 0)
            {
                options[name[..eq]] = name[(eq + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = args[++i];
            }
            else
            {
                options[name] = null;
            }
        }

        var command = positional.Count > 0 ? positional[0] : "serve";
        return new CommandLine(command, positional.Skip(1).ToArray(), options);
    }

    public bool Has(string name) => options.ContainsKey(name);

    public string? Get(string name) => options.TryGetValue(name, out var value) ? value : null;

    public IEnumerable<string> OptionNames => options.Keys;
}
