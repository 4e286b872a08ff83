namespace Rockstor.Web.Api;

/// <summary>The passphrase the configuration file is encrypted with (at least 12 characters).</summary>
public sealed record ExportConfigurationBody(string? Passphrase);
