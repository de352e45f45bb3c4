namespace Wiimmfi.Actors.Matchmaking;

// Client messages relayed to hosts for the server browser (SEND_MESSAGE → QR2 CLIENT_MESSAGE), with retries.
public sealed partial class MatchmakingTable
{
    private uint _nextMessageKey;

    private void OnRelayClientMessage(RelayClientMessage message)
    {
        _metrics.Increment(MatchmakingCounter.RelaysRequested);
        var kind = RelayedData.Classify(message.Data, out var header, out string? problem);
        if (kind == RelayedDataKind.Invalid)
        {
            RefuseRelay(message.Target, problem!);
            return;
        }
        long now = _clock.GetTimestamp();
        if (!IsListed(message.Target, now, out _, out var session))
        {
            RefuseRelay(message.Target, "no listed host at that address");
            return;
        }
        if (kind == RelayedDataKind.MatchCommand)
        {
            // The record names its sender's QR2 address: it must be a listed host of this game, behind the public IP
            // the request came from (no console may speak for another).
            var sender = new HostAddress(header.Qr2Ip, header.Qr2Port);
            if (!IsListed(sender, now, out _, out _) || sender.Ip != message.SenderIp)
            {
                RefuseRelay(message.Target, $"the match command's sender {sender} is not a listed host of the requesting IP");
                return;
            }
        }
        var relay = session.Relay ??= new RelayQueue();
        if (!relay.TryEnqueue(message.Data, _settings.RelayQueueLength))
        {
            RefuseRelay(message.Target, $"{relay.Waiting} client messages already wait for this host");
            return;
        }
        if (relay.InFlight is null)
            SendNextRelay(message.Target, session);
    }

    private void RefuseRelay(HostAddress target, string reason)
    {
        _metrics.Increment(MatchmakingCounter.RelaysRefused);
        MatchmakingLog.RelayRefused(Context.Logger, _gameName, target, reason);
    }

    /// <summary>Puts the host's next waiting message in flight, if any (and frees an empty queue).</summary>
    private void SendNextRelay(HostAddress address, HostSession session)
    {
        if (session.Relay is not { } relay)
            return;
        if (relay.StartNext(unchecked(++_nextMessageKey)) is null)
        {
            if (relay.IsEmpty)
                session.Relay = null;
            return;
        }
        SendInFlight(address, session, relay);
    }

    private void SendInFlight(HostAddress address, HostSession session, RelayQueue relay)
    {
        if (_state.Find(address) is not { } host)
            return;
        // The retry clock starts before the packet leaves, so an acknowledgement can never beat its own timer.
        Timers.StartSingleTimer(new RelayTimer(address), new RelayRetryDue(address, relay.MessageKey), _settings.RelayRetryInterval);
        session.Frontend.Tell(new Qr2SendClientMessage(address, host.InstanceKey, relay.MessageKey, relay.InFlight!), Self);
        _metrics.Increment(MatchmakingCounter.Qr2ClientMessagesSent);
    }

    private void OnRelayRetryDue(RelayRetryDue due)
    {
        if (!_sessions.TryGetValue(due.Address, out var session) || session.Relay is not { } relay)
            return;
        switch (relay.OnRetryDue(due.MessageKey, _settings.RelayMaxAttempts))
        {
            case RelayRetry.Resend:
                SendInFlight(due.Address, session, relay);
                break;
            case RelayRetry.GiveUp:
                _metrics.Increment(MatchmakingCounter.RelaysFailed);
                MatchmakingLog.RelayGivenUp(Context.Logger, _gameName, due.Address, _settings.RelayMaxAttempts);
                SendNextRelay(due.Address, session);
                break;
        }
    }

    private void DropRelays(HostAddress address, HostSession session)
    {
        if (session.Relay is not { } relay)
            return;
        int dropped = relay.DropAll();
        if (dropped > 0)
            _metrics.Add(MatchmakingCounter.RelaysFailed, dropped);
        session.Relay = null;
        Timers.Cancel(new RelayTimer(address));
    }

    /// <summary>Key of the retry timer of one host's message in flight.</summary>
    private sealed record RelayTimer(HostAddress Address);

    /// <summary>The retry timer of a relayed message fired.</summary>
    private sealed record RelayRetryDue(HostAddress Address, uint MessageKey);
}
