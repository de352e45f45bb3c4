using System.Data.Common;
using Wiimmfi.Actors.Runtime;
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
/// </remarks>
public sealed class ConsoleSession : ReceiveActor
{
    private readonly ConsoleSessionServices _services;
    private readonly uint _profileId;
    private ConsoleSessionState _state;
    private IActorRef _region = ActorRefs.Nobody;

    public ConsoleSession(uint profileId, ConsoleSessionServices services)
    {
        _profileId = profileId;
        _services = services;
        _state = ConsoleSessionState.OfflineFor(profileId);

        ReceiveAsync<SessionLogin>(LoginAsync);
        Receive<SessionLogout>(m => Carry(ConsoleSessionLogic.Logout(_state, m.SessionKey, m.Reason)));
        Receive<KickSession>(Kick);
        Receive<PublishStatus>(m => Carry(ConsoleSessionLogic.Publish(_state, m)));
        ReceiveAsync<AddBuddy>(AddBuddyAsync);
        ReceiveAsync<RemoveBuddy>(RemoveBuddyAsync);
        Receive<AuthorizeBuddy>(m => Carry(ConsoleSessionLogic.Authorize(_state, m)));
        Receive<SendBuddyMessage>(m => Carry(ConsoleSessionLogic.Send(_state, m)));
        ReceiveAsync<UpdateNames>(UpdateNamesAsync);
        Receive<GetPresence>(_ => Sender.Tell(ConsoleSessionLogic.Presence(_state), Self));
        Receive<VerifySession>(m => Sender.Tell(ConsoleSessionLogic.Verify(_state, m), Self));
        Receive<FriendPresence>(m => Carry(ConsoleSessionLogic.OnFriendPresence(_state, m)));
        Receive<FriendOffline>(m => Carry(ConsoleSessionLogic.OnFriendOffline(_state, m)));
        Receive<FriendshipAuthorized>(m => Carry(ConsoleSessionLogic.OnFriendshipAuthorized(_state, m)));
        Receive<FriendshipRevoked>(m => Carry(ConsoleSessionLogic.OnFriendshipRevoked(_state, m)));
        Receive<RelayBuddyMessage>(m => Carry(ConsoleSessionLogic.OnRelay(_state, m)));
        Receive<BuddyMessageBounced>(m => Carry(ConsoleSessionLogic.OnBounced(_state, m)));
        Receive<Terminated>(m => Carry(ConsoleSessionLogic.ConnectionGone(_state, m.ActorRef)));
        Receive<ReceiveTimeout>(_ => PassivateIfOffline());
        Receive<StatusStored>(_ => { });
        Receive<Status.Failure>(f => StoreFailed("update-status", f.Cause));
    }

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

    /// <summary>Applies the events, keeps the read model and watches in step, and carries out the effects.</summary>
    private void Carry(SessionDecision decision)
    {
        foreach (var fact in decision.Events)
        {
            var before = _state;
            _state = _state.Apply(fact);
            Observe(before, fact);
        }

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

    private static bool IsStoreFailure(Exception e) =>
        e is DbException or TimeoutException or OperationCanceledException or InvalidOperationException;

    private sealed class StatusStored
    {
        public static readonly StatusStored Instance = new();
    }
}
