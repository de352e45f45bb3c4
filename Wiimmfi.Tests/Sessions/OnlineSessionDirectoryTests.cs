using Wiimmfi.Actors.Sessions;
using static Wiimmfi.Tests.Sessions.SessionTestData;

namespace Wiimmfi.Tests.Sessions;

public sealed class OnlineSessionDirectoryTests
{
    [Fact]
    public void A_newer_login_replaces_the_entry_and_the_older_sessions_updates_and_removal_do_not_touch_it()
    {
        var directory = new OnlineSessionDirectory();
        directory.Register(new OnlineSessionInfo(Identity(), 1, SessionPresence.Online));
        directory.Register(new OnlineSessionInfo(Identity(), 2, SessionPresence.Online));

        directory.UpdatePresence(Me, 1, new SessionPresence(3, "old", ""));
        directory.Remove(Me, 1);

        var entry = directory.Find(Me);
        Assert.Equal(2, entry!.SessionKey);
        Assert.Equal(SessionPresence.Online, entry.Presence);
        directory.UpdatePresence(Me, 2, new SessionPresence(3, "new", ""));
        Assert.Equal("new", directory.Find(Me)!.Presence.StatString);
        directory.Remove(Me, 2);
        Assert.Null(directory.Find(Me));
        Assert.Equal(0, directory.Count);
    }

    [Fact]
    public void The_snapshot_is_ordered_by_profile_id()
    {
        var directory = new OnlineSessionDirectory();
        directory.Register(new OnlineSessionInfo(Identity(Friend), 1, SessionPresence.Online));
        directory.Register(new OnlineSessionInfo(Identity(Me), 1, SessionPresence.Online));

        Assert.Equal([Me, Friend], directory.Snapshot().Select(s => s.Identity.ProfileId));
    }
}
