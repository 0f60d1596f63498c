namespace Lotus.Storage.Embedded;

/// <summary>How <see cref="EmbeddedPostgres"/> sets up and runs its private cluster.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>
    /// The cluster's data directory (created and initialised when missing or empty). When the
    /// process runs as root, the server runs as the <c>postgres</c> OS user, which must be able to
    /// reach this path: use e.g. <c>/var/lib/lotus/pgdata</c>, not a path under <c>/root</c>.
    /// </summary>
    public required string DataDirectory { get; init; }

    /// <summary>TCP port on 127.0.0.1 (the server never listens elsewhere). Default 5433.</summary>
    public int Port { get; init; } = 5433;

    /// <summary>Directory of <c>initdb</c>/<c>pg_ctl</c>/<c>postgres</c>; found automatically when null.</summary>
    public string? BinDirectory { get; init; }

    /// <summary>Unix socket in the data directory (true) or no unix socket at all (false). Default true.</summary>
    public bool UnixSocket { get; init; } = true;

    /// <summary>The superuser created by <c>initdb</c>. Default <c>postgres</c>.</summary>
    public string SuperUser { get; init; } = "postgres";

    /// <summary>
    /// False trades crash safety for speed (<c>fsync</c>, <c>synchronous_commit</c>,
    /// <c>full_page_writes</c> off, <c>initdb --no-sync</c>): for throw-away test clusters only.
    /// </summary>
    public bool Durable { get; init; } = true;

    /// <summary>Extra server settings written to the cluster's <c>lotus.conf</c> (name -> value, values quoted for you).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>How long <c>pg_ctl start</c> may wait for the server to accept connections. Default 60 s.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Stop the server on dispose when this instance started it (default true). A cluster that was
    /// already running and merely reused is left running.
    /// </summary>
    public bool StopOnDispose { get; init; } = true;
}
