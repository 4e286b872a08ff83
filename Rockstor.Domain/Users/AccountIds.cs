namespace Rockstor.Domain.Users;

/// <summary>The next id for a new account: above every ordinary id in use and every id this appliance gave before.</summary>
internal static class AccountIds
{
    public static int Next(IEnumerable<int> inUse, int highestGiven)
    {
        var highest = inUse.Where(id => id is >= AccountRules.FirstId and <= AccountRules.LastId).DefaultIfEmpty(AccountRules.FirstId - 1).Max();
        var next = Math.Max(highest, highestGiven) + 1;
        return next <= AccountRules.LastId
            ? next
            : throw new Common.ConflictException($"Every id up to {AccountRules.LastId} has been given; give the new account an unused id yourself.");
    }
}
