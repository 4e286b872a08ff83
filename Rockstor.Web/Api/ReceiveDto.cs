using Rockstor.Domain.Replication.Trail;


namespace Rockstor.Web.Api;

public sealed record ReceiveDto(
    int Id,
    string SenderApplianceId,
    string SenderHostname,
    string SourceShare,
    string ReplicaShare,
    string Pool,
    DateTimeOffset? LastReceiveAt,
    AttemptDto? LastAttempt)
{
    public static ReceiveDto From(ReceiveView view) => new(
        view.Replica.Id,
        view.Replica.SenderApplianceId,
        view.SenderHostname,
        view.Replica.SourceShare,
        view.Replica.ReplicaShare,
        view.Replica.Pool,
        view.Replica.LastReceiveAt,
        view.Latest is null ? null : AttemptDto.From(view.Latest));
}
