namespace Rockstor.Web.Api;

/// <summary>PUT /api/peer/replication-port: the calling appliance's new replication port.</summary>
public sealed record ReplicationPortBody(int Port);
