using Lotus.Host.Cli;

// lotus-server: serve (default) | postgres start. See README.md.
try
{
    var commandLine = CommandLine.Parse(args);
    return commandLine.Command switch
    {
        "serve" => await ServeCommand.RunAsync(commandLine),
        "postgres" => await PostgresCommand.RunAsync(commandLine),
        _ => Usage($"unknown command '{commandLine.Command}'"),
    };
}
catch (Exception e) when (e is ArgumentException or Lotus.Storage.Embedded.EmbeddedPostgresException or Lotus.Storage.MigrationException)
{
    Console.Error.WriteLine("error: " + e.Message);
    return 1;
}

static int Usage(string problem)
{
    Console.Error.WriteLine($"{problem}. usage: lotus-server [serve] [--grpc-port N] [--rest-port N] [--pg-port N] [--embedded-data DIR] [--database CONN] | postgres start --data DIR [--port N]");
    return 2;
}
