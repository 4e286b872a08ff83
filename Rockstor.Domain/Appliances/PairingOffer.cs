namespace Rockstor.Domain.Appliances;

/// <summary>The pairing request one appliance sends another: the other's admin login, and who is asking.</summary>
public sealed record PairingOffer(string Username, string Password, ApplianceCard From);
