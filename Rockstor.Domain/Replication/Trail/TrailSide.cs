namespace Rockstor.Domain.Replication.Trail;

public enum TrailSide
{
    Send,
    Receive,
}
