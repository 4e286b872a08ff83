using LiteDB;
using Rockstor.Domain.Users;

namespace Rockstor.Infrastructure.Persistence;

internal sealed class AccountIdLedger(RockstorDatabase db) : IAccountIdLedger
{
    public int HighestUid() => Load().HighestUid;

    public int HighestGid() => Load().HighestGid;

    public void RecordUid(int uid)
    {
        var ledger = Load();
        if (uid > ledger.HighestUid)
        {
            ledger.HighestUid = uid;
            db.AccountIds.Upsert(ledger);
        }
    }

    public void RecordGid(int gid)
    {
        var ledger = Load();
        if (gid > ledger.HighestGid)
        {
            ledger.HighestGid = gid;
            db.AccountIds.Upsert(ledger);
        }
    }

    private AccountIdsDocument Load() => db.AccountIds.FindById(1) ?? new AccountIdsDocument();
}

internal sealed class AccountIdsDocument
{
    /// <summary>Always 1: one ledger.</summary>
    [BsonId]
    public int Key { get; set; } = 1;

    public int HighestUid { get; set; }

    public int HighestGid { get; set; }
}
