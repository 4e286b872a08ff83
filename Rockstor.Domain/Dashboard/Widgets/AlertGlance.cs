using Rockstor.Domain.Alerts;

namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>How many alerts are open, and the newest of them.</summary>
public sealed record AlertGlance(int Open, IReadOnlyList<Alert> Newest);
