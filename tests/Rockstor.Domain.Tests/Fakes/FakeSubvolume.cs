namespace Rockstor.Domain.Tests.Fakes;

/// <summary>
/// What the fake disk knows of a subvolume: btrfs's ids and flags, and its <see cref="Content"/>, a line of
/// text that stands for the files in it (a snapshot copies it, a send carries it).
/// </summary>
public sealed record FakeSubvolume(long Id, string Uuid, string? ParentUuid, string? ReceivedUuid, bool ReadOnly, DateTimeOffset CreatedAt, string Content);
