using Rockstor.Domain.Common;

namespace Rockstor.Domain.Appliances;

/// <summary>The certificate presented is not the one expected (pinned, or typed in by the admin).</summary>
public sealed class CertificateMismatchException(string message) : RockstorException(message);
