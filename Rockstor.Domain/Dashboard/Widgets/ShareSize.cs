namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>A share and the bytes it references (its quota group's, as the Shares screen shows).</summary>
public sealed record ShareSize(string Name, string Pool, long UsedBytes);
