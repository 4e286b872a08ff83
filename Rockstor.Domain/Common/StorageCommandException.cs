namespace Rockstor.Domain.Common;

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
