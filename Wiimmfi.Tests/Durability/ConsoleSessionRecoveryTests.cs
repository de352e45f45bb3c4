using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Actors.Sessions;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Tests.TestKit;

namespace Wiimmfi.Tests.Durability;

/// <summary>
/// Console sessions that come back after their actor system stopped, over the same SQLite file (store and journal):
/// a session that was online is dormant — offline for everyone, its stored state kept — until its own connection
/// takes it back after a smart restart; a fresh login starts a fresh session.
/// </summary>
public sealed class ConsoleSessionRecoveryTests : IAsyncLifetime
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private static readonly SessionPresence Racing = new(3, "/VER=3/GRP=12345", "AAAA");
    private const int MyKey = 111_111;
    private const int FriendKey = 222_222;

    private readonly string _file = TemporaryPersistence.NewFile();
    private uint _me;
    private uint _friend;

    public async Task InitializeAsync()
    {
        var options = StoreOptions.ForSqliteFile(_file);
        await SchemaMigrator.MigrateAsync(options);
        await using var store = WiimmfiStore.Create(options);
        _me = (await store.Profiles.CreateAsync(new NewProfile(9_000_001, "RMCJ2leohni", "RMCP", "Mario", "durable-me", "durable-me@nds", null))).Profile!.ProfileId;
        _friend = (await store.Profiles.CreateAsync(new NewProfile(9_000_002, "RMCJ2leohni", "RMCP", "Luigi", "durable-friend", "durable-friend@nds", null))).Profile!.ProfileId;
        await store.Friends.AddAsync(_me, _friend);
        await store.Friends.AddAsync(_friend, _me);
    }

    public Task DisposeAsync()
    {
        TemporaryPersistence.Delete(_file);
        return Task.CompletedTask;
    }

    private static SessionIdentity Identity(uint profileId) =>
        new(profileId, 9_000_000 + profileId, "nick" + profileId, "RMCJ2leohni", "mariokartwii", "Mii", "0000-0000-0000", 1, "127.0.0.1",
            "0211223344aa", 0x0403AC68, new DateTimeOffset(2026, 11, 22, 6, 0, 0, TimeSpan.Zero));

    /// <summary>One incarnation of the node's session side: actor system, store and journal over the file, the region.</summary>
    private sealed class Incarnation : IAsyncDisposable
    {
        private readonly IWiimmfiStore _store;

        public Incarnation(string file)
        {
            Kit = new ActorSystemFixture();
            Persistence = TemporaryPersistence.Start(Kit.System, file);
            _store = WiimmfiStore.Create(StoreOptions.ForSqliteFile(file));
            Sessions = ConsoleSessionRegion.Start(Kit.System,
                new ConsoleSessionServices(_store, new OnlineSessionDirectory(), new SessionMetrics(), TimeProvider.System), ClusterShardingSettings.Default);
        }

        public ActorSystemFixture Kit { get; }
        public TemporaryPersistence Persistence { get; }
        public ConsoleSessionRegion Sessions { get; }

        /// <summary>A GPCM connection stand-in that logs <paramref name="profileId"/> in with <paramref name="key"/>.</summary>
        public async Task<TestProbe> LoginAsync(uint profileId, int key)
        {
            var connection = Kit.CreateTestProbe();
            connection.Send(Sessions.Region, new SessionLogin(profileId, connection.Ref, key, Identity(profileId)));
            await connection.FishForMessageAsync<SessionLoginAccepted>(_ => true, Wait);
            return connection;
        }

        public Task<SessionRecord> RecordAsync(uint profileId) => Sessions.Region.Ask<SessionRecord>(new GetSessionRecord(profileId), Wait);

        public async ValueTask DisposeAsync()
        {
            // Entities stop without a logout, as in the predecessor of a smart restart; the journal is flushed.
            await Kit.DisposeAsync();
            await Persistence.DisposeAsync();
            await _store.DisposeAsync();
        }
    }

    private async Task OnlineWithStatusAsync()
    {
        await using var before = new Incarnation(_file);
        await before.LoginAsync(_friend, FriendKey);
        var me = await before.LoginAsync(_me, MyKey);
        me.Send(before.Sessions.Region, new PublishStatus(_me, MyKey, Racing));
        await Awaiting.ConditionAsync(() => before.RecordAsync(_me).GetAwaiter().GetResult().Presence == Racing, message: "the status should be applied");
    }

    [Fact]
    public async Task A_session_online_before_the_restart_comes_back_dormant_with_its_last_status_and_friends()
    {
        await OnlineWithStatusAsync();

        await using var after = new Incarnation(_file);
        var record = await after.RecordAsync(_me);

        Assert.Equal(new SessionRecord(_me, Online: false, Dormant: true, Racing, "mariokartwii", [_friend], [_friend]),
            record with { Friends = [.. record.Friends], Mutual = [.. record.Mutual] }, new SessionRecordComparer());
        // Offline for everyone: its old key is refused, it is not in the directory, presence says offline.
        Assert.False((await after.Sessions.Region.Ask<SessionVerified>(new VerifySession(_me, MyKey, null), Wait)).Valid);
        Assert.Null(after.Sessions.Directory.Find(_me));
        Assert.False((await after.Sessions.Region.Ask<PresenceAnswer>(new GetPresence(_me), Wait)).Online);
        Assert.Equal(1, after.Sessions.Metrics.RecoveredDormant);
    }

    [Fact]
    public async Task Its_own_connection_takes_the_dormant_session_back_with_its_status_while_a_new_login_starts_afresh()
    {
        await OnlineWithStatusAsync();

        await using var after = new Incarnation(_file);
        var resumed = await after.LoginAsync(_me, MyKey);          // the adopted connection re-registers with its key
        var fresh = await after.LoginAsync(_friend, FriendKey + 1); // a new login (new key) of the other profile

        var mine = await after.RecordAsync(_me);
        Assert.True(mine.Online);
        Assert.Equal(Racing, mine.Presence);
        Assert.Equal(Racing, after.Sessions.Directory.Find(_me)!.Presence);
        Assert.True((await after.Sessions.Region.Ask<SessionVerified>(new VerifySession(_me, MyKey, "mariokartwii"), Wait)).Valid);
        Assert.Equal(1, after.Sessions.Metrics.SessionsResumed);
        Assert.Equal(SessionPresence.Online, (await after.RecordAsync(_friend)).Presence);

        // The resumed session works on: a new status reaches the friend's new connection.
        var next = Racing with { StatString = "/VER=3/GRP=99" };
        resumed.Send(after.Sessions.Region, new PublishStatus(_me, MyKey, next));
        await fresh.FishForMessageAsync<ConsoleDelivery>(d => d.Messages.Any(m => m.Text.Contains("GRP=99", StringComparison.Ordinal)), Wait);
    }

    /// <summary>Records hold lists; compare them by content.</summary>
    private sealed class SessionRecordComparer : IEqualityComparer<SessionRecord>
    {
        public bool Equals(SessionRecord? x, SessionRecord? y) =>
            x is not null && y is not null && x with { Friends = [], Mutual = [] } == y with { Friends = [], Mutual = [] } &&
            x.Friends.SequenceEqual(y.Friends) && x.Mutual.SequenceEqual(y.Mutual);

        public int GetHashCode(SessionRecord obj) => obj.ProfileId.GetHashCode();
    }
}
