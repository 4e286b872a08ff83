namespace Rockstor.Domain.Storage;

/// <summary>
/// The one subvolume a send stream was offered for, which is all a receive may make of it: its name in the
/// receive folder, the uuid the stream must announce (the source snapshot's), and for an incremental
/// stream the parent it builds on (its uuid as the stream names it, and where this appliance holds it).
/// </summary>
public sealed record ExpectedSubvolume(string Name, string Uuid, string? ParentUuid = null, string? ParentPath = null);
