using System.Runtime.CompilerServices;
using Lotus.Storage.Analytics;

namespace Lotus.Host.Services.Analytics;

/// <summary>A row of a traversal: a stored row, or a forward-filled copy of one on a later date.</summary>
public readonly record struct SeriesItem<TRow>(TRow Row, DateOnly Date, bool Filled);

/// <summary>
/// The traversal of a window in keyset order with the missing-observation policy applied. Strict and
/// skip read stored rows after the cursor. Forward fill starts at the latest observed date not after the
/// cursor (so the row to carry is known) and drops items up to the cursor: every page and the stream
/// produce the same items.
/// </summary>
public static class SeriesTraversal
{
    /// <summary>Rows grouped by date, then filled onto expected dates the store has no rows for.</summary>
    public static async IAsyncEnumerable<SeriesItem<TRow>> FillAsync<TRow>(
        IAsyncEnumerable<TRow> rows,
        Func<TRow, DateOnly> dateOf,
        IReadOnlyList<DateOnly> expectedDates,
        bool fill,
        int sqlLimit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var previousGroup = new List<TRow>();
        var currentGroup = new List<TRow>();
        DateOnly? currentDate = null;
        var expectedIndex = 0;
        var read = 0;
        await foreach (var row in rows.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            read++;
            var date = dateOf(row);
            if (currentDate != date)
            {
                if (fill && currentDate is { } previous)
                {
                    (previousGroup, currentGroup) = (currentGroup, previousGroup);
                    currentGroup.Clear();
                    while (expectedIndex < expectedDates.Count && expectedDates[expectedIndex] <= previous)
                    {
                        expectedIndex++;
                    }

                    for (; expectedIndex < expectedDates.Count && expectedDates[expectedIndex] < date; expectedIndex++)
                    {
                        foreach (var carried in previousGroup)
                        {
                            yield return new SeriesItem<TRow>(carried, expectedDates[expectedIndex], true);
                        }
                    }
                }

                currentDate = date;
            }

            if (fill)
            {
                currentGroup.Add(row);
            }

            yield return new SeriesItem<TRow>(row, date, false);
        }

        // Trailing dates are filled only when the read reached the end of the window.
        if (fill && currentDate is { } last && (sqlLimit == 0 || read < sqlLimit))
        {
            while (expectedIndex < expectedDates.Count && expectedDates[expectedIndex] <= last)
            {
                expectedIndex++;
            }

            for (; expectedIndex < expectedDates.Count; expectedIndex++)
            {
                foreach (var carried in currentGroup)
                {
                    yield return new SeriesItem<TRow>(carried, expectedDates[expectedIndex], true);
                }
            }
        }
    }

    /// <summary>Where a forward-fill read starts: the latest observed date not after the cursor date.</summary>
    public static DateOnly FillStart(TimeseriesContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Cursor is not { } cursor)
        {
            return context.Window.Start;
        }

        var observed = context.Summary.ObservedDates;
        DateOnly? start = null;
        foreach (var date in observed)
        {
            if (date > cursor.ValuationDate)
            {
                break;
            }

            start = date;
        }

        return start ?? context.Window.Start;
    }

    public static bool AfterCursor(KeysetCursor? cursor, DateOnly date, string securityId)
        => cursor is not { } c
            || date > c.ValuationDate
            || (date == c.ValuationDate && string.CompareOrdinal(securityId, c.SecurityId) > 0);
}
