namespace Lotus.Host.Services.Analytics;

/// <summary>One position day's inputs to the serving-time beginning-capital repair.</summary>
/// <param name="StoredBod">The calculators' BOD (local).</param>
/// <param name="Eod">EOD (local).</param>
/// <param name="PriorEod">EOD of the security's latest earlier row (null when none).</param>
/// <param name="BodFlow">Sum of the position's BOD flows (position view).</param>
/// <param name="HasFlows">The position has flows on the date.</param>
/// <param name="InternalOnly">Every position flow of the date is internal.</param>
/// <param name="PortfolioExternalFlow">The portfolio has an external flow on the date.</param>
/// <param name="IsCash">A cash book (asset class cash or id CASH_*).</param>
public readonly record struct ContinuityInput(
    decimal StoredBod,
    decimal Eod,
    decimal? PriorEod,
    decimal BodFlow,
    bool HasFlows,
    bool InternalOnly,
    bool PortfolioExternalFlow,
    bool IsCash);

/// <summary>
/// The original's TWR-safe beginning market value (contracts §3.2 "Beginning-capital continuity",
/// semantics §6.4), applied when serving position rows, first rule that applies:
/// (1) a non-zero prior EOD and no BOD flow: BOD = prior EOD (repairs a stale stored BOD);
/// (2) a cash book whose flows are all internal with no portfolio external flow: BOD = EOD (capital-neutral);
/// (3) stored BOD 0, a non-zero BOD flow, internal-only flows, no external flow: BOD = prior EOD + BOD flow;
/// (4) a new internally funded position (no prior capital), internal-only flows, no external flow: BOD = EOD;
/// otherwise the stored BOD. "Prior" is the security's latest stored row before the date at the pinned
/// version, for the first row of a page too (looked up), so pages and streams agree.
/// </summary>
public static class BeginningCapitalContinuity
{
    public static decimal Resolve(in ContinuityInput input)
    {
        var internalFunded = input.HasFlows && input.InternalOnly && !input.PortfolioExternalFlow;
        if (input.PriorEod is { } prior && prior != 0m && input.BodFlow == 0m)
        {
            return prior;
        }

        if (input.IsCash && internalFunded)
        {
            return input.Eod;
        }

        if (input.StoredBod == 0m && input.BodFlow != 0m && internalFunded)
        {
            return (input.PriorEod ?? 0m) + input.BodFlow;
        }

        if ((input.PriorEod is null || input.PriorEod == 0m) && internalFunded)
        {
            return input.Eod;
        }

        return input.StoredBod;
    }

    public static bool IsCashBook(string securityId, string? assetClass)
        => string.Equals(assetClass, "cash", StringComparison.OrdinalIgnoreCase) || securityId.StartsWith("CASH_", StringComparison.OrdinalIgnoreCase);
}
