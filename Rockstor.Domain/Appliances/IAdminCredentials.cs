namespace Rockstor.Domain.Appliances;

/// <summary>Checks the admin's username and password, which another appliance presents to pair (ADR-006).</summary>
public interface IAdminCredentials
{
    /// <summary>Whether the credentials are this appliance's admin's (the caller does not learn which part was wrong).</summary>
    bool AreValid(string? username, string? password);
}
