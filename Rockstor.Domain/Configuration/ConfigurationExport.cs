namespace Rockstor.Domain.Configuration;

/// <summary>A configuration file and the name to save it under.</summary>
public sealed record ConfigurationExport(string FileName, byte[] Content);
