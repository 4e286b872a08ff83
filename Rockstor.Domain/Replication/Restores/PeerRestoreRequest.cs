namespace Rockstor.Domain.Replication.Restores;

/// <summary>
/// A restore as one appliance asks it of another: send <see cref="Snapshot"/> of my share <see cref="Share"/>
/// back to me, presenting <see cref="Code"/> (which I gave only you) in the hello.
/// </summary>
public sealed record PeerRestoreRequest(string Code, string Share, string Snapshot);
