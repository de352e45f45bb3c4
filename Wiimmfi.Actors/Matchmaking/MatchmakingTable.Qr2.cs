using Wiimmfi.Protocols.Mkw;
using Wiimmfi.Protocols.Qr2;

namespace Wiimmfi.Actors.Matchmaking;

// QR2 packets forwarded by the front-end: heartbeats, challenge responses, keep-alives, acknowledgements.
public sealed partial class MatchmakingTable
{
    private bool _fullWarned;

    private void OnHeartbeat(Qr2HeartbeatReceived message)
    {
        _metrics.Increment(MatchmakingCounter.Qr2Heartbeats);
        long now = _clock.GetTimestamp();
        var address = message.Address;
        var host = _state.Find(address);
        _sessions.TryGetValue(address, out var session);

        // The common case: the same heartbeat as last time. Nothing changes but liveness.
        if (host is not null && session?.LastHeartbeat is { } previous && previous.AsSpan().SequenceEqual(message.Datagram))
        {
            _metrics.Increment(MatchmakingCounter.Qr2HeartbeatsUnchanged);
            session.Touch(now);
            if (!ReferenceEquals(session.Frontend, Sender))
                session.Frontend = Sender; // heartbeats always come from the front-end that serves the host
            Answer(host, session, session.LastStateChange);
            return;
        }

        var parsed = Qr2ClientPacketReader.Read(message.Datagram);
        if (parsed.Packet is not Qr2Heartbeat heartbeat)
        {
            _metrics.Increment(MatchmakingCounter.Qr2MalformedDatagrams);
            RefuseHeartbeat(host, address, parsed.IsSuccess ? "not a heartbeat" : parsed.ToString());
            return;
        }
        if (!string.Equals(heartbeat.GameName, _gameName, StringComparison.Ordinal))
        {
            _metrics.Increment(MatchmakingCounter.Qr2MalformedDatagrams);
            RefuseHeartbeat(host, address, "its gamename is not this table's");
            return;
        }

        var stateChange = heartbeat.StateChanged;
        if (stateChange == Qr2StateChange.Shutdown)
        {
            if (host is null)
                Sender.Tell(new Qr2HostGone(_gameName, address), Self);
            RemoveHost(address, HostRemovalReason.Shutdown); // no reply: the console has stopped listening
            return;
        }

        var keys = InternKeys(heartbeat.ServerKeys);
        var players = HostKeySection.From(heartbeat.Players);
        var teams = HostKeySection.From(heartbeat.Teams);
        uint instanceKey = heartbeat.InstanceKey.Value;
        string? profileBefore = host?.GetValue(MkwQr2Keys.ProfileId);

        if (host is null || (host.InstanceKey != instanceKey && stateChange == Qr2StateChange.Initial))
        {
            // A new host, or a console that restarted QR2 on the same address: it must answer a new challenge.
            if (host is null && !HasRoomForNewHost())
            {
                Sender.Tell(new Qr2HostGone(_gameName, address), Self); // the front-end must not keep routing it here
                return;
            }
            Apply(new HostRegistered(address, instanceKey, Qr2Challenge.Create(address.Ip, address.Port), keys, players, teams));
            _metrics.Increment(MatchmakingCounter.Qr2HostsRegistered);
            MatchmakingLog.HostRegistered(Context.Logger, _gameName, address);
            if (session is null)
            {
                session = new HostSession(now, Sender);
                _sessions.Add(address, session);
            }
            else
            {
                session.RegisteredAt = now;
                DropRelays(address, session); // they were meant for the previous QR2 instance
            }
        }
        else if (host.InstanceKey != instanceKey || !SameKeys(host.Keys, keys) ||
                 !HostKeySection.SameContent(host.Players, players) || !HostKeySection.SameContent(host.Teams, teams))
        {
            Apply(new HostUpdated(address, instanceKey, keys, players, teams));
            _metrics.Increment(MatchmakingCounter.Qr2RecordsChanged);
        }
        else
        {
            _metrics.Increment(MatchmakingCounter.Qr2HeartbeatsUnchanged); // other bytes, same record
        }

        session!.LastHeartbeat = message.Datagram;
        session.LastStateChange = stateChange;
        session.Touch(now);
        session.Frontend = Sender;
        host = _state.Find(address)!;
        if (host.Authenticated && !string.Equals(profileBefore, host.GetValue(MkwQr2Keys.ProfileId), StringComparison.Ordinal))
            ReplaceEarlierRegistrations(host);
        Answer(host, session, stateChange);
    }

    /// <summary>
    /// What a heartbeat needs back: an unauthenticated host gets its challenge (again — the same one, so a late
    /// response still fits); an authenticated host repeating its first heartbeat lost our CLIENT_REGISTERED and
    /// gets it again. Periodic heartbeats of listed hosts get nothing.
    /// </summary>
    private void Answer(HostRecord host, HostSession session, Qr2StateChange stateChange)
    {
        if (!host.Authenticated)
        {
            session.Frontend.Tell(new Qr2SendChallenge(host.Address, host.InstanceKey, host.Challenge!), Self);
            _metrics.Increment(MatchmakingCounter.Qr2ChallengesSent);
        }
        else if (stateChange == Qr2StateChange.Initial)
        {
            session.Frontend.Tell(new Qr2SendClientRegistered(host.Address, host.InstanceKey), Self);
        }
    }

    /// <summary>Counts and logs a refused heartbeat; when the address has no host here, the front-end forgets its
    /// route (it learned it from this heartbeat), so refused addresses never pile up there.</summary>
    private void RefuseHeartbeat(HostRecord? host, HostAddress address, string reason)
    {
        MatchmakingLog.HeartbeatRefused(Context.Logger, _gameName, address, reason);
        if (host is null)
            Sender.Tell(new Qr2HostGone(_gameName, address), Self);
    }

    private bool HasRoomForNewHost()
    {
        int maxPending = Math.Max(1, _settings.MaxHostsPerGame / 4);
        if (_state.Hosts.Count < _settings.MaxHostsPerGame && _state.PendingCount < maxPending)
            return true;
        _metrics.Increment(MatchmakingCounter.Qr2TableFull);
        if (!_fullWarned)
        {
            _fullWarned = true; // once per sweep: a flood must not flood the log too
            MatchmakingLog.TableFull(Context.Logger, _gameName, _state.Hosts.Count, _state.PendingCount);
        }
        return false;
    }

    private void OnChallengeAnswered(Qr2ChallengeAnswered message)
    {
        if (!TryTouchKnownHost(message.Address, out var host, out var session))
            return;
        if (host.InstanceKey != message.InstanceKey)
        {
            _metrics.Increment(MatchmakingCounter.Qr2StaleInstanceKeys);
            return;
        }
        if (host.Authenticated)
        {
            // Our CLIENT_REGISTERED was lost and the console answered a repeated challenge: confirm again.
            session.Frontend.Tell(new Qr2SendClientRegistered(host.Address, host.InstanceKey), Self);
            return;
        }
        if (!IsRightResponse(host, message.Response))
        {
            _metrics.Increment(MatchmakingCounter.Qr2ChallengeFailures);
            MatchmakingLog.ChallengeFailed(Context.Logger, _gameName, host.Address);
            return;
        }
        Apply(new HostAuthenticated(host.Address));
        _metrics.Increment(MatchmakingCounter.Qr2HostsAuthenticated);
        MatchmakingLog.HostAuthenticated(Context.Logger, _gameName, host.Address);
        session.Frontend.Tell(new Qr2SendClientRegistered(host.Address, host.InstanceKey), Self);
        ReplaceEarlierRegistrations(_state.Find(host.Address)!);
    }

    private bool IsRightResponse(HostRecord host, string response)
    {
        if (!_settings.VerifyChallengeResponses)
            return true;
        // Read the key now, not at start: the game list may have been reloaded since.
        if (_games.Current.SecretKeyOf(_gameName) is not { } secretKey || host.Challenge is null)
            return false;
        try
        {
            return Qr2ChallengeAlgorithm.Verify(secretKey, host.Challenge, response);
        }
        catch (ArgumentException e)
        {
            MatchmakingLog.SecretKeyUnusable(Context.Logger, _gameName, e.Message);
            return false;
        }
    }

    private void OnKeepAlive(Qr2KeepAliveReceived message)
    {
        if (!TryTouchKnownHost(message.Address, out var host, out _))
            return;
        _metrics.Increment(MatchmakingCounter.Qr2KeepAlives);
        if (host.InstanceKey != message.InstanceKey)
        {
            Apply(new HostInstanceKeyChanged(host.Address, message.InstanceKey));
            _metrics.Increment(MatchmakingCounter.Qr2RecordsChanged);
        }
    }

    private void OnClientMessageAcknowledged(Qr2ClientMessageAcknowledged message)
    {
        if (!TryTouchKnownHost(message.Address, out _, out var session))
            return;
        if (session.Relay is { } relay && relay.Acknowledge(message.MessageKey))
        {
            _metrics.Increment(MatchmakingCounter.RelaysDelivered);
            Timers.Cancel(new RelayTimer(message.Address));
            SendNextRelay(message.Address, session);
        }
    }

    private void OnForgetHost(ForgetHost message) => RemoveHost(message.Address, message.Reason);

    /// <summary>
    /// Refreshes the liveness of a host that sent a packet; false (and the front-end is told to stop routing the
    /// address here) when the table has no such host.
    /// </summary>
    private bool TryTouchKnownHost(HostAddress address,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostRecord? host,
        [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostSession? session)
    {
        host = _state.Find(address);
        session = null;
        if (host is null || !_sessions.TryGetValue(address, out session))
        {
            _metrics.Increment(MatchmakingCounter.Qr2UnknownHosts);
            Sender.Tell(new Qr2HostGone(_gameName, address), Self);
            return false;
        }
        session.Touch(_clock.GetTimestamp());
        return true;
    }

    /// <summary>
    /// One registration per profile and public IP: when a console comes back on a new QR2 port (its NAT mapping
    /// changed), its old entry would otherwise be listed for another minute and draw reservations into the void.
    /// Only entries from the same IP are replaced, so nobody can evict another console by claiming its pid.
    /// </summary>
    private void ReplaceEarlierRegistrations(HostRecord host)
    {
        if (host.GetValue(MkwQr2Keys.ProfileId) is not { Length: > 0 } profileId)
            return;
        var slots = _index.Lookup(MkwQr2Keys.ProfileId, profileId, _isKnownKey);
        if (slots.Length < 2)
            return;
        var replaced = new List<HostAddress>();
        foreach (int slot in slots)
        {
            if (_index[slot] is { } other && other.Address != host.Address && other.Address.Ip == host.Address.Ip)
                replaced.Add(other.Address);
        }
        foreach (var address in replaced)
            RemoveHost(address, HostRemovalReason.Replaced);
    }

    /// <summary>
    /// The heartbeat's keys with names and common values from the table's pool (a name that no longer fits the pool
    /// is kept unshared, and counted). <c>statechanged</c> is left out: it says why this heartbeat was sent, not
    /// what the host is, and keeping it would make every state-change heartbeat look like a record change.
    /// </summary>
    private KeyValuePair<string, string>[] InternKeys(IReadOnlyList<KeyValuePair<string, string>> keys)
    {
        var interned = new KeyValuePair<string, string>[keys.Count];
        int count = 0;
        for (int i = 0; i < keys.Count; i++)
        {
            var (name, value) = keys[i];
            if (name == Qr2KeyNames.StateChanged)
                continue;
            string pooledName = _interner.InternName(name, out bool pooled);
            if (!pooled)
                _metrics.Increment(MatchmakingCounter.Qr2KeyNamesNotPooled);
            interned[count++] = new(pooledName, _interner.InternValue(pooledName, value));
        }
        if (count < interned.Length)
            Array.Resize(ref interned, count);
        return interned;
    }

    private static bool SameKeys(IReadOnlyList<KeyValuePair<string, string>> a, IReadOnlyList<KeyValuePair<string, string>> b)
    {
        if (a.Count != b.Count)
            return false;
        for (int i = 0; i < a.Count; i++)
        {
            if (!string.Equals(a[i].Key, b[i].Key, StringComparison.Ordinal) ||
                !string.Equals(a[i].Value, b[i].Value, StringComparison.Ordinal))
                return false;
        }
        return true;
    }
}
