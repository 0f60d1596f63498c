using Lotus.Host.Services.Analytics.Export;
using Lotus.Storage.Analytics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Lotus.Host.Services.Analytics;

/// <summary>Registration of the RFC-063 analytics inputs (needs an <see cref="NpgsqlDataSource"/> singleton).</summary>
public static class AnalyticsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="AnalyticsInputService"/> (singleton), the PostgreSQL readers and export job
    /// store, and the export runner as a hosted service. <paramref name="configure"/> must provide the
    /// page-token keys (<see cref="AnalyticsOptions.PageTokenKeys"/>, shared by every server on the database).
    /// </summary>
    public static IServiceCollection AddLotusAnalytics(this IServiceCollection services, Action<AnalyticsOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new AnalyticsOptions();
        configure(options);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton<IAnalyticsStore>(sp => new PostgresAnalyticsStore(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<IExportJobStore>(sp => new ExportJobStore(sp.GetRequiredService<NpgsqlDataSource>()));
        services.AddSingleton<ExportJobExecutor>();
        services.AddSingleton<AnalyticsInputService>();
        services.AddHostedService<ExportJobRunner>();
        return services;
    }
}
