using Rockstor.Domain.Updates;
using Rockstor.Infrastructure.Updates;

namespace Rockstor.Infrastructure.Tests.Updates;

public sealed class UpdateFilesTests
{
    [Fact]
    public void The_updaters_progress_file_is_read_as_rockstor_update_writes_it()
    {
        // As rockstor-update's say() writes it.
        const string written = "state=rolledBack\nstep=done\nfrom=2.0.0\nto=3.0.0\nat=1796094000\nmessage=Version 3.0.0 did not answer within 30 s. Version 2.0.0 was put back and runs.\n";

        var progress = UpdateProgressFile.Parse(written);

        Assert.Equal(UpdateState.RolledBack, progress.State);
        Assert.Equal(("done", "2.0.0", "3.0.0"), (progress.Step, progress.From, progress.To));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1796094000), progress.At);
        Assert.StartsWith("Version 3.0.0 did not answer", progress.Message);
        Assert.Equal(progress, UpdateProgressFile.Parse(UpdateProgressFile.Format(progress)));
    }

    [Fact]
    public void A_progress_file_cut_short_or_unknown_reads_as_no_update()
    {
        Assert.Equal(UpdateProgress.Idle, UpdateProgressFile.Parse(""));
        Assert.Equal(UpdateProgress.Idle, UpdateProgressFile.Parse("state=dancing\n"));
    }

    [Fact]
    public void The_changelog_offered_holds_the_entries_newer_than_the_version_installed()
    {
        const string changelog = """
            rockstor (3.0.0) stable; urgency=medium

              * Third.

             -- Rockstor.NET developers <rockstor@localhost>  Wed, 02 Dec 2026 00:00:00 +0000

            rockstor (2.0.0) stable; urgency=medium

              * Second.

             -- Rockstor.NET developers <rockstor@localhost>  Tue, 01 Dec 2026 00:00:00 +0000

            rockstor (1.0.0) stable; urgency=medium

              * First.
            """;

        var since = DebianChangelog.Since(changelog, "1.0.0");

        Assert.Contains("* Third.", since);
        Assert.Contains("* Second.", since);
        Assert.DoesNotContain("First", since);
        Assert.DoesNotContain("(1.0.0)", since);
    }
}
