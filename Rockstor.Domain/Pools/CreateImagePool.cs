namespace Rockstor.Domain.Pools;

/// <summary>Create a pool on an image file under the data directory (for trying the appliance out).</summary>
public sealed record CreateImagePool(string Name, int ImageSizeGiB);
