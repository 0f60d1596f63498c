namespace Lotus.Storage.Canonical;

/// <summary>The canonical entity kinds written by ingestion.</summary>
public enum CanonicalEntity
{
    Portfolio,
    Instrument,
    Transaction,
    MarketPrice,
    FxRate,
    BusinessDate,
}

/// <summary>A staged record whose business key repeats an earlier record of the same request.</summary>
/// <param name="Entity">The entity kind.</param>
/// <param name="Index">Record index (within its kind, counted across the whole request).</param>
/// <param name="FirstIndex">Index of the earlier record with the same key.</param>
public readonly record struct DuplicateRecord(CanonicalEntity Entity, int Index, int FirstIndex);
