namespace Rockstor.Domain.Services;

public enum ServiceState
{
    Stopped,
    Running,
    Failed,
}
