namespace Rockstor.Domain.Dashboard.Machine;

/// <summary>Reads the machine's counters (the kernel's, in Infrastructure); reading writes nothing.</summary>
public interface ISystemCounters
{
    SystemCounters Read();
}
