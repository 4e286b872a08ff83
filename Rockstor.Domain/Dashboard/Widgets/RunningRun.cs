namespace Rockstor.Domain.Dashboard.Widgets;

/// <summary>A send under way: how far (null while its size is unknown) and how fast.</summary>
public sealed record RunningRun(int TaskId, string Task, double? Percent, long BytesPerSecond);
