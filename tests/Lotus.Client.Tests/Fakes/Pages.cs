using Lotus.Core.V1;

namespace Lotus.Client.Tests.Fakes;

/// <summary>Canned timeseries pages: one observation per day from a start date, tokens "t1", "t2", ...</summary>
internal static class Pages
{
    public static PortfolioTimeseries Portfolio(int pageIndex, int rows, bool last, DateOnly firstDate)
    {
        var page = new PortfolioTimeseries
        {
            PortfolioId = "P1",
            PortfolioCurrency = "USD",
            Page = new AnalyticsPageInfo { PageSize = rows, ReturnedRowCount = rows, NextPageToken = last ? string.Empty : $"t{pageIndex + 1}" },
        };
        for (var i = 0; i < rows; i++)
        {
            var day = firstDate.AddDays((pageIndex * rows) + i);
            page.Observations.Add(new PortfolioObservation
            {
                ValuationDate = DateString.Format(day),
                BeginningMarketValue = (1000m + (pageIndex * rows) + i).ToString(System.Globalization.CultureInfo.InvariantCulture),
                EndingMarketValue = (1001m + (pageIndex * rows) + i).ToString(System.Globalization.CultureInfo.InvariantCulture) + ".50",
                ValuationStatus = "final",
            });
        }

        return page;
    }

    /// <summary>The same pages as unary responses and as stream messages.</summary>
    public static IReadOnlyList<PortfolioTimeseries> PortfolioPages(int count, int rows, DateOnly firstDate)
        => Enumerable.Range(0, count).Select(i => Portfolio(i, rows, i == count - 1, firstDate)).ToArray();

    public static PositionTimeseries Position(int pageIndex, bool last, params string[] securities)
    {
        var page = new PositionTimeseries
        {
            PortfolioId = "P1",
            Page = new AnalyticsPageInfo { NextPageToken = last ? string.Empty : $"t{pageIndex + 1}" },
        };
        foreach (var security in securities)
        {
            page.Rows.Add(new PositionTimeseriesRow
            {
                PositionId = "P1:" + security,
                SecurityId = security,
                ValuationDate = DateString.Format(new DateOnly(2026, 1, 5).AddDays(pageIndex)),
                BeginningMarketValuePortfolioCurrency = "100",
                EndingMarketValuePortfolioCurrency = "101.25",
            });
        }

        return page;
    }
}
