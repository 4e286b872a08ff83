namespace Rockstor.Domain.Common;
/// <summary>An error whose message is written for the person using the appliance.</summary>
public abstract class RockstorException : Exception
{
    protected RockstorException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}
