using Rockstor.Domain.Alerts;

namespace Rockstor.Web.Api;

public sealed record AlertDto(
    long Id,
    string Kind,
    int TaskId,
    string? Pool,
    string? About,
    string Subject,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ResolvedAt,
    bool Open,
    DateTimeOffset? NotifiedAt,
    string? NotifyError)
{
    public static AlertDto From(Alert a) => new(
        a.Id,
        char.ToLowerInvariant(a.Kind.ToString()[0]) + a.Kind.ToString()[1..],
        a.TaskId,
        a.Pool,
        a.About,
        a.Subject,
        a.Message,
        a.RaisedAt,
        a.ResolvedAt,
        a.Open,
        a.NotifiedAt,
        a.NotifyError);
}
