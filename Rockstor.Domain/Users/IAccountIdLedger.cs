namespace Rockstor.Domain.Users;

/// <summary>
/// The highest user and group ids this appliance ever gave. The system reuses a deleted account's id,
/// and files a deleted user left in a share would then belong to the next user made; ids handed out
/// here only grow.
/// </summary>
public interface IAccountIdLedger
{
    int HighestUid();

    int HighestGid();

    void RecordUid(int uid);

    void RecordGid(int gid);
}
