using Rockstor.Infrastructure.Users;

namespace Rockstor.Infrastructure.Tests.Users;

public sealed class AccountFileParserTests
{
    [Fact]
    public void Passwd_lines_give_name_ids_first_comment_field_home_and_shell_and_odd_lines_are_skipped()
    {
        var users = PasswdParser.Parse("""
            root:x:0:0:root:/root:/bin/bash
            alice:x:1001:1001:Alice Smith,Room 4,,:/nonexistent:/usr/sbin/nologin
            broken line
            nouid:x::100::/:/bin/sh
            +::::::
            """);

        Assert.Equal(2, users.Count);
        Assert.Equal(new Domain.Users.SystemUser("alice", 1001, 1001, "Alice Smith", "/nonexistent", "/usr/sbin/nologin"), users[1]);
    }

    [Fact]
    public void Group_lines_give_members_and_an_empty_member_list_is_empty()
    {
        var groups = GroupFileParser.Parse("""
            root:x:0:
            team:x:1005:alice,bob
            bad:x:notanumber:
            """);

        Assert.Equal(2, groups.Count);
        Assert.Empty(groups[0].Members);
        Assert.Equal(["alice", "bob"], groups[1].Members);
    }
}
