namespace Rockstor.Domain.Storage;

/// <summary>A whole disk that the machine has, and whether a pool may be made on it.</summary>
public sealed record BlockDevice(string Path, long SizeBytes, string? Model, string? Serial, string? Unusable)
{
    public bool Usable => Unusable is null;
}
