namespace Rockstor.Domain.Storage;

/// <summary>
/// A send stream asked for something its offer does not allow (a path that climbs out of its subvolume, a
/// second subvolume, another name or uuid, data cloned from elsewhere): the receive was stopped before
/// btrfs acted on that command.
/// </summary>
public sealed class UnsafeSendStreamException(string reason) : Common.RockstorException(reason);
