namespace Lotus.Host.Hosting;

/// <summary>The server's configuration, section <c>Lotus</c> (appsettings.json, environment <c>Lotus__...</c>, command line).</summary>
public sealed class LotusSettings
{
    public DatabaseSettings Database { get; set; } = new();

    public EmbeddedSettings Embedded { get; set; } = new();

    public EndpointSettings Endpoints { get; set; } = new();

    public EventLogSettings EventLog { get; set; } = new();

    /// <summary>Load the demo portfolios at start-up (idempotent). Default true.</summary>
    public bool DemoData { get; set; } = true;

    /// <summary>
    /// Base64 key (>= 16 bytes) signing page tokens; every server sharing a database needs the same one.
    /// Empty: a random key per process.
    /// </summary>
    public string? PageTokenKey { get; set; }
}

public sealed class DatabaseSettings
{
    /// <summary>Npgsql connection string of an external PostgreSQL; empty starts the embedded one.</summary>
    public string? ConnectionString { get; set; }
}

public sealed class EmbeddedSettings
{
    /// <summary>Folder of the private PostgreSQL's data (<c>pg/</c> inside it). Default <c>.lotus</c> in the working directory.</summary>
    public string DataDirectory { get; set; } = ".lotus";

    /// <summary>Port of the private PostgreSQL on 127.0.0.1. Default 55432.</summary>
    public int PostgresPort { get; set; } = 55432;

    /// <summary>Database created in the private cluster. Default <c>lotus</c>.</summary>
    public string DatabaseName { get; set; } = "lotus";
}

public sealed class EndpointSettings
{
    /// <summary>Address both endpoints bind to. Default 127.0.0.1; use 0.0.0.0 in containers.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>gRPC endpoint: HTTP/2 (cleartext with prior knowledge, or TLS with ALPN h2). Default 50051; 0 picks a free port.</summary>
    public int GrpcPort { get; set; } = 50051;

    /// <summary>REST endpoint: HTTP/1.1 (and HTTP/2 under TLS). Default 8080; 0 picks a free port.</summary>
    public int RestPort { get; set; } = 8080;

    public TlsSettings Tls { get; set; } = new();
}

public sealed class TlsSettings
{
    /// <summary>PKCS#12 (.pfx) certificate; empty serves cleartext.</summary>
    public string? CertificatePath { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class EventLogSettings
{
    /// <summary><c>postgres</c> (default: the durable log in the same database) or <c>kafka</c>.</summary>
    public string Transport { get; set; } = "postgres";

    public KafkaSettings Kafka { get; set; } = new();
}

public sealed class KafkaSettings
{
    public string? BootstrapServers { get; set; }
}
