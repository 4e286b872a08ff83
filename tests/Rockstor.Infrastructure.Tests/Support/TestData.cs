namespace Rockstor.Infrastructure.Tests.Support;

/// <summary>Real output of btrfs-progs v6.2 and util-linux, captured on a test machine.</summary>
internal static class TestData
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));
}
