namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>A send task whose latest run failed: when, and why.</summary>
public sealed record RunFailure(int TaskId, string Task, DateTimeOffset At, string Error);
