namespace Rockstor.Domain.Common;

/// <summary>An error whose message is written for the person using the appliance.</summary>
public abstract class RockstorException : Exception
{
    protected RockstorException(string message, Exception? inner = null)
        : base(message, inner)
    {
    }
}

/// <summary>The request itself is wrong (a bad name, a raid level that does not fit the devices).</summary>
public sealed class ValidationException(string message) : RockstorException(message);

/// <summary>The pool, share or snapshot named does not exist.</summary>
public sealed class NotFoundException(string message) : RockstorException(message);

/// <summary>The request clashes with what exists (a name in use, a share that still has snapshots).</summary>
public sealed class ConflictException(string message) : RockstorException(message);

/// <summary>A storage command (btrfs, mount, losetup) failed; keeps the command's own error output.</summary>
public sealed class StorageCommandException : RockstorException
{
    public StorageCommandException(string message, string command, string standardError, Exception? inner = null)
        : base(Compose(message, standardError), inner)
    {
        Command = command;
        StandardError = standardError;
    }

    public string Command { get; }

    public string StandardError { get; }

    private static string Compose(string message, string standardError)
    {
        var detail = standardError.Trim();
        return detail.Length == 0 ? message : $"{message}: {detail}";
    }
}
