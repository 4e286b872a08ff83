using Rockstor.Domain.Storage;

namespace Rockstor.Domain.Pools;

/// <summary>
/// Create a pool on image files under the data directory (for trying the appliance out, and for trying
/// multi-device pools without spare disks): <see cref="ImageCount"/> files of <see cref="ImageSizeGiB"/> each.
/// </summary>
public sealed record CreateImagePool(string Name, int ImageSizeGiB, int ImageCount = 1, RaidLevel RaidLevel = RaidLevel.Single);
