using Wiimmfi.Actors.Storage;
using Wiimmfi.Protocols.Common;
using Wiimmfi.Protocols.Gpcm;

namespace Wiimmfi.Actors.Sessions;

/// <summary>
/// What a console session does with each message: pure functions from (state, message) to a
/// <see cref="SessionDecision"/>. The entity actor (<see cref="ConsoleSession"/>) applies the events
/// and carries out the effects; nothing here performs I/O.
/// </summary>
/// <remarks>
/// <para><b>Friends.</b> Only mutual friends (both listed each other, as the store decides) see each
/// other's presence and exchange messages (gpcm.md §9). A session learns its mutual friends at login
/// (from the store) and keeps the set current from <see cref="FriendshipAuthorized"/> and
/// <see cref="FriendshipRevoked"/> notices that the other side sends when the store changes.</para>
/// <para><b>Presence.</b> At login a session sends its presence to every mutual friend and asks for
/// theirs in return, so a console that logs in later still learns its friends' current status. Every
/// <c>\status\</c> goes to every mutual friend; a logout sends the offline status.</para>
/// <para><b>Messages.</b> A buddy message goes only to a mutual friend who is online in the same game;
/// otherwise the sender gets a refusal it understands (a RESV_DENY for a match command, error 2307
/// otherwise). DWC drops a message from a profile it has no status of, so such a message is preceded
/// by a stand-in status in the same write (gpcm.md §9.6).</para>
/// <para><b>Stale connections.</b> Commands carry the session key of their connection; one from a
/// replaced connection (second login, kick) is ignored.</para>
/// </remarks>
public static class ConsoleSessionLogic
{
    /// <summary>Games whose consoles also want the text notice after an authorisation (WiiLink's list; DS games always).</summary>
    private static readonly HashSet<string> TextAuthNoticeGames = new(StringComparer.Ordinal) { "jissenpachwii", "drmariowii", "pokebattlewii" };

    /// <summary>The text notice some games expect after <c>\bm\4</c>.</summary>
    public const string AuthorizedNoticeText = "I have authorized your request to add me to your list";

    /// <summary>A checked login: become the profile's online session, replacing (kicking) an older one.</summary>
    public static SessionDecision Login(ConsoleSessionState state, SessionLogin login, IReadOnlyList<uint> friends, IReadOnlyList<uint> mutual)
    {
        var decision = new SessionDecision.Builder();
        if (state.IsOnline && !state.Connection!.Equals(login.Connection))
        {
            decision.Effect(new ToConsole(state.Connection, new ConsoleKick((int)GpErrorCode.ForcedDisconnect, GpError.DefaultMessage(GpErrorCode.ForcedDisconnect))));
        }

        decision.Event(new LoggedIn(login.Connection, login.SessionKey, login.Identity, friends, mutual));
        decision.Effect(new ToSender(new SessionLoginAccepted(state.ProfileId, login.SessionKey, friends)));
        foreach (var friend in mutual)
        {
            decision.Effect(new ToSession(new FriendPresence(friend, state.ProfileId, SessionPresence.Online, login.Identity.GameName,
                AnnounceAuthorization: false, AnswerWithOwn: true)));
        }

        return decision.Build();
    }

    /// <summary>
    /// A dormant session's own connection came back after a smart restart: it goes on with its stored state; friends
    /// are not told (for them nothing changed).
    /// </summary>
    public static SessionDecision Resume(ConsoleSessionState state, SessionLogin login) =>
        new SessionDecision.Builder()
            .Event(new SessionResumed(login.Connection))
            .Effect(new ToSender(new SessionLoginAccepted(state.ProfileId, login.SessionKey, [.. state.Friends.Order()])))
            .Build();

    /// <summary>The connection with <paramref name="sessionKey"/> ended: go offline and tell the friends.</summary>
    public static SessionDecision Logout(ConsoleSessionState state, int sessionKey, string reason) =>
        state.IsCurrent(sessionKey) ? GoOffline(state, reason, new SessionDecision.Builder()).Build() : SessionDecision.None;

    /// <summary>
    /// The connection actor stopped without a logout (its crash, node trouble, or a smart restart that took the socket to
    /// a successor): friends see the console offline, but no event is decided — the entity turns dormant, as a recovered
    /// one does, so the stored state (and a successor's resumption) is unaffected.
    /// </summary>
    public static SessionDecision ConnectionGone(ConsoleSessionState state, Runtime.IActorRef connection)
    {
        if (!state.IsOnline || !state.Connection!.Equals(connection))
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder();
        foreach (var friend in state.Mutual)
        {
            decision.Effect(new ToSession(new FriendOffline(friend, state.ProfileId)));
        }

        return decision.Build();
    }

    /// <summary>Moderation: disconnect the console with a fatal error and go offline.</summary>
    public static SessionDecision Kick(ConsoleSessionState state, KickSession kick)
    {
        var decision = new SessionDecision.Builder();
        if (!state.IsOnline)
        {
            return decision.Effect(new ToSender(new KickAnswer(state.ProfileId, WasOnline: false))).Build();
        }

        decision.Effect(new ToConsole(state.Connection!, new ConsoleKick(kick.Code, kick.Reason)));
        GoOffline(state, "kicked: " + kick.Reason, decision);
        return decision.Effect(new ToSender(new KickAnswer(state.ProfileId, WasOnline: true))).Build();
    }

    /// <summary><c>\status\</c>: keep the presence and send it to every mutual friend.</summary>
    public static SessionDecision Publish(ConsoleSessionState state, PublishStatus publish)
    {
        if (!state.IsCurrent(publish.SessionKey))
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder().Event(new PresenceChanged(publish.Presence));
        foreach (var friend in state.Mutual)
        {
            decision.Effect(new ToSession(new FriendPresence(friend, state.ProfileId, publish.Presence, state.GameName!,
                AnnounceAuthorization: false, AnswerWithOwn: false)));
        }

        return decision.Build();
    }

    /// <summary>The store has recorded an <c>\addbuddy\</c> with <paramref name="outcome"/>.</summary>
    public static SessionDecision FriendAddStored(ConsoleSessionState state, uint friend, FriendAddOutcome outcome)
    {
        if (!state.IsOnline)
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder();
        switch (outcome)
        {
            case FriendAddOutcome.Pending:
                decision.Event(new FriendAdded(friend, Mutual: false));
                break;
            case FriendAddOutcome.BecameMutual or FriendAddOutcome.AlreadyMutual:
                // Like WiiLink, an add between mutual friends (which every console repeats at each login)
                // announces the friendship to both consoles again and exchanges presence.
                decision.Event(new FriendAdded(friend, Mutual: true));
                decision.Effect(new ToSession(new FriendshipAuthorized(friend, state.ProfileId, state.Presence, state.GameName!)));
                break;
            case FriendAddOutcome.ListFull:
                decision.Effect(new ToConsole(state.Connection!, new ConsoleError((int)GpErrorCode.AddBuddy, "Your friend list is full.")));
                break;
        }

        return decision.Build();
    }

    /// <summary>The store has recorded a <c>\delbuddy\</c>; <paramref name="removed"/> is false when there was no such friend.</summary>
    public static SessionDecision FriendRemoveStored(ConsoleSessionState state, uint friend, bool removed)
    {
        if (!state.IsOnline)
        {
            return SessionDecision.None;
        }

        if (!removed)
        {
            return new SessionDecision.Builder()
                .Effect(new ToConsole(state.Connection!, new ConsoleError((int)GpErrorCode.DelBuddyNotBuddy, GpError.DefaultMessage(GpErrorCode.DelBuddyNotBuddy))))
                .Build();
        }

        return new SessionDecision.Builder()
            .Event(new FriendRemoved(friend))
            .Effect(new ToSession(new FriendshipRevoked(friend, state.ProfileId)))
            .Build();
    }

    /// <summary><c>\authadd\</c>: for a mutual friend, exchange presence; otherwise error 1793 (WiiLink's rule).</summary>
    public static SessionDecision Authorize(ConsoleSessionState state, AuthorizeBuddy authorize)
    {
        if (!state.IsCurrent(authorize.SessionKey))
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder();
        return state.Mutual.Contains(authorize.Requester)
            ? decision.Effect(new ToSession(new FriendPresence(authorize.Requester, state.ProfileId, state.Presence, state.GameName!,
                AnnounceAuthorization: false, AnswerWithOwn: true))).Build()
            : decision.Effect(new ToConsole(state.Connection!, new ConsoleError((int)GpErrorCode.AuthAddBadFrom, GpError.DefaultMessage(GpErrorCode.AuthAddBadFrom)))).Build();
    }

    /// <summary><c>\bm\</c> from this console: relay to a mutual friend, or error 2305.</summary>
    public static SessionDecision Send(ConsoleSessionState state, SendBuddyMessage send)
    {
        if (!state.IsCurrent(send.SessionKey))
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder();
        return state.Mutual.Contains(send.To)
            ? decision.Effect(new ToSession(new RelayBuddyMessage(send.To, state.ProfileId, send.Type, send.Text, send.MatchVersion, state.GameName!))).Build()
            : decision.Effect(new ToConsole(state.Connection!, new ConsoleError((int)GpErrorCode.BuddyMessageNotBuddy, GpError.DefaultMessage(GpErrorCode.BuddyMessageNotBuddy)))).Build();
    }

    /// <summary>A friend's presence arrived: show it (mutual friends in the same game only), and answer with ours when asked.</summary>
    public static SessionDecision OnFriendPresence(ConsoleSessionState state, FriendPresence notice)
    {
        if (!state.IsOnline || !state.Mutual.Contains(notice.From) || notice.GameName != state.GameName)
        {
            return SessionDecision.None;
        }

        var messages = new List<BuddyMessageDelivery>(3);
        if (notice.AnnounceAuthorization)
        {
            AddAuthorizationNotice(state, notice.From, messages);
        }

        messages.Add(Status(notice.From, notice.Presence, state.GameName!));
        var decision = new SessionDecision.Builder()
            .Event(new StatusReceived(notice.From))
            .Effect(new ToConsole(state.Connection!, new ConsoleDelivery(messages)));
        if (notice.AnswerWithOwn)
        {
            decision.Effect(new ToSession(new FriendPresence(notice.From, state.ProfileId, state.Presence, state.GameName!,
                AnnounceAuthorization: false, AnswerWithOwn: false)));
        }

        return decision.Build();
    }

    /// <summary>A friend listed this profile back: they are mutual now; announce it both ways and exchange presence.</summary>
    public static SessionDecision OnFriendshipAuthorized(ConsoleSessionState state, FriendshipAuthorized notice)
    {
        if (!state.IsOnline || notice.GameName != state.GameName)
        {
            return SessionDecision.None;
        }

        var messages = new List<BuddyMessageDelivery>(3);
        AddAuthorizationNotice(state, notice.From, messages);
        messages.Add(Status(notice.From, notice.Presence, state.GameName!));
        var decision = new SessionDecision.Builder();
        if (!state.Mutual.Contains(notice.From))
        {
            decision.Event(new FriendshipGranted(notice.From));
        }

        return decision
            .Event(new StatusReceived(notice.From))
            .Effect(new ToConsole(state.Connection!, new ConsoleDelivery(messages)))
            .Effect(new ToSession(new FriendPresence(notice.From, state.ProfileId, state.Presence, state.GameName!,
                AnnounceAuthorization: true, AnswerWithOwn: false)))
            .Build();
    }

    /// <summary>A friend went offline: show the offline status.</summary>
    public static SessionDecision OnFriendOffline(ConsoleSessionState state, FriendOffline notice)
    {
        if (!state.IsOnline || !state.Mutual.Contains(notice.From))
        {
            return SessionDecision.None;
        }

        return new SessionDecision.Builder()
            .Event(new StatusReceived(notice.From))
            .Effect(new ToConsole(state.Connection!, new ConsoleDelivery([Offline(notice.From)])))
            .Build();
    }

    /// <summary>A friend removed this profile: no longer mutual; its status turns offline on this console.</summary>
    public static SessionDecision OnFriendshipRevoked(ConsoleSessionState state, FriendshipRevoked notice)
    {
        if (!state.IsOnline || !state.Mutual.Contains(notice.From))
        {
            return SessionDecision.None;
        }

        return new SessionDecision.Builder()
            .Event(new FriendshipWithdrawn(notice.From))
            .Effect(new ToConsole(state.Connection!, new ConsoleDelivery([Offline(notice.From)])))
            .Build();
    }

    /// <summary>A friend's buddy message arrived: deliver it, or bounce it to the sender's session.</summary>
    public static SessionDecision OnRelay(ConsoleSessionState state, RelayBuddyMessage relay)
    {
        BounceReason? bounce = !state.IsOnline ? BounceReason.Offline
            : !state.Mutual.Contains(relay.From) ? BounceReason.NotMutual
            : relay.GameName != state.GameName ? BounceReason.OtherGame
            : null;
        var decision = new SessionDecision.Builder();
        if (bounce is { } reason)
        {
            return decision.Effect(new ToSession(new BuddyMessageBounced(relay.From, state.ProfileId, relay.Type, relay.MatchVersion, reason))).Build();
        }

        var messages = new List<BuddyMessageDelivery>(2);
        AddPlaceholderIfNeeded(state, relay.From, messages, decision);
        messages.Add(new BuddyMessageDelivery(relay.Type, relay.From, relay.Text));
        return decision.Effect(new ToConsole(state.Connection!, new ConsoleDelivery(messages))).Build();
    }

    /// <summary>
    /// A message this console sent could not be delivered: a match command is refused in the friend's
    /// name with RESV_DENY "room full" (as WiiLink does, so the game stops waiting); anything else gets 2307.
    /// </summary>
    public static SessionDecision OnBounced(ConsoleSessionState state, BuddyMessageBounced bounced)
    {
        if (!state.IsOnline)
        {
            return SessionDecision.None;
        }

        var decision = new SessionDecision.Builder();
        if (bounced.MatchVersion is 3 or 11 or 90)
        {
            var messages = new List<BuddyMessageDelivery>(2);
            AddPlaceholderIfNeeded(state, bounced.From, messages, decision);
            messages.Add(new BuddyMessageDelivery((int)GpBuddyMessageType.Message, bounced.From, GpcmMatchCommandText.ResvDenyRoomFull(bounced.MatchVersion)));
            return decision.Effect(new ToConsole(state.Connection!, new ConsoleDelivery(messages))).Build();
        }

        return decision
            .Effect(new ToConsole(state.Connection!, new ConsoleError((int)GpErrorCode.BuddyMessageBuddyOffline, GpError.DefaultMessage(GpErrorCode.BuddyMessageBuddyOffline))))
            .Build();
    }

    /// <summary>Answer to <see cref="GetPresence"/>.</summary>
    public static PresenceAnswer Presence(ConsoleSessionState state) =>
        new(state.ProfileId, state.IsOnline, state.IsOnline ? state.Presence : SessionPresence.Offline, state.GameName);

    /// <summary>Answer to <see cref="VerifySession"/>.</summary>
    public static SessionVerified Verify(ConsoleSessionState state, VerifySession verify)
    {
        var valid = state.IsCurrent(verify.SessionKey) && (verify.GameName is null || verify.GameName == state.GameName);
        return new SessionVerified(state.ProfileId, valid, valid ? state.Identity!.Gsbrcd : null);
    }

    private static SessionDecision.Builder GoOffline(ConsoleSessionState state, string reason, SessionDecision.Builder decision)
    {
        decision.Event(new LoggedOut(reason));
        foreach (var friend in state.Mutual)
        {
            decision.Effect(new ToSession(new FriendOffline(friend, state.ProfileId)));
        }

        return decision;
    }

    private static BuddyMessageDelivery Status(uint from, SessionPresence presence, string recipientGame) =>
        new((int)GpBuddyMessageType.Status, from, presence.ToStatusTextFor(recipientGame));

    private static BuddyMessageDelivery Offline(uint from) => new((int)GpBuddyMessageType.Status, from, GpcmPresence.OfflineText);

    private static void AddAuthorizationNotice(ConsoleSessionState state, uint from, List<BuddyMessageDelivery> messages)
    {
        messages.Add(new BuddyMessageDelivery((int)GpBuddyMessageType.Auth, from, ""));
        if (state.Identity!.UnitCode == 0 || TextAuthNoticeGames.Contains(state.Identity.GameName))
        {
            messages.Add(new BuddyMessageDelivery((int)GpBuddyMessageType.Message, from, AuthorizedNoticeText));
        }
    }

    private static void AddPlaceholderIfNeeded(ConsoleSessionState state, uint from, List<BuddyMessageDelivery> messages, SessionDecision.Builder decision)
    {
        if (!state.StatusReceivedFrom.Contains(from))
        {
            messages.Add(new BuddyMessageDelivery((int)GpBuddyMessageType.Status, from, GpcmPresence.PlaceholderText));
            decision.Event(new StatusReceived(from));
        }
    }
}
