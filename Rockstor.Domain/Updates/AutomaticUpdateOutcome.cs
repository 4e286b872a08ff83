namespace Rockstor.Domain.Updates;

/// <summary>What an automatic update did, in words, and whether to try again later in the window (work was going on).</summary>
public sealed record AutomaticUpdateOutcome(string Message, bool TryAgainLater = false);
