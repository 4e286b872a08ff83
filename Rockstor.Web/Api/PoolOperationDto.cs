using Rockstor.Domain.Pools.Operations;

namespace Rockstor.Web.Api;

/// <summary>A scrub, balance, disk removal or replacement as the API shows it.</summary>
public sealed record PoolOperationDto(
    long Id,
    string Pool,
    string Kind,
    string State,
    string Detail,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? Message,
    double Percent,
    long? BytesDone,
    long? BytesTotal,
    long? BytesPerSecond,
    long? SecondsLeft,
    long ErrorsFound,
    long ErrorsCorrected,
    long ErrorsUncorrectable,
    bool Found)
{
    public static PoolOperationDto From(PoolOperation o) => new(
        o.Id,
        o.Pool,
        Word(o.Kind.ToString()),
        Word(o.State.ToString()),
        o.Detail,
        o.StartedAt,
        o.EndedAt,
        o.Message,
        Math.Round(o.Progress.Percent, 1),
        o.Progress.BytesDone,
        o.Progress.BytesTotal,
        o.Progress.BytesPerSecond,
        o.Progress.SecondsLeft,
        o.Progress.ErrorsFound,
        o.Progress.ErrorsCorrected,
        o.Progress.ErrorsUncorrectable,
        o.Found);

    /// <summary>"RemoveDevice" -> "removeDevice", as the API's other enums read.</summary>
    private static string Word(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
