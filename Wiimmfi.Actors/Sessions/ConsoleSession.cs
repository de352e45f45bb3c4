using System.Data.Common;
using Wiimmfi.Actors.Runtime;
using Wiimmfi.Actors.Runtime.Persistence;
using Wiimmfi.Actors.Runtime.Sharding;
using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// The session entity of one profile (entity id = profile id, in the <c>session</c> shard region):
/// who is online on which GPCM connection, its presence and its friend lists, and the relay of
/// presence and buddy messages between mutual friends.
/// </summary>
/// <remarks>
/// <code>
///   Offline ──SessionLogin (lists loaded)──▶ Online ──Logout / Kick / connection stopped──▶ Offline
///      ▲  │                                   │  ▲
///      │  └─idle for OfflineLinger─▶ passivated│  └─SessionLogin from another connection (old one kicked)
/// </code>
/// <para>Decisions are <see cref="ConsoleSessionLogic"/>'s pure functions; this actor only loads and
/// stores friend edges, applies the decided events to its <see cref="ConsoleSessionState"/>, and
/// carries out the effects (tell a console, tell another session, answer). It never touches a socket:
/// consoles are reached through their GPCM connection actor.</para>
/// <para>Idle passivation by the region is off for this entity type — an online session may be quiet for
/// minutes — so the entity passivates itself after <see cref="ConsoleSessionServices.OfflineLinger"/>
/// while offline. Store calls run as async handlers (the mailbox waits), bounded by
/// <see cref="ConsoleSessionServices.StoreTimeout"/>; a failed call changes nothing and the console
/// gets a GP error.</para>
/// <para><b>Persistence</b> (stream <c>session-&lt;profile id&gt;</c>). What shapes the session — logins,
/// logouts, friend-list changes, the resumption after a smart restart — is persisted with
/// <see cref="PersistentActor.PersistAll{TEvent}"/>: the decision's effects (replies, notices to friends) leave only
/// once its events are durable, and later commands wait meanwhile, so nobody hears of a login the journal does not
/// have. The frequent facts — a new presence (<c>\status\</c>) and "this console has now seen a status from X" —
/// are applied and sent at once and journaled write-behind (<see cref="PersistentActor.PersistAllAsync{TEvent}"/>):
/// holding every status behind a commit would delay a friend's race invitation by the disk's latency. Ordering
/// argument: both kinds go through the same per-actor journal queue in the order they were applied (a held persist
/// blocks later commands; a write-behind one is queued before anything decided after it), so the journal is always
/// a prefix of the session's history and a crash loses at most the latest presence changes.</para>
/// <para><b>Recovery.</b> The connection named in the journal belongs to an earlier process: a recovered session
/// that was online is <i>dormant</i> — offline for everyone (not in the directory, commands with its key ignored,
/// GPSP checks refused) but keeping its stored state (identity, last presence, friend lists). If the same connection
/// comes back after a smart restart (a <see cref="SessionLogin"/> with the dormant session key and profile), the
/// session is <i>resumed</i> with that state — the console's status and friends are as before and nobody is told
/// anything changed. Any other login starts a session as usual. After a crash the consoles' connections are gone,
/// so their sessions stay dormant until the consoles log in again.</para>
/// </remarks>
public sealed class ConsoleSession : PersistentActor
{
    private readonly ConsoleSessionServices _services;
    private readonly uint _profileId;
    private ConsoleSessionState _state;
    private IActorRef _region = ActorRefs.Nobody;
    // The session key of a session recovered as online (0 when none): a login with it resumes the session.
    private int _dormantKey;

    public ConsoleSession(uint profileId, ConsoleSessionServices services)
    {
        _profileId = profileId;
        _services = services;
        _state = ConsoleSessionState.OfflineFor(profileId);
        PersistenceId = PersistenceIdOf(profileId);

        Recover<SessionEvent>(e => _state = _state.Apply(e));
        Recover<RecoveryCompleted>(_ => OnRecovered());

        CommandAsync<SessionLogin>(LoginAsync);
        Command<SessionLogout>(m => Carry(ConsoleSessionLogic.Logout(_state, m.SessionKey, m.Reason)));
        Command<KickSession>(Kick);
        Command<PublishStatus>(m => Carry(ConsoleSessionLogic.Publish(_state, m)));
        CommandAsync<AddBuddy>(AddBuddyAsync);
        CommandAsync<RemoveBuddy>(RemoveBuddyAsync);
        Command<AuthorizeBuddy>(m => Carry(ConsoleSessionLogic.Authorize(_state, m)));
        Command<SendBuddyMessage>(m => Carry(ConsoleSessionLogic.Send(_state, m)));
        CommandAsync<UpdateNames>(UpdateNamesAsync);
        Command<GetPresence>(_ => Sender.Tell(ConsoleSessionLogic.Presence(_state), Self));
        Command<VerifySession>(m => Sender.Tell(ConsoleSessionLogic.Verify(_state, m), Self));
        Command<FriendPresence>(m => Carry(ConsoleSessionLogic.OnFriendPresence(_state, m)));
        Command<FriendOffline>(m => Carry(ConsoleSessionLogic.OnFriendOffline(_state, m)));
        Command<FriendshipAuthorized>(m => Carry(ConsoleSessionLogic.OnFriendshipAuthorized(_state, m)));
        Command<FriendshipRevoked>(m => Carry(ConsoleSessionLogic.OnFriendshipRevoked(_state, m)));
        Command<RelayBuddyMessage>(m => Carry(ConsoleSessionLogic.OnRelay(_state, m)));
        Command<BuddyMessageBounced>(m => Carry(ConsoleSessionLogic.OnBounced(_state, m)));
        Command<Terminated>(m => ConnectionGone(m.ActorRef));
        Command<ReceiveTimeout>(_ => PassivateIfOffline());
        Command<StatusStored>(_ => { });
        Command<Status.Failure>(f => StoreFailed("update-status", f.Cause));
        Command<GetSessionRecord>(_ => Sender.Tell(Record(), Self));
    }

    /// <summary>The journal stream of <paramref name="profileId"/>'s session.</summary>
    public static string PersistenceIdOf(uint profileId) => "session-" + profileId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <inheritdoc/>
    public override string PersistenceId { get; }

    /// <summary>The journal's connection is another process's: online in the journal means dormant here.</summary>
    private void OnRecovered()
    {
        if (_state.Connection is null)
            return;
        _dormantKey = _state.SessionKey;
        _state = _state with { Connection = null };
        _services.Metrics.Recovered();
        SessionLog.RecoveredDormant(Context.Logger, _profileId, _state.Presence.Status);
    }

    /// <summary>
    /// The connection actor stopped without a logout. Nothing is persisted: in a smart restart the predecessor's
    /// connection actors stop this way while the successor resumes the sessions, and a logout written here would undo
    /// that. The session turns dormant, exactly as after a recovery.
    /// </summary>
    private void ConnectionGone(IActorRef connection)
    {
        var decision = ConsoleSessionLogic.ConnectionGone(_state, connection);
        if (!_state.IsOnline || !_state.Connection!.Equals(connection))
        {
            return;
        }

        _services.Directory.Remove(_profileId, _state.SessionKey);
        _dormantKey = _state.SessionKey;
        _state = _state with { Connection = null };
        Context.SetReceiveTimeout(_services.OfflineLinger);
        SessionLog.LoggedOut(Context.Logger, _profileId, "connection stopped without a logout (dormant)");
        CarryEffects(decision);
    }

    private SessionRecord Record() => new(_profileId, _state.IsOnline, _dormantKey != 0 && !_state.IsOnline,
        _state.Presence, _state.GameName, [.. _state.Friends.Order()], [.. _state.Mutual.Order()]);

    /// <summary>The state, for tests that drive the actor directly.</summary>
    internal ConsoleSessionState State => _state;

    protected override void PreStart()
    {
        _region = ClusterSharding.Get(Context.System).ShardRegion(ConsoleSessionRegion.TypeName);
        Context.SetReceiveTimeout(_services.OfflineLinger);
    }

    protected override void PostStop()
    {
        // Stopped while online (node shutdown, a failure): the read model must not keep listing the console.
        if (_state.IsOnline)
        {
            _services.Directory.Remove(_profileId, _state.SessionKey);
        }
    }

    private async Task LoginAsync(SessionLogin login)
    {
        if (_dormantKey != 0 && !_state.IsOnline && login.SessionKey == _dormantKey && login.Identity.ProfileId == _profileId)
        {
            // The connection of a dormant session came back (smart restart): the same session goes on.
            _dormantKey = 0;
            Carry(ConsoleSessionLogic.Resume(_state, login));
            return;
        }

        IReadOnlyList<FriendEdge> friends;
        IReadOnlyList<uint> mutual;
        try
        {
            using var timeout = new CancellationTokenSource(_services.StoreTimeout);
            friends = await _services.Store.Friends.ListAsync(_profileId, timeout.Token);
            mutual = await _services.Store.Friends.ListMutualAsync(_profileId, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            StoreFailed("load-friends", e);
            Sender.Tell(new SessionLoginRefused(_profileId, (int)GpErrorCode.Database, GpError.DefaultMessage(GpErrorCode.Database)), Self);
            return;
        }

        var friendIds = new uint[friends.Count];
        for (var i = 0; i < friendIds.Length; i++)
        {
            friendIds[i] = friends[i].Friend;
        }

        Carry(ConsoleSessionLogic.Login(_state, login, friendIds, mutual));
    }

    private void Kick(KickSession kick)
    {
        if (_state.IsOnline)
        {
            SessionLog.Kicked(Context.Logger, _profileId, kick.Code, kick.Reason);
            _services.Metrics.Kick();
        }

        Carry(ConsoleSessionLogic.Kick(_state, kick));
    }

    private async Task AddBuddyAsync(AddBuddy add)
    {
        if (!_state.IsCurrent(add.SessionKey))
        {
            return;
        }

        FriendAddOutcome outcome;
        try
        {
            using var timeout = new CancellationTokenSource(_services.StoreTimeout);
            outcome = await _services.Store.Friends.AddAsync(_profileId, add.Friend, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            StoreFailed("add-friend", e);
            TellConsole(new ConsoleError((int)GpErrorCode.AddBuddy, GpError.DefaultMessage(GpErrorCode.AddBuddy)));
            return;
        }

        Carry(ConsoleSessionLogic.FriendAddStored(_state, add.Friend, outcome));
    }

    private async Task RemoveBuddyAsync(RemoveBuddy remove)
    {
        if (!_state.IsCurrent(remove.SessionKey))
        {
            return;
        }

        bool removed;
        try
        {
            using var timeout = new CancellationTokenSource(_services.StoreTimeout);
            removed = await _services.Store.Friends.RemoveAsync(_profileId, remove.Friend, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            StoreFailed("remove-friend", e);
            TellConsole(new ConsoleError((int)GpErrorCode.DelBuddy, GpError.DefaultMessage(GpErrorCode.DelBuddy)));
            return;
        }

        Carry(ConsoleSessionLogic.FriendRemoveStored(_state, remove.Friend, removed));
    }

    private async Task UpdateNamesAsync(UpdateNames update)
    {
        if (!_state.IsCurrent(update.SessionKey) || (update.FirstName is null && update.LastName is null))
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_services.StoreTimeout);
            await _services.Store.Profiles.UpdateNamesAsync(_profileId, update.FirstName, update.LastName, timeout.Token);
        }
        catch (Exception e) when (IsStoreFailure(e))
        {
            // updatepro has no reply in GPCM; the failure is counted and logged.
            StoreFailed("update-names", e);
        }
    }

    /// <summary>
    /// Applies the events, keeps the read model and watches in step, and carries out the effects: after the events are
    /// durable for what shapes the session, at once (events journaled write-behind) for presence facts.
    /// </summary>
    private void Carry(SessionDecision decision)
    {
        var events = decision.Events;
        if (events.Count == 0)
        {
            CarryEffects(decision);
            return;
        }

        if (IsWriteBehind(events))
        {
            foreach (var fact in events)
            {
                ApplyAndObserve(fact);
            }

            PersistAllAsync(events, IgnoreDurable);
            CarryEffects(decision);
            return;
        }

        PersistAll(events, ApplyAndObserve);
        DeferAsync(decision, CarryEffects);
    }

    private static bool IsWriteBehind(IReadOnlyList<SessionEvent> events)
    {
        foreach (var fact in events)
        {
            if (fact is not (PresenceChanged or StatusReceived))
            {
                return false;
            }
        }

        return true;
    }

    private static void IgnoreDurable(SessionEvent fact)
    {
    }

    private void ApplyAndObserve(SessionEvent fact)
    {
        var before = _state;
        _state = _state.Apply(fact);
        Observe(before, fact);
    }

    private void CarryEffects(SessionDecision decision)
    {
        foreach (var effect in decision.Effects)
        {
            switch (effect)
            {
                case ToConsole console:
                    CountDeliveries(console.Message);
                    console.Connection.Tell(console.Message, Self);
                    break;
                case ToSession session:
                    if (session.Message is BuddyMessageBounced)
                    {
                        _services.Metrics.Bounced();
                    }

                    _region.Tell(session.Message, Self);
                    break;
                case ToSender reply:
                    Sender.Tell(reply.Message, Self);
                    break;
            }
        }
    }

    private void Observe(ConsoleSessionState before, SessionEvent fact)
    {
        switch (fact)
        {
            case LoggedIn loggedIn:
                if (before.IsOnline)
                {
                    Context.Unwatch(before.Connection!);
                    _services.Directory.Remove(_profileId, before.SessionKey);
                    _services.Metrics.Replaced();
                    SessionLog.Replaced(Context.Logger, _profileId);
                }

                Context.Watch(loggedIn.Connection);
                Context.SetReceiveTimeout(null);
                _services.Directory.Register(new OnlineSessionInfo(loggedIn.Identity, loggedIn.SessionKey, _state.Presence));
                _services.Metrics.Login();
                SessionLog.LoggedIn(Context.Logger, _profileId, loggedIn.Identity.FriendCode, loggedIn.Identity.GameName, loggedIn.Identity.Ip);
                break;
            case LoggedOut loggedOut:
                Context.Unwatch(before.Connection!);
                _services.Directory.Remove(_profileId, before.SessionKey);
                Context.SetReceiveTimeout(_services.OfflineLinger);
                SessionLog.LoggedOut(Context.Logger, _profileId, loggedOut.Reason);
                // The last presence is kept with the profile for operators; a failure is only logged.
                var presence = before.Presence;
                _services.Store.Profiles.UpdateStatusAsync(_profileId, new ProfileStatus(presence.Status, presence.StatString, presence.LocString))
                    .PipeTo(Self, success: _ => StatusStored.Instance);
                break;
            case PresenceChanged changed:
                _services.Directory.UpdatePresence(_profileId, _state.SessionKey, changed.Presence);
                break;
            case SessionResumed resumed:
                Context.Watch(resumed.Connection);
                Context.SetReceiveTimeout(null);
                _services.Directory.Register(new OnlineSessionInfo(_state.Identity!, _state.SessionKey, _state.Presence));
                _services.Metrics.Resumed();
                SessionLog.Resumed(Context.Logger, _profileId, _state.Presence.Status);
                break;
        }
    }

    private void CountDeliveries(object message)
    {
        if (message is not ConsoleDelivery delivery)
        {
            return;
        }

        foreach (var item in delivery.Messages)
        {
            if (item.Type == (int)Protocols.Gpcm.GpBuddyMessageType.Status)
            {
                _services.Metrics.StatusDelivered();
            }
            else
            {
                _services.Metrics.Relayed();
            }
        }
    }

    private void TellConsole(object message)
    {
        if (_state.Connection is { } connection)
        {
            connection.Tell(message, Self);
        }
    }

    private void PassivateIfOffline()
    {
        if (!_state.IsOnline)
        {
            Context.Parent.Tell(new Passivate(PoisonPill.Instance), Self);
        }
    }

    private void StoreFailed(string operation, Exception cause)
    {
        _services.Metrics.StoreFailure();
        SessionLog.StoreFailed(Context.Logger, operation, _profileId, cause);
    }

    /// <summary>A fenced journal (smart restart) is expected, not an error: the successor owns the session now.</summary>
    protected override void OnPersistFailure(Exception cause, object? @event, long sequenceNr)
    {
        if (cause is JournalFencedException)
        {
            return;
        }

        base.OnPersistFailure(cause, @event, sequenceNr);
    }

    private static bool IsStoreFailure(Exception e) =>
        e is DbException or TimeoutException or OperationCanceledException or InvalidOperationException;

    private sealed class StatusStored
    {
        public static readonly StatusStored Instance = new();
    }
}
