namespace Rockstor.Web.Api;

public sealed record ServiceSwitch(bool Enabled);
