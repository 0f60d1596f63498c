using Lotus.Grpc.Health;
using Lotus.Storage;
using Npgsql;

namespace Lotus.Host.Hosting;

/// <summary>Ready when the database answers and every migration of this build is applied.</summary>
internal sealed class DatabaseReadinessProbe(NpgsqlDataSource dataSource) : IReadinessProbe
{
    public string Name => "database";

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await MigrationRunner.IsUpToDateAsync(dataSource, cancellationToken).ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
