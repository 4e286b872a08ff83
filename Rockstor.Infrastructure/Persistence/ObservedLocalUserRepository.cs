using Rockstor.Domain.Users;

namespace Rockstor.Infrastructure.Persistence;

/// <summary>
/// The store's records of the appliance's users, telling <see cref="Changed"/> the user's name after each
/// write (a user added, changed or removed), so what keeps a copy of a user's settings (the SFTP server's
/// key files) follows whatever path changed them.
/// </summary>
internal sealed class ObservedLocalUserRepository(LocalUserRepository inner) : ILocalUserRepository
{
    public event Action<string>? Changed;

    public IReadOnlyList<LocalUser> List() => inner.List();

    public LocalUser? Find(string name) => inner.Find(name);

    public void Add(LocalUser user)
    {
        inner.Add(user);
        Changed?.Invoke(user.Name);
    }

    public void Update(LocalUser user)
    {
        inner.Update(user);
        Changed?.Invoke(user.Name);
    }

    public void Remove(string name)
    {
        inner.Remove(name);
        Changed?.Invoke(name);
    }
}
