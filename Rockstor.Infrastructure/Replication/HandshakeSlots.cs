namespace Rockstor.Infrastructure.Replication;

/// <summary>
/// The TLS handshakes the replication listener runs at once: at most <see cref="Total"/>, and at most
/// <see cref="PerAddress"/> from one address, so that a host holding connections open without a
/// handshake can neither exhaust the machine nor crowd out the paired appliances at other addresses.
/// </summary>
internal sealed class HandshakeSlots
{
    public const int Total = 32;

    public const int PerAddress = 4;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, int> _byAddress = new(StringComparer.Ordinal);
    private int _taken;

    public bool TryTake(string address)
    {
        lock (_lock)
        {
            var fromAddress = _byAddress.GetValueOrDefault(address);
            if (_taken >= Total || fromAddress >= PerAddress)
            {
                return false;
            }

            _taken++;
            _byAddress[address] = fromAddress + 1;
            return true;
        }
    }

    public void Give(string address)
    {
        lock (_lock)
        {
            _taken--;
            if (--_byAddress[address] == 0)
            {
                _byAddress.Remove(address);
            }
        }
    }
}
